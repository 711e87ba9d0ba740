"""BG-K on the document model alone (no graph, no SHACL): the rule fixtures and the issue's cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from budget_graph.check.codes import check_codes
from budget_graph.read.text import read_text
from tests.edits import edited_sample

FIXTURES = sorted((Path(__file__).parent / "rules").glob("BG-K*.yaml"))
CASES = [(spec["rule"], case) for spec in map(yaml.safe_load, map(Path.read_text, FIXTURES)) for case in spec["cases"]]


def findings_of(edits: list[dict], folder: Path):
    return list(check_codes(read_text(edited_sample(edits, folder))))


def test_the_sample_has_no_code_finding_above_info(sample_filing) -> None:
    assert [f.message for f in check_codes(sample_filing) if f.severity.value != "info"] == []


def test_every_code_of_the_sample_resolves(sample_filing) -> None:
    from budget_graph.codes import lookup

    codes = {row.code for table in sample_filing.tables for row in table.rows if row.code}
    assert len(codes) > 60
    assert [c for c in codes if lookup(c, sample_filing.year) is None] == []


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{r}:{c['name']}" for r, c in CASES])
def test_code_rule_case(rule: str, case: dict, tmp_path: Path) -> None:
    found = [f for f in findings_of(case.get("edits", []), tmp_path) if f.rule == rule]
    if case["expect"] == "pass":
        assert [f.message for f in found if f.severity.value != "info"] == []
        return
    hits = [f for f in found if f.severity.value == case.get("severity", "error")]
    hits = [f for f in hits if any(place.line == case.get("line") for place in f.locations)]
    assert hits, [f.message for f in found]


@pytest.mark.parametrize(
    ("line", "old", "new", "national"),
    [(255, "招商引资", "企业服务", "招商引资"), (398, "招商引资", "投资推广", "招商引资"), (455, "委托业务费", "咨询费", "委托业务费")],
)
def test_renamed_row_names_the_national_name(line: int, old: str, new: str, national: str, tmp_path: Path) -> None:
    found = [f for f in findings_of([{"line": line, "old": old, "new": new}], tmp_path) if f.severity.value == "warning"]
    assert any(f.expected == national and national in f.message and f.locations[0].line == line for f in found)
