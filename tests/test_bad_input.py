"""Bad input gets one line on stderr and exit status 2, no traceback.

Misuse (a path that does not exist, a folder without filings) gets no report at all; a file that
cannot be read is named in the report too, beside the filings that could (tests/test_batch_isolation.py).
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import click.testing
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from budget_graph.cli import main
from tests.conftest import ROOT
from tests.synthetic_pdf import mapped_text_pdf


def _run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "budget_graph", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},  # this tree's code, run from elsewhere
        timeout=120,
    )


def _validate(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return _run("validate", *args, cwd=cwd)


def _one_line(result: subprocess.CompletedProcess, words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert words in lines[0] and "internal error" not in lines[0]


def _assert_refused(result: subprocess.CompletedProcess, words: str) -> None:
    _one_line(result, words)
    assert result.stdout == ""


def _assert_unreadable(result: subprocess.CompletedProcess, words: str) -> None:
    """One line on stderr, and the report says the same: no filing, one file not checked."""
    _one_line(result, words)
    assert "未能检查 not checked (1)" in result.stdout and words in result.stdout
    assert result.stdout.splitlines()[-1].startswith("共 0 份文件")


def test_missing_file(tmp_path: Path) -> None:
    _assert_refused(_validate("nope.md", cwd=tmp_path), "file not found")


def test_folder_without_filings(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    _assert_refused(_validate("empty", cwd=tmp_path), "no filings in folder")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_text("  \n\n", encoding="utf-8")
    _assert_unreadable(_validate("empty.md", cwd=tmp_path), "file is empty")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_bytes(bytes(range(256)) * 8)
    _assert_unreadable(_validate("data.txt", cwd=tmp_path), "not a text file")


def test_text_that_is_not_a_filing(tmp_path: Path) -> None:
    (tmp_path / "poem.md").write_text("# 静夜思\n\n床前明月光，疑是地上霜。\n", encoding="utf-8")
    _assert_unreadable(_validate("poem.md", cwd=tmp_path), "not a budget filing")


def test_a_title_with_no_table_read_under_it(tmp_path: Path) -> None:
    # laid-out text holding a table's title and unit line, and no row, part or heading a filing has
    page = [
        "            2024年部门收支总表",
        "                                  单位：万元",
        "",
        "本表无数据。",
    ]
    (tmp_path / "titles.txt").write_text("\n".join(page) + "\n\f", encoding="utf-8")
    _assert_unreadable(
        _validate("titles.txt", cwd=tmp_path), "no table could be read under the tables' titles"
    )


def test_one_long_line_is_refused_at_once(tmp_path: Path) -> None:
    """A file of one 3,000,000-character line (no title in it): the title's search once tried every start
    to the line's end, a minute for 40,000 characters and hours for a few MB; then up to 80 characters
    from each start, 10 s for this one. A line so long titles nothing, and is not searched."""
    (tmp_path / "long.md").write_text("预算" * 1_500_000, encoding="utf-8")
    started = time.monotonic()
    _assert_unreadable(_validate("long.md", cwd=tmp_path), "not a budget filing")
    assert time.monotonic() - started < 5


def test_a_figure_of_hundreds_of_digits_is_no_amount(tmp_path: Path, sample_path: Path) -> None:
    """A run of 400 nines where 0.00 stood: once read as an amount, quoting a sum of it outran Decimal's
    precision, an internal error; now it is a cell that reads as no figure, its table in doubt."""
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines) if text.startswith("\t205\t教育支出\t"))
    lines[line] = lines[line].replace("0.00", "9" * 400, 1)
    (tmp_path / "m.md").write_text("\n".join(lines), encoding="utf-8")
    result = _validate("m.md", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1 and "内部错误" not in result.stderr + result.stdout, result.stderr


def test_a_bad_file_beside_a_good_one_is_named_in_the_report_file(tmp_path: Path, sample_path: Path) -> None:
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    result = _validate(str(sample_path), "empty.md", "--format", "json", "-o", "report.out", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    report = json.loads((tmp_path / "report.out").read_text(encoding="utf-8"))
    assert [filing["source"] for filing in report["filings"]] == [[str(sample_path)]]
    assert report["unchecked"] == [{"source": ["empty.md"], "error": "文件为空 file is empty: empty.md"}]


def test_misuse_is_status_2(tmp_path: Path) -> None:
    result = _validate("--format", "xml", "x.md", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_folder_skips_text_files_that_are_not_filings(tmp_path: Path, sample_path: Path) -> None:
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / "luohu.md").write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "batch" / "PROVENANCE.txt").write_text(
        "source: 罗湖区政府网站\npath: 2024年深圳市罗湖区企业服务中心部门预算.pdf\n", encoding="utf-8"
    )
    result = _validate("batch", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1 and '"filings": 1' in result.stdout, result.stderr


# ---- the machine refuses a file ------------------------------------------------------------------


def _invoke(*args: str) -> click.testing.Result:
    """In this process (one file: no worker), so that a monkeypatched refusal reaches the command."""
    return CliRunner().invoke(main, list(args))


def _one_line_in_process(result: click.testing.Result, words: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "internal error" not in lines[0], result.stderr


def _refuse(monkeypatch, method: str, name: str) -> None:
    """The OS refuses `method` on files called `name` (as for a file of another user: tests run as root)."""
    original = getattr(Path, method)

    def refused(self, *args, **kwargs):
        if self.name == name:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, refused)


def test_input_permission_denied(tmp_path: Path, sample_path: Path, monkeypatch) -> None:
    copy = tmp_path / "locked.md"
    copy.write_bytes(sample_path.read_bytes())
    _refuse(monkeypatch, "read_bytes", "locked.md")
    _one_line_in_process(_invoke("validate", str(copy)), "cannot read")


def test_output_permission_denied(tmp_path: Path, sample_path: Path, monkeypatch) -> None:
    _refuse(monkeypatch, "write_text", "report.txt")
    result = _invoke("validate", str(sample_path), "-o", str(tmp_path / "report.txt"))
    _one_line_in_process(result, "Permission denied")


def test_any_file_the_system_refuses_is_not_an_internal_error(tmp_path: Path, monkeypatch) -> None:
    """`codes import` cannot make its folder: the command group answers for the OSError in one line."""
    (tmp_path / "codes.csv").write_text("科目编码,科目名称\n2010101,行政运行\n", encoding="utf-8")
    monkeypatch.setenv("BUDGET_GRAPH_CODES", str(tmp_path / "imported"))
    _refuse(monkeypatch, "mkdir", "imported")
    result = _invoke(
        "codes", "import", str(tmp_path / "codes.csv"), "--scheme", "functional", "--year", "2030"
    )
    _one_line_in_process(result, "cannot read or write")


@pytest.mark.parametrize("command", ["validate", "export"])
def test_output_into_a_missing_folder(tmp_path: Path, sample_path: Path, command: str) -> None:
    result = _run(command, str(sample_path), "-o", "nowhere/out.txt", cwd=tmp_path)
    _assert_refused(result, "the output's folder does not exist: nowhere")


@pytest.mark.parametrize("command", ["validate", "export"])
def test_output_that_is_a_folder(tmp_path: Path, sample_path: Path, command: str) -> None:
    _assert_refused(_run(command, str(sample_path), "-o", ".", cwd=tmp_path), "the output is a folder")


# a store given as a file: tests/test_store_edges.py


# ---- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_is_read(tmp_path: Path, sample_path: Path, encoding: str) -> None:
    text = sample_path.read_text(encoding="utf-8")
    bom = codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b""  # 'utf-16' writes its own BOM
    (tmp_path / "unicode.md").write_bytes(bom + text.encode(encoding))
    result = _validate("unicode.md", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1 and '"filings": 1' in result.stdout, result.stderr


def test_text_whose_lines_end_in_a_carriage_return_alone_is_read(tmp_path: Path, sample_path: Path) -> None:
    """Old Mac tools end lines with CR alone: the file was one line, and refused as no filing."""
    text = sample_path.read_text(encoding="utf-8")
    (tmp_path / "mac.md").write_bytes(text.replace("\n", "\r").encode("utf-8"))
    report = json.loads(_validate("mac.md", "--format", "json", cwd=tmp_path).stdout)
    [error] = [f for f in report["filings"][0]["findings"] if f["severity"] == "error"]
    assert error["locations"][0]["line"] == 97 and report["summary"]["infos"] == 34


def test_file_name_that_is_not_utf8(tmp_path: Path, sample_path: Path) -> None:
    """A name's undecodable byte reaches Python as a lone surrogate: reports show it as U+FFFD."""
    name = os.fsdecode(b"luohu-\xff.md")
    (tmp_path / name).write_bytes(sample_path.read_bytes())
    (tmp_path / os.fsdecode(b"empty-\xfe.md")).write_bytes(b"")
    result = _run("validate", name, "-o", "out.txt", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "(luohu-\ufffd.md)" in (tmp_path / "out.txt").read_text(encoding="utf-8")
    empty = _run("validate", os.fsdecode(b"empty-\xfe.md"), cwd=tmp_path)
    _assert_unreadable(empty, "file is empty: empty-\ufffd.md")


def test_pdf_garbled_throughout(tmp_path: Path) -> None:
    """A PDF whose fonts map glyphs to the wrong characters on most pages (accented letters for Chinese)."""
    page = ["2024年度测试ÿĀ单位部门预算", "第一部分 单位概况", "本单位ÐÞ负责ß¯测试工作。"]
    (tmp_path / "garbled.pdf").write_bytes(mapped_text_pdf(page, page))
    _assert_unreadable(_validate("garbled.pdf", cwd=tmp_path), "garbled text on 2 of 2 pages")


def test_damaged_utf16_text(tmp_path: Path) -> None:
    (tmp_path / "half.md").write_bytes(codecs.BOM_UTF16_LE + "预算".encode("utf-16-le") + b"\x00\xd8")
    _assert_unreadable(_validate("half.md", cwd=tmp_path), "damaged UTF-16 text")


# ---- limits --------------------------------------------------------------------------------------


def test_web_page_that_is_not_a_filing(tmp_path: Path) -> None:
    page = "<!DOCTYPE html><html><body><h1>2024年部门预算公开</h1><p>详见附件。</p></body></html>"
    (tmp_path / "notice.html").write_text(page, encoding="utf-8")
    _assert_unreadable(_validate("notice.html", cwd=tmp_path), "not a budget filing")


def test_web_page_of_crafted_spans(tmp_path: Path) -> None:
    wide = "<tr>" + "<td>h</td>" * 1000 + "</tr>"  # a colspan reaches no further than the widest row
    rows = wide + "<tr><td colspan='1000' rowspan='0'>x</td></tr>" + "<tr><td>1</td></tr>" * 2500
    page = (
        f"<html><body><h1>2024年某局部门预算</h1><h2>表一：收支总表</h2><table>{rows}</table></body></html>"
    )
    (tmp_path / "spans.htm").write_text(page, encoding="utf-8")
    _assert_unreadable(_validate("spans.htm", cwd=tmp_path), "colspan/rowspan cover more than")


def test_text_over_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "huge.md").write_bytes(b"# 2024\xe5\xb9\xb4\n" + b"a" * (2 * 1024 * 1024))
    result = _run("validate", "huge.md", cwd=tmp_path, BUDGET_GRAPH_MAX_TEXT_MB="1")
    _assert_unreadable(result, "file too large: huge.md (2.0 MB)")
    assert "BUDGET_GRAPH_MAX_TEXT_MB" in result.stderr
    (tmp_path / "huge.html").write_bytes(b"<p>2024\xe5\xb9\xb4</p>" + b"<p>a</p>" * (300 * 1024))
    result = _run("validate", "huge.html", cwd=tmp_path, BUDGET_GRAPH_MAX_TEXT_MB="1")
    _assert_unreadable(result, "file too large: huge.html (2.3 MB)")


def test_pdf_over_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "huge.pdf").write_bytes(b"%PDF-1.4\n" + b"%" * (2 * 1024 * 1024))
    result = _run("validate", "huge.pdf", cwd=tmp_path, BUDGET_GRAPH_MAX_PDF_MB="1")
    _assert_unreadable(result, "file too large: huge.pdf")


def test_pdf_over_the_page_limit(tmp_path: Path) -> None:
    document = pdfium.PdfDocument.new()
    for _ in range(3):
        document.new_page(595, 842)
    document.save(tmp_path / "long.pdf")
    result = _run("validate", "long.pdf", cwd=tmp_path, BUDGET_GRAPH_MAX_PAGES="2")
    _assert_unreadable(result, "too many pages: long.pdf (3 页 pages)")


def test_a_limit_that_is_no_number(tmp_path: Path, sample_path: Path) -> None:
    result = _run("validate", str(sample_path), cwd=tmp_path, BUDGET_GRAPH_MAX_TEXT_MB="lots")
    _assert_unreadable(result, "BUDGET_GRAPH_MAX_TEXT_MB 应为正整数 must be a positive whole number")


# ---- codes import --------------------------------------------------------------------------------


def _import(file: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return _run(
        "codes", "import", file, "--scheme", "functional", "--year", "2030", cwd=cwd,
        BUDGET_GRAPH_CODES=str(cwd / "imported"), **env,
    )  # fmt: skip


def test_codes_import_of_a_csv_field_over_the_csv_limit(tmp_path: Path) -> None:
    rows = ["科目编码,科目名称", "2010101,行政运行", "2010102," + "长" * 140_000]
    (tmp_path / "codes.csv").write_text("\n".join(rows), encoding="utf-8")
    _assert_refused(_import("codes.csv", tmp_path), "field larger than field limit (131072)")


def test_codes_import_of_a_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    _assert_refused(_import("folder", tmp_path), "is a folder, not a file")


def test_codes_import_of_a_zip_bomb(tmp_path: Path) -> None:
    """An XLSX that unzips to more than the limit is refused by its declared sizes, before unzipping."""
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/workbook.xml", "<workbook/>")
        book.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * (3 * 1024 * 1024) + b"</sst>")
    result = _import("bomb.xlsx", tmp_path, BUDGET_GRAPH_MAX_CODE_LIST_MB="2")
    _assert_refused(result, "the XLSX unzips too large: bomb.xlsx (3.0 MB)")


def test_codes_import_of_a_damaged_xlsx(tmp_path: Path) -> None:
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    _assert_refused(_import("book.xlsx", tmp_path), "not a readable XLSX workbook")


def test_pages_of_a_filing_shuffled_into_two_undated_parts_are_one_file_not_checked(
    tmp_path: Path, corpus: Path
) -> None:
    """A file that reads as a compilation of two parts (its cover page printed twice), neither dated: the
    file was named twice, so stderr showed a summary table, not its one line (fuzz seed 3452)."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(corpus / "js-procuratorate" / "2017年省检察院部门预算.pdf")
    made = pdfium.PdfDocument.new()
    made.import_pages(source, [10, 4, 23, 13, 2, 16, 10])
    made.save(tmp_path / "m.pdf")
    _assert_unreadable(_validate("m.pdf", cwd=tmp_path), "not a budget filing")
