"""What every reader hands over for a table: its rows as cells, each with where it was printed.

Kept apart from tables.py, which builds a Table from them, so that the table-specific readers
(performance.py) take the same rows without importing the builder that calls them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from budget_graph.model import Box, Location


@dataclass
class GridRow:
    line: int | None  # 1-based line (text input)
    cells: list[str]
    page: int | None = None  # 1-based page (PDF input)
    # where the amount cells start, when the reader knows (ruled PDF grids: blank cells are real cells);
    # in a two-sided table, within each side
    amounts_from: int | None = None
    # the spreadsheet cell of each cell ('表3!D12', xlsx input), in step with `cells`
    places: list[str] | None = None
    boxes: list[Box | None] | None = None  # each cell's box on its page, when the reader knows it (PDF)
    excerpt: str | None = None  # the row as printed (text input: its line); else its cells joined

    def location(self, source: str, table: str) -> Location:
        excerpt = self.excerpt or "  ".join(c.strip() for c in self.cells if c.strip())
        return Location(
            source,
            line=self.line,
            page=self.page,
            table=table,
            cell=self.place(0),
            bbox=self.box,
            excerpt=excerpt,
        )

    def place(self, index: int) -> str | None:
        return self.places[index] if self.places and index < len(self.places) else None

    def places_from(self, cut: slice) -> list[str] | None:
        return self.places[cut] if self.places else None

    @property
    def box(self) -> Box | None:
        """The box around the row's printed cells."""
        return union(b for b, c in zip(self.boxes or (), self.cells, strict=False) if b and c.strip())

    def boxes_from(self, start: int) -> list[Box | None] | None:
        return self.boxes[start:] if self.boxes else None

    def part(self, cut: slice) -> GridRow:
        """One side of a two-sided row (its quoted line kept: text input quotes the whole line)."""
        return replace(
            self,
            cells=self.cells[cut],
            places=self.places_from(cut),
            boxes=self.boxes[cut] if self.boxes else None,
        )


def union(boxes: Iterable[Box]) -> Box | None:
    found = list(boxes)
    if not found:
        return None
    return (
        min(b[0] for b in found),
        min(b[1] for b in found),
        max(b[2] for b in found),
        max(b[3] for b in found),
    )


@dataclass
class TableGrid:
    rows: list[GridRow] = field(default_factory=list)
