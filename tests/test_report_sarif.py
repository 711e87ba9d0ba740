"""`validate --format sarif`: a SARIF 2.1.0 log that the official schema accepts, with the rule catalogue,
levels, places and the findings' fingerprints."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from budget_graph.check.catalogue import CATALOGUE, all_rules
from budget_graph.check.engine import FilingReport
from budget_graph.cli import main
from budget_graph.model import Location
from budget_graph.report.fingerprint import VERSION, fingerprints
from budget_graph.report.sarif import artifact_uri, log
from tests.hand_filings import small_filing


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    # the OASIS schema (errata01), kept beside the tests (tests/data/README.md): tests reach no network
    schema = json.loads(
        (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    return jsonschema.Draft4Validator(schema)


@pytest.fixture(scope="module")
def sample_log(sample_path) -> dict:
    result = CliRunner().invoke(main, ["validate", str(sample_path), "--format", "sarif"])
    assert result.exit_code == 1, result.output  # the sample's one error, as in every format
    return json.loads(result.stdout)


def test_the_sample_log_is_valid_sarif(sample_log, validator) -> None:
    errors = list(validator.iter_errors(sample_log))
    assert not errors, [e.message for e in errors[:5]]
    assert sample_log["version"] == "2.1.0" and len(sample_log["runs"]) == 1


def test_the_schema_refuses_a_broken_log(sample_log, validator) -> None:
    broken = copy.deepcopy(sample_log)
    del broken["runs"][0]["results"][0]["message"]  # a result must have its message
    broken["runs"][0]["results"][1]["level"] = "info"  # SARIF's word is "note"
    assert len(list(validator.iter_errors(broken))) == 2


def test_the_driver_lists_the_rule_catalogue(sample_log) -> None:
    driver = sample_log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "budget-graph" and driver["version"]
    assert [rule["id"] for rule in driver["rules"]] == [rule.id for rule in all_rules()]
    y001 = next(rule for rule in driver["rules"] if rule["id"] == "BG-Y001")
    assert CATALOGUE["BG-Y001"].title in y001["shortDescription"]["text"]
    assert y001["fullDescription"]["text"] == CATALOGUE["BG-Y001"].checks
    assert CATALOGUE["BG-Y001"].why in y001["help"]["text"]
    assert y001["defaultConfiguration"]["level"] == "error"


def test_results_carry_level_message_line_cell_and_fingerprint(sample_log, sample_report) -> None:
    run = sample_log["runs"][0]
    results = run["results"]
    assert len(results) == len(sample_report.findings)
    [error] = [r for r in results if r["level"] == "error"]
    assert (
        error["ruleId"] == "BG-Y001" and run["tool"]["driver"]["rules"][error["ruleIndex"]]["id"] == "BG-Y001"
    )
    zh, en = error["message"]["text"].split("\n")
    assert "6.06亿元" in zh and "亿元 written as 万元" in en  # Chinese first, English below
    [place] = error["locations"]
    assert place["physicalLocation"]["region"] == {"startLine": 97}
    assert place["physicalLocation"]["artifactLocation"]["uri"].endswith("samples/luohu-2024.md")
    assert {r["level"] for r in results} == {"error", "note"}  # the sample's infos are SARIF notes
    rollup = next(r for r in results if r["ruleId"] == "BG-R001")
    cell = rollup["locations"][0]
    assert cell["properties"] == {
        "table": "表一：收支总表",
        "row": "一般公共服务支出",
        "column": "2024年预算数",
    }
    assert cell["logicalLocations"][0]["fullyQualifiedName"] == "表一：收支总表/一般公共服务支出/2024年预算数"
    marks = fingerprints(sample_report)
    assert [r["partialFingerprints"][VERSION] for r in results] == [marks[f] for f in sample_report.findings]
    assert "baselineState" not in error and "suppressions" not in error  # no baseline, nothing accepted


def test_a_pdf_place_names_its_page_outside_the_region(validator) -> None:
    rule = CATALOGUE["BG-Y001"]
    finding = rule.finding(
        "甲", "a", [Location("报告/单位预算.pdf", page=6, table="表一：收支总表", row="合计")]
    )
    sarif = log([FilingReport(small_filing(), [finding])])
    assert not list(validator.iter_errors(sarif))
    [place] = sarif["runs"][0]["results"][0]["locations"]
    physical = place["physicalLocation"]
    assert "region" not in physical and physical["properties"] == {"page": 6}
    assert (
        physical["artifactLocation"]["uri"] == "%E6%8A%A5%E5%91%8A/%E5%8D%95%E4%BD%8D%E9%A2%84%E7%AE%97.pdf"
    )


def test_accepted_findings_are_suppressed_and_unchanged(validator) -> None:
    rule = CATALOGUE["BG-Y001"]
    known, new = (rule.finding(zh, zh, [Location("hand.md", line=3)]) for zh in ("甲", "乙"))
    sarif = log([FilingReport(small_filing(), [known, new], accepted=frozenset({known}))])
    assert not list(validator.iter_errors(sarif))
    first, second = sarif["runs"][0]["results"]
    assert first["baselineState"] == "unchanged" and first["suppressions"][0]["kind"] == "external"
    assert second["baselineState"] == "new" and "suppressions" not in second


def test_artifact_uris() -> None:
    assert artifact_uri("samples/luohu-2024.md") == "samples/luohu-2024.md"
    assert artifact_uri("/tmp/a b.md") == "file:///tmp/a%20b.md"
    assert artifact_uri("甲 乙.pdf") == "%E7%94%B2%20%E4%B9%99.pdf"


def test_a_corpus_pdf_gives_valid_sarif_with_pages(corpus, validator) -> None:
    [pdf] = sorted((corpus / "sh-putuo-wanli-jiedao-2023-yusuan").glob("*.pdf"))
    result = CliRunner().invoke(main, ["validate", str(pdf), "--format", "sarif"])
    sarif = json.loads(result.stdout)
    assert not list(validator.iter_errors(sarif))
    places = [place["physicalLocation"] for r in sarif["runs"][0]["results"] for place in r["locations"]]
    assert places and all("region" not in p and p["properties"]["page"] >= 1 for p in places)
    assert any(r["level"] == "error" for r in sarif["runs"][0]["results"])
