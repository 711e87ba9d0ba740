"""Every rule's passing and failing fixtures (tests/rules/<RULE-ID>.yaml), sqlfluff-style.

A case gives a document — the sample (`base: luohu`) with `edits`, or a whole small `document` — or,
for SHACL rules, a Turtle `graph`. `expect: pass` means no finding of the rule above info;
`expect: fail` means a finding of the rule at `severity` (default error) located at `line` if given.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from budget_graph.check.catalogue import all_rules
from tests.conftest import SAMPLE
from tests.edits import edited_sample

FIXTURES = Path(__file__).parent / "rules"


def _cases() -> list[tuple[str, dict]]:
    cases = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            cases.append((spec["rule"], case))
    return cases


CASES = _cases()


@cache
def _sample_findings():
    return _findings_of(SAMPLE)


def _findings_of(path: Path):
    from budget_graph.check.engine import check_filing
    from budget_graph.read import read_file

    return check_filing(read_file(path)).findings


def _run(case: dict, tmp_path: Path):
    if "graph" in case:
        from rdflib import Graph

        from budget_graph.check.shacl import validate_graph

        return validate_graph(Graph().parse(data=case["graph"], format="turtle"))
    if "others" in case:  # cross-filing rules (BG-F): the case's filing checked with the rest of its run
        return _findings_in_run(case, tmp_path)
    if "document" in case:
        path = tmp_path / "document.md"
        path.write_text(case["document"], encoding="utf-8")
        return _findings_of(path)
    if not case.get("edits"):
        return _sample_findings()
    return _findings_of(edited_sample(case["edits"], tmp_path))


def _findings_in_run(case: dict, tmp_path: Path):
    from budget_graph.check.crossfiling import cross_check
    from budget_graph.read import read_file

    sources = [{"base": case["base"], "edits": case.get("edits", [])}, *case["others"]]
    filings = [
        read_file(edited_sample(s["edits"], tmp_path, f"filing-{i}.md")) for i, s in enumerate(sources)
    ]
    return cross_check(filings)[0]


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{r}:{c['name']}" for r, c in CASES])
def test_rule_case(rule: str, case: dict, tmp_path: Path) -> None:
    findings = [f for f in _run(case, tmp_path) if f.rule == rule]
    if case["expect"] == "pass":
        above_info = [f for f in findings if f.severity.value != "info"]
        assert not above_info, f"{rule} fired on a passing case: {above_info[0].message}"
        return
    severity = case.get("severity", "error")
    hits = [f for f in findings if f.severity.value == severity]
    if "line" in case:
        hits = [f for f in hits if any(place.line == case["line"] for place in f.locations)]
    assert hits, (
        f"{rule} did not fire at {severity} (line {case.get('line')}); it gave {[f.message for f in findings]}"
    )


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    expectations: dict[str, set[str]] = {}
    for rule, case in CASES:
        expectations.setdefault(rule, set()).add(case["expect"])
    missing = [r.id for r in all_rules() if expectations.get(r.id) != {"pass", "fail"}]
    assert not missing, f"rules without both a passing and a failing fixture: {missing}"


def test_fixtures_name_known_rules() -> None:
    known = {r.id for r in all_rules()}
    assert not {rule for rule, _ in CASES} - known
