"""BG-T text hygiene on small hand-made filings: what fires, at what severity, and the real text that must not."""

from __future__ import annotations

import pytest

from budget_graph.check import hygiene
from budget_graph.model import (
    Filing,
    Heading,
    Kind,
    Location,
    NarrativePart,
    Paragraph,
    Row,
    RowRole,
    Table,
    TableKind,
    TocEntry,
    Unit,
)

UNIT = "上海市普陀区财政局"


def _filing(*texts: str, kind: Kind = Kind.BUDGET, year: int = 2025, unit: str = UNIT) -> Filing:
    part = NarrativePart(1, "部门概况", Location("t.md", line=1))
    part.paragraphs = [Paragraph(t, Location("t.md", line=i + 2)) for i, t in enumerate(texts)]
    return Filing(["t.md"], unit, year, kind, parts=[part])


def _table(kind: TableKind | None, title: str, number: int, unit_name: str | None = None) -> Table:
    return Table(kind, title, number, Unit.YUAN, Location("t.md", line=100 + number), unit_name=unit_name)


def _found(filing: Filing, rule: str) -> list[tuple[str, int | None]]:
    return [(f.severity.value, f.locations[0].line) for f in hygiene.check(filing) if f.rule == rule]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上海市XX局2024年度收入支出总计XXX万元。", [("error", 2)]),
        ("截至2024年8月31日，XX部门（单位）共有车辆XX辆。", [("error", 2)]),
        ("主要原因：XXXXXXXX。", [("warning", 2)]),
        ("购置X光机1台，XXI世纪城市更新项目，真如城市副中心X101、X102街坊。", []),
        ("根据《关于××事项的通知》要求，“××”工程已完工。", []),
    ],
)
def test_placeholders(text: str, expected: list) -> None:
    assert _found(_filing(text), "BG-T001") == expected


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("主要原因：压缩一般性支出。（如持平作持平表述）", True),
        (
            "主要包括：基本工资等。（按“部门预算公开06表财政拨款基本支出预算表”中实际发生经济分类支出事项填写）",
            True,
        ),
        ("按上述格式依次说明到各项级科目，预决算持平的不用说明变动原因。", True),
        ("本年收入合计100万元（不涉及的不列）。", True),
        ("2.采购品目名称根据《政府采购品目分类目录》（财库[2013]189号）规定品目名称填写。", False),
        ("项目支出情况如下（单位：万元，以下同）：", False),
        ("该项目（不列入政府采购）已完工。", False),
    ],
)
def test_instructions(text: str, fires: bool) -> None:
    assert bool(_found(_filing(text), "BG-T002")) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("收入支出总计增加（减少）120万元，增长（下降）3.5%。", True),
        ("决算数大于（小于）预算数的主要原因：…", True),
        ("公务接待费增加/减少0.1万元。", True),
        ("收入增加（含上年结转）120万元，增减变化见表九。", False),
    ],
)
def test_alternatives(text: str, fires: bool) -> None:
    assert bool(_found(_filing(text), "BG-T003")) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("较2023年预算减少10万元，下降50.0，主要原因是…", True),
        ("一般公共服务支出占本年支出的12.5；", True),
        ("较上年下降3个百分点，增长1.5倍，占比12.5%。", False),
        ("财政拨款收入占本年收入合计12.5，", True),
        ("占用房屋3，占地12，", False),
        ("较2023年预算减少10万元，下降50.0%。", False),
    ],
)
def test_percent_signs(text: str, fires: bool) -> None:
    assert bool(_found(_filing(text), "BG-T011")) is fires


def test_doubled_punctuation_is_information() -> None:
    assert _found(_filing("力行节约，，压缩经费。。"), "BG-T012") == [("info", 2), ("info", 2)]
    assert _found(_filing("力行节约，压缩经费……"), "BG-T012") == []


def test_heading_and_table_title_years() -> None:
    filing = _filing("正文")
    filing.parts[0].title = "2024年部门预算编制说明"
    filing.parts[0].headings = [
        Heading(text, filing.parts[0].location)
        for text in (
            "一、2024年预算执行情况",
            "四、2025—2027年中期财政规划",
            "二、《2023—2027年规划》落实情况",
            "三、较2024年变化",
        )
    ]
    filing.tables = [_table(TableKind.IncomeSummary, "2025年部门收入预算总表", 2)]
    assert _found(filing, "BG-T004") == [("error", 1)]
    filing.tables = [_table(TableKind.IncomeSummary, "2024年部门收入预算总表", 2)]
    assert [s for s, _ in _found(filing, "BG-T004")] == ["error", "error"]


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (Kind.BUDGET, "截至2024年8月31日，本部门共有车辆3辆。", []),
        (Kind.BUDGET, "截至2025年12月31日，本部门共有车辆3辆。", ["warning"]),
        (Kind.FINAL, "截至2025年12月31日，本部门共有车辆3辆。", []),
        (Kind.FINAL, "截止2024年12月31日，本部门共有车辆3辆。", ["warning"]),
        (Kind.FINAL, "截至2025年6月30日，本部门共有车辆3辆。", ["info"]),
        (Kind.BUDGET, "2024年上海市普陀区财政局部门预算收入100万元。", ["warning"]),
        (Kind.FINAL, "发现问题3个，截至2025年5月已全部完成整改。", []),
        (Kind.BUDGET, "与2024年部门预算相比，2025年部门预算收入增加。", []),
    ],
)
def test_body_years(kind: Kind, text: str, expected: list) -> None:
    assert [s for s, _ in _found(_filing(text, kind=kind), "BG-T005")] == expected


def test_unit_names() -> None:
    filing = _filing(
        "上海市普陀区财政局（本级）2025年部门预算收入100万元。",
        "财政局下设4个科室；主要是市财政局拨款。",
        "上海市普陀区税务局2025年部门预算收入100万元。",
        "上海市普陀区财政事务中心2025年预算收入20万元。",
    )
    filing.tables = [
        _table(TableKind.IncomeSummary, "收入总表", 1, "上海市普陀区财政局(本级)"),
        _table(TableKind.ExpenditureSummary, "支出总表", 2, "上海市普陀区审计局"),
    ]
    member = Row("上海市普陀区财政事务中心", RowRole.UNIT, Location("t.md", line=120))
    filing.tables[0].rows.append(member)
    assert _found(filing, "BG-T006") == []
    assert _found(filing, "BG-T007") == [("warning", 4), ("error", 102)]


def test_unit_name_spelled_differently() -> None:
    filing = _filing(
        "江苏省政协办公室2018年度财政拨款基本支出预算5,598.17万元。", unit="江苏省政协办公厅", year=2018
    )
    filing.parts[0].title = "省政协办公厅2018年度部门预算情况说明"
    assert _found(filing, "BG-T006") == [("warning", 2)]
    assert _found(filing, "BG-T007") == []


def _listed(*entries: tuple[TableKind | None, str]) -> list[TocEntry]:
    return [
        TocEntry(title, Location("t.md", line=10 + i), kind=kind) for i, (kind, title) in enumerate(entries)
    ]


def test_contents_against_tables() -> None:
    filing = _filing("正文")
    filing.toc = [
        TocEntry("绩效目标", Location("t.md", line=9), part=8),
        *_listed(
            (TableKind.IncomeSummary, "收入预算总表"),
            (TableKind.IncomeExpenditureSummary, "财务收支预算总表"),
            (TableKind.Procurement, "政府采购预算表"),
        ),
    ]
    filing.tables = [
        _table(TableKind.IncomeExpenditureSummary, "公开01表 财务收支预算总表", 1),
        _table(TableKind.IncomeSummary, "表二：收入总表", 2),
        _table(TableKind.ThreePublicExpenses, "“三公”经费支出表", 3),
        _table(None, "财政项目支出绩效目标填报表", 4),
    ]
    assert _found(filing, "BG-T008") == [("error", 12)]
    assert _found(filing, "BG-T009") == [("warning", 103)]
    messages = [f.message for f in hygiene.check(filing) if f.rule == "BG-T010"]
    assert len(messages) == 2 and "收入总表" in messages[0] and "顺序" in messages[1]


def test_a_table_the_reader_does_not_know_pairs_by_its_title() -> None:
    filing = _filing("正文")
    filing.toc = _listed((None, "项目支出绩效目标表"))
    filing.tables = [_table(None, "2025年部门项目支出绩效目标表", 1)]
    assert [f.rule for f in hygiene.check(filing)] == ["BG-T010"]


def _contents_findings(filing: Filing) -> list:
    return [f for f in hygiene.check(filing) if f.rule in ("BG-T008", "BG-T009", "BG-T010")]


def test_no_contents_no_contents_findings() -> None:
    filing = _filing("正文")
    filing.tables = [_table(TableKind.IncomeSummary, "收入总表", 1)]
    assert _contents_findings(filing) == []


def test_a_narrative_published_without_its_tables_is_not_the_contents_rule() -> None:
    """Jiangsu's 说明 PDF alone: its contents list the tables of the other PDF (BG-C001 reports them absent)."""
    filing = _filing("正文")
    filing.toc = _listed((TableKind.IncomeSummary, "收入预算总表"))
    assert _contents_findings(filing) == []


def test_the_sample_gives_nothing_above_information(sample_filing) -> None:
    above = [f for f in hygiene.check(sample_filing) if f.severity.value != "info"]
    assert above == []
