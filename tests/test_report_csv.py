"""`validate --format csv`: UTF-8 with a BOM, one row per finding and place, read back with csv."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from budget_graph.check.catalogue import CATALOGUE
from budget_graph.check.engine import FilingReport
from budget_graph.cli import main
from budget_graph.report.csv import COLUMNS, render
from tests.hand_filings import SOURCE, small_filing


def _validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    return result.exit_code, result.stdout


def test_the_sample_as_a_spreadsheet(sample_path, tmp_path) -> None:
    code, _ = _validate(str(sample_path), "--format", "csv", "-o", str(tmp_path / "findings.csv"))
    assert code == 1
    raw = (tmp_path / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel and WPS then read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == COLUMNS
    _, listed = _validate(str(sample_path), "--format", "json")
    findings = json.loads(listed)["filings"][0]["findings"]
    assert len(rows) == sum(len(f["locations"]) for f in findings)  # one row per finding and place
    [error] = [row for row in rows if row["severity"] == "error"]
    assert (error["rule"], error["line"], error["page"], error["expected"], error["actual"]) == (
        "BG-Y001",
        "97",
        "",
        "下降0.02%",
        "下降66.6%",
    )
    assert "6.06亿元" in error["message_zh"] and error["message_en"] and error["baselined"] == "no"
    assert error["fingerprint"] == next(f["fingerprint"] for f in findings if f["severity"] == "error")
    rollup = next(row for row in rows if row["rule"] == "BG-R001")
    assert (rollup["table"], rollup["row"], rollup["column"]) == (
        "表一：收支总表",
        "一般公共服务支出",
        "2024年预算数",
    )


def test_a_finding_without_a_place_has_one_row_naming_the_filing() -> None:
    finding = CATALOGUE["BG-C001"].finding("缺少表格", "a table is missing", [])
    rows = list(csv.reader(io.StringIO(render([FilingReport(small_filing(), [finding])]).lstrip("\ufeff"))))
    assert len(rows) == 2 and rows[1][COLUMNS.index("source")] == SOURCE
    assert rows[1][COLUMNS.index("line")] == "" and rows[1][COLUMNS.index("rule")] == "BG-C001"
