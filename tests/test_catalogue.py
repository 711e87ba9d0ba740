"""The rule catalogue: complete entries, and the rule reference generated from it, not kept by hand."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from budget_graph.check.catalogue import all_rules, as_markdown
from budget_graph.cli import main

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


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
