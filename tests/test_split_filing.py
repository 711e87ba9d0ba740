"""A filing published as two PDFs (narrative, then tables) is checked as one: made here from each corpus PDF
that holds both, split at its first table page (skipped cleanly when ../shared/corpus is absent). The
tables file has no cover: it names its unit, year and kind in a heading or in its tables' titles."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from budget_graph.batch import validate_many
from budget_graph.read import read_file

WHOLE = "js-procuratorate/2017年省检察院部门预算.pdf"
# every corpus PDF holding narrative and tables, but the template (its placeholder excerpts are grouped
# by the pages around them, so a split page groups them otherwise)
WHOLES = [
    WHOLE,
    "js-procuratorate/2018年省检察院部门预算公开.pdf",
    "js-procuratorate/2019年度部门预算公开.pdf",
    "js-court/江苏省高级人民法院2019年度部门预算公开.pdf",
    "js-court/省法院2017年度部门预算公开.pdf",
    "js-court/省法院2018年度部门预算公开.pdf",  # tables titled '2018年度江苏省高级人民法院…表'
    "sh-putuo-caizhengju-2024-juesuan/上海市普陀区财政局2024年度部门决算.pdf",  # '第二部分…决算表'
    "sh-putuo-caizhengju-2025-yusuan/上海市普陀区财政局部门25年预算.pdf",
    "sh-putuo-wanli-jiedao-2023-yusuan/1770007475548-818404804.pdf",
    "sh-putuo-wanli-jiedao-2025-yusuan/上海市普陀区人民政府万里街道办事处25年预算.pdf",
    "sh-shi-caizhengju-2025-yusuan/上海市财政局25年预算.pdf",  # a unit's: tables titled '预算单位…表'
]


def _pages(source: Path, target: Path, pages: list[int]) -> Path:
    """A new PDF of these 0-based pages of `source`."""
    whole, part = pdfium.PdfDocument(source), pdfium.PdfDocument.new()
    try:
        part.import_pages(whole, pages)
        part.save(target)
    finally:
        part.close()
        whole.close()
    return target


def _errors(reports) -> set[tuple[str, str | None]]:
    return {(f.rule, f.actual) for r in reports for f in r.findings if f.severity.value == "error"}


def _split(corpus: Path, folder: Path, name: str) -> tuple[Path, list[Path]]:
    whole = corpus / name
    if not whole.exists():
        pytest.skip(f"{name} is not in the corpus")
    filing = read_file(whole)
    first = min(table.location.page for table in filing.tables) - 1  # 0-based page of the first table
    count = len(pdfium.PdfDocument(whole))
    narrative = _pages(whole, folder / "说明.pdf", list(range(first)))
    tables = _pages(whole, folder / "公开表.pdf", list(range(first, count)))
    return whole, [narrative, tables]


@pytest.fixture(scope="module")
def split(corpus: Path, tmp_path_factory) -> tuple[Path, list[Path]]:
    return _split(corpus, tmp_path_factory.mktemp("split"), WHOLE)


@pytest.mark.parametrize("name", WHOLES)
def test_the_two_halves_form_one_filing_with_the_errors_of_the_whole(
    corpus: Path, tmp_path: Path, name: str
) -> None:
    whole, halves = _split(corpus, tmp_path, name)
    (together,), unchecked = validate_many([str(p) for p in halves], workers=1)
    (alone,), _ = validate_many([str(whole)], workers=1)
    assert unchecked == []
    assert len(together.filing.sources) == 2 and together.filing.tables and together.filing.parts
    assert _errors([together]) == _errors([alone])
    named = (alone.filing.unit, alone.filing.year, alone.filing.kind, alone.filing.level)
    assert all((f.unit, f.year, f.kind, f.level) == named for f in map(read_file, halves))


def test_the_narrative_alone_misses_its_tables_as_a_warning_not_an_error(split) -> None:
    _, (narrative, _) = split
    (report,), _ = validate_many([str(narrative)], workers=1)
    missing = [f for f in report.findings if f.rule == "BG-C001"]
    assert missing and all(f.severity.value == "warning" for f in missing)
    assert all("另文发布" in f.message for f in missing)


def test_performance_forms_published_as_a_file_of_their_own_join_their_filing(
    corpus: Path, tmp_path: Path
) -> None:
    # Shanghai prints each project's performance form after the tables; a district may publish them as
    # an attachment of their own, naming neither the unit nor 预算
    name = "sh-putuo-wanli-jiedao-2023-yusuan/1770007475548-818404804.pdf"
    if not (whole := corpus / name).exists():
        pytest.skip(f"{name} is not in the corpus")
    filing = read_file(whole)
    first = min(t.location.page for t in filing.tables if "绩效目标" in t.title) - 1
    count = len(pdfium.PdfDocument(whole))
    _pages(whole, tmp_path / "2023年部门预算.pdf", list(range(first)))
    forms = _pages(whole, tmp_path / "2023年项目绩效目标.pdf", list(range(first, count)))
    (together,), unchecked = validate_many([str(tmp_path)], workers=1)
    (alone,), _ = validate_many([str(whole)], workers=1)
    assert unchecked == [] and len(together.filing.sources) == 2
    assert len(together.filing.indicators) == len(alone.filing.indicators) > 0
    assert _errors([together]) == _errors([alone])
    (forms_only,), _ = validate_many([str(forms)], workers=1)
    missing = [f for f in forms_only.findings if f.rule == "BG-C001"]
    assert not _errors([forms_only]) and missing and all("绩效目标表" in f.message for f in missing)


def test_two_file_filings_under_neutral_names_in_one_folder_pair_by_what_they_print(
    corpus: Path, tmp_path: Path
) -> None:
    # Jiangsu's narratives and tables of two units and three years, saved as 1.pdf … 12.pdf in one folder
    # (an officer's downloads): each narrative finds its tables, one without a cover (its unit only in its
    # file name, js-cppcc 2019) by the figures it states
    originals = sorted(
        p for folder in ("js-cppcc", "js-party-office") for p in (corpus / folder).glob("*.pdf")
    )
    if len(originals) != 12:
        pytest.skip("the Jiangsu two-file filings are not in the corpus")
    for number, original in enumerate(originals[::-1], 1):  # reversed: no order of the names to lean on
        shutil.copy(original, tmp_path / f"{number}.pdf")
    reports, unchecked = validate_many([str(tmp_path)], workers=1)
    by_name, _ = validate_many([str(p) for p in originals], workers=1)
    assert unchecked == [] and len(reports) == 6
    assert all(len(report.filing.sources) == 2 for report in reports)
    assert _errors(reports) == _errors(by_name)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext absent")
def test_tables_printing_no_year_take_their_narratives(split, tmp_path: Path) -> None:
    # the halves as text under neutral names, the tables file printing no year (titled '部门收支总表' as
    # many are; here the parts after the tables too): read, paired and checked with the narrative
    whole, halves = split
    texts = []
    for number, half in enumerate(halves, 1):
        target = tmp_path / f"{number}.txt"
        subprocess.run(["pdftotext", "-layout", str(half), str(target)], check=True, capture_output=True)
        texts.append(target)
    lines = texts[1].read_text(encoding="utf-8").split("\n")  # headings and titles without their year
    undated = [re.sub(r"20\d\d\s*年度?", "", line) if re.search("表|部分", line) else line for line in lines]
    texts[1].write_text("\n".join(undated), encoding="utf-8")
    (together,), unchecked = validate_many([str(tmp_path)], workers=1)
    assert unchecked == [] and together.filing.year == 2017 and len(together.filing.sources) == 2
    subprocess.run(["pdftotext", "-layout", str(whole), str(tmp_path / "whole.txt")], check=True)
    (alone,), _ = validate_many([str(tmp_path / "whole.txt")], workers=1)
    assert _errors([together]) == _errors([alone])
    reports, (refused,) = validate_many([str(texts[1])], workers=1)
    assert reports == [] and "not a budget filing" in refused.error


def _table_files(corpus: Path, folder: Path, name: str) -> tuple[Path, list[Path]]:
    """The filing as a narrative and a file per table (附件1.pdf …), tables sharing a page kept together."""
    whole = corpus / name
    if not whole.exists():
        pytest.skip(f"{name} is not in the corpus")
    filing = read_file(whole)
    spans = sorted(
        (t.location.page - 1, max([t.location.page, *(r.location.page or 0 for r in t.rows)]) - 1)
        for t in filing.tables
    )
    starts, end = [], -1
    for first, last in spans:
        if first > end:
            starts.append(first)
        end = max(end, last)
    count = len(pdfium.PdfDocument(whole))
    files = [_pages(whole, folder / "说明.pdf", list(range(starts[0])))]
    for number, (first, after) in enumerate(zip(starts, [*starts[1:], count], strict=True), 1):
        files.append(_pages(whole, folder / f"附件{number}.pdf", list(range(first, after))))
    return whole, files


@pytest.mark.parametrize(
    "name",
    [
        "js-court/江苏省高级人民法院2019年度部门预算公开.pdf",  # tables titled without unit or year
        "js-procuratorate/2019年度部门预算公开.pdf",
        "sh-putuo-caizhengju-2024-juesuan/上海市普陀区财政局2024年度部门决算.pdf",
    ],
)
def test_tables_published_a_file_each_join_their_narrative(corpus: Path, tmp_path: Path, name: str) -> None:
    # most tables files print neither the unit (a filer line at most) nor the year: read, each joins the
    # one filing of its folder that names them; before, 7 of 9 were refused and the rest checked apart
    whole, files = _table_files(corpus, tmp_path, name)
    assert len(files) >= 9
    (together,), unchecked = validate_many([str(tmp_path)], workers=1)
    (alone,), _ = validate_many([str(whole)], workers=1)
    assert unchecked == [] and len(together.filing.sources) == len(files)
    assert _errors([together]) <= _errors([alone])
