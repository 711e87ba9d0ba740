"""One unit named several ways: the key that pairs a filing's files and matches filings across years."""

from __future__ import annotations

import pytest

from budget_graph.errors import InputError
from budget_graph.model import (
    UNDATED,
    Cell,
    Claim,
    Filing,
    Kind,
    Location,
    NarrativePart,
    Row,
    RowRole,
    TableKind,
    Unit,
)
from budget_graph.model.amounts import parse_amount
from budget_graph.model.units import same_unit, unit_key
from budget_graph.read import dated, group_filings
from tests.hand_filings import SPENDING, table


@pytest.mark.parametrize(
    "names",
    [
        ("江苏省委办公厅", "中共江苏省委办公厅", "中国共产党江苏省委员会办公厅", "中共 江苏省委 办公厅"),
        ("江苏省政协办公厅", "中国人民政治协商会议江苏省委员会办公厅", "政协江苏省委员会办公厅"),
        ("深圳市罗湖区企业服务中心", "深圳市罗湖区企业服务中心（本级）", "深圳市罗湖区企业服务中心(本级)"),
        ("江苏省人民检察院", "江苏省检察院"),
        ("江苏省高级人民法院", "江苏省高级法院"),
        ("上海市人民政府办公厅", "上海市政府办公厅"),
        (
            "上海市普陀区人民政府万里街道办事处",
            "上海市普陀区万里街道办事处",
            "上海市普陀区政府万里街道办事处",
        ),
        ("江苏省人民代表大会常务委员会办公厅", "江苏省人大常委会办公厅"),
        ("中国共产主义青年团江苏省委员会", "共青团江苏省委"),
    ],
)
def test_one_unit_named_several_ways_has_one_key(names: tuple[str, ...]) -> None:
    assert len({unit_key(name) for name in names}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("上海市普陀区财政局", "上海市财政局"),  # a district bureau is not the municipal one
        ("江苏省委办公厅", "江苏省政协办公厅"),  # the Party committee's office is not the CPPCC's
        ("江苏省人民检察院", "江苏省高级人民法院"),
        ("上海市普陀区人民政府万里街道办事处", "上海市普陀区人民政府长征镇办事处"),
        ("上海市人民政府办公厅", "上海市人大常委会办公厅"),
    ],
)
def test_two_units_keep_two_keys(one: str, other: str) -> None:
    assert unit_key(one) != unit_key(other)


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("上海市普陀区财政局", "普陀区财政局", True),  # the cover and a tables file's filer line
        ("江苏省南京市玄武区教育局", "玄武区教育局", True),
        ("中共上海市普陀区委员会办公室", "普陀区委办公室", True),
        ("上海市普陀区财政局", "财政局", False),  # a name under no division of its own
        ("上海市普陀区财政局", "上海市财政局", False),
        ("上海市普陀区财政局", "长宁区财政局", False),
    ],
)
def test_a_name_given_under_the_divisions_above_it_is_the_same_unit(one: str, other: str, same: bool) -> None:
    assert same_unit(one, other) is same and same_unit(other, one) is same


def narrative_file(unit: str) -> Filing:
    part = NarrativePart(1, "第一部分 部门概况", Location("说明.pdf", page=2))
    return Filing(["说明.pdf"], unit, 2018, Kind.BUDGET, parts=[part])


def tables_file(unit: str, *kinds: TableKind, source: str = "公开表.pdf") -> Filing:
    tables = [table(kind, 3, 1, [], SPENDING) for kind in kinds or [TableKind.ExpenditureSummary]]
    return Filing([source], unit, 2018, Kind.BUDGET, tables=tables)


@pytest.mark.parametrize(
    ("cover", "filer"),
    [
        ("中共江苏省委办公厅", "中国共产党江苏省委员会办公厅"),
        ("江苏省人民检察院", "江苏省检察院"),
        ("上海市普陀区人民政府万里街道办事处", "普陀区万里街道办事处"),
    ],
)
def test_narrative_and_tables_files_naming_the_unit_two_ways_form_one_filing(cover: str, filer: str) -> None:
    grouped = group_filings([narrative_file(cover), tables_file(filer)])
    assert len(grouped) == 1
    assert grouped[0].sources == ["说明.pdf", "公开表.pdf"]
    assert any("两个文件名称不同" in d.message for d in grouped[0].diagnostics)


def test_a_tables_file_naming_its_unit_without_the_city_joins_the_narrative() -> None:
    grouped = group_filings([narrative_file("上海市普陀区财政局"), tables_file("普陀区财政局")])
    assert len(grouped) == 1 and grouped[0].unit == "上海市普陀区财政局"


def test_files_of_two_units_stay_two_filings() -> None:
    grouped = group_filings([narrative_file("上海市普陀区财政局"), tables_file("上海市财政局")])
    assert len(grouped) == 2


def test_a_narrative_file_with_a_table_of_its_own_joins_the_tables_file() -> None:
    narrative = narrative_file("江苏省高级人民法院")
    narrative.tables = tables_file("江苏省高级人民法院", TableKind.ThreePublicExpenses).tables
    grouped = group_filings([narrative, tables_file("江苏省高级人民法院", TableKind.ExpenditureSummary)])
    assert len(grouped) == 1 and len(grouped[0].tables) == 2


def test_tables_published_as_two_files_join_their_narrative() -> None:
    first = tables_file("江苏省高级人民法院", TableKind.IncomeSummary, source="公开表1-5.pdf")
    second = tables_file("江苏省高级人民法院", TableKind.ExpenditureSummary, source="公开表6-9.pdf")
    grouped = group_filings([narrative_file("江苏省高级人民法院"), first, second])
    assert len(grouped) == 1 and grouped[0].sources == ["说明.pdf", "公开表1-5.pdf", "公开表6-9.pdf"]


def test_two_filings_of_one_unit_and_year_holding_the_same_tables_stay_two() -> None:
    grouped = group_filings(
        [tables_file("江苏省高级人民法院"), tables_file("江苏省高级人民法院", source="副本.pdf")]
    )
    assert len(grouped) == 2


def test_the_part_heading_the_tables_may_stand_in_both_files() -> None:
    narrative = narrative_file("江苏省政协办公厅")
    narrative.parts.append(NarrativePart(2, "第二部分 2019年度部门预算表", Location("说明.pdf", page=9)))
    tables = tables_file("江苏省政协办公厅")
    tables.parts = [NarrativePart(2, "第二部分 2019年度部门预算表", Location("公开表.pdf", page=1))]
    (grouped,) = group_filings([narrative, tables])
    assert [(part.number, part.location.source) for part in grouped.parts] == [
        (1, "说明.pdf"),
        (2, "说明.pdf"),
    ]


def test_two_files_with_one_narrative_part_each_stay_two() -> None:
    first, second = narrative_file("江苏省政协办公厅"), narrative_file("江苏省政协办公厅")
    second.tables = tables_file("江苏省政协办公厅").tables
    assert len(group_filings([first, second])) == 2


# --- the two halves alone in one folder, one of them naming no unit --------------------------------


def _unnamed(filing: Filing) -> Filing:
    """A file that prints no unit's name: the reader took one from its file name."""
    filing.unit, filing.unit_from_name = "2018年度部门预算公开表", True
    return filing


@pytest.mark.parametrize("unnamed", ["tables", "narrative"])
def test_the_halves_alone_in_a_folder_pair_when_one_names_no_unit(unnamed: str) -> None:
    narrative, tables = narrative_file("江苏省高级人民法院"), tables_file("江苏省高级人民法院")
    _unnamed(tables if unnamed == "tables" else narrative)
    (grouped,) = group_filings([narrative, tables])
    assert grouped.unit == "江苏省高级人民法院" and len(grouped.tables) == 1 and grouped.parts


def test_a_third_file_of_the_year_in_the_folder_pairs_nothing_by_folder() -> None:
    other = tables_file("江苏省人民检察院", source="检察院公开表.pdf")
    grouped = group_filings([narrative_file("江苏省高级人民法院"), _unnamed(tables_file("")), other])
    assert len(grouped) == 3


def test_halves_in_two_folders_pair_nothing_by_folder() -> None:
    tables = _unnamed(tables_file("", source="表格/公开表.pdf"))
    assert len(group_filings([narrative_file("江苏省高级人民法院"), tables])) == 2


# ---- files named apart, joined by the figures the narrative states --------------------------------------

PRINTED = {"total": "1,452.35", "basic": "584.35", "project": "868.00"}


def stating(unit: str, *figures: str) -> Filing:
    """A narrative file of `unit` that states these figures (万元)."""
    narrative = narrative_file(unit)
    narrative.claims = [
        Claim(
            f"科目{n}", Location("说明.pdf", page=3), f"支出{figure}万元", 3, parse_amount(figure, Unit.WAN)
        )
        for n, figure in enumerate(figures)
    ]
    return narrative


def printing(unit: str, source: str = "公开表.pdf", **figures: str) -> Filing:
    """A tables file of `unit` whose 支出总表 prints these figures (万元) on one line."""
    cells = {meaning: Cell(parse_amount(text, Unit.WAN), text) for meaning, text in figures.items()}
    rows = [Row("合计", RowRole.TOTAL, Location(source, page=5), cells=cells)]
    return Filing(
        [source], unit, 2018, Kind.BUDGET, tables=[table(TableKind.ExpenditureSummary, 3, 1, rows, SPENDING)]
    )


@pytest.mark.parametrize(
    ("stated", "filings"),
    [
        (("1,452.35", "584.35", "868.00"), 1),  # three figures the tables print: one filing
        (("1452.3", "584.4", "868"), 1),  # rounded as a narrative rounds them
        (("1,452.35", "584.35", "100.00"), 2),  # two are not enough
    ],
)
def test_files_named_apart_are_one_filing_when_the_narrative_states_the_tables_figures(
    stated: tuple[str, ...], filings: int
) -> None:
    # '省政协办公厅' names no division of its own: by name alone it is matched to no other unit
    assert (
        len(group_filings([stating("省政协办公厅", *stated), printing("江苏省政协办公厅", **PRINTED)]))
        == filings
    )


def test_a_narrative_whose_figures_two_tables_files_print_is_joined_to_neither() -> None:
    narrative = stating("省政协办公厅", *PRINTED.values())
    tables = [printing("江苏省政协办公厅", **PRINTED), printing("江苏省委办公厅", "表.pdf", **PRINTED)]
    assert len(group_filings([narrative, *tables])) == 3


# ---- tables that print no year ------------------------------------------------------------------------


def _undated(filing: Filing) -> Filing:
    """Tables titled without a year in a file named so ('部门收支总表' in '附件2.pdf')."""
    filing.year = UNDATED
    return filing


def test_tables_printing_no_year_take_the_year_of_the_folders_only_narrative() -> None:
    (grouped,) = group_filings(
        [narrative_file("江苏省高级人民法院"), _undated(tables_file("江苏省高级人民法院"))]
    )
    assert (grouped.year, len(grouped.tables)) == (2018, 1)
    assert any("未印出年度" in d.message for d in grouped.diagnostics)
    assert dated(grouped) is grouped


def test_tables_printing_no_year_take_the_year_of_the_narrative_stating_their_figures() -> None:
    older = stating("省政协办公厅", "1.00", "2.00", "3.00")
    older.year = 2017
    narratives = [older, stating("省政协办公厅", *PRINTED.values())]
    grouped = group_filings([*narratives, _undated(printing("江苏省政协办公厅", **PRINTED))])
    assert sorted((f.year, len(f.tables)) for f in grouped) == [(2017, 0), (2018, 1)]


def test_tables_printing_no_year_left_alone_are_no_filing() -> None:
    # two narratives of other years in the folder, neither stating the tables' figures: no guess
    narratives = [narrative_file("江苏省高级人民法院"), narrative_file("江苏省高级人民法院")]
    narratives[1].year = 2017
    grouped = group_filings([*narratives, _undated(tables_file("江苏省高级人民法院"))])
    (alone,) = [f for f in grouped if f.year == UNDATED]
    with pytest.raises(InputError, match="not a budget filing"):
        dated(alone)


# ---- tables published a file each ---------------------------------------------------------------------


def _titled(filing: Filing, title: str) -> Filing:
    filing.tables[0].title = title
    return filing


def test_two_tables_of_one_kind_titled_apart_are_two_tables_of_one_filing() -> None:
    # Jiangsu reads 支出预算总表 and 财政拨款支出预算表 as one kind; a file each, they are still one filing's
    first = _titled(tables_file("江苏省高级人民法院", source="附件3.pdf"), "公开03表 支出预算总表")
    second = _titled(tables_file("江苏省高级人民法院", source="附件5.pdf"), "公开05表 财政拨款支出预算表")
    assert len(group_filings([narrative_file("江苏省高级人民法院"), first, second])) == 1
    # the same table in two files: two filings
    again = _titled(tables_file("江苏省高级人民法院", source="附件6.pdf"), "2018年度支出预算总表")
    assert len(group_filings([narrative_file("江苏省高级人民法院"), first, again])) == 2


def test_tables_naming_no_unit_join_the_filing_of_their_folder_that_has_tables_already() -> None:
    # '附件4.pdf' prints no filer line and one title naming the unit: too few titles to name it alone
    named = tables_file("江苏省高级人民法院", source="附件1.pdf")
    unnamed = _titled(
        tables_file("附件4", TableKind.IncomeSummary, source="附件4.pdf"),
        "2018年度江苏省高级人民法院收入预算总表",
    )
    unnamed.unit_from_name = True
    (grouped,) = group_filings([narrative_file("江苏省高级人民法院"), named, unnamed])
    assert (grouped.unit, len(grouped.tables)) == ("江苏省高级人民法院", 2)


def test_a_file_read_under_its_file_name_takes_the_units_name_off_its_subjects_when_joined() -> None:
    # its parts after the tables say '上海市XX局财政拨款收入支出总计': read under '附件9', the name stayed
    named = tables_file("上海市普陀区财政局", source="附件1.pdf")
    unnamed = tables_file("附件9", TableKind.IncomeSummary, source="附件9.pdf")
    unnamed.tables[0].title, unnamed.unit_from_name = "2024年部门收入预算总表", True
    unnamed.claims = [
        Claim(
            "上海市普陀区财政局财政拨款收入支出总计",
            Location("附件9.pdf", page=9),
            "…",
            3,
            parse_amount("0.3", Unit.WAN),
        )
    ]
    (grouped,) = group_filings([narrative_file("上海市普陀区财政局"), named, unnamed])
    assert [claim.subject for claim in grouped.claims] == ["财政拨款收入支出总计"]
