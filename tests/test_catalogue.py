"""The rule catalogue: complete entries, and the rule reference generated from it, not kept by hand."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from budget_graph.check import catalogue, narrative
from budget_graph.check.catalogue import all_rules, as_markdown
from budget_graph.check.families import FAMILIES, Family
from budget_graph.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "rules.md"


def test_every_rule_is_documented_in_both_languages() -> None:
    rules = all_rules()
    assert rules
    for rule in rules:
        assert re.fullmatch(r"BG-[A-Z]\d{3}", rule.id), rule.id
        assert rule.title and rule.title_en and rule.basis and rule.checks and rule.why, rule.id
        assert rule.engine in {"shacl", "networkx", "python"}, rule.id
        assert re.search(r"[\u4e00-\u9fff]", rule.title), f"{rule.id} needs a Chinese title"


def test_rules_command_lists_the_catalogue() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    assert all(rule.id in result.output for rule in all_rules())


def test_rule_reference_is_generated_from_the_catalogue() -> None:
    assert DOCS.read_text(encoding="utf-8") == as_markdown(), (
        "docs/rules.md is stale: run `budget-graph rules --format markdown > docs/rules.md`"
    )


def _defines_rules(path: Path) -> bool:
    """Does the module call rule(...) at its top level (a rule family's constants)?"""
    calls = (
        node.value for node in ast.parse(path.read_text(encoding="utf-8")).body if hasattr(node, "value")
    )
    return any(isinstance(c, ast.Call) and getattr(c.func, "id", None) == "rule" for c in calls)


def test_every_module_defining_rules_is_a_listed_family() -> None:
    listed = {family.module.__name__.rsplit(".", 1)[-1] for family in FAMILIES}
    defining = {path.stem for path in (ROOT / "budget_graph" / "check").glob("*.py") if _defines_rules(path)}
    assert defining and defining <= listed, f"add to check/families.py: {sorted(defining - listed)}"


def test_the_catalogue_holds_exactly_the_families_rules() -> None:
    assert {rule.id for family in FAMILIES for rule in family.rules} == set(catalogue.CATALOGUE)


def test_two_rules_with_one_id_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    twin = ModuleType("twin")
    twin.TWIN = replace(narrative.TOTALS, title_en="another rule, same id")
    monkeypatch.setattr(catalogue, "FAMILIES", (*FAMILIES, Family(twin)))
    with pytest.raises(ValueError, match=narrative.TOTALS.id):
        catalogue._catalogue()
