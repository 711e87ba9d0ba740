"""The identities the checks evaluated, as RDF: one bg:Identity per identity, re-checkable in SPARQL.

An identity (derive/identity.py, judged by check/evaluator.py) is a total against the signed sum of its
parts, = or ≤. Its node <filing IRI>/identity/<n> (n in the order the checks evaluated them) carries its
rule (bg:ruleId), its relation (bg:EqualTo; bg:AtMost: the parts add up to at most the total; bg:Restates:
the total, a narrative's figure, is its part rounded to the total's unit and decimals, within bg:halfStep
of it; bg:StatesPercentage: a stated percentage, bg:statedPercent within its bg:halfStep of the one its
bg:numerator and bg:denominator give by its bg:ratio, with no total or terms), what it
compares (rdfs:label, Chinese and English), its total (bg:total) and a term per part (bg:signedPart: bg:sign ±1 and
bg:figure), and, when it fails and the report holds its finding, that finding (bg:finding: the report's
<filing IRI>/report/result/<m>, report/ttl.py). A part printed as zero is exact and adds nothing: it
has no term, as the graph has no budget line for a printed 0.00 (half an identity's parts are such
zeros; their terms would double its size).

A figure is the budget line it stands in (obeu-measure:amount, bg:decimals) when the graph has one;
a figure no line holds (a total printed as 0.00, a narrative figure) gets a node of its own under the
identity with its amount and decimals. Each figure carries bg:radius: how far in yuan the value it stands for
may lie from it (derive/rounding.py: half its last digit, 0 for a printed zero). So
queries/failing-identities.rq finds the failing identities by the rounding rule alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from budget_graph.check.engine import FilingReport
from budget_graph.check.evaluator import Evaluated
from budget_graph.check.rules import Finding
from budget_graph.derive.identity import Figure, Identity, Relation
from budget_graph.derive.rounding import Ratio, percent_half_step, radius
from budget_graph.graph import MappedGraph
from budget_graph.graph import literals as lit
from budget_graph.graph.iris import child
from budget_graph.graph.namespaces import BG, OBEU_MEASURE
from budget_graph.model import Location

Triple = tuple[Node, Node, Node]
RELATIONS = {
    Relation.EQUAL: BG.EqualTo,
    Relation.AT_MOST: BG.AtMost,
    Relation.RESTATES: BG.Restates,
    Relation.PERCENT: BG.StatesPercentage,
}
RATIOS = {
    Ratio.SHARE: BG.ShareRatio,
    Ratio.GROWTH: BG.GrowthRatio,
    Ratio.INCREASE: BG.IncreaseRatio,
    Ratio.DECREASE: BG.DecreaseRatio,
}


def identity_triples(
    report: FilingReport, mapped: MappedGraph, evaluated: Iterable[Evaluated]
) -> list[Triple]:
    """The identities' triples, each identity once (one evaluated twice is one identity)."""
    writer = _Writer(report, mapped)
    for number, identity in enumerate(dict.fromkeys(e.identity for e in evaluated), start=1):
        writer.identity(child(mapped.filing, "identity", number), identity)
    for found in evaluated:  # a finding the report holds (its checks may have replaced it by another)
        result = writer.results.get(_key(found.finding)) if found.finding else None
        if result is not None:
            writer.triples.append((writer.nodes[found.identity], BG.finding, result))
    return list(dict.fromkeys(writer.triples))


def _key(finding: Finding) -> tuple:
    """What a finding keeps from the evaluator to the report: the last pass may lower its severity and
    say why (check/confidence.py), never its places or figures."""
    return finding.rule, finding.locations, finding.expected, finding.actual


class _Writer:
    def __init__(self, report: FilingReport, mapped: MappedGraph):
        self.triples: list[Triple] = []
        self.nodes: dict[Identity, URIRef] = {}
        self.focus = report.focus
        self.results = {
            _key(f): child(mapped.filing, "report", "result", n)
            for n, f in enumerate(report.findings, start=1)
        }
        self.amounts = {s: o.toPython() for s, p, o in mapped.triples if p == OBEU_MEASURE.amount}

    def identity(self, node: URIRef, identity: Identity) -> None:
        self.nodes[identity] = node
        self.triples += [
            (node, RDF.type, BG.Identity),
            (node, BG.ruleId, lit.text(identity.rule)),
            (node, BG.relation, RELATIONS[identity.relation]),
            (node, RDFS.label, lit.text(identity.what, "zh")),
            (node, RDFS.label, lit.text(identity.what_en, "en")),
        ]
        if identity.relation is Relation.PERCENT:
            self.percentage(node, identity)
            return
        self.triples.append((node, BG.total, self.figure(child(node, "total"), identity.total)))
        if identity.relation is Relation.RESTATES:  # the window the table's figure must round into
            self.triples.append((node, BG.halfStep, lit.decimal(identity.total.amount.half_step_yuan)))
        for number, (sign, part) in enumerate(zip(identity.signs, identity.parts, strict=True), start=1):
            if part.amount.value == 0:
                continue  # exact and adding nothing, as the graph keeps no budget line for a printed 0.00
            term = child(node, "part", number)
            self.triples += [
                (node, BG.signedPart, term),
                (term, BG.sign, lit.integer(sign)),
                (term, BG.figure, self.figure(child(term, "figure"), part)),
            ]

    def percentage(self, node: URIRef, identity: Identity) -> None:
        """A stated percentage: its value and half-step in percent, how it follows from its two figures."""
        assert identity.percent is not None and identity.ratio is not None
        (denominator,) = identity.parts
        self.triples += [
            (node, BG.statedPercent, lit.decimal(identity.percent)),
            (node, BG.halfStep, lit.decimal(percent_half_step(identity.percent))),
            (node, BG.ratio, RATIOS[identity.ratio]),
            (node, BG.numerator, self.figure(child(node, "numerator"), identity.total)),
            (node, BG.denominator, self.figure(child(node, "denominator"), denominator)),
        ]

    def figure(self, own: URIRef, figure: Figure) -> Node:
        """The budget line that holds the figure, else a node of its own (`own`) with its amount."""
        amount = figure.amount
        line = self._line(figure.location, amount.yuan)
        if line is None:
            line = own
            self.triples += [
                (own, OBEU_MEASURE.amount, lit.decimal(amount.yuan)),
                (own, BG.decimals, lit.integer(amount.decimals)),
            ]
        self.triples.append((line, BG.radius, lit.decimal(radius(amount))))
        return line

    def _line(self, place: Location, yuan: Decimal) -> Node | None:
        node = self.focus.get(place)
        return node if node is not None and self.amounts.get(node) == yuan else None
