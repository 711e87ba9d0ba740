"""The national code lists as plain dicts, built from the bundled source tables (and imported editions).

The Turtle in ontology/codes/ is generated from the same tables (budget_graph.codes.turtle); lookups never
parse Turtle. Building the whole index takes a few milliseconds; the procurement catalogue loads on first use.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from budget_graph.codes.names import normalise
from budget_graph.resources import resource_dir

FIRST_EDITION = 2017  # the earliest edition modelled; an open `since` means "in force by then"

# scheme key -> (source table, Chinese title, English title)
SCHEMES: dict[str, tuple[str, str, str]] = {
    "functional": ("functional.tsv", "支出功能分类科目", "functional classification of expenditure"),
    "economic": ("economic.tsv", "部门预算支出经济分类科目", "departmental economic classification"),
    "government-economic": (
        "government-economic.tsv",
        "政府预算支出经济分类科目",
        "government economic classification",
    ),
    "procurement": ("procurement-2022.csv", "政府采购品目分类目录", "procurement catalogue"),
}
LEVELS = {  # level names by level number (procurement counts from 0, its 货物/工程/服务 roots)
    "functional": ("", "类", "款", "项"),
    "economic": ("", "类", "款"),
    "government-economic": ("", "类", "款"),
    "procurement": ("门类", "一级品目", "二级品目", "三级品目", "四级品目"),
}
PROCUREMENT_EDITION = 2022


@dataclass(frozen=True)
class Concept:
    """One code with one name over the editions [since, until] (None: open)."""

    scheme: str
    code: str
    name: str
    since: int | None
    until: int | None
    source: str  # the official document edition, e.g. 财政部《2024年政府收支分类科目》
    parent: str | None = None
    level: int = 1
    description: str = ""
    imported: bool = False
    name_en: str = ""

    @property
    def edition(self) -> int:
        """The first edition of this code-and-name version within the modelled range (the IRI's year)."""
        return self.since or (PROCUREMENT_EDITION if self.scheme == "procurement" else FIRST_EDITION)

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.since is None or self.since <= year) and (self.until is None or year <= self.until)

    @property
    def level_name(self) -> str:
        names = LEVELS[self.scheme]
        return names[self.level] if self.level < len(names) else f"level {self.level}"


@dataclass(frozen=True)
class Coverage:
    scheme: str
    branch: str  # '-' for the list of top-level codes
    since: int | None
    until: int | None
    complete: bool
    note: str

    def applies(self, year: int | None) -> bool:
        return year is not None and (self.since or 0) <= year <= (self.until or 9999)


@dataclass
class SchemeIndex:
    scheme: str
    by_code: dict[str, list[Concept]] = field(default_factory=dict)
    coverage: list[Coverage] = field(default_factory=list)
    replaced_years: set[int] = field(default_factory=set)  # years whose edition an import replaced whole

    def add(self, concept: Concept) -> None:
        self.by_code.setdefault(concept.code, []).append(concept)

    def concepts(self) -> Iterator[Concept]:
        for versions in self.by_code.values():
            yield from versions

    def versions(self, code: str) -> list[Concept]:
        return self.by_code.get(code, [])

    def lookup(self, code: str, year: int | None = None) -> Concept | None:
        """The version of `code` in force in `year` (the latest one when no year is given)."""
        versions = self.versions(code)
        if year in self.replaced_years:
            versions = [v for v in versions if v.imported]
        in_force = [v for v in versions if v.valid_in(year)]
        if not in_force:
            return None
        return max(in_force, key=lambda v: (v.imported, v.since or 0))

    @cached_property
    def current_names(self) -> dict[str, frozenset[str]]:
        """Every edition's name of a code (normalised) → the current names of the codes that bore it."""
        found: dict[str, set[str]] = {}
        for code, versions in self.by_code.items():
            latest = self.lookup(code)
            for version in versions if latest else ():
                found.setdefault(normalise(version.name), set()).add(normalise(latest.name))
        return {name: frozenset(current) for name, current in found.items()}

    @cached_property
    def codes_named(self) -> dict[str, frozenset[str]]:
        """Every edition's name (normalised) → the codes that bore it."""
        found: dict[str, set[str]] = {}
        for concept in self.concepts():
            found.setdefault(normalise(concept.name), set()).add(concept.code)
        return {name: frozenset(codes) for name, codes in found.items()}

    def children(self, code: str, year: int | None = None) -> list[Concept]:
        found = {}
        for concept in self.concepts():
            if concept.parent == code and concept.valid_in(year):
                found[concept.code] = self.lookup(concept.code, year) or concept
        return [found[c] for c in sorted(found)]

    def is_complete(self, branch: str, year: int | None) -> tuple[bool, Coverage | None]:
        """Does the bundled list hold every child of `branch` ('-': every top-level code) in `year`?"""
        if year in self.replaced_years:
            return True, None
        for coverage in self.coverage:
            if coverage.branch == branch and coverage.applies(year):
                return coverage.complete, coverage
        return False, None


def parent_code(scheme: str, code: str) -> str | None:
    """The parent by the code's shape: 2011308 → 20113 → 201 (procurement parents come from the catalogue)."""
    if scheme == "procurement":
        return None
    return code[:-2] if len(code) > 3 else None


def level_of(scheme: str, code: str) -> int:
    return {3: 1, 5: 2, 7: 3}.get(len(code), 0)


def scheme_of(code: str) -> str | None:
    """The scheme a printed code belongs to, by its shape; None when it fits none."""
    if not code:
        return None
    if code[0] in "ABC" and (len(code) == 1 or (len(code) == 9 and code[1:].isdigit())):
        return "procurement"
    if not code.isdigit() or len(code) not in (3, 5, 7):
        return None
    if code[0] == "2":
        return "functional"
    if code[0] == "3" and len(code) < 7:
        return "economic"
    if code[0] == "5" and len(code) < 7:
        return "government-economic"
    return None


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        delimiter = "\t" if path.suffix == ".tsv" else ","
        yield from csv.DictReader(lines, delimiter=delimiter)


def _year(text: str | None) -> int | None:
    return int(text) if text and text.strip() else None


def _source(scheme: str, year: str) -> str:
    if scheme == "procurement":
        return "财政部《政府采购品目分类目录》（2022年印发）"
    return f"财政部《{year}年政府收支分类科目》"


def concept_from_row(scheme: str, row: dict[str, str], imported: bool = False) -> Concept:
    code = row["code"].strip()
    if scheme == "procurement":
        return Concept(
            scheme,
            code,
            row["name"].strip(),
            None,
            None,
            _source(scheme, ""),
            parent=row.get("parent") or None,
            level=int(row.get("level") or 0),
            description=row.get("description", "").strip(),
        )
    return Concept(
        scheme,
        code,
        row["name"].strip(),
        _year(row.get("since")),
        _year(row.get("until")),
        row.get("source_text") or _source(scheme, row.get("source", "")),
        parent=parent_code(scheme, code),
        level=level_of(scheme, code),
        imported=imported,
        name_en=(row.get("name_en") or "").strip(),
    )


def source_dir() -> Path:
    return resource_dir("ontology") / "codes" / "src"


def imported_dir() -> Path:
    """Where `budget-graph codes import` keeps editions: $BUDGET_GRAPH_CODES, else the user's data folder."""
    configured = os.environ.get("BUDGET_GRAPH_CODES")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "budget-graph" / "codes"


def bundled_index(scheme: str) -> SchemeIndex:
    """The list as the project ships it (what ontology/codes/*.ttl is generated from)."""
    if scheme not in SCHEMES:
        raise KeyError(scheme)
    index = SchemeIndex(scheme)
    for row in read_rows(source_dir() / SCHEMES[scheme][0]):
        index.add(concept_from_row(scheme, row))
    index.coverage = [c for c in _coverage() if c.scheme == scheme]
    return index


@cache
def scheme_index(scheme: str) -> SchemeIndex:
    """The bundled list with the user's imported editions: what lookups and checks use."""
    index = bundled_index(scheme)
    _add_imported(index)
    return index


def _coverage() -> list[Coverage]:
    return [
        Coverage(
            row["scheme"],
            row["branch"],
            _year(row["since"]),
            _year(row["until"]),
            row["completeness"] == "complete",
            row["note"],
        )
        for row in read_rows(source_dir() / "coverage.tsv")
    ]


def _add_imported(index: SchemeIndex) -> None:
    """Imported editions (<scheme>-<year>[-replace].tsv, written by `codes import`) join the bundled lists."""
    folder = imported_dir()
    if not folder.is_dir():
        return
    for path in sorted(folder.glob(f"{index.scheme}-*.tsv")):
        year = int(path.stem.split("-")[-2 if path.stem.endswith("-replace") else -1])
        if path.stem.endswith("-replace"):
            index.replaced_years.add(year)
        for row in read_rows(path):
            row = {**row, "since": str(year), "until": str(year)}
            index.add(concept_from_row(index.scheme, row, imported=True))


def clear_cache() -> None:
    scheme_index.cache_clear()
