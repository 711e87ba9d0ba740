"""The Word (.docx) reader: the bundled sample written as a Word document, merged cells, pairing with a
tables file, and documents it must refuse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing
from budget_graph.errors import InputError
from budget_graph.model import TableKind
from budget_graph.read import find_sources, read_file, read_paths
from budget_graph.read.docx import docx_html
from budget_graph.read.word_numbering import Numbering, _Level
from tests.conftest import ROOT, SAMPLE, sample_lines
from tests.tables import reading
from tests.test_text_forms import as_html_page
from tests.word_documents import (
    PARTS,
    as_blocks,
    as_numbered_blocks,
    document_xml,
    paragraph,
    write_docx,
    write_docx_bytes,
)

ENCRYPTED = Path(__file__).parent / "data" / "word" / "加密.docx"


def _claims(filing) -> list[tuple]:
    return [(c.subject, c.text, c.amount, c.location.line) for c in filing.claims]


def _findings(report) -> list[tuple]:
    """Each finding's rule, severity and figures, and the lines it cites."""
    return sorted(
        (f.rule, f.severity.value, f.message, tuple(place.line for place in f.locations))
        for f in report.findings
    )


def test_the_sample_as_a_word_document_gives_the_samples_findings_at_the_same_lines(tmp_path: Path) -> None:
    """Each line of the sample a paragraph, each run of tab-separated rows a Word table: a finding's line
    is the paragraph's number, a table row counting as one, so it is the sample's line."""
    document = write_docx(tmp_path / "罗湖.docx", as_blocks(list(sample_lines())))
    sample, word = read_file(SAMPLE), read_file(document)
    assert [reading(t) for t in word.tables] == [reading(t) for t in sample.tables]
    assert (word.unit, word.year, word.kind, len(word.parts)) == (
        sample.unit,
        sample.year,
        sample.kind,
        len(sample.parts),
    )
    assert _claims(word) == _claims(sample)
    findings = _findings(check_filing(word))
    assert any(severity == "error" for _, severity, _, _ in findings)
    assert findings == _findings(check_filing(sample))


_HEADER = [
    ["2024年部门收入预算总表"],
    ["编制部门：上海市普陀区测试局", "单位：万元"],
]
_TABLE = [
    [("功能分类科目编码", 1, "restart"), ("功能分类科目名称", 1, "restart"), ("收入预算", 3, "")],
    [("", 1, "continue"), ("", 1, "continue"), "合计", "财政拨款收入", "事业收入"],
    ["", "合计", "100.5", "90.5", "10"],
    ["201", "一般公共服务支出", "100.5", "90.5", "10"],
]


def test_merged_cells_keep_their_spans(tmp_path: Path) -> None:
    """A header merged down (vMerge) over the group's labels, and the group merged across (gridSpan)."""
    blocks = [*(line[0] if len(line) == 1 else "    ".join(line) for line in _HEADER), _TABLE]
    document = write_docx(tmp_path / "表.docx", blocks)
    page = docx_html(document.read_bytes(), "表.docx").split("\n")
    assert page[2] == (
        '<table><tr><td colspan="1" rowspan="2">功能分类科目编码</td><td colspan="1" rowspan="2">功能分类科目名称'
        '</td><td colspan="3" rowspan="1">收入预算</td></tr>'
    )
    assert page[3].count("<td") == 3  # the cells continuing the merges are no cells of their own
    filing = read_file(document)
    [table] = filing.tables
    assert table.kind is TableKind.IncomeSummary
    assert [c.meaning for c in table.columns] == ["total", "appropriation", "service_revenue"]
    assert table.columns[0].label == "收入预算/合计"
    assert [(r.code, r.label) for r in table.rows] == [(None, "合计"), ("201", "一般公共服务支出")]


def test_a_narrative_in_word_and_its_tables_beside_it_are_one_filing(tmp_path: Path) -> None:
    """The sample's narrative as a Word document, its tables as the text they were converted to."""
    lines = list(sample_lines())
    tables_part = next(i for i, line in enumerate(lines) if line.startswith("## 表一"))
    write_docx(tmp_path / "说明.docx", as_blocks(lines[:tables_part]))
    title = next(line for line in lines if line.startswith("# "))
    (tmp_path / "表格.md").write_text("\n".join([title, *lines[tables_part:]]), encoding="utf-8")
    assert sorted(p.suffix for p in find_sources([str(tmp_path)])) == [".docx", ".md"]
    [filing] = read_paths([str(tmp_path)])
    assert len(filing.sources) == 2 and filing.parts and filing.tables
    errors = {(f.rule, f.message) for f in check_filing(filing).findings if f.severity.value == "error"}
    assert errors == {
        (f.rule, f.message) for f in check_filing(read_file(SAMPLE)).findings if f.severity.value == "error"
    }


def _validate(path: Path, **environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "budget_graph", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=path.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT), **environment},
        timeout=120,
    )


def _zip(path: Path, parts: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    "<w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
)  # an entity of a billion characters, were it expanded: Word writes no DTD, and lxml refuses it


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b""), "file is empty"),
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a document"), "not a readable Word document"),
        (lambda p: _zip(p, {"word/other.xml": "<x/>"}), "not a readable Word document"),
        (lambda p: _zip(p, {"word/document.xml": "<w:document"}), "not a readable Word document"),
        (
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)),
            "old Word document (.doc)",
        ),
        (lambda p: p.write_bytes(b"{\\rtf1\\ansi 2024\\par}"), "a RTF document cannot be read"),
        (
            lambda p: p.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related"),
            "a MHTML document",
        ),
        (lambda p: p.write_bytes(ENCRYPTED.read_bytes()), "the Word document is encrypted"),
        (lambda p: write_docx(p, [""]), "the Word document holds no text"),
        (lambda p: write_docx(p, ["会议通知", "请各单位于周五前报送材料。"]), "not a budget filing"),
        (lambda p: _zip(p, {"word/document.xml": _LAUGHS}), "not a readable Word document"),
    ],
    ids=[
        "empty",
        "no zip",
        "no body",
        "cut XML",
        "a .doc",
        "RTF",
        "MHTML",
        "encrypted",
        "no text",
        "no filing",
        "entities",
    ],
)
@pytest.mark.parametrize("suffix", [".docx", ".doc"])
def test_a_document_it_cannot_read_is_refused_in_one_line(
    tmp_path: Path, make, words: str, suffix: str
) -> None:
    make(tmp_path / f"坏{suffix}")
    result = _validate(tmp_path / f"坏{suffix}")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and words in lines[0], result.stderr


def test_a_document_that_unzips_over_the_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    document = write_docx(tmp_path / "大.docx", [], body=document_xml(["2024年部门预算"] * 40_000))
    monkeypatch.setenv("BUDGET_GRAPH_MAX_DOCX_MB", "1")
    with pytest.raises(InputError, match="BUDGET_GRAPH_MAX_DOCX_MB"):
        read_file(document)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent")
def test_the_sample_saved_as_docx_by_libreoffice_gives_the_samples_findings(tmp_path: Path) -> None:
    """A real producer's file: headings in its heading styles, the contents as a numbered list, tab
    stops in the paragraphs' properties (no text), tables with their grid and styles."""
    page = tmp_path / "罗湖.html"
    page.write_text(as_html_page(sample_lines()), encoding="utf-8")
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path),
            str(page),
        ],
        capture_output=True,
        timeout=300,
    )
    if not (tmp_path / "罗湖.docx").exists():
        pytest.skip("LibreOffice Writer is absent")
    sample, word = read_file(SAMPLE), read_file(tmp_path / "罗湖.docx")
    assert [reading(t) for t in word.tables] == [reading(t) for t in sample.tables]
    assert len(word.toc) == len(sample.toc) and len(word.parts) == len(sample.parts)
    messages = sorted((f.rule, f.severity.value, f.message) for f in check_filing(word).findings)
    assert messages == sorted((f.rule, f.severity.value, f.message) for f in check_filing(sample).findings)


def test_a_procurement_category_printed_with_its_letter_is_its_code(tmp_path: Path) -> None:
    """'一、货物A' in one cell (Jiangsu's procurement table set in Word): code A, named 货物, as the PDF
    reader reads it; read as a name, the narrative's goods figure had no line (false BG-N004)."""
    rows = [
        ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"],
        ["合计", "", "", "", "", "496.20"],
        ["一、货物A", "", "", "", "", "496.20"],
        ["", "办公设备购置费", "办公设备购置", "台式计算机", "政府集中采购", "496.20"],
    ]
    blocks = ["2017年政府采购预算表", "编制单位：中国共产党江苏省委员会办公厅    单位：万元", rows]
    [table] = read_file(write_docx(tmp_path / "采购.docx", blocks)).tables
    assert (table.rows[1].code, table.rows[1].label) == ("A", "货物")


def test_a_text_box_written_twice_for_older_readers_is_read_once() -> None:
    """Word writes a text box (a cover's title in a frame) as DrawingML and again as VML in
    mc:Fallback: its text is the paragraph's once."""

    def box(text: str) -> str:
        return f"<w:txbxContent>{paragraph(text)}</w:txbxContent>"

    title = "上海市测试局2024年部门预算"
    drawn = (
        '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<mc:Choice><w:drawing>{box(title)}</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box(title)}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    body = document_xml([]).replace("<w:body>", f"<w:body>{drawn}")
    assert docx_html(write_docx_bytes(body), "封面.docx").count(title) == 1


def test_the_sample_numbered_by_word_gives_the_samples_findings(tmp_path: Path) -> None:
    """Headings numbered by Word's multi-level list ('第%1部分' over '%2、', in Chinese numerals: the
    numbers are in numbering.xml, not in the text) and Word's own contents list (each entry a tab and
    its page): the numbers are read as printed, the contents as contents, and the sample's findings
    come at the sample's lines."""
    blocks = as_numbered_blocks(list(sample_lines()))
    assert ("heading", 2, "部门概况", PARTS, 0) in blocks and ("heading", 3, "部门职责", PARTS, 1) in blocks
    word, sample = read_file(write_docx(tmp_path / "罗湖.docx", blocks)), read_file(SAMPLE)
    assert [(p.number, p.title) for p in word.parts] == [(p.number, p.title) for p in sample.parts]
    assert [(e.title, e.part, e.kind) for e in word.toc] == [(e.title, e.part, e.kind) for e in sample.toc]
    assert [reading(t) for t in word.tables] == [reading(t) for t in sample.tables]
    assert _claims(word) == _claims(sample)
    assert _findings(check_filing(word)) == _findings(check_filing(sample))


@pytest.mark.parametrize(
    ("form", "text", "counts", "expected"),
    [
        (
            "chineseCounting",
            "第%1部分",
            [1, 2, 10, 11, 21],
            ["第一部分 ", "第二部分 ", "第十部分 ", "第十一部分 ", "第二十一部分 "],
        ),
        ("chineseCounting", "（%1）", [3], ["（三）"]),
        ("decimal", "%1.", [12], ["12."]),
        ("ideographTraditional", "%1、", [2], ["乙、"]),
        ("japaneseCounting", "%1、", [12], ["十二、"]),
        ("ideographDigital", "%1、", [12], ["一二、"]),
        ("decimalEnclosedCircle", "%1", [4], ["④ "]),
        ("bullet", "●", [1], [""]),
    ],
)
def test_word_numbers_read_as_printed(form: str, text: str, counts: list[int], expected: list[str]) -> None:
    numbering = Numbering({"7": {0: _Level(1, form, text)}})
    labels = [numbering.label("7", 0) for _ in range(max(counts))]
    assert [labels[count - 1] for count in counts] == expected


def test_a_web_page_or_a_docx_named_doc_is_read_by_its_bytes(tmp_path: Path) -> None:
    """Sites serve Word's "web page" (HTML) and .docx files under the name .doc."""
    sample = _findings(check_filing(read_file(SAMPLE)))
    page = tmp_path / "网页.doc"
    page.write_text(as_html_page(sample_lines()), encoding="utf-8")
    assert _findings(check_filing(read_file(page))) == sample
    document = tmp_path / "文档.doc"
    document.write_bytes(write_docx(tmp_path / "罗湖.docx", as_blocks(list(sample_lines()))).read_bytes())
    assert _findings(check_filing(read_file(document))) == sample


def test_an_old_doc_beside_the_tables_is_named_unread_and_the_tables_are_checked(tmp_path: Path) -> None:
    lines = list(sample_lines())
    tables_part = next(i for i, line in enumerate(lines) if line.startswith("## 表一"))
    title = next(line for line in lines if line.startswith("# "))
    (tmp_path / "表格.md").write_text("\n".join([title, *lines[tables_part:]]), encoding="utf-8")
    (tmp_path / "说明.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    result = _validate(tmp_path)
    unread = next(line for line in result.stdout.splitlines() if "old Word document (.doc)" in line)
    assert result.returncode == 2 and "save it as .docx or PDF" in unread and unread.endswith("说明.doc")
    assert "表格.md)" in result.stdout  # the tables are checked and reported


def test_table_rows_a_content_control_wraps_are_rows(tmp_path: Path) -> None:
    """A template's repeating section wraps rows in a content control (w:sdt/w:sdtContent/w:tr)."""
    blocks = [*(line[0] if len(line) == 1 else "    ".join(line) for line in _HEADER), _TABLE]
    body = document_xml(blocks)
    last_row = body.rindex("<w:tr>")
    wrapped = (
        body[:last_row]
        + "<w:sdt><w:sdtContent>"
        + body[last_row:].replace("</w:tr></w:tbl>", "</w:tr></w:sdtContent></w:sdt></w:tbl>", 1)
    )
    [table] = read_file(write_docx(tmp_path / "表.docx", [], body=wrapped)).tables
    assert [(r.code, r.label) for r in table.rows] == [(None, "合计"), ("201", "一般公共服务支出")]


def test_a_web_page_word_saved_in_utf16_named_doc_reads(tmp_path: Path) -> None:
    page = tmp_path / "网页.doc"
    page.write_bytes(as_html_page(sample_lines()).encode("utf-16"))  # with its byte order mark
    assert _findings(check_filing(read_file(page))) == _findings(check_filing(read_file(SAMPLE)))


def test_a_table_pasted_as_a_picture_in_word_is_said_unread(tmp_path: Path) -> None:
    drawing = '<w:p><w:r><w:drawing><wp:inline xmlns:wp="urn:wp"/></w:drawing></w:r></w:p>'
    body = document_xml(
        ["2024年上海市测试局部门预算", "表一：收支总表", "编制单位：上海市测试局 单位：万元", "@"]
    )
    filing = read_file(write_docx(tmp_path / "图.docx", [], body=body.replace(paragraph("@"), drawing)))
    [table] = filing.tables
    assert table.doubts and not table.is_empty
    assert any("printed as a picture" in d.message for d in filing.diagnostics)
