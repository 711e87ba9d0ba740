"""Filing, narrative parts, tables, rows and claims, each element with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from budget_graph.model.amounts import Amount, Unit, parse_amount, prints_nothing


class Kind(Enum):
    BUDGET = "budget"  # 预算
    FINAL = "final"  # 决算


class TableKind(Enum):
    """What a table is, whatever its printed title (glossary: tables)."""

    IncomeExpenditureSummary = "收支总表"
    IncomeSummary = "收入总表"
    ExpenditureSummary = "支出总表"
    BasicExpenditureSummary = "基本支出总表"
    ProjectExpenditureSummary = "项目支出总表"
    AppropriationSummary = "财政拨款收支总表"
    GeneralBudgetByFunction = "一般公共预算支出表（按功能科目）"
    GeneralBudgetByEconomicClass = "一般公共预算支出表（按经济分类）"
    GeneralBudgetBasicByFunction = "一般公共预算基本支出表（按功能科目）"
    ThreePublicExpenses = "“三公”经费支出表"
    GovernmentFundBudget = "政府性基金预算支出表"
    StateCapitalBudget = "国有资本经营预算支出表"
    SpecialTransfers = "上级专项转移支付支出表"
    Procurement = "政府采购项目支出表"
    OfficeOperatingCosts = "机关运行经费"
    PerformanceTargets = "部门整体支出绩效目标表"


class RowRole(Enum):
    UNIT = "unit"  # a budget unit's own row (预算单位 / 部门 / 本级)
    ITEM = "item"  # a classified or named line
    TOTAL = "total"  # 合计 / 总计 / 收入总计 …
    PERIOD = "period"  # a year row, as in the 三公 table (2023年, 2024年, 增减变化)


class Direction(Enum):
    INCREASE = "increase"  # 增加 / 增长 / 上升
    DECREASE = "decrease"  # 减少 / 下降 / 降低
    UNCHANGED = "unchanged"  # 持平 / 保持一致


# a figure's box on its page in PDF points, top-down from the page's top-left as the reader measures:
# (x0, y0, x1, y1)
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Location:
    """Where a figure or statement stands: line (text input), page (PDF) or spreadsheet cell (xlsx), and
    its table cell.

    `bbox` (PDF) and `excerpt` (the row's or sentence's text) show it to a reader; they are no part of
    what the place is, so two locations differing only in them are equal (findings stay deduplicated,
    graph nodes keep their places)."""

    source: str
    line: int | None = None
    page: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    cell: str | None = None  # xlsx input: sheet and cell as a spreadsheet writes them, '表3!D12'
    bbox: Box | None = field(default=None, compare=False)
    excerpt: str | None = field(default=None, compare=False)

    def at(self, **changes: object) -> Location:
        return Location(**{**self.__dict__, **changes})


@dataclass(frozen=True)
class Diagnostic:
    """The reader's own trouble with the input (never a finding about the filing)."""

    severity: str  # error | warning | info
    message: str
    locations: tuple[Location, ...] = ()


@dataclass(frozen=True)
class Doubt:
    """Why the reader is unsure it read a table whole and right. A doubt of the columns only (a column it
    could not place) leaves the sums down the rows sure: they hold in every column, whatever it means."""

    message: str  # Chinese, then English
    columns_only: bool = False
    # only which header group each column stands in: the table's own column sums settle it when they
    # hold on every row, every column printed non-zero somewhere (check/confidence.py)
    grouping: bool = False


@dataclass
class Column:
    """A data column placed by meaning. `meaning` is unique within a table side.

    `path` names the additive groups (nested headers) the column belongs to, so a check can verify
    group = Σ parts without knowing the layout: 基本支出拨款 sits in
    ('total', 'current_income', 'appropriation', 'general_budget'). A group need not be printed as a
    column of its own (本年收入 often is not). 其中 columns (procurement_sme) are not additive parts.
    """

    meaning: str
    label: str
    path: tuple[str, ...] = ()  # meanings of the additive groups above it, outermost first
    # 'income' | 'expenditure' for two-sided summary tables; 'purpose': the expenditure broken down a second
    # time, by purpose (支出用途), beside the functional lines (Jiangsu's 收支预算总表)
    side: str | None = None

    @property
    def parent(self) -> str | None:
        return self.path[-1] if self.path else None


@dataclass
class Cell:
    amount: Amount | None
    text: str
    place: str | None = None  # the spreadsheet cell it was read from ('表3!D12'), xlsx input
    bbox: Box | None = None  # where it is printed (PDF input)


@dataclass
class Row:
    label: str
    role: RowRole
    location: Location  # the row's line/page; table and row filled in
    code: str | None = None  # subject or procurement code as printed
    cells: dict[str, Cell] = field(default_factory=dict)  # by column meaning
    texts: dict[str, str] = field(default_factory=dict)  # non-amount cells (主要内容, 项目名称 …)
    side: str | None = None
    # where a table prints its labels in several columns (a group's name, then its lines' names), the
    # first and last of them the row's words fill (0 the first): a group's row (0, 1), its lines' (1, 1)
    label_span: tuple[int, int] | None = None

    def set_cells(
        self,
        columns: list[Column],
        texts: list[str],
        unit: Unit,
        places: list[str] | None = None,
        boxes: list[Box | None] | None = None,
    ) -> None:
        """The row's amount cells as printed, paired in order with the columns placed for them (and with
        the spreadsheet cells they were read from, or their printed boxes, when the reader knows them)."""
        for index, (column, text) in enumerate(zip(columns, texts, strict=False)):
            place = places[index] if places and index < len(places) else None
            box = boxes[index] if boxes and index < len(boxes) else None
            self.cells[column.meaning] = Cell(parse_amount(text, unit), text.strip(), place=place, bbox=box)

    def amount(self, meaning: str) -> Amount | None:
        cell = self.cells.get(meaning)
        return cell.amount if cell else None

    def has_amount(self) -> bool:
        """Does any of the row's cells read as an amount?"""
        return any(cell.amount for cell in self.cells.values())


@dataclass
class Table:
    kind: TableKind | None  # None: a table the reader does not know (see diagnostics)
    title: str
    number: int | None  # 表一 → 1
    unit: Unit
    location: Location  # the title's line/page
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # notes printed with the table (empty-table note …)
    unit_name: str | None = None  # 单位名称 / 编制单位
    # why the reader is unsure it read this table whole and right (a column it could not place, an
    # untitled grid with figures after it …): no error may rest on a doubtful table
    doubts: list[Doubt] = field(default_factory=list)

    def cell_location(self, row: Row, meaning: str) -> Location:
        cell = row.cells.get(meaning)
        place = cell.place if cell and cell.place else row.location.cell
        box = cell.bbox if cell and cell.bbox else row.location.bbox
        return row.location.at(column=self.column_label(meaning), cell=place, bbox=box)

    def column(self, meaning: str, side: str | None = None) -> Column | None:
        return next((c for c in self.columns if c.meaning == meaning and c.side == side), None)

    def column_label(self, meaning: str) -> str:
        column = next((c for c in self.columns if c.meaning == meaning), None)
        return column.label if column else meaning

    @property
    def is_empty(self) -> bool:
        """No data: every amount is zero or blank (how an empty table is published). A table in doubt
        where something printed was not read (an amount cell that reads as no figure, a label holding
        characters a broken font left unreadable: its figures may be among them; or no row read at all, a
        table printed as a picture) is not known to be."""
        cells = [c for r in self.rows for c in r.cells.values()]
        if any(c.amount and c.amount.value for c in cells):
            return False
        unread = any(not c.amount and not prints_nothing(c.text) for c in cells) or any(
            "\ufffd" in r.label for r in self.rows
        )
        return not (self.doubts and (unread or not self.rows))  # no row read, in doubt: not known either


@dataclass(frozen=True)
class Heading:
    """A heading inside a narrative part ('一、机关运行经费') and the line or page it was printed on."""

    text: str
    location: Location


_SENTENCE_ENDS = ("。", "；")


@dataclass
class Paragraph:
    """A paragraph as the reader joined it; `starts` maps text offsets to the line/page they came from
    (a sentence split by a page break spans two lines)."""

    text: str
    location: Location
    heading: str | None = None  # the nearest heading above it inside its part
    starts: tuple[tuple[int, Location], ...] = ()
    cut: bool = False  # its beginning was not read (on a page printed as a picture): its first sentence
    # goes on a sentence lost, and says nothing a figure can be read from

    def location_at(self, offset: int) -> Location:
        """Where the character at `offset` was printed, quoting its sentence unless the place quotes
        its line already (text input)."""
        found = self.location
        for start, place in self.starts:
            if start > offset:
                break
            found = place
        return found if found.excerpt else found.at(excerpt=self.sentence_at(offset))

    def sentence_at(self, offset: int) -> str:
        """The sentence holding the character at `offset`: after the last 。 or ； before it, to the next."""
        begin = max(self.text.rfind(mark, 0, offset) for mark in _SENTENCE_ENDS) + 1
        ends = [i for i in (self.text.find(mark, offset) for mark in _SENTENCE_ENDS) if i >= 0]
        return self.text[begin : min(ends) + 1 if ends else len(self.text)].strip()


@dataclass
class NarrativePart:
    number: int  # 第一部分 → 1
    title: str
    location: Location
    paragraphs: list[Paragraph] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)


@dataclass
class BudgetComparison:
    """What a 决算 statement says of the budget beside its actual figure (the claim's amount):
    '年初预算为1560.05万元，支出决算为1511.89万元，完成年初预算的96.91%。决算数小于预算数的主要原因：…'."""

    budget: Amount | None = None  # the budget figure stated
    budget_label: str | None = None  # as printed: 年初预算 | 全年预算 | 调整预算 | 预算
    budget_location: Location | None = None
    completion: Decimal | None = None  # stated completion rate in percent, printed decimals kept
    completion_label: str | None = None  # what it is a rate of: 年初预算 | 全年预算 | 预算
    completion_location: Location | None = None
    word: str | None = None  # 大于 / 小于 / 等于 / 持平 / 基本持平 / 超出 / 未完成 …
    word_location: Location | None = None
    reason: str | None = None  # the stated reason for a variance, None when none is stated
    difference: BudgetDifference | None = None  # '比年初预算减少48.16万元，下降3.09%'


@dataclass
class BudgetDifference:
    """The actual's difference from a budget as a 决算 statement words it: '支出决算为1511.89万元，比年初预算减少
    48.16万元，下降3.09%'."""

    amount: Amount  # magnitude, as printed
    direction: Direction  # INCREASE: the actual is above the budget
    word: str  # 增加 / 减少 / 超支 / 节约 …
    label: str  # the budget it is from: 年初预算 | 全年预算 | 调整预算 | 预算
    location: Location
    percent: Decimal | None = None  # magnitude, printed decimals kept
    percent_direction: Direction | None = None
    percent_word: str | None = None


@dataclass
class Claim:
    """A figure the narrative states, with what it is about and, if any, its change statement.

    '企业服务440.00万元 … 较2023年预算减少415万元，下降48.5%' gives subject 企业服务, amount 440.00万元,
    change 415万元 with direction DECREASE ('减少'), percent 48.5 with direction DECREASE ('下降'),
    base '2023年预算'. '其中：基本支出2336.91万元，占79.49%' gives share 79.49 of the parent (share_base '').
    """

    subject: str
    location: Location
    text: str  # the clause the claim was read from
    part: int  # narrative part number
    amount: Amount | None = None
    parent: str | None = None  # '其中' parent subject: 工程类 of 政府采购
    section: str | None = None  # enumerated item heading, e.g. '（四）项目支出'
    change: Amount | None = None  # magnitude of the stated change
    change_direction: Direction | None = None
    change_word: str | None = None
    percent: Decimal | None = None  # magnitude, printed decimals kept
    percent_direction: Direction | None = None
    percent_word: str | None = None
    base_label: str | None = None  # '2023年年初预算'
    base_year: int | None = None
    base_amount: Amount | None = None  # the base when stated: '2022年当年预算执行数为1.48万元'
    count: int | None = None  # a stated count, not money: '8 个项目绩效目标' → 8 with count_unit '个'
    count_unit: str | None = None
    versus_budget: BudgetComparison | None = None  # a 决算 statement: the amount is the actual (决算数)
    share: Decimal | None = None  # '占本年支出合计的99.21%': the stated share in percent, decimals kept
    share_base: str | None = (
        None  # what it is a share of, as named ('本年支出合计'); '' for the '其中' parent
    )
    share_location: Location | None = None


@dataclass
class Indicator:
    """A performance indicator (绩效指标) with its parsed target."""

    name: str  # level-3 indicator
    target_text: str
    location: Location
    level1: str | None = None  # 产出指标 / 效益指标 / 满意度指标
    level2: str | None = None  # 数量指标 …
    comparator: str | None = None  # '>=', '<=', '=', '>' , '<'
    target_value: Decimal | None = None
    target_unit: str | None = None
    project: str | None = None  # the project it belongs to (第七部分), None for the unit-wide table


@dataclass
class TocEntry:
    title: str
    location: Location
    kind: TableKind | None = None
    part: int | None = None  # narrative part number for '第N部分' entries


# the year of a tables file that prints none (titles without a year, a file named '附件2.pdf'): read so
# only to be paired with its narrative, whose year it takes (read.group_filings); refused if left alone
UNDATED = 0


@dataclass
class Filing:
    sources: list[str]
    unit: str
    year: int
    kind: Kind
    level: str = "department"  # department (部门) | unit (单位)
    unit_from_name: bool = False  # the file prints no unit's name: its file name gave it (weak evidence)
    parts: list[NarrativePart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # places holding figures the reader could not read as a known table (an unknown title, an untitled
    # grid): a required table "missing" may be one of them
    unread: list[Location] = field(default_factory=list)
    # each PDF page's size in points as the reader measures it (width, height), by source and page:
    # what a location's bbox is relative to
    page_sizes: dict[str, dict[int, tuple[float, float]]] = field(default_factory=dict)
    # quarter turns clockwise from each PDF page as stored to the page as the reader measured it, by source
    # and page: a page image drawn in the frame of the boxes needs the same turn
    page_turns: dict[str, dict[int, int]] = field(default_factory=dict)

    def table(self, kind: TableKind) -> Table | None:
        return next((t for t in self.tables if t.kind is kind), None)

    def part(self, number: int) -> NarrativePart | None:
        return next((p for p in self.parts if p.number == number), None)
