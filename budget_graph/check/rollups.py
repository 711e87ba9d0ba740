"""BG-R001–R003: the roll-ups down a table's rows, as derive/rollups.py states them over the NetworkX trees
of its lines. Their rules' records are declared with the roll-ups, in derive/rollups.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from budget_graph.check.evaluator import findings
from budget_graph.check.rules import Finding, Rule, declared_rule
from budget_graph.derive import rollups
from budget_graph.model import Filing

DECLARED: tuple[Rule, ...] = tuple(declared_rule(d.record, "networkx") for d in rollups.DECLARED)
RULES: dict[str, Rule] = {r.id: r for r in DECLARED}


def check_rollups(filing: Filing) -> Iterator[Finding]:
    yield from findings(rollups.rollup_identities(filing), RULES)
