"""`load` and the named queries on real filings: the sample, edited copies of it, and the corpus."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from budget_graph.cli import main
from budget_graph.store.oxigraph import LocalStore
from budget_graph.store.queries import named_queries, named_query, with_prefixes
from tests.conftest import SAMPLE
from tests.edits import edited_sample

OTHER_UNIT = [{"line": 3, "old": "深圳市罗湖区企业服务中心（本级）", "new": "深圳市罗湖区另一中心"}]


def budget_2023() -> list[dict]:
    """The unit's 2023 budget as BG-F001's passing fixture makes it, but 800.00万元 for 企业服务 (not 855.00)."""
    spec = yaml.safe_load((Path(__file__).parent / "rules" / "BG-F001.yaml").read_text(encoding="utf-8"))
    edits = spec["cases"][0]["others"][0]["edits"]
    return [{**e, "new": "企业服务800.00"} if e["new"] == "企业服务855.00" else e for e in edits]


def load(*args: str):
    result = CliRunner().invoke(main, ["load", *args, "--workers", "1"])
    return result


def ask(folder: Path, name: str) -> list[dict[str, str]]:
    return select(folder, named_query(name).text)


def select(folder: Path, sparql: str) -> list[dict[str, str]]:
    store = LocalStore(folder, read_only=True)
    try:
        return store.query(with_prefixes(sparql)).values()
    finally:
        store.close()


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory) -> Path:
    """The sample, the same filing under another unit's name, and the unit's (edited) 2023 budget."""
    folder = tmp_path_factory.mktemp("sources")
    sources = [
        SAMPLE,
        edited_sample(OTHER_UNIT, folder, "other.md"),
        edited_sample(budget_2023(), folder, "2023.md"),
    ]
    store = tmp_path_factory.mktemp("store") / "store"
    result = load(*map(str, sources), "--store", str(store))
    assert result.exit_code == 0, result.output
    return store


def test_filings_in_the_store(corpus_store):
    rows = ask(corpus_store, "filings")
    assert {(r["unit"], r["year"]) for r in rows} == {
        ("深圳市罗湖区企业服务中心（本级）", "2024"),
        ("深圳市罗湖区另一中心", "2024"),
        ("深圳市罗湖区企业服务中心（本级）", "2023"),
    }
    assert all(int(r["errorCount"]) >= 1 for r in rows)  # the sample's 产业专项资金 percentage (BG-Y001)


def test_spending_by_function_class_sums_the_published_class_rows_across_units(corpus_store):
    rows = {(r["year"], r["class"]): r for r in ask(corpus_store, "spending-by-function-class")}
    expected_2024 = {"201": "33149.35", "205": "24.33", "208": "134.87", "210": "35.42", "221": "310.32"}
    for code, total in expected_2024.items():
        assert Decimal(rows["2024", code]["total"]) == 2 * Decimal(total)
        assert rows["2024", code]["filings"] == "2"
    assert rows["2024", "201"]["name"] == "一般公共服务支出"
    assert sum(Decimal(rows["2024", code]["total"]) for code in expected_2024) == Decimal("67308.58")


def test_three_public_expenses_by_unit_and_year(corpus_store):
    rows = {(r["unit"], r["year"]): r for r in ask(corpus_store, "three-public-by-unit-year")}
    sample = rows["深圳市罗湖区企业服务中心（本级）", "2024"]
    assert [Decimal(sample[k]) for k in ("total", "overseasTravel", "hospitality", "vehicles")] == [
        Decimal("3.15"),
        0,
        Decimal("0.5"),
        Decimal("2.65"),
    ]


def test_project_spending_with_funding_sources(corpus_store):
    rows = [
        r
        for r in ask(corpus_store, "project-spending-with-funding")
        if r["unit"] == "深圳市罗湖区另一中心" and r["project"] == "产业专项资金"
    ]
    assert len(rows) == 1 and Decimal(rows[0]["total"]) == Decimal("30415.3")
    assert "上年结转 5515.3" in rows[0]["funding"]


def test_change_statements_against_the_previous_year(corpus_store):
    rows = ask(corpus_store, "change-disagrees-with-previous-year")
    assert [(r["subject"], Decimal(r["impliedBase"]), Decimal(r["previousFigure"])) for r in rows] == [
        ("企业服务", Decimal(855), Decimal(800))
    ]


def filings_with_rule(folder: Path, rule: str) -> list[dict[str, str]]:
    """docs/graph-model.md's query for every filing with a rule's findings, asked for `rule`."""
    text = (SAMPLE.parents[1] / "docs" / "graph-model.md").read_text(encoding="utf-8")
    after = text[text.index("### `findings-by-rule`") :]
    sparql = after[after.index("```sparql") + len("```sparql") : after.index("\n```\n")]
    return select(folder, sparql.replace('"BG-Y001"', f'"{rule}"'))


def test_findings_by_rule_across_filings(corpus_store):
    rows = {(r["rule"], r["severity"]): r for r in ask(corpus_store, "findings-by-rule")}
    assert rows["BG-Y001", "error"]["filings"] == "3"
    # a bounded sample, not the list (the list grows with the corpus, and Virtuoso refuses long rows)
    assert rows["BG-Y001", "error"]["firstFiling"] == "深圳市罗湖区企业服务中心（本级） 2023"


def test_every_filing_of_a_rule_is_a_row_of_the_documented_query(corpus_store):
    listed = [
        (r["unit"], r["year"], r["kind"], r["severity"]) for r in filings_with_rule(corpus_store, "BG-Y001")
    ]
    assert listed == [
        ("深圳市罗湖区企业服务中心（本级）", "2023", "预算 budget", "error"),
        ("深圳市罗湖区企业服务中心（本级）", "2024", "预算 budget", "error"),
        ("深圳市罗湖区另一中心", "2024", "预算 budget", "error"),
    ]


def test_summaries_agree_with_the_full_graphs(corpus_store):
    """The tallies count the reports' results, and the 三公 summary is the table's own-year row, line by line."""
    results = select(
        corpus_store,
        "SELECT ?rule (COUNT(DISTINCT ?r) AS ?n) WHERE { ?report sh:result ?r . ?r bg:ruleId ?rule } GROUP BY ?rule",
    )
    lines = select(
        corpus_store,
        "SELECT (SUM(?y) / 10000 AS ?wan) WHERE { GRAPH ?g { ?f bg:fiscalYear 2024 ; bg:hasTable ?t . "
        "?t a bg:ThreePublicExpenses ; bg:hasRow ?row . ?line bg:inRow ?row ; bg:referenceYear 2024 ; "
        "bg:columnMeaning bgm:hospitality ; obeu-measure:amount ?y } }",
    )
    tallied = {}
    for row in ask(corpus_store, "findings-by-rule"):
        tallied[row["rule"]] = tallied.get(row["rule"], 0) + int(row["findings"])
    assert tallied == {row["rule"]: int(row["n"]) for row in results}
    hospitality = sum(
        Decimal(r["hospitality"])
        for r in ask(corpus_store, "three-public-by-unit-year")
        if r["year"] == "2024"
    )
    assert hospitality == Decimal(lines[0]["wan"]) > 0


def test_filing_counts_are_the_results_of_its_reports(corpus_store):
    """The filings list's error and warning counts (tallied at load) are its reports' results counted anew."""
    counted = select(
        corpus_store,
        "PREFIX bgs: <https://w3id.org/budget-graph/store#> "
        "SELECT ?unit ?year (SUM(IF(?level = sh:Violation, 1, 0)) AS ?errors) "
        "(SUM(IF(?level = sh:Warning, 1, 0)) AS ?warnings) "
        "WHERE { ?report bg:filing ?filing ; sh:result ?r . ?r sh:resultSeverity ?level . "
        "GRAPH ?summary { ?filing bgs:unit ?unit ; bgs:year ?year } } GROUP BY ?unit ?year",
    )
    listed = {
        (r["unit"], r["year"]): (r["errorCount"], r["warningCount"]) for r in ask(corpus_store, "filings")
    }
    assert listed == {(r["unit"], r["year"]): (r["errors"], r["warnings"]) for r in counted}
    # BG-F001 (in the cross-filing report) adds to the 2024 sample's own error
    assert sum(int(errors) for errors, _ in listed.values()) > len(listed)


def test_every_named_query_says_what_it_answers(corpus_store):
    for query in named_queries().values():
        assert query.description and len(query.title) > 10, query.name
        ask(corpus_store, query.name)


def test_reloading_writes_nothing_and_keeps_the_triple_count(corpus_store):
    before = LocalStore(corpus_store, read_only=True)
    count = before.triple_count()
    before.close()
    result = load(str(SAMPLE), "--store", str(corpus_store))
    assert (
        result.exit_code == 0
        and "0 graphs written" in result.output
        and f"holds {count} triples" in result.output
    )


def test_a_bad_file_is_named_and_left_out_and_the_others_are_loaded(tmp_path):
    store = tmp_path / "store"
    assert load(str(SAMPLE), "--store", str(store)).exit_code == 0
    before = ask(store, "filings")
    other, bad = edited_sample(OTHER_UNIT, tmp_path, "a-other.md"), tmp_path / "z-bad.md"
    bad.write_text("这不是预算文件\n", encoding="utf-8")
    result = load(str(other), str(bad), "--store", str(store))
    assert result.exit_code == 2
    assert "未能载入 not loaded: 不是预决算公开文件" in result.output and str(bad) in result.output
    units = sorted(row["unit"] for row in ask(store, "filings"))
    assert units == sorted([*(row["unit"] for row in before), "深圳市罗湖区另一中心"])


def test_query_command_reads_files_and_formats(corpus_store, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text('SELECT ?l WHERE { ?c skos:notation "2011308"; skos:prefLabel ?l }', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["query", "--store", str(corpus_store), f"@{query}", "--format", "json"]
    )
    assert result.exit_code == 0 and '"招商引资"' in result.output
    listing = CliRunner().invoke(main, ["query", "--list"])
    assert "three-public-by-unit-year" in listing.output


def test_corpus_loads_and_reloads_unchanged(corpus, tmp_path):
    pdfs = sorted(str(p) for p in corpus.glob("*/*.pdf"))
    store = str(tmp_path / "store")
    first = load(str(SAMPLE), *pdfs, "--store", store)
    assert first.exit_code == 0, first.output
    for query in named_queries():
        ask(Path(store), query)
    again = load(str(SAMPLE), *pdfs, "--store", store)
    assert again.output.splitlines()[-1].split("; ")[-1] == first.output.splitlines()[-1].split("; ")[-1]


def test_cross_filing_findings_are_in_the_store(corpus_store):
    rows = {(r["rule"], r["severity"]): r for r in ask(corpus_store, "findings-by-rule")}
    assert (rows["BG-F001", "error"]["filings"], rows["BG-F001", "error"]["firstFiling"]) == (
        "1",
        "深圳市罗湖区企业服务中心（本级） 2024",
    )


def test_the_previous_year_is_found_in_the_store_when_loaded_earlier(tmp_path):
    store = tmp_path / "store"
    assert load(str(edited_sample(budget_2023(), tmp_path, "2023.md")), "--store", str(store)).exit_code == 0
    assert load(str(SAMPLE), "--store", str(store)).exit_code == 0
    rows = {(r["rule"], r["severity"]): r for r in ask(store, "findings-by-rule")}
    assert rows["BG-F001", "error"]["findings"] == "1"


def test_final_accounts_are_checked_against_the_stored_budget_of_their_year(tmp_path):
    store = tmp_path / "store"
    final = edited_sample(
        [
            {"line": 3, "old": "部门预算", "new": "部门决算"},
            {"line": 393, "old": "支出总计", "new": "年初预算"},
            {"line": 396, "old": "33,149.35", "new": "33,100.00"},
        ],
        tmp_path,
        "final.md",
    )
    assert load(str(SAMPLE), "--store", str(store)).exit_code == 0
    assert load(str(final), "--store", str(store)).exit_code == 0
    rows = {(r["rule"], r["severity"]): r for r in ask(store, "findings-by-rule")}
    assert rows["BG-F003", "error"]["findings"] == "1"
