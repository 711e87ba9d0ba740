"""Every identity the checks evaluate is a record (derive/identity.py, judged by check/evaluator.py) and a
bg:Identity node of `export`, and queries/failing-identities.rq finds, by the rounding rule alone, exactly
the identities that failed."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from budget_graph.check.engine import check_filing, check_recorded
from budget_graph.check.evaluator import evaluate, recording, verdict
from budget_graph.check.rules import Severity, rule
from budget_graph.cli import main
from budget_graph.derive.identity import Figure, Form, Identity, percentage
from budget_graph.derive.rounding import Agreement, Ratio
from budget_graph.graph.iris import child
from budget_graph.graph.namespaces import BG
from budget_graph.model import Amount, Location, Unit
from budget_graph.read import read_file
from budget_graph.store.queries import named_query, with_prefixes
from tests.conftest import SAMPLE
from tests.edits import edited_sample

# BG-R001's failing fixture (a 款 raised by 2.00) and BG-X013's (a 三公 figure below its basic line)
RAISED = {"line": 260, "old": "28.69\t0.00\t28.69", "new": "30.69\t0.00\t30.69"}
BELOW = {"line": 479, "old": "0.00\t0.50", "new": "0.00\t0.40"}
# BG-N001: 收入 as 3.37亿元 restates 33,654.29万元 (as the narrative prints it); 支出 as 3.30亿元 does not
RESTATED = {"line": 65, "old": "部门预算收入33,654.29万元", "new": "部门预算收入3.37亿元"}
MISSTATED = {"line": 65, "old": "部门预算支出33,654.29万元", "new": "部门预算支出3.30亿元"}


def exported(path: Path) -> Graph:
    result = CliRunner().invoke(main, ["export", str(path), "--format", "nt"])
    assert result.exit_code == 0, result.output
    return Graph().parse(data=result.output, format="nt")


@cache
def sample_graph() -> Graph:
    return exported(SAMPLE)


def failing(graph: Graph) -> list:
    return list(graph.query(with_prefixes(named_query("failing-identities").text)))


def result_iris(path: Path, severity: Severity | None = None) -> dict[URIRef, str]:
    """The report's result IRI of each finding an identity gave, and its rule."""
    report, mapped, evaluated = check_recorded(read_file(path))
    given = {e.finding for e in evaluated if e.finding}
    keys = {(f.rule, f.locations, f.expected, f.actual) for f in given}
    return {
        child(mapped.filing, "report", "result", n): f.rule
        for n, f in enumerate(report.findings, start=1)
        if (f.rule, f.locations, f.expected, f.actual) in keys and severity in (None, f.severity)
    }


def test_export_holds_an_identity_node_for_every_identity_checked() -> None:
    _, _, evaluated = check_recorded(read_file(SAMPLE))
    identities = set(e.identity for e in evaluated)
    nodes = set(sample_graph().subjects(RDF.type, BG.Identity))
    assert len(nodes) == len(identities) > 800
    rules = {str(sample_graph().value(node, BG.ruleId)) for node in nodes}
    assert {"BG-R001", "BG-R004", "BG-X003", "BG-X007", "BG-K006", "BG-Y001"} <= rules
    percentages = set(sample_graph().subjects(BG.relation, BG.StatesPercentage))
    assert len(percentages) == sum(1 for i in identities if i.percent is not None) == 8


def test_every_term_the_identities_use_is_declared_with_both_labels() -> None:
    ontology = Graph().parse(Path(__file__).resolve().parents[1] / "ontology" / "budget-graph.ttl")
    identities = set(sample_graph().subjects(RDF.type, BG.Identity))
    used = {
        term
        for node in identities
        for _, predicate, value in sample_graph().triples((node, None, None))
        for term in (predicate, value)
        if isinstance(term, URIRef) and term.startswith(str(BG))
    } | {BG.sign, BG.figure, BG.radius}
    assert {BG.Identity, BG.signedPart, BG.total, BG.relation, BG.finding} <= used
    for term in used:
        assert {label.language for label in ontology.objects(term, RDFS.label)} >= {"zh", "en"}, term


def test_recording_changes_no_finding_and_a_failing_only_recording_keeps_the_failures() -> None:
    filing = read_file(SAMPLE)
    plain = check_filing(filing).findings
    every, _, evaluated = check_recorded(read_file(SAMPLE))
    failures, _, kept = check_recorded(read_file(SAMPLE), every=False)
    assert plain == every.findings == failures.findings
    assert kept == [e for e in evaluated if e.finding] and len(kept) < len(evaluated) / 10


def test_the_query_finds_the_sample_failing_identities_and_their_findings() -> None:
    rows = failing(sample_graph())
    assert {row.finding for row in rows} == set(result_iris(SAMPLE)) and len(rows) == 30
    verdicts = {(str(row.rule), str(row.verdict)) for row in rows}  # 29 info findings and one error:
    assert verdicts == {("BG-R001", "rounding"), ("BG-R002", "rounding"), ("BG-Y001", "different")}
    stated = next(
        row for row in rows if str(row.rule) == "BG-Y001"
    )  # 下降66.6% where 6.06 of 30,421.36 is 0.02%
    assert (stated.total.toPython(), round(stated.sum.toPython(), 4)) == (Decimal("66.6"), Decimal("0.0199"))


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> tuple[Graph, list, dict[URIRef, str]]:
    """The sample with BG-R001's and BG-X013's failing edits and two narrative restatements (one export for
    the tests below): the export, its failing identities and the errors its identities gave."""
    path = edited_sample([RAISED, BELOW, RESTATED, MISSTATED], tmp_path_factory.mktemp("edited"))
    graph = exported(path)
    return graph, failing(graph), result_iris(path, Severity.ERROR)


def test_a_broken_sum_and_a_part_above_its_whole_are_found_different(edited) -> None:
    _, rows, errors = edited
    different = {row.finding: str(row.rule) for row in rows if str(row.verdict) == "different"}
    assert different == errors and {"BG-R001", "BG-X013"} <= set(errors.values())
    below = next(row for row in rows if str(row.rule) == "BG-X013")  # 三公's 0.40万元 below 30217's 0.50
    assert (below.total.toPython(), below.sum.toPython()) == (Decimal(4000), Decimal(5000))


def test_the_narrative_restatements_are_identities_the_query_rechecks(edited) -> None:
    """收入 as 3.37亿元 restates 33,654.29万元 (rounded to the narrative's unit and decimals): not failing,
    though the figures differ; 支出 as 3.30亿元 does not: failing, beyond rounding."""
    graph, failed, errors = edited
    restating = set(graph.subjects(BG.relation, BG.Restates))
    rules = {str(graph.value(node, BG.ruleId)) for node in restating}
    assert len(restating) > 20 and {"BG-N001", "BG-N002"} <= rules
    rows = [row for row in failed if str(row.rule) == "BG-N001"]
    misstated = [iri for iri, rule in errors.items() if rule == "BG-N001"]
    assert [(row.finding, str(row.verdict)) for row in rows] == [(misstated[0], "different")]
    assert (rows[0].total.toPython(), rows[0].sum.toPython()) == (Decimal("330000000"), Decimal("336542900"))


def test_a_narrative_zero_is_restated_by_a_table_figure_that_rounds_to_it() -> None:
    """0.00万元 restates 30元 (0.003万元 prints as 0.00), not 80元: the query decides by the half step of
    the narrative's last digit, though a printed zero's radius is 0."""
    from budget_graph.check.evaluator import Evaluated
    from budget_graph.derive.identity import restates
    from budget_graph.report.identities import identity_triples

    report, mapped, _ = check_recorded(read_file(SAMPLE))
    stated = Figure(Amount(Decimal("0.00"), Unit.WAN), Location("n.md", line=1), "说明中x")
    holds, fails = (
        restates(
            RULE.id, stated, Figure(Amount(Decimal(y), Unit.YUAN), Location("t.md", line=2), "表"), "w", "w"
        )
        for y in ("30", "80")
    )
    assert (verdict(holds), verdict(fails)) == (Agreement.EQUAL, Agreement.DIFFERENT)
    graph = Graph()
    for triple in identity_triples(
        report, mapped, [Evaluated(holds, Agreement.EQUAL, None), Evaluated(fails, Agreement.DIFFERENT, None)]
    ):
        graph.add(triple)
    assert [(row.sum.toPython(), str(row.verdict)) for row in failing(graph)] == [(Decimal(80), "different")]


def test_the_store_keeps_the_failing_identities_beside_their_findings(tmp_path: Path) -> None:
    from budget_graph.store.oxigraph import LocalStore

    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["load", str(SAMPLE), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 0, result.output
    opened = LocalStore(store, read_only=True)
    try:
        rows = opened.query(with_prefixes(named_query("failing-identities").text)).values()
        count = opened.query(with_prefixes("SELECT (COUNT(*) AS ?n) WHERE { ?i a bg:Identity }")).values()
    finally:
        opened.close()
    assert {row["finding"] for row in rows} == {str(iri) for iri in result_iris(SAMPLE)}
    assert int(count[0]["n"]) == len(rows)  # the store holds no identity that holds


def figure(text: str, name: str) -> Figure:
    return Figure(Amount(Decimal(text), Unit.WAN), Location("t.md", line=1), name)


RULE = rule(
    id="BG-T999",
    title="t",
    title_en="t",
    severity=Severity.ERROR,
    basis="",
    checks="",
    why="",
    engine="python",
)


@pytest.mark.parametrize(
    ("form", "total", "parts", "agreement"),
    [
        (Form.SUM, "3.00", ["1.00", "2.00"], Agreement.EQUAL),
        (Form.SUM, "3.01", ["1.00", "2.00"], Agreement.ROUNDING),
        (Form.SUM, "3.02", ["1.00", "2.00"], Agreement.DIFFERENT),
        (Form.SAME, "0.50", ["0.51"], Agreement.ROUNDING),
        (Form.PART, "0.50", ["0.50"], Agreement.EQUAL),  # the whole first: a part may equal it
        (Form.PART, "0.50", ["0.51"], Agreement.ROUNDING),
        (Form.PART, "0.50", ["0.52"], Agreement.DIFFERENT),
        (Form.RESTATED, "87.71", ["87.708"], Agreement.EQUAL),  # as the narrative prints the table's
        (Form.RESTATED, "87.7", ["87.75"], Agreement.ROUNDING),  # 87.75 prints as 87.8, but may be 87.749
        (Form.RESTATED, "87.72", ["87.708"], Agreement.DIFFERENT),
    ],
)
def test_one_verdict_for_every_form(form: Form, total: str, parts: list[str], agreement: Agreement) -> None:
    identity = Identity(
        RULE.id,
        form,
        figure(total, "a"),
        tuple(figure(p, "b") for p in parts),
        (1,) * len(parts),
        "w",
        "w",
    )
    assert verdict(identity) is agreement
    with recording() as kept:
        finding = evaluate(identity, RULE)
    assert kept[0].agreement is agreement and kept[0].finding == finding
    assert (finding is None) == (agreement is Agreement.EQUAL)
    if finding:
        assert finding.severity is (Severity.INFO if agreement is Agreement.ROUNDING else Severity.ERROR)


@pytest.mark.parametrize(
    ("ratio", "stated", "x", "y", "expected"),
    [
        (Ratio.SHARE, "79.49", "2336.91", "2940.05", None),
        (Ratio.SHARE, "80.49", "2336.91", "2940.05", "different"),
        (Ratio.SHARE, "50.0", "0.05", "0.10", None),
        (Ratio.SHARE, "58", "0.05", "0.10", "rounding"),  # 0.055 ÷ 0.095 is 57.9%, within 58's half-step
        (Ratio.GROWTH, "48.5", "440.00", "855.00", None),
        (Ratio.GROWTH, "48.6", "440.00", "855.00", "different"),
        (Ratio.DECREASE, "48.5", "415", "440.00", None),
        (Ratio.DECREASE, "48.6", "415", "440.00", "rounding"),  # 415.5 ÷ (439.995 + 415.5) is 48.57%
        (Ratio.DECREASE, "66.6", "6.06", "30415.30", "different"),
        (Ratio.INCREASE, "100.00", "24.33", "48.66", None),
        (Ratio.INCREASE, "12", "1.00", "9.00", "rounding"),  # 12.5% does not round half up to 12%
    ],
)
def test_the_query_rechecks_a_stated_percentage_as_the_evaluator(
    ratio: Ratio, stated: str, x: str, y: str, expected: str | None
) -> None:
    """Every kind of stated percentage, equal, rounding and different: the query's verdict is the evaluator's."""
    from budget_graph.check.evaluator import Evaluated
    from budget_graph.report.identities import identity_triples

    identity = percentage(RULE.id, Decimal(stated), ratio, figure(x, "x"), figure(y, "y"), "w", "w")
    agreement = verdict(identity)
    assert (None if agreement is Agreement.EQUAL else agreement.value) == expected
    report, mapped, _ = check_recorded(read_file(SAMPLE))
    graph = Graph()
    for triple in identity_triples(report, mapped, [Evaluated(identity, agreement, None)]):
        graph.add(triple)
    assert [str(row.verdict) for row in failing(graph)] == ([expected] if expected else [])


def test_a_percentage_is_worded_by_its_check() -> None:
    identity = percentage(RULE.id, Decimal("60"), Ratio.SHARE, figure("1", "x"), figure("2", "y"), "w", "w")
    with pytest.raises(ValueError, match="worded by its check"):
        evaluate(identity, RULE)
