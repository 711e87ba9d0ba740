"""Small filings built by hand: every element of the document model, a few of each, at known lines."""

from __future__ import annotations

from decimal import Decimal

from budget_graph.model import (
    Amount,
    Cell,
    Claim,
    Column,
    Direction,
    Filing,
    Heading,
    Indicator,
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

SOURCE = "hand.md"
UNIT = "深圳市罗湖区示例中心（本级）"


def at(line: int, **cell: str) -> Location:
    return Location(source=SOURCE, line=line, **cell)


def wan(text: str) -> Cell:
    return Cell(Amount(Decimal(text.replace(",", "")), Unit.WAN), text)


def row(
    line: int, label: str, table: str, code: str | None = None, role: RowRole = RowRole.ITEM, **cells: Cell
) -> Row:
    return Row(label=label, role=role, location=at(line, table=table, row=label), code=code, cells=cells)


def table(kind: TableKind, number: int, line: int, rows: list[Row], columns: list[Column], notes=()) -> Table:
    return Table(
        kind=kind,
        title=f"表{number}：{kind.value}",
        number=number,
        unit=Unit.WAN,
        location=at(line),
        columns=columns,
        rows=rows,
        notes=list(notes),
    )


SPENDING = [Column("total", "支出总计"), Column("basic", "基本支出"), Column("project", "项目支出")]


def functional_table(line: int = 100) -> Table:
    title = "表七：一般公共预算支出表（按功能科目）"
    return table(
        TableKind.GeneralBudgetByFunction,
        7,
        line,
        [
            row(
                line + 1,
                "合计",
                title,
                role=RowRole.TOTAL,
                total=wan("1,210.00"),
                basic=wan("10.00"),
                project=wan("1,200.00"),
            ),
            row(
                line + 2,
                "一般公共服务支出",
                title,
                "201",
                total=wan("1,210.00"),
                basic=wan("10.00"),
                project=wan("1,200.00"),
            ),
            row(
                line + 3,
                "商贸事务",
                title,
                "20113",
                total=wan("1,210.00"),
                basic=wan("10.00"),
                project=wan("1,200.00"),
            ),
            row(
                line + 4,
                "招商引资",
                title,
                "2011308",
                total=wan("1,200.00"),
                basic=wan("0.00"),
                project=wan("1,200.00"),
            ),
            row(
                line + 5,
                "事业运行",
                title,
                "2011350",
                total=wan("10.00"),
                basic=wan("10.00"),
                project=wan("0.00"),
            ),
        ],
        SPENDING,
    )


def economic_table(line: int = 120) -> Table:
    title = "表八：一般公共预算支出表（按经济分类）"
    return table(
        TableKind.GeneralBudgetByEconomicClass,
        8,
        line,
        [
            row(line + 1, "商品和服务支出", title, "302", total=wan("10.00"), basic=wan("10.00")),
            row(line + 2, "办公费", title, "30201", total=wan("10.00"), basic=wan("10.00")),
        ],
        SPENDING,
    )


def project_table(line: int = 140) -> Table:
    title = "表五：项目支出汇总表"
    columns = [
        Column("total", "总计"),
        Column("general_budget", "小计"),
        Column("general_budget_duty", "履职类项目拨款", path=("general_budget",)),
        Column("general_budget_special", "财政专项资金拨款", path=("general_budget",)),
        Column("carryover", "上年结转"),
    ]
    return table(
        TableKind.ProjectExpenditureSummary,
        5,
        line,
        [
            row(
                line + 1,
                "企业服务",
                title,
                total=wan("440.00"),
                general_budget=wan("400.00"),
                general_budget_duty=wan("400.00"),
                general_budget_special=wan("0.00"),
                carryover=wan("40.00"),
            ),
        ],
        columns,
    )


def empty_fund_table(line: int = 160, notes=()) -> Table:
    title = "表十：政府性基金预算支出表"
    return table(
        TableKind.GovernmentFundBudget,
        10,
        line,
        [
            row(
                line + 1,
                "合计",
                title,
                role=RowRole.TOTAL,
                total=wan("0.00"),
                basic=wan("0.00"),
                project=wan("0.00"),
            ),
        ],
        SPENDING,
        notes,
    )


def parts(other_matters: str = "本单位无政府性基金预算支出。") -> list[NarrativePart]:
    return [
        NarrativePart(
            5,
            "财政拨款“三公”经费预算情况",
            at(50),
            [
                Paragraph(
                    "2024 年财政拨款“三公”经费预算 3.15 万元，较 2023 年年初预算减少 0.10 万元。", at(52)
                ),
            ],
        ),
        NarrativePart(
            8,
            "其他需要说明情况",
            at(60),
            [Paragraph(other_matters, at(62), heading="三、其他")],
            headings=[Heading("一、机关运行经费", at(61)), Heading("三、其他", at(61))],
        ),
    ]


def small_filing(**changes) -> Filing:
    """A Shenzhen-style budget with a function table, an economic table, a project table and an empty table."""
    filing = Filing(
        sources=[SOURCE],
        unit=UNIT,
        year=2024,
        kind=Kind.BUDGET,
        parts=parts(),
        tables=[project_table(), functional_table(), economic_table(), empty_fund_table()],
        claims=[
            Claim(
                subject="企业服务",
                location=at(30),
                text="企业服务440.00万元，较2023年预算减少415万元，下降48.5%",
                part=3,
                amount=Amount(Decimal("440.00"), Unit.WAN),
                change=Amount(Decimal("415"), Unit.WAN),
                change_direction=Direction.DECREASE,
                change_word="减少",
                percent=Decimal("48.5"),
                percent_direction=Direction.DECREASE,
                percent_word="下降",
                base_label="2023年预算",
                base_year=2023,
            )
        ],
        indicators=[
            Indicator(
                "服务企业",
                "500家以上",
                at(200, table="表十四", row="服务企业"),
                "产出指标",
                "数量指标",
                ">=",
                Decimal("500"),
                "家",
                project="企业服务",
            ),
            Indicator(
                "满意度", "", at(201, table="表十四", row="满意度"), "满意度指标", "服务对象满意度指标"
            ),
        ],
        toc=[
            TocEntry(
                "（七）一般公共预算支出表（按功能科目）", at(20), kind=TableKind.GeneralBudgetByFunction
            ),
            TocEntry("第八部分 其他需要说明情况", at(21), part=8),
        ],
    )
    for name, value in changes.items():
        setattr(filing, name, value)
    return filing
