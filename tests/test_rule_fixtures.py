"""Every rule's passing and failing fixtures (tests/rules/<RULE-ID>.yaml), sqlfluff-style.

A case gives a document — the sample (`base: luohu`) with `edits`, or a whole small `document` — or,
for SHACL rules, a Turtle `graph`. `expect: pass` means no finding of the rule above info;
`expect: fail` means a finding of the rule at `severity` (default error) located at `line` if given,
whose figures and messages are the case's `finding` (`expected`, `actual`, `message`, `message_en`),
as ruff's snapshots pin theirs: a change of wording or figures shows here (the failure prints the new
`finding` to paste).

A passing case of a rule whose checks are identities (derive/, judged by check/evaluator.py: the
roll-ups, the row and column identities, the cross-table identities, BG-K006, the narrative's restatements
of BG-N and BG-D, BG-Y006's changes against the 三公 table, the stated percentages of BG-Y001, BG-N011 and
BG-D003) proves its rule ran: the evaluator evaluated
at least one identity of it.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

from budget_graph.check import (
    changes,
    codes,
    crosstable,
    final_accounts,
    identities,
    narrative,
    parts,
    rollups,
    shares,
)
from budget_graph.check.catalogue import all_rules
from budget_graph.check.families import FAMILIES
from budget_graph.check.rules import Finding
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
IDENTITY_RULES = (
    {r.id for family in FAMILIES if family.module in (rollups, identities, crosstable) for r in family.rules}
    | {codes.CROSS_CLASS.id}
    | {r.id for r in narrative.RESTATING}
    | {r.id for r in final_accounts.RESTATING}
    | {changes.PREVIOUS_YEAR.id, changes.PERCENT.id, shares.SHARE.id, final_accounts.COMPLETION.id}
    | {parts.PROCUREMENT_PARTS.id}
    | {final_accounts.DIFFERENCE.id}
)
PINNED = ("expected", "actual", "message", "message_en")

Outcome = tuple[list[Finding], Counter[str] | None]  # the findings; identities evaluated by rule (a filing's)


@cache
def _sample_findings() -> Outcome:
    return _findings_of(SAMPLE)


def _findings_of(path: Path) -> Outcome:
    from budget_graph.check.engine import check_recorded
    from budget_graph.read import read_file

    report, _, evaluated = check_recorded(read_file(path))
    return report.findings, Counter(e.identity.rule for e in evaluated)


def _run(case: dict, tmp_path: Path) -> Outcome:
    if "graph" in case:
        from rdflib import Graph

        from budget_graph.check.shacl import validate_graph

        return list(validate_graph(Graph().parse(data=case["graph"], format="turtle"))), None
    if "others" in case:  # cross-filing rules (BG-F): the case's filing checked with the rest of its run
        return list(_findings_in_run(case, tmp_path)), None
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
    found, evaluated = _run(case, tmp_path)
    findings = [f for f in found if f.rule == rule]
    if case["expect"] == "pass":
        above_info = [f for f in findings if f.severity.value != "info"]
        assert not above_info, f"{rule} fired on a passing case: {above_info[0].message}"
        if rule in IDENTITY_RULES:
            assert evaluated and evaluated[rule], (
                f"the case proves nothing: no identity of {rule} was evaluated"
            )
        return
    severity = case.get("severity", "error")
    hits = [f for f in findings if f.severity.value == severity]
    if "line" in case:
        hits = [f for f in hits if any(place.line == case["line"] for place in f.locations)]
    assert hits, (
        f"{rule} did not fire at {severity} (line {case.get('line')}); it gave {[f.message for f in findings]}"
    )
    pinned = {key: case.get("finding", {}).get(key) for key in PINNED}
    assert any(pinned == _pin(hit) for hit in hits), "the finding is now (paste it as the case's):\n" + (
        "\n".join(yaml.safe_dump({"finding": _pin(hit)}, allow_unicode=True, width=1000) for hit in hits)
    )


def _pin(finding: Finding) -> dict[str, str | None]:
    return {key: getattr(finding, key) for key in PINNED}


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    expectations: dict[str, set[str]] = {}
    for rule, case in CASES:
        expectations.setdefault(rule, set()).add(case["expect"])
    missing = [r.id for r in all_rules() if expectations.get(r.id) != {"pass", "fail"}]
    assert not missing, f"rules without both a passing and a failing fixture: {missing}"


def test_every_failing_case_pins_its_finding() -> None:
    unpinned = [
        f"{r}: {c['name']}"
        for r, c in CASES
        if c["expect"] == "fail" and set(c.get("finding", ())) != set(PINNED)
    ]
    assert not unpinned, f"failing cases without expected, actual, message and message_en: {unpinned}"


def test_fixtures_name_known_rules() -> None:
    known = {r.id for r in all_rules()}
    assert not {rule for rule, _ in CASES} - known
