"""The numbers a 决算 form prints for its columns and rows: a '栏次' row under the header ('栏次 | | 1 | 2 |
3') and a '行次' column beside the labels (1, 2, 3 … down the rows). Neither holds figures: the sample with
them added reads as the sample (they were read as a line of figures, and as a column of amounts: 49 false
errors from the 栏次 rows alone)."""

from __future__ import annotations

import re
from pathlib import Path

from budget_graph.check.engine import check_filing
from budget_graph.read import read_file
from budget_graph.read.grid_rows import GridRow, TableGrid
from budget_graph.read.tables import build_table
from tests.conftest import SAMPLE, sample_lines
from tests.tables import reading, table

_FIGURE = re.compile(r"^-?[\d,]+\.\d+$")
_TITLE = re.compile(r"^(?:#+ )?表([一二三四五六七八九十]+)")


def _with_column_numbers() -> list[str]:
    """A '栏次' row above each table's first row of figures, numbering the columns from its first figure."""
    out, pending = [], False
    for line in sample_lines():
        pending = pending or bool(_TITLE.match(line.strip()))
        cells = line.split("\t")
        figures = [i for i, cell in enumerate(cells) if _FIGURE.match(cell.strip())]
        if pending and "\t" in line and figures:
            first = figures[0]
            out.append(
                "\t".join(["栏次", *[""] * (first - 1), *(str(k + 1) for k in range(len(cells) - first))])
            )
            pending = False
        out.append(line)
    return out


def _with_row_numbers() -> list[str]:
    """A '行次' column on each side of the 收支总表, after its labels, numbering its lines."""
    out, table_number, number = [], None, 0
    for line in sample_lines():
        if titled := _TITLE.match(line.strip()):
            table_number = titled.group(1)
        cells = line.split("\t")
        if table_number == "一" and len(cells) == 4:
            if "项" in cells[0]:
                captions = ("行次", "行次")
            elif any(_FIGURE.match(cell.strip()) for cell in cells):
                number += 1
                captions = (
                    str(number) if cells[0].strip() else "",
                    str(number + 40) if cells[2].strip() else "",
                )
            else:
                captions = ("", "")
            line = "\t".join([cells[0], captions[0], cells[1], cells[2], captions[1], cells[3]])
        out.append(line)
    return out


def _same_as_the_sample(lines: list[str], folder: Path) -> None:
    path = folder / "numbered.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    sample, numbered = read_file(SAMPLE), read_file(path)
    assert [reading(t) for t in numbered.tables] == [reading(t) for t in sample.tables]
    found = [
        sorted((f.rule, f.severity.value, f.expected) for f in check_filing(f).findings)
        for f in (sample, numbered)
    ]
    assert found[0] == found[1]


def test_a_row_numbering_the_columns_is_no_line_of_the_table(tmp_path: Path) -> None:
    lines = _with_column_numbers()
    assert sum(line.startswith("栏次") for line in lines) == 14
    _same_as_the_sample(lines, tmp_path)


def test_a_column_numbering_the_rows_holds_no_amounts(tmp_path: Path) -> None:
    lines = _with_row_numbers()
    assert sum("行次" in line for line in lines) == 1
    _same_as_the_sample(lines, tmp_path)


def _placed_rows(numbered: bool) -> list[GridRow]:
    """A ruled PDF's rows: its reader knows where the amounts start, after the 行次 column when printed."""

    def cells(*texts: str) -> list[str]:
        return list(texts) if numbered else [texts[0], texts[-1]]

    rows = [GridRow(None, cells("项目", "行次", "金额")), GridRow(None, cells("栏次", "", "1"))]
    lines = [("一般公共预算财政拨款收入", "10.00"), ("合计", "10.00")]
    start = 2 if numbered else 1
    rows += [
        GridRow(None, cells(label, str(k), amount), 1, amounts_from=start)
        for k, (label, amount) in enumerate(lines, 1)
    ]
    return rows


def test_a_placed_grid_leaves_out_its_row_numbers_and_keeps_where_its_amounts_start() -> None:
    read = []
    for numbered in (True, False):
        built = table(None, [], [])
        build_table(built, TableGrid(_placed_rows(numbered)), set())
        read.append([(row.label, {k: c.text for k, c in row.cells.items()}) for row in built.rows])
    assert (
        read[0]
        == read[1]
        == [("一般公共预算财政拨款收入", {"amount": "10.00"}), ("合计", {"amount": "10.00"})]
    )
