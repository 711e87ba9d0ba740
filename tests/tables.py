"""Small hand-built tables for the arithmetic checks' tests: one line per row, figures as printed."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from budget_graph.model import (
    Cell,
    Column,
    Filing,
    Kind,
    Location,
    Row,
    RowRole,
    Table,
    TableKind,
    Unit,
    parse_amount,
)

SOURCE = "test.md"


def table(
    kind: TableKind,
    columns: list[str | tuple[str, tuple[str, ...]]],
    rows: list[tuple],
    title: str = "表X：测试表",
    side: str | None = None,
) -> Table:
    """rows: (label, figures) or (label, figures, role) or (label, figures, role, code); figures by column
    order, '' for a blank cell. Row i stands on line 100 + i."""
    placed = [Column(c, c, ()) if isinstance(c, str) else Column(c[0], c[0], c[1]) for c in columns]
    for column in placed:
        column.side = side
    built = Table(kind, title, 1, Unit.WAN, Location(SOURCE, line=99, table=title), columns=placed)
    for index, spec in enumerate(rows):
        label, figures = spec[0], spec[1]
        role = spec[2] if len(spec) > 2 else RowRole.ITEM
        code = spec[3] if len(spec) > 3 else None
        name = f"{code} {label}".strip() if code else label
        row = Row(
            label, role, Location(SOURCE, line=100 + index, table=title, row=name), code=code, side=side
        )
        for column, text in zip(placed, figures, strict=True):
            row.cells[column.meaning] = Cell(parse_amount(text, Unit.WAN), text)
        built.rows.append(row)
    return built


def filing(*tables: Table, year: int = 2024) -> Filing:
    return Filing(sources=[SOURCE], unit="测试单位", year=year, kind=Kind.BUDGET, tables=list(tables))


UNIT, TOTAL, PERIOD, ITEM = RowRole.UNIT, RowRole.TOTAL, RowRole.PERIOD, RowRole.ITEM


def reading(read: Table) -> tuple:
    """What a reader made of a table, to compare two readings of it: title, columns' meanings, and every
    row's code, label, side and figures."""
    rows = sorted(
        (
            row.code or "",
            row.label,
            row.side or "",
            sorted((k, str(c.amount.value) if c.amount else c.text) for k, c in row.cells.items()),
        )
        for row in read.rows
    )
    return read.title, [column.meaning for column in read.columns], rows


def read_alike(read: Filing, original: Filing) -> list[bool]:
    """For each table of `original` that has rows, whether `read` read it alike: columns' meanings and every
    row (titles aside: a print reads the number over a title into it)."""
    return [
        reading(r)[1:] == reading(o)[1:] for r, o in zip(read.tables, original.tables, strict=True) if o.rows
    ]


def changes_unfound(page: str, figures: re.Pattern[str], path: Path, start: int = 0, end: int | None = None):
    """Each figure `figures` finds in `page[start:end]` (its group 1, printed with two decimals) raised by
    one, the page written to `path` and read: the matches whose change gives no error. The page as it is
    must give none, else every change would seem found."""
    from budget_graph.read import read_file

    path.write_text(page, encoding="utf-8")
    assert not error_findings([read_file(path)])
    missed = []
    for match in figures.finditer(page, start, len(page) if end is None else end):
        raised = float(match.group(1).replace(",", "")) + 1
        path.write_text(page[: match.start(1)] + f"{raised:,.2f}" + page[match.end(1) :], encoding="utf-8")
        if not error_findings([read_file(path)]):
            missed.append(match)
    return missed


def error_findings(filings: list[Filing]) -> Counter:
    """The errors the checks find in filings: (year, rule, expected, actual), counted."""
    from budget_graph.check.engine import check_filing

    return Counter(
        (filing.year, finding.rule, finding.expected, finding.actual)
        for filing in filings
        for finding in check_filing(filing).findings
        if finding.severity.value == "error"
    )


def filing_content(filing: Filing) -> tuple:
    """What the checks see of a filing read from a file: whose it is, its tables as read, its narrative and
    the figures it states, and what the reader said (the checks' findings follow from these). Spaces in
    the narrative are left out: where a gap between two glyphs counts as one depends on their boxes."""
    return (
        (filing.unit, filing.year, filing.kind, filing.level),
        [reading(table) for table in filing.tables],
        [
            (part.title, [_spaceless(paragraph.text) for paragraph in part.paragraphs])
            for part in filing.parts
        ],
        [(claim.subject, _spaceless(claim.text), claim.amount) for claim in filing.claims],
        sorted(diagnostic.message for diagnostic in filing.diagnostics),
    )


def _spaceless(text: str) -> str:
    return "".join(text.split())
