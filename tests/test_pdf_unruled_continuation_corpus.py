"""Two forms at once: a corpus table printed without ruling lines (tests/without_rules.py) and cut over
two pages (tests/cut_pages.py), where a page may hold a single row for the alignment to go by. The cut
file finds no error the uncut file printed without rules does not (skipped cleanly when
../shared/corpus is absent). What the cut still reads otherwise (a page of one row whose columns the next
page's are not matched to: said unread, the table in doubt) is in docs/unseen-filings.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.read import read_file
from tests.tables import error_findings
from tests.test_pdf_continuation_corpus import PDFS, cut_longest
from tests.without_rules import without_rules

# the cuts that gave false errors before the reader was mended: a row alone on its page
CASES = [
    ("last row alone", "title-and-header"),
    ("first row alone", "nothing"),
    ("middle", "title-and-header"),
]


@pytest.mark.parametrize(("where", "again"), CASES)
@pytest.mark.parametrize("name", PDFS)
def test_an_unruled_table_cut_over_two_pages_finds_no_new_error(
    corpus: Path, tmp_path: Path, name: str, where: str, again: str
) -> None:
    path = corpus / name
    bare = without_rules(path, tmp_path / f"bare-{path.name}")
    # the cut is placed by the ruled file's rows: the text stands alike in both
    _, cut = cut_longest(path, read_file(path), bare, tmp_path / path.name, where, again)
    assert not error_findings([read_file(cut)]) - error_findings([read_file(bare)])
