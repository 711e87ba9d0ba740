"""`validate --format html`: the officer's report, and the boxes and quotes (bbox, excerpt) it rests on."""

from __future__ import annotations

import base64
import json
import re
import struct

import pytest
from click.testing import CliRunner

from budget_graph.check.rules import Finding, Severity
from budget_graph.cli import main
from budget_graph.model import Location, Paragraph
from budget_graph.report.html import _figures_named, _marked
from budget_graph.report.page_images import SCALE, page_images

WANLI = "sh-putuo-wanli-jiedao-2023-yusuan"
_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*https?://""", re.I)


def _validate(*args: str) -> int:
    return CliRunner().invoke(main, ["validate", *args]).exit_code


def _reports(paths: list[str], folder) -> tuple[dict, str]:
    _validate(*paths, "--format", "json", "-o", str(folder / "r.json"))
    _validate(*paths, "--format", "html", "-o", str(folder / "r.html"))
    return json.loads((folder / "r.json").read_text("utf-8")), (folder / "r.html").read_text("utf-8")


@pytest.fixture(scope="module")
def sample_reports(sample_path, tmp_path_factory) -> tuple[dict, str]:
    return _reports([str(sample_path)], tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def wanli_reports(corpus, tmp_path_factory) -> tuple[dict, str, int]:
    pdfs = sorted(str(p) for p in (corpus / WANLI).glob("*.pdf"))
    if not pdfs:
        pytest.skip(f"{WANLI} is absent")
    folder = tmp_path_factory.mktemp("wanli")
    report, html = _reports(pdfs, folder)
    return report, html, (folder / "r.html").stat().st_size


def _findings(report: dict, severity: str | None = None) -> list[dict]:
    return [
        f for filing in report["filings"] for f in filing["findings"] if severity in (None, f["severity"])
    ]


# --- where each figure is: bbox and excerpt in the JSON report ---


def test_text_findings_quote_their_lines(sample_reports, sample_path) -> None:
    report, _ = sample_reports
    lines = sample_path.read_text("utf-8").splitlines()
    places = [place for f in _findings(report) for place in f["locations"] if place["line"]]
    assert places
    for place in places:
        assert place["excerpt"] == lines[place["line"] - 1].strip()
        assert place["bbox"] is None  # text input has no page to box a figure on
    assert report["filings"][0]["pages"] == []


def test_pdf_findings_box_their_figures(wanli_reports) -> None:
    report, _, _ = wanli_reports
    sizes = {(p["source"], p["page"]): (p["width"], p["height"]) for p in report["filings"][0]["pages"]}
    places = [place for f in _findings(report) for place in f["locations"]]
    assert places
    for place in places:
        width, height = sizes[(place["source"], place["page"])]
        x0, y0, x1, y1 = place["bbox"]
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
        assert place["excerpt"]
    cells = [p for p in places if p["column"]]
    assert cells and all(p["bbox"][2] - p["bbox"][0] < 100 for p in cells)  # a cell's figure, not its row


def test_a_narrative_figure_quotes_its_sentence(wanli_reports) -> None:
    report, _, _ = wanli_reports
    [y003] = [f for f in _findings(report) if f["rule"] == "BG-Y003"]
    assert y003["locations"][0]["excerpt"] == "政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元；"


def test_box_and_quote_are_not_part_of_a_places_identity() -> None:
    plain = Location("a.pdf", page=3, table="t", row="r", column="c")
    shown = plain.at(bbox=(1.0, 2.0, 3.0, 4.0), excerpt="1,234.00")
    assert shown == plain and hash(shown) == hash(plain)
    assert shown.bbox == (1.0, 2.0, 3.0, 4.0) and plain.bbox is None
    assert shown != plain.at(page=4)


def test_sentence_at_an_offset() -> None:
    paragraph = Paragraph("收入100万元，增加5%。支出90万元；减少2%。其他", Location("a.md", line=1))
    assert paragraph.sentence_at(paragraph.text.index("支出")) == "支出90万元；"
    assert paragraph.sentence_at(paragraph.text.index("减少")) == "减少2%。"
    assert paragraph.sentence_at(paragraph.text.index("其他")) == "其他"
    assert paragraph.sentence_at(0) == "收入100万元，增加5%。"


# --- the HTML report ---


def test_the_sample_report_shows_every_error_with_its_lines_marked(sample_reports) -> None:
    report, html = sample_reports
    errors = _findings(report, "error")
    assert errors
    for finding in errors:
        assert finding["rule"] in html and finding["message"].split("：")[0] in html
        for place in finding["locations"]:
            item = re.search(rf'<li value="\d+" data-line="{place["line"]}">(.*?)</li>', html, re.S)
            assert item and "<mark>" in item.group(1)
    assert "<details" in html and "<image " not in html  # infos folded; no page image for text input
    assert html.index('class="group error"') < html.index('class="group info"')


def test_no_external_reference(sample_reports) -> None:
    _, html = sample_reports
    assert not _EXTERNAL.search(html)
    assert _EXTERNAL.search('<img src="https://example.org/x.png">')  # the check itself can fail


def test_the_pdf_report_boxes_each_figure_on_its_page(wanli_reports) -> None:
    report, html, size = wanli_reports
    assert size < 5_000_000
    assert not _EXTERNAL.search(html)
    cited = {(p["source"], p["page"]) for f in _findings(report) for p in f["locations"]}
    assert html.count("<image ") == len(cited)  # each cited page drawn once
    assert html.count("<use ") >= len(cited)
    boxed = {",".join(str(round(v, 2)) for v in p["bbox"]) for f in _findings(report) for p in f["locations"]}
    shown = set(re.findall(r'data-box="([^"]+)"', html))
    assert shown == {_same_floats(b) for b in boxed}
    for finding in _findings(report, "error"):
        assert finding["message"] in html


def _same_floats(box: str) -> str:
    return ",".join(str(float(v)) for v in box.split(","))


def test_figures_named_by_a_finding_are_marked_and_no_others() -> None:
    named = Finding(
        "BG-Y001", Severity.ERROR, "减少6.06万元，下降66.6%，基数30,421.36万元", "", (), "下降0.02%"
    )
    finding_words = _figures_named([named])
    pieces = _marked("较 2023 年预算减少 6.06 万元，下降 66.6 %，基数 30421.36，另 7.00 万元", finding_words)
    assert [text for text, marked in pieces if marked] == ["6.06", "66.6 %", "30421.36"]
    assert _marked("2023年收入7.00万元", finding_words) == [("2023年收入7.00万元", False)]


def test_page_images_are_png_at_the_report_scale(corpus) -> None:
    pdfs = sorted((corpus / WANLI).glob("*.pdf"))
    if not pdfs:
        pytest.skip(f"{WANLI} is absent")
    images = page_images(str(pdfs[0]), {6, 999})
    assert set(images) == {6}  # a page the file does not have is not drawn
    png = base64.b64decode(images[6].uri.removeprefix("data:image/png;base64,"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (images[6].width, images[6].height)
    assert abs(width - 841.85 * SCALE) < 2 and abs(height - 595.25 * SCALE) < 2


def test_page_images_of_a_missing_file_are_none(tmp_path) -> None:
    assert page_images(str(tmp_path / "gone.pdf"), {1}) == {}


def test_findings_about_one_figure_are_one_group(wanli_reports) -> None:
    _, html, _ = wanli_reports
    articles = re.findall(r'<article class="group error">(.*?)</article>', html, re.S)
    [both] = [a for a in articles if "BG-N008" in a]
    assert "BG-Y001" in both  # the same sentence on p.7 breaks two rules
    # two figures on one page (p.6) are two groups, though their places differ only in their boxes
    assert not any("BG-Y003" in a and "BG-Y001" in a for a in articles)


def test_a_filing_of_two_files_names_the_file_of_each_place() -> None:
    from budget_graph.check.engine import FilingReport
    from budget_graph.model import Filing, Kind
    from budget_graph.report.html import render

    narrative, tables = "/data/某局2024年部门预算说明.pdf", "/data/某局2024年部门预算表.pdf"
    places = (Location(narrative, page=8), Location(tables, page=3, table="收支预算总表"))
    finding = Finding("BG-Y001", Severity.ERROR, "变动率不符", "the percentage disagrees", places)
    filing = Filing(sources=[narrative, tables], unit="某局", year=2024, kind=Kind.BUDGET)
    page = render([FilingReport(filing, [finding])])
    assert '<span class="where">某局2024年部门预算说明.pdf 第8页 p.8</span>' in page
    assert '<span class="where">某局2024年部门预算表.pdf 第3页 p.3 · 收支预算总表</span>' in page
    alone = render([FilingReport(Filing([tables], "某局", 2024, Kind.BUDGET), [finding])])
    assert '<span class="where">第3页 p.3 · 收支预算总表</span>' in alone
