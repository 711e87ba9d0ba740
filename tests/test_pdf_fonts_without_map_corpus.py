"""A font whose map to Unicode is lost (a CID font exported without one, a map a rewriting tool dropped):
pdfium reads its glyphs by their numbers, as control characters, rare Han characters or letters of other
scripts. Each font of a Shanghai 预算, a Shanghai 决算 and a Jiangsu 预算 loses its map in turn (the map's key
renamed in the file's bytes); the file must be refused as garbled, or read with no error its original
does not have, every table that reads otherwise in doubt (skipped cleanly when ../shared/corpus is
absent). docs/unseen-filings.md gives the sweep of every corpus PDF's fonts."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from budget_graph.errors import InputError
from budget_graph.read import group_filings, read_file
from tests.conftest import CORPUS
from tests.tables import error_findings, reading

FILES = (
    "sh-putuo-caizhengju-2025-yusuan/上海市普陀区财政局部门25年预算.pdf",
    "sh-putuo-caizhengju-2024-juesuan/上海市普陀区财政局2024年度部门决算.pdf",
    "js-procuratorate/2019年度部门预算公开.pdf",
)
_MAP = b"/ToUnicode"


def _fonts(name: str) -> list[tuple[str, int]]:
    path = CORPUS / name
    maps = len(re.findall(re.escape(_MAP), path.read_bytes())) if path.is_file() else 0
    return [(name, index) for index in range(maps)]


CASES = [case for name in FILES for case in _fonts(name)]


def _without_map(source: Path, target: Path, index: int) -> Path:
    data = source.read_bytes()
    at = [m.start() for m in re.finditer(re.escape(_MAP), data)][index]
    target.write_bytes(data[:at] + b"/ToUnicodX" + data[at + len(_MAP) :])  # same length: offsets hold
    return target


@cache
def _original(name: str) -> tuple[Counter, dict]:
    filing = read_file(CORPUS / name)
    return error_findings(group_filings([filing])), {table.title: reading(table) for table in filing.tables}


@pytest.mark.parametrize(("name", "font"), CASES)
def test_a_font_without_its_map_raises_no_false_error(
    corpus: Path, tmp_path: Path, name: str, font: int
) -> None:
    errors, as_printed = _original(name)
    try:
        broken = read_file(_without_map(corpus / name, tmp_path / Path(name).name, font))
    except InputError as refused:
        assert "garbled" in str(refused)
        return
    assert not error_findings(group_filings([broken])) - errors
    misread = [t.title for t in broken.tables if as_printed.get(t.title) != reading(t) and not t.doubts]
    assert not misread
