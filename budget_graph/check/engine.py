"""Runs every check on a filing: SHACL on its graph, Python/NetworkX on its document model."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from budget_graph.check.evaluator import Evaluated, recording
from budget_graph.check.rules import Finding
from budget_graph.model import Filing, Location

if TYPE_CHECKING:  # the graph loads rdflib: the catalogue, which names FilingCheck, needs none of it
    from rdflib.term import Node

    from budget_graph.graph import CodeLists, MappedGraph

FilingCheck = Callable[[Filing], Iterable[Finding]]


@dataclass
class FilingReport:
    """A filing and everything the checks found in it, sorted for stable output.

    `focus` gives the graph node that stands at each place of the filing (the first mapped there: a row
    before its code), so a SHACL report can name the focus node of every finding without mapping again.
    `accepted` holds the findings a baseline (`validate --baseline`) already knew: reported as accepted,
    never counted as new.
    """

    filing: Filing
    findings: list[Finding] = field(default_factory=list)
    focus: dict[Location, Node] = field(default_factory=dict)
    accepted: frozenset[Finding] = frozenset()

    def count(self, severity: str, new: bool = False) -> int:
        """Findings of this severity; with `new`, only those no baseline accepted."""
        return sum(
            1 for f in self.findings if f.severity.value == severity and not (new and f in self.accepted)
        )


def arithmetic_checks() -> list[FilingCheck]:
    """The document-model checks, one module per rule family (check/families.py)."""
    from budget_graph.check import families

    return families.CHECKS


def map_filing(filing: Filing, code_lists: CodeLists | None = None) -> MappedGraph:
    """The filing's graph with every code linked to its national concept (the map stage), and what the
    profiles require of it (check/requirements.py), for the completeness shapes."""
    from budget_graph.check.requirements import with_requirements
    from budget_graph.codes import NationalCodeLists
    from budget_graph.graph import build_graph

    return with_requirements(build_graph(filing, code_lists or NationalCodeLists()), filing)


def check_filing(filing: Filing) -> FilingReport:
    return check_mapped(filing)[0]


def check_mapped(filing: Filing) -> tuple[FilingReport, MappedGraph]:
    """Map and check a filing; the graph comes back too, for whoever writes it out (export, the store)."""
    from budget_graph.check import shacl
    from budget_graph.check.confidence import temper

    mapped = map_filing(filing)
    findings = list(shacl.check(mapped))
    for check in arithmetic_checks():
        findings.extend(check(filing))
    findings = temper(filing, findings)
    focus: dict[Location, Node] = {}
    for node, place in mapped.locations.items():
        focus.setdefault(place, node)
    return FilingReport(filing, sort_findings(findings), focus), mapped


def check_recorded(filing: Filing, every: bool = True) -> tuple[FilingReport, MappedGraph, list[Evaluated]]:
    """check_mapped, and the identities the checks evaluated (check/evaluator.py): every one, or only
    those that fail."""
    with recording(every) as evaluated:
        report, mapped = check_mapped(filing)
    return report, mapped, evaluated


def finding_order(finding: Finding) -> tuple:
    """The report's order, total: findings of one rule at one place keep one order in every run, so
    report IRIs and the fingerprints of look-alikes (numbered in this order) are stable."""
    first = finding.locations[0] if finding.locations else None
    place = (first.line or first.page or 0) if first else 0
    return finding.severity.rank, place, finding.rule, finding.message, repr(finding.locations)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(set(findings), key=finding_order)
