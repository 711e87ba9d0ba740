"""Fingerprints that stay put, `--baseline` (a previous JSON report or a waiver file) and `--min-severity`."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from budget_graph.batch import summary_table
from budget_graph.check.catalogue import CATALOGUE
from budget_graph.check.engine import FilingReport
from budget_graph.cli import main
from budget_graph.model import Location
from budget_graph.report.fingerprint import fingerprints
from tests.conftest import sample_lines
from tests.edits import edited_sample
from tests.hand_filings import small_filing

# 综合事务: a 5.23万元 fall on 156.61万元 is 3.3%; 33.3% is a new error (BG-Y001)
WRONG_RATE = {"line": 89, "old": "下降 3.3%", "new": "下降 33.3%"}


def _validate(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def _findings(result) -> list[dict]:
    return [f for filing in json.loads(result.stdout)["filings"] for f in filing["findings"]]


@pytest.fixture(scope="module")
def sample_json(sample_path, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("baseline") / "report.json"
    assert _validate(str(sample_path), "--format", "json", "-o", str(path)).exit_code == 1
    return path


def test_every_finding_has_a_fingerprint(sample_json) -> None:
    report = json.loads(sample_json.read_text(encoding="utf-8"))
    marks = [f["fingerprint"] for filing in report["filings"] for f in filing["findings"]]
    assert len(marks) == 35 and len(set(marks)) == len(marks)
    assert all(len(mark) == 16 and int(mark, 16) >= 0 for mark in marks)
    assert report["summary"]["baselined"] == 0
    assert not any(f["baselined"] for filing in report["filings"] for f in filing["findings"])


def test_fingerprints_survive_an_unrelated_edit_that_shifts_every_line(sample_json, tmp_path) -> None:
    before = json.loads(sample_json.read_text(encoding="utf-8"))["filings"][0]["findings"]
    opening = sample_lines()[40][:10]  # a paragraph of 部门概况, before every finding
    shifted = edited_sample([{"line": 41, "old": opening, "new": f"本段为补充说明。\n\n{opening}"}], tmp_path)
    after = _findings(_validate(str(shifted), "--format", "json"))
    assert [f["locations"][0]["line"] for f in after if f["rule"] == "BG-Y001"] == [99]  # was 97
    assert sorted(f["fingerprint"] for f in after) == sorted(f["fingerprint"] for f in before)


def test_a_changed_figure_changes_its_fingerprint_only(sample_json, tmp_path) -> None:
    before = {
        f["fingerprint"]
        for f in json.loads(sample_json.read_text(encoding="utf-8"))["filings"][0]["findings"]
    }
    edited = edited_sample([{"line": 97, "old": "下降 66.6%", "new": "下降 66.5%"}], tmp_path)
    after = {f["fingerprint"] for f in _findings(_validate(str(edited), "--format", "json"))}
    assert len(before - after) == 1 and len(after - before) == 1  # the BG-Y001 error, with its new figure


def test_the_sample_against_its_own_report_has_nothing_new(sample_path, sample_json) -> None:
    result = _validate(str(sample_path), "--baseline", str(sample_json))
    assert result.exit_code == 0, result.output
    assert "错误 errors" not in result.stdout and "BG-" not in result.stdout  # no finding is listed
    assert "错误 0，警告 0，提示 0；基线已接受 35" in result.stdout.splitlines()[-1]
    listed = _validate(str(sample_path), "--baseline", str(sample_json), "--format", "json")
    assert listed.exit_code == 0 and all(f["baselined"] for f in _findings(listed))
    assert json.loads(listed.stdout)["summary"]["baselined"] == 35


def test_one_changed_figure_shows_exactly_one_new_finding(sample_json, tmp_path) -> None:
    edited = edited_sample([WRONG_RATE], tmp_path)
    result = _validate(str(edited), "--baseline", str(sample_json), "--format", "json")
    assert result.exit_code == 1
    new = [f for f in _findings(result) if not f["baselined"]]
    assert [(f["rule"], f["severity"], f["locations"][0]["line"]) for f in new] == [("BG-Y001", "error", 89)]
    text = _validate(str(edited), "--baseline", str(sample_json)).stdout
    assert "错误 errors (1)" in text and "“综合事务”" in text and "产业专项资金" not in text


def test_a_waiver_file_accepts_what_it_lists(sample_path, sample_json, tmp_path) -> None:
    error = next(f for f in json.loads(sample_json.read_text(encoding="utf-8"))["filings"][0]["findings"])
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        f"waivers:\n  - fingerprint: {error['fingerprint']}\n    reason: 已与单位核实 checked with the unit\n",
        encoding="utf-8",
    )
    assert error["severity"] == "error"
    result = _validate(str(sample_path), "--baseline", str(waivers))
    assert result.exit_code == 0 and "BG-Y001" not in result.stdout and "基线已接受 1" in result.stdout
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps({"waivers": [{"fingerprint": "0" * 16, "reason": "另一问题"}]}), encoding="utf-8"
    )
    result = _validate(str(sample_path), "--baseline", str(other))
    assert result.exit_code == 1 and "BG-Y001" in result.stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("waivers:\n  - fingerprint: abc\n", "needs a fingerprint and a reason"),
        ("waivers: abc\n", "must be a list"),
        ("- just a list\n", "neither a JSON report"),
        ('{"filings": [{"findings": [{"rule": "BG-Y001"}]}]}', "without a fingerprint"),
        ("waivers: [unclosed\n", "neither JSON nor YAML"),
    ],
)
def test_a_bad_baseline_is_one_line_and_status_2(sample_path, tmp_path, content, words) -> None:
    bad = tmp_path / "baseline.yaml"
    bad.write_text(content, encoding="utf-8")
    result = _validate(str(sample_path), "--baseline", str(bad))
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr


def test_a_missing_baseline_is_one_line_and_status_2(sample_path, tmp_path) -> None:
    result = _validate(str(sample_path), "--baseline", str(tmp_path / "absent.json"))
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "cannot read the baseline" in result.stderr


@pytest.mark.parametrize(("lowest", "severities"), [("error", {"error"}), ("info", {"error", "info"})])
def test_min_severity_filters_every_format(sample_path, lowest, severities) -> None:
    listed = _validate(str(sample_path), "--format", "json", "--min-severity", lowest)
    assert listed.exit_code == 1 and {f["severity"] for f in _findings(listed)} == severities
    sarif = json.loads(_validate(str(sample_path), "--format", "sarif", "--min-severity", lowest).stdout)
    assert len(sarif["runs"][0]["results"]) == len(_findings(listed))
    text = _validate(str(sample_path), "--min-severity", lowest).stdout
    assert ("提示 info" in text) == ("info" in severities)


def test_findings_alike_but_for_their_place_get_fingerprints_of_their_own() -> None:
    rule = CATALOGUE["BG-T001"]
    alike = [
        rule.finding("模板占位符未替换：XX局", "placeholder", [Location("t.pdf", page=n)]) for n in (2, 5, 9)
    ]
    marks = fingerprints(FilingReport(small_filing(), alike))
    assert len(set(marks.values())) == 3
    # one placeholder fewer: the first two keep theirs
    fewer = fingerprints(FilingReport(small_filing(), alike[1:]))
    assert set(fewer.values()) == {marks[alike[0]], marks[alike[1]]}


def test_the_summary_table_counts_new_findings_only(sample_report) -> None:
    known = replace(
        sample_report, accepted=frozenset(f for f in sample_report.findings if f.severity.value == "info")
    )
    out = io.StringIO()
    Console(file=out, width=200).print(summary_table([sample_report, known]))
    rows = [line for line in out.getvalue().splitlines() if "罗湖" in line]
    infos = str(sample_report.count("info"))
    assert (
        len(rows) == 2
        and infos in rows[0].split()
        and infos not in rows[1].split()
        and "0" in rows[1].split()
    )


def test_look_alikes_on_one_page_keep_one_order_and_their_fingerprints() -> None:
    # two findings of one rule and message on one page, differing only in their cell: whatever order
    # the checks give them, the report's order (and so the look-alikes' numbered fingerprints) is one
    from budget_graph.check.engine import finding_order, sort_findings
    from budget_graph.check.rules import Finding, Severity

    def at(row: str) -> Finding:
        place = Location("t.pdf", page=3, table="表一", row=row)
        return Finding("BG-T003", Severity.WARNING, "模板选项未删除", "template alternative left", (place,))

    a, b = at("一"), at("二")
    assert finding_order(a) != finding_order(b)  # a set's order (by hash, per run) never decides
    assert sort_findings([a, b]) == sort_findings([b, a])
