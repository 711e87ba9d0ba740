"""The named queries on real filings: each expected value read by hand on the PDF's page (cited beside it)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_graph.store.queries import named_queries
from tests.conftest import SAMPLE
from tests.test_store_load import ask, filings_with_rule, load

FOLDERS = ("js-procuratorate", "sh-putuo-wanli-jiedao-2023-yusuan", "sh-putuo-caizhengju-2024-juesuan")
PROCURATORATE = "江苏省人民检察院"
WANLI = "上海市普陀区人民政府万里街道办事处"
FINANCE_BUREAU = "上海市普陀区财政局"


@pytest.fixture(scope="module")
def corpus_store(corpus, tmp_path_factory) -> Path:
    """Jiangsu's procuratorate 2017–2019 budgets, 万里街道's 2023 budget, 普陀区财政局's 2024 决算 and the sample."""
    folders = [corpus / name for name in FOLDERS]
    if not all(folder.is_dir() for folder in folders):
        pytest.skip(f"the corpus lacks one of {', '.join(FOLDERS)}")
    store = tmp_path_factory.mktemp("store") / "store"
    result = load(*map(str, folders), str(SAMPLE), "--store", str(store))
    assert result.exit_code == 0, result.output
    return store


def amounts(row: dict[str, str]) -> list[Decimal]:
    return [Decimal(row[k]) for k in ("total", "overseasTravel", "hospitality", "vehicles")]


def test_the_three_public_total_is_the_three_public_column_not_the_tables_grand_total(corpus_store):
    """Jiangsu's 三公 table prints 会议费 and 培训费 beside the 三公 items under 合计 (2017: 合计 1,452.35, and
    1,452.35 + 584.35 = 2,036.70 when the 三公 subtotal was added to it); Shanghai's 合计 is the 三公 total."""
    rows = {(r["unit"], r["year"]): r for r in ask(corpus_store, "three-public-by-unit-year")}
    # 2017年省检察院部门预算.pdf, 十一、“三公”经费: 小计 584.35, 出国 110.00, 公务用车 317.80, 接待 156.55
    assert amounts(rows[PROCURATORATE, "2017"]) == [Decimal(v) for v in ("584.35", "110", "156.55", "317.80")]
    # 万里街道 2023, 2023年部门“三公”经费和机关运行经费预算表: 合计 22.91, 出国 0, 接待 1.35, 公务用车 21.56
    assert amounts(rows[WANLI, "2023"]) == [Decimal(v) for v in ("22.91", "0", "1.35", "21.56")]
    assert rows[WANLI, "2023"]["kind"] == "预算 budget"


def test_a_final_accounts_three_public_figures_are_its_actual_row_not_its_budget_row(corpus_store):
    """普陀区财政局 2024 决算 p. 18, 财政拨款“三公”经费支出决算表: 预算数 0.95 (合计, 公务接待费), 决算数 blank."""
    rows = {(r["unit"], r["year"]): r for r in ask(corpus_store, "three-public-by-unit-year")}
    assert rows[FINANCE_BUREAU, "2024"]["kind"] == "决算 final"
    assert amounts(rows[FINANCE_BUREAU, "2024"]) == [0, 0, 0, 0]


def test_spending_by_function_class_counts_every_filing_and_keeps_budgets_apart_from_final_accounts(
    corpus_store,
):
    rows = {(r["year"], r["kind"], r["class"]): r for r in ask(corpus_store, "spending-by-function-class")}
    budget, final = "预算 budget", "决算 final"
    # 万里街道 2023, 一般公共预算支出功能分类预算表 (Shanghai: its total column is 一般公共预算拨款)
    wanli = {code: Decimal(rows["2023", budget, code]["total"]) * 10000 for code in ("208", "212")}
    assert wanli == {"212": Decimal(121319878), "208": Decimal(27073236)}
    assert rows["2023", budget, "212"]["name"] == "城乡社区支出"
    # 2024: the sample's budget and 普陀区财政局's 决算 (一般公共预算财政拨款支出决算表 201: 2,106.66) apart
    assert Decimal(rows["2024", budget, "201"]["total"]) == Decimal("33149.35")
    assert Decimal(rows["2024", final, "201"]["total"]) == Decimal("2106.66")
    assert rows["2024", final, "201"]["filings"] == "1"
    # 2017年省检察院部门预算.pdf, 一般公共预算支出表: 204 公共安全支出 13,641.34
    assert Decimal(rows["2017", budget, "204"]["total"]) == Decimal("13641.34")
    assert {(year, kind) for year, kind, _ in rows} == {
        ("2017", budget),
        ("2018", budget),
        ("2019", budget),
        ("2023", budget),
        ("2024", budget),
        ("2024", final),
    }


def test_narrative_disagreements_include_the_final_accounts_rules(corpus_store):
    rows = {
        (r["unit"], r["year"], r["kind"], r["rule"]): (r["actual"], r["expected"], r["place"])
        for r in ask(corpus_store, "narrative-disagrees-with-tables")
    }
    # 普陀区财政局 2024 决算 p. 21: “财政拨款收入支出总计0.3万元”; p. 13, 财政拨款收入支出决算总表 总计 2,961.68
    assert rows[FINANCE_BUREAU, "2024", "决算 final", "BG-D007"] == ("0.3万元", "2,961.68万元", "page 21")
    # 2017年省检察院部门预算.pdf p. 19: “基本支出预算数为 12323.46 万元”; 支出预算总表 基本支出 12,323.48
    assert rows[PROCURATORATE, "2017", "预算 budget", "BG-N002"] == (
        "12,323.46万元",
        "12,323.48万元",
        "page 19",
    )


def test_filings_and_their_findings_by_rule(corpus_store):
    """Each PDF's unit, year and kind as its cover prints them; the two narrative errors above, by rule."""
    listed = {(r["unit"], r["year"], r["kind"]) for r in ask(corpus_store, "filings")}
    assert listed == {
        *((PROCURATORATE, str(year), "预算 budget") for year in (2017, 2018, 2019)),
        (WANLI, "2023", "预算 budget"),
        (FINANCE_BUREAU, "2024", "决算 final"),
        ("深圳市罗湖区企业服务中心（本级）", "2024", "预算 budget"),
    }
    rules = {(r["rule"], r["severity"]): r for r in ask(corpus_store, "findings-by-rule")}
    assert (rules["BG-D007", "error"]["filings"], rules["BG-D007", "error"]["firstFiling"]) == (
        "1",
        f"{FINANCE_BUREAU} 2024",
    )
    n002 = filings_with_rule(corpus_store, "BG-N002")
    assert (PROCURATORATE, "2017", "预算 budget", "error") in {
        (r["unit"], r["year"], r["kind"], r["severity"]) for r in n002
    }
    assert rules["BG-N002", "error"]["filings"] == str(len(n002))


@pytest.fixture(scope="module")
def editions_store(tmp_path_factory) -> Path:
    """The sample as it is (2024) and the same filing dated 2018, before class 210 was renamed (2019)."""
    folder = tmp_path_factory.mktemp("editions")
    dated_2018 = folder / "luohu-2018.md"
    text = SAMPLE.read_text(encoding="utf-8")
    dated_2018.write_text(text.replace("2024", "2018").replace("2023", "2017"), encoding="utf-8")
    store = folder / "store"
    result = load(str(SAMPLE), str(dated_2018), "--store", str(store))
    assert result.exit_code == 0, result.output
    return store


@pytest.mark.parametrize(("year", "name"), [("2018", "医疗卫生与计划生育支出"), ("2024", "卫生健康支出")])
def test_a_class_is_named_as_the_edition_of_the_filings_year_names_it(editions_store, year, name):
    rows = [r for r in ask(editions_store, "spending-by-function-class") if r["class"] == "210"]
    assert [r["name"] for r in rows if r["year"] == year] == [name]


def test_every_named_query_has_its_worked_example_in_the_graph_model():
    text = (SAMPLE.parents[1] / "docs" / "graph-model.md").read_text(encoding="utf-8")
    assert [name for name in named_queries() if f"### `{name}`" not in text] == []
