"""BG-N: every figure the narrative states (第二部分 to 第七部分) restates the table figure it is about.

A claim is tied to table figures by what it is about (its subject, the '其中' parent, the part of the
narrative): 部门预算收入 → 收支总表 收入总计, 人员支出 → economic class 301 (basic), a numbered project → its row
of the 项目支出总表, 工程类 of 政府采购 → procurement row B, 公务接待费 → the 三公 table's current-year row …
Where a subject can mean more than one published figure (收入 as 收入总计 or 本年收入合计; 人员经费 as class 301,
or 301 and 303), each is a candidate and the claim agrees when it restates any of them. A claim that ties
to no figure is not checked: no guess, no false alarm. Budgets only: a final account's narrative states
budget and actual figures side by side, which these ties do not tell apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from budget_graph.check.evaluator import evaluate
from budget_graph.check.rules import Finding, Rule, Severity, rule
from budget_graph.codes import scheme_index
from budget_graph.derive.crosstable import SOURCES, by_code, split_figures
from budget_graph.derive.identity import Figure, restates
from budget_graph.derive.rollups import ITEM_PARTS
from budget_graph.derive.rounding import Agreement, compare_restated
from budget_graph.model import Amount, Claim, Filing, Kind, Location, Row, RowRole, Table, TableKind
from budget_graph.profiles import column_meaning

BASIS = "《预算法》第十四条；财政部《地方预决算公开操作规程》（财预〔2016〕143号）：说明与表格应一致"

TOTALS = rule(
    id="BG-N001",
    title="说明中的收支总额与收支总表不符",
    title_en="Narrative income or expenditure total disagrees with the income and expenditure summary",
    severity=Severity.ERROR,
    basis=BASIS,
    checks="部门预算收入 / 部门预算支出 (第二部分) restate 收支总表's 收入总计 / 支出总计 (or 本年收入合计 / 本年支出合计 "
    "where a filing states those), under the rounding rule; '收支总预算' states both. '财政拨款收支总预算' restates "
    "the 财政拨款收支总表's totals.",
    why="The first figure a reader meets must be the filing's total.",
    engine="python",
    fail_example="部门预算收入33,645.29万元（收支总表 收入总计 33,654.29）",
    pass_example="部门预算收入33,654.29万元",
)

COMPOSITION = rule(
    id="BG-N002",
    title="说明中的支出构成与表格不符",
    title_en="Narrative breakdown of expenditure disagrees with the tables",
    severity=Severity.ERROR,
    basis=BASIS,
    checks="第三部分: the total restates the 支出总表 total; 人员支出 the basic column of economic class 301 "
    "(工资福利支出); 公用支出 302 + 310 (商品和服务支出 + 资本性支出); 对个人和家庭的补助 303; 项目支出 the "
    "支出总表 project total; 基本支出 its basic total; 一般公共预算基本支出 the basic total of the 一般公共预算支出表 "
    "(or of the economic table, or of the 支出总表); 一般公共预算支出 the 一般公共预算支出表's total.",
    why="The narrative's breakdown is what most readers take away; it must be the tables' breakdown.",
    engine="python",
    fail_example="人员支出1,187.48万元（工资福利支出 基本支出 1,178.48）",
    pass_example="人员支出1,178.48万元、公用支出252.75万元（251.75 + 1.00）",
)

PROJECTS = rule(
    id="BG-N003",
    title="说明中的项目金额与项目支出表不符",
    title_en="Narrative project amount disagrees with the project expenditure table",
    severity=Severity.ERROR,
    basis=BASIS,
    checks="Each project the narrative names with an amount (the numbered projects of 第三部分（四）, the rows of "
    "第七部分's table) restates the total of the 项目支出总表 row of that name.",
    why="Project amounts are what the narrative explains; a different figure explains a different budget.",
    engine="python",
    fail_example="8.产业专项资金 30,451.30 万元（项目支出总表 30,415.30）",
    pass_example="投资推广\t600（项目支出总表 600.00）",
)

PROCUREMENT = rule(
    id="BG-N004",
    title="说明中的政府采购预算与表格不符",
    title_en="Narrative procurement budget disagrees with the tables",
    severity=Severity.ERROR,
    basis=BASIS + "；《政府采购品目分类目录》A 货物 / B 工程 / C 服务",
    checks="第四部分: the 政府采购 total restates the 政府采购项目支出表 total and the 支出总表 政府采购 column; "
    "货物类 / 工程类 / 服务类 restate its A / B / C rows (listed by their items alone, the items' sum; a "
    "category the table does not list is zero).",
    why="Procurement budgets are watched closely; the narrative and the tables must give one figure.",
    engine="python",
    fail_example="工程类项目 62.38 万元（政府采购项目支出表 B 工程 26.38）",
    pass_example="货物类项目 0.00 万元（表中无 A 类）、工程类项目 26.38 万元",
)

THREE_PUBLIC = rule(
    id="BG-N005",
    title="说明中的“三公”经费与“三公”经费表不符",
    title_en="Narrative three-public-expenses figure disagrees with its table",
    severity=Severity.ERROR,
    basis=BASIS + "；中共中央办公厅、国务院办公厅关于“三公”经费公开的要求",
    checks="第五部分: the 三公 total, 因公出国（境）费, 公务接待费, 公务用车购置及运行维护费 and its two parts restate "
    "the “三公”经费支出表's current-year row, column by column.",
    why="三公 figures are the most read figures of a filing.",
    engine="python",
    fail_example="公务接待费。2024 年预算数 0.60 万元（表中2024年 0.50）",
    pass_example="公务接待费。2024 年预算数 0.50 万元",
)

PERFORMANCE_FUNDS = rule(
    id="BG-N006",
    title="绩效管理涉及的预算资金与项目支出不符",
    title_en="Funds under performance management disagree with project expenditure",
    severity=Severity.ERROR,
    basis=BASIS + "；《项目支出绩效评价管理办法》（财预〔2020〕10号）",
    checks="第六部分: '所有项目支出预算纳入绩效管理，涉及预算资金X万元' restates the project expenditure total "
    "(a statement about some projects only, '编报绩效目标的项目共4个，涉及项目预算资金…', is not checked).",
    why="The funds under performance management are the project budget; another figure leaves projects out.",
    engine="python",
    fail_example="涉及预算资金 32,231.93 万元（项目支出 32,213.93）",
    pass_example="涉及预算资金 32,213.93 万元",
)

PERFORMANCE_COUNT = rule(
    id="BG-N007",
    title="项目绩效目标个数与项目个数不符",
    title_en="Number of project performance targets differs from the number of projects",
    severity=Severity.WARNING,
    basis=BASIS + "；《项目支出绩效评价管理办法》（财预〔2020〕10号）",
    checks="第六部分: the number of project performance targets stated ('设置并编报 8 个项目绩效目标') equals the "
    "number of projects in the 项目支出总表 when the statement covers all projects (所有项目). A warning: a "
    "project may hold more than one target.",
    why="When every project is under performance management, each has a target.",
    engine="python",
    fail_example="设置并编报 9 个项目绩效目标（项目支出总表 8 个项目）",
    pass_example="设置并编报 8 个项目绩效目标",
)

FUNCTIONAL = rule(
    id="BG-N008",
    title="说明中的功能科目金额与表格不符",
    title_en="Narrative amount of a functional class disagrees with the tables",
    severity=Severity.ERROR,
    basis=BASIS + "；《政府收支分类科目》支出功能分类（类、款、项）",
    checks="A figure the narrative gives for a functional class, section or item ('公共安全（类）支出16,593.12万元', "
    "'“一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元') restates that row of the function tables "
    "(一般公共预算支出表（按功能科目）, 支出总表): the row whose name and whose parents' names are the ones given. "
    "A class named bare, by its name in the national list ('社会保障和就业支出135.85万元'), restates its row there "
    "or its line in the summaries. A name that fits more than one row is not checked.",
    why="Narratives explain the budget line by line; each line's figure must be the table's.",
    engine="python",
    fail_example="一般公共服务支出（类）商贸事务（款）招商引资（项）1,300.00万元（表中2011308 招商引资 1,200.00）",
    pass_example="一般公共服务支出（类）商贸事务（款）招商引资（项）1,200.00万元",
)

BLANK_TABLE = rule(
    id="BG-N009",
    title="说明列出了金额，对应的表格却为空",
    title_en="The narrative states a figure of a table printed blank",
    severity=Severity.ERROR,
    basis=BASIS,
    checks="A non-zero figure the narrative states for the “三公”经费 (its total or an item) or for the "
    "procurement total, when the filing's “三公”经费表 or 政府采购表 holds no figure other than zero at all: the "
    "table was published blank (or only its header) while the narrative gives its figures.",
    why="Without a figure in the table the narrative's figure cannot be compared and the table misleads: a "
    "blank table reads as 'none'. The other narrative rules skip a claim whose table has no figure.",
    engine="python",
    fail_example="“三公”经费预算3.15万元（“三公”经费支出表：表头之下无任何数字）",
    pass_example="“三公”经费预算3.15万元（表中2024年 3.15）",
)

OFFICE_OPERATING = rule(
    id="BG-N010",
    title="说明中的机关运行经费与表格不符",
    title_en="Narrative office operating costs disagree with the tables",
    severity=Severity.ERROR,
    basis=BASIS + "；财政部关于机关运行经费公开的要求（财预〔2016〕143号）",
    checks="The 机关运行经费 the narrative states ('一般公共预算机关运行经费预算支出3580.05万元', '财政拨款的机关运行经费"
    "预算为229.43万元') restates the figure of a table that prints it: the 机关运行经费支出预算表's 合计, the "
    "“三公”经费和机关运行经费预算表's 机关运行经费 of the year.",
    why="机关运行经费 is published for the public to watch the cost of running offices; the narrative and the table "
    "must give one figure.",
    engine="python",
    fail_example="机关运行经费预算为229.43万元（表中机关运行经费预算数 292.43）",
    pass_example="机关运行经费预算为229.43万元（表中机关运行经费预算数 229.43）",
)

INCOME = rule(
    id="BG-N013",
    title="说明中的收入来源金额与表格不符",
    title_en="Narrative income from a source disagrees with the tables",
    severity=Severity.ERROR,
    basis=BASIS,
    checks="An income the narrative states by its source ('其中：一般公共预算拨款收入2,299.43万元', '其他收入5.02万元', "
    "'一般公共预算当年拨款2,299.43万元', '财政拨款收入…') restates that source's figure in a table that prints it: the "
    "收支总表's or 财政拨款收支总表's income line of that source, or the 收入总表's total row in that source's "
    "column (for 一般公共预算 also the 一般公共预算支出表's total; for 财政拨款 the 财政拨款收支总表's income totals).",
    why="The narrative says where the money comes from; the tables say it too, and the two must agree.",
    engine="python",
    fail_example="一般公共预算拨款收入28,400.02万元（收支总表 一般公共预算资金 28,040.02）",
    pass_example="一般公共预算拨款收入28,040.02万元",
)

_ECONOMIC = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出"}
_PROCUREMENT_CLASSES = {"货物": "A", "工程": "B", "服务": "C"}
_PROCUREMENT_NAMES = {"A": "货物", "B": "工程", "C": "服务"}


# the rules whose figures restate a table's: each tie is an identity (derive/identity.restates)
RESTATING = (
    TOTALS,
    COMPOSITION,
    PROJECTS,
    PROCUREMENT,
    THREE_PUBLIC,
    PERFORMANCE_FUNDS,
    FUNCTIONAL,
    OFFICE_OPERATING,
    INCOME,
)


@dataclass(frozen=True)
class Tie:
    """What a claim restates: candidate figures (any one agreeing is enough), the rule and how to name it."""

    rule: Rule
    what: str  # zh
    what_en: str
    candidates: tuple[Figure, ...]
    # tables searched that gave no figure and whose reading is in doubt, and the places of figures not
    # read as a known table when a table searched is not found: the figure the narrative gives may be one
    # they hold, so a disagreement rests on them too (check/confidence.py)
    unsure: tuple[Location, ...] = ()


def check(filing: Filing) -> Iterator[Finding]:
    if filing.kind is not Kind.BUDGET:
        return
    tables = Tables(filing)
    for claim in filing.claims:
        for tie in ties(claim, tables):
            finding = _compare(claim, tie)
            if finding:
                yield finding
        for finding in (_count(claim, tables), _blank_table(claim, tables)):
            if finding:
                yield finding


def _blank_table(claim: Claim, tables: Tables) -> Finding | None:
    """A non-zero figure of the 三公 or procurement table, stated while that table holds none."""
    if claim.amount is None or claim.amount.value == 0:
        return None
    subject = key(claim.subject)
    if _names_three_public(claim):
        kind, what = TableKind.ThreePublicExpenses, "“三公”经费"
    elif "政府采购" in subject and "政府采购" not in key(claim.parent or ""):
        kind, what = TableKind.Procurement, "政府采购"
    else:
        return None
    table = tables.table(kind)
    if table is None or any(c.amount and c.amount.value for r in table.rows for c in r.cells.values()):
        return None
    return BLANK_TABLE.finding(
        f"说明中{what}“{claim.subject}”为{claim.amount.text()}，{table.title}却没有任何金额（空表）",
        f"The narrative gives {claim.subject} as {claim.amount.text()}; {table.title} holds no figure (blank)",
        (claim.location, table.location),
        claim.amount.text(),
        "空表 (blank table)",
    )


def _names_three_public(claim: Claim) -> bool:
    """Is the claim about the 三公 total or one of its items (not the economic line 30217 公务接待费)?"""
    if _economic_line(claim):
        return False
    text = key(claim.subject)
    return any(word in text for word in ("三公", "因公出国", "公务接待", "公务用车", "公务车"))


def key(text: str) -> str:
    """Width-folded, quote- and space-free: '财政拨款“三公”经费' → '财政拨款三公经费'."""
    return re.sub(r"[\s“”\"'‘’《》]", "", unicodedata.normalize("NFKC", text))


# --- the figures of the tables -----------------------------------------------------------------------------


class Tables:
    """The table figures narrative claims restate, found by meaning."""

    def __init__(self, filing: Filing) -> None:
        self.filing = filing
        self.missed = False  # a table asked for was not found (since `ties` last reset it)

    def table(self, kind: TableKind) -> Table | None:
        found = self.filing.table(kind)
        self.missed |= found is None
        return found

    def department(self, kind: TableKind, meaning: str) -> Figure | None:
        """The department's figure of a table: its first unit row (or its total row)."""
        table = self.table(kind)
        row = table and _department_row(table)
        return Figure.of(table, row, meaning) if table and row else None

    def total(self, kind: TableKind) -> Figure | None:
        """The department's figure of a table in its whole column (合计, else 金额)."""
        table = self.table(kind)
        column = table and next((m for m in ("total", "amount") if table.column(m)), None)
        return self.department(kind, column) if column else None

    def summary_totals(self, side: str, kind: TableKind = TableKind.IncomeExpenditureSummary) -> list[Figure]:
        """A summary's totals of one side, 总计 first (收入总计, then 本年收入合计 …)."""
        table = self.table(kind)
        if table is None:
            return []
        rows = [r for r in table.rows if r.side == side and r.role is RowRole.TOTAL]
        rows.sort(key=lambda r: "总计" not in r.label)
        return [f for r in rows if (f := Figure.of(table, r, "amount"))]

    def economic(self, *codes: str) -> list[Figure]:
        """Basic expenditure of economic classes: the economic table's rows, else the 基本支出总表's by name."""
        table = self.table(TableKind.GeneralBudgetByEconomicClass)
        basic = table and _basic_meaning(table)
        if table and basic:
            rows = {code: r for r in table.rows if (code := by_code(r)) in codes}  # a code its name fits
            if len(rows) == len(codes):
                return [f for c in codes if (f := Figure.of(table, rows[c], basic))]
        table = self.table(TableKind.BasicExpenditureSummary)
        if table:
            rows = {key(r.label).replace("的", ""): r for r in table.rows if r.role is RowRole.ITEM}
            named = [rows.get(_ECONOMIC[c].replace("的", "")) for c in codes]
            if all(named):
                return [f for r in named if r and (f := Figure.of(table, r, "total"))]
        return []

    def economic_total(self) -> list[Figure]:
        """The economic table's total of basic spending (its total row), as it prints it."""
        table = self.table(TableKind.GeneralBudgetByEconomicClass)
        basic = table and _basic_meaning(table)
        row = table and next((r for r in table.rows if r.role is RowRole.TOTAL), None)
        figure = Figure.of(table, row, basic) if table and basic and row else None
        return [figure] if figure else []

    def projects(self) -> tuple[Table, list[Row]] | None:
        table = self.table(TableKind.ProjectExpenditureSummary)
        if table is None:
            return None
        return table, [r for r in table.rows if r.role is RowRole.ITEM and (r.code or r.label)]

    def three_public(self, meaning: str) -> Figure | None:
        table = self.table(TableKind.ThreePublicExpenses)
        return table and three_public_figure(table, meaning, self.filing.year, self.filing.year)


def three_public_figure(table: Table, meaning: str, year: int, filing_year: int) -> Figure | None:
    """The 三公 table's figure of an item (a column meaning) for a year. Where the years are rows
    ('2024年 | 因公出国（境）费 …'), the year's row in the item's column; where one row stands for the
    department, that row (this year only); where the items are rows ('因公出国（境）费 | 2024年预算数 |
    2023年预算数'), the item's row (合计 for the total) in the year's column."""
    items = item_rows(table)
    if items is not None:
        column = "amount" if year == filing_year else "prior_year"
        row = items.get(meaning)
        return Figure.of(table, row, column) if row and table.column(column) else None
    periods = [r for r in table.rows if r.role is RowRole.PERIOD]
    if periods:
        row = next((r for r in periods if key(r.label).startswith(f"{year}年")), None)
    else:
        row = _department_row(table) if year == filing_year else None
    return Figure.of(table, row, meaning) if row else None


def item_rows(table: Table) -> dict[str, Row] | None:
    """A 三公 table printing its items as rows: each item's row by its meaning, the total's as 'total';
    None when it prints them as columns (under rows of years, or on one row)."""
    if any(r.role is RowRole.PERIOD for r in table.rows):
        return None
    rows = {
        ("total" if r.role is RowRole.TOTAL else column_meaning(r.label)): r
        for r in table.rows
        if r.role is RowRole.TOTAL or column_meaning(r.label) in ITEM_PARTS
    }
    return rows if len(rows) > 2 else None


def _department_row(table: Table) -> Row | None:
    """The total row (the department: the sum of its units), else the first unit row, else the table's only
    row. A label read into the unit column by mistake cannot stand for the department where a total is
    printed."""
    for role in (RowRole.TOTAL, RowRole.UNIT):
        row = next((r for r in table.rows if r.role is role), None)
        if row:
            return row
    return table.rows[0] if len(table.rows) == 1 else None


def _basic_meaning(table: Table) -> str | None:
    """The basic-expenditure column; a table of basic expenditure alone ('基本支出预算表') has one amount column."""
    if table.column("basic"):
        return "basic"
    alone = table.column("amount") and not table.column("project") and "基本支出" in table.title
    return "amount" if alone else None


def _amount_meaning(table: Table) -> str:
    return "amount" if table.column("amount") else "total"


def three_public_meaning(subject: str, table: Table) -> str | None:
    """The 三公 table column a subject names: 因公出国（境）费 → overseas_travel, 公务用车购置费 → vehicle_purchase …"""
    text = key(subject)
    if "三公" in text:
        if item_rows(table) is not None:
            return "total"  # the items as rows: the total is the 合计 row's
        return next((m for m in ("three_public", "total") if table.column(m)), None)
    if "因公出国" in text:
        return "overseas_travel"
    if "公务接待" in text:
        return "hospitality"
    if "公务用车" in text or "公务车" in text:
        purchase, operation = "购置" in text, "运行" in text
        if purchase and operation:
            return "vehicles"
        return "vehicle_purchase" if purchase else "vehicle_operation" if operation else None
    return None


# --- ties ------------------------------------------------------------------------------------------------


def ties(claim: Claim, tables: Tables) -> list[Tie]:
    """The table figures a claim restates; empty when its subject names none (it is then not checked)."""
    if claim.amount is None:
        return []
    for tie_of in _TIES:
        tables.missed = False
        found = tie_of(claim, tables)
        if found:
            unread = tuple(tables.filing.unread) if tables.missed else ()
            return [replace(t, unsure=t.unsure + unread) for t in found if t.candidates]
    return []


def _project(claim: Claim, tables: Tables) -> list[Tie]:
    found = tables.projects()
    if not found:
        return []
    table, rows = found
    project, meaning = claim.subject, "total"
    if claim.parent and "结转" in claim.subject:  # '（项目）2024年预算中包含45.96万元结转资金'
        project, meaning = claim.parent, "carryover"
    named = [r for r in rows if key(r.label) == key(project)]
    figures = [f for r in named if (f := Figure.of(table, r, meaning))]
    if len(figures) > 1:  # one project in several units: the narrative may give their sum
        figures.append(_sum_figure(figures, f"{table.title} {project} 合计"))
    what = f"项目“{project}”" + ("的上年结转" if meaning == "carryover" else "")
    what_en = f"project {project}" + (", carried over from last year" if meaning == "carryover" else "")
    return [Tie(PROJECTS, what, what_en, tuple(figures))] if figures else []


def _procurement(claim: Claim, tables: Tables) -> list[Tie]:
    subject, parent = key(claim.subject), key(claim.parent or "")
    if "政府采购" in parent:
        category = next((c for word, c in _PROCUREMENT_CLASSES.items() if word in subject), None)
        return [_procurement_category(claim, tables, category)] if category else []
    if "政府采购" not in subject or not re.fullmatch(
        r"(纳入)?(部门预算)?(的)?政府采购(项目|预算|支出)*(总额|合计)?", subject
    ):
        return []
    listed = tables.table(TableKind.Procurement)
    listed = listed and tables.department(TableKind.Procurement, _amount_meaning(listed))
    column = tables.department(TableKind.ExpenditureSummary, "procurement")
    return [
        Tie(PROCUREMENT, "政府采购预算总额", "the procurement total", (listed,) if listed else ()),
        Tie(PROCUREMENT, "政府采购预算总额", "the procurement total", (column,) if column else ()),
    ]


def _procurement_category(claim: Claim, tables: Tables, code: str) -> Tie:
    table = tables.table(TableKind.Procurement)
    name = _PROCUREMENT_NAMES[code]
    what, what_en = f"政府采购{name}类", f"procurement of category {code} ({name})"
    if table is None:
        return Tie(PROCUREMENT, what, what_en, ())
    row = next((r for r in table.rows if (r.code or "").strip().upper() == code), None)
    items = [] if row else _category_items(table, code)
    if items:  # its items listed without the category's own row: their sum
        name = f"{table.title} {code}类各品目合计"
        return Tie(PROCUREMENT, what, what_en, (items[0] if len(items) == 1 else _sum_figure(items, name),))
    if row is None:  # a category the table does not list is zero
        assert claim.amount is not None
        zero = Amount(Decimal(0).quantize(Decimal(1).scaleb(-claim.amount.decimals)), table.unit)
        return Tie(
            PROCUREMENT, what, what_en, (Figure(zero, table.location, f"{table.title}（无{code}类）"),)
        )
    figure = Figure.of(table, row, _amount_meaning(table))
    return Tie(PROCUREMENT, what, what_en, (figure,) if figure else ())


def _category_items(table: Table, code: str) -> list[Figure]:
    """The figures of a category's items listed without its row (A02010105 台式计算机 …, no 'A 货物'): each
    item not under another listed one (a code's level is its digits before the trailing zeros)."""
    codes = {(r.code or "").strip().upper() for r in table.rows}
    stems = {c.rstrip("0") for c in codes if c.startswith(code)}
    meaning = _amount_meaning(table)
    return [
        figure
        for r in table.rows
        if (stem := (r.code or "").strip().upper().rstrip("0")).startswith(code)
        and len(stem) > 1
        and not any(stem != other and stem.startswith(other) and len(other) > 1 for other in stems)
        and (figure := Figure.of(table, r, meaning))
    ]


_CLASSIFICATION_LINE = re.compile(r"[（(][类款项][)）]")


def _economic_line(claim: Claim) -> bool:
    """'（二）公用经费 … （8）公务接待费（款）支出16万元' is the economic line 30217, not 三公."""
    return bool(
        _CLASSIFICATION_LINE.search(claim.subject) or re.search(r"公用经费|人员经费", claim.section or "")
    )


def _three_public(claim: Claim, tables: Tables) -> list[Tie]:
    if _economic_line(claim):
        return []
    table = tables.table(TableKind.ThreePublicExpenses)
    meaning = table and three_public_meaning(claim.subject, table)
    if not meaning:
        return []
    figure = tables.three_public(meaning)
    return [
        Tie(
            THREE_PUBLIC,
            f"“三公”经费“{claim.subject}”",
            f"three public expenses: {claim.subject}",
            (figure,) if figure else (),
        )
    ]


_BOTH_SIDES = ("收入、支出", "收、支", "收支")  # a total's subject naming both sides


def _totals(claim: Claim, tables: Tables) -> list[Tie]:
    bare = re.sub(r"部门|预算|总额|总计|合计|总|本年|全年|年度", "", key(claim.subject))
    if bare.startswith(("财政拨款", "政府预算拨款")):  # '财政拨款收支总预算2,299.43万元'
        return _appropriation_totals(bare.removeprefix("财政拨款").removeprefix("政府预算拨款"), tables)
    income = Tie(TOTALS, "部门预算收入", "the budget's income", tuple(tables.summary_totals("income")))
    overall = tables.department(TableKind.ExpenditureSummary, "total")
    spending = (*tables.summary_totals("expenditure"), *([overall] if overall else []))
    expenditure = Tie(TOTALS, "部门预算支出", "the budget's expenditure", spending)
    if bare == "收入":
        return [income]
    if bare == "支出":
        return [expenditure]
    if bare in _BOTH_SIDES:  # '收入、支出预算总计24,169.74万元' states both
        return [income, expenditure]
    if bare == "" and claim.part == 3 and not claim.section:
        return [
            Tie(COMPOSITION, "部门预算总额", "the budget total", (*([overall] if overall else []), *spending))
        ]
    return []


def _appropriation_totals(bare: str, tables: Tables) -> list[Tie]:
    """The 财政拨款收支总表's totals: '财政拨款收支总预算' states both sides', '财政拨款收入' is an income (BG-N013)."""
    if bare not in _BOTH_SIDES:
        return []
    kind = TableKind.AppropriationSummary
    return [
        Tie(
            TOTALS,
            f"财政拨款{what}总额",
            f"the appropriations' {en}",
            tuple(tables.summary_totals(side, kind)),
        )
        for side, what, en in (("income", "收入", "income"), ("expenditure", "支出", "expenditure"))
    ]


def _composition(claim: Claim, tables: Tables) -> list[Tie]:
    subject = key(claim.subject)
    if any(w in subject for w in ("人员支出", "人员经费", "工资福利")):
        tie = _economic_tie(tables, "人员支出", "personnel expenditure", ("301",), ("301", "303"))
        return [_with_printed(tie, tables, "personnel")]
    if any(w in subject for w in ("公用支出", "公用经费")):
        tie = _economic_tie(tables, "公用支出", "operating expenditure", ("302", "310"), ("302",))
        return [_with_printed(tie, tables, "operating")]
    if "对个人和家庭" in subject:
        return [_economic_tie(tables, "对个人和家庭的补助", "transfers to households", ("303",))]
    if re.fullmatch(r"项目支出(预算)?(总额|合计)?", subject):
        figures = [tables.department(TableKind.ExpenditureSummary, "project"), _project_total(tables)]
        return [Tie(COMPOSITION, "项目支出", "project expenditure", tuple(f for f in figures if f))]
    if re.fullmatch(r"基本支出(预算)?(总额|合计)?", subject):
        figure = tables.department(TableKind.ExpenditureSummary, "basic")
        return [Tie(COMPOSITION, "基本支出", "basic expenditure", (figure,) if figure else ())]
    if re.fullmatch(r"(一般公共预算)?(财政拨款)?(当年拨款)?基本支出(预算)?(总额|合计)?", subject):
        # the general budget's basic spending: its function table's basic total, its economic table's total
        figures = (
            tables.department(TableKind.GeneralBudgetByFunction, "basic"),
            *tables.economic_total(),
            tables.department(TableKind.ExpenditureSummary, "basic"),
        )
        what, what_en = claim.subject, "the general budget's basic expenditure"
        return [Tie(COMPOSITION, what, what_en, tuple(f for f in figures if f))]
    if re.fullmatch(r"一般公共预算(当年)?(财政)?(拨款)?支出(预算)?(总额|合计)?", subject):
        figure = tables.total(TableKind.GeneralBudgetByFunction)
        return [
            Tie(COMPOSITION, claim.subject, "the general budget's expenditure", (figure,) if figure else ())
        ]
    return []


_PART_OF_INCOME = re.compile(r"绩效|采购|项目")  # sections whose sources' figures are those of some spending


def _income(claim: Claim, tables: Tables) -> list[Tie]:
    """'一般公共预算拨款收入2,299.43万元' → the summaries' income line of that source, the 收入总表's total in
    its column (and for the general budget, its expenditure table's total: what it grants is spent)."""
    subject = key(claim.subject)
    meaning = column_meaning(subject)
    if meaning not in SOURCES or not re.search(r"(收入|拨款|资金)$", subject) or "支出" in subject:
        return []
    if _PART_OF_INCOME.search(claim.section or "") or f"涉及{subject}" in key(claim.text):
        return []  # the funds of some projects ('绩效目标管理的项目3个，涉及一般公共预算当年拨款…')
    figures = [
        figure
        for kind in _SUMMARY_TABLES
        if (table := tables.table(kind))
        for row in _income_lines(table, meaning)
        if (figure := Figure.of(table, row, "amount"))
    ]
    figures.append(tables.department(TableKind.IncomeSummary, meaning))
    if meaning == "appropriation":  # the 财政拨款收支总表 is the appropriations' own: its income totals
        figures += tables.summary_totals("income", TableKind.AppropriationSummary)
    if meaning == "general_budget":
        figures.append(tables.total(TableKind.GeneralBudgetByFunction))
    what, what_en = f"收入“{claim.subject}”", f"income: {claim.subject}"
    return [Tie(INCOME, what, what_en, tuple(f for f in figures if f))]


def _income_lines(table: Table, meaning: str) -> list[Row]:
    """A summary's income lines of a source, one per label (a line printed twice is one), not what is
    carried over from it ('1.一般公共预算拨款结余、结转')."""
    lines: dict[str, Row] = {}
    for row in table.rows:
        label = _ENUMERATED.sub("", row.label)
        if row.side != "income" or row.role is RowRole.TOTAL or re.search(r"结转|结余", label):
            continue
        if column_meaning(label) == meaning:
            lines.setdefault(key(label), row)
    return list(lines.values())


def _economic_tie(tables: Tables, what: str, what_en: str, *readings: tuple[str, ...]) -> Tie:
    """Candidates: each reading of the subject as a set of economic classes, summed."""
    candidates = []
    for codes in readings:
        figures = tables.economic(*codes)
        if figures:
            candidates.append(figures[0] if len(figures) == 1 else _sum_figure(figures, "+".join(codes)))
    return Tie(COMPOSITION, what, what_en, tuple(candidates))


def _with_printed(tie: Tie, tables: Tables, meaning: str) -> Tie:
    """A tie to economic classes, and to the column of that name a table prints (人员经费 / 公用经费)."""
    printed = tuple(f for _, f in split_figures(tables.filing, meaning))
    return Tie(tie.rule, tie.what, tie.what_en, tie.candidates + printed)


def _office_operating(claim: Claim, tables: Tables) -> list[Tie]:
    if "机关运行经费" not in key(claim.subject):
        return []
    figures = tuple(f for _, f in split_figures(tables.filing, "office_operating"))
    return [Tie(OFFICE_OPERATING, "机关运行经费", "office operating costs", figures)]


def _performance_funds(claim: Claim, tables: Tables) -> list[Tie]:
    subject = key(claim.subject)
    if subject not in ("预算资金", "项目资金", "资金", "项目预算资金") or not _all_projects(claim):
        return []
    figures = [_project_total(tables), tables.department(TableKind.ExpenditureSummary, "project")]
    return [
        Tie(
            PERFORMANCE_FUNDS,
            "绩效管理涉及的预算资金",
            "funds under performance management",
            tuple(f for f in figures if f),
        )
    ]


def _all_projects(claim: Claim) -> bool:
    """'所有项目支出预算纳入绩效管理': the statement covers every project (not '编报绩效目标的项目共4个')."""
    return bool(re.search(r"(?:所有|全部)项目", claim.text))


def _project_total(tables: Tables) -> Figure | None:
    return tables.department(TableKind.ProjectExpenditureSummary, "total")


def _sum_figure(figures: list[Figure], name: str) -> Figure:
    first = figures[0].amount
    value = sum((f.amount.yuan for f in figures), Decimal(0)) / first.unit.factor
    decimals = max(f.amount.decimals for f in figures)
    amount = Amount(value.quantize(Decimal(1).scaleb(-decimals)), first.unit)
    return Figure(amount, figures[0].location, f"{name}（{'+'.join(f.amount.text() for f in figures)}）")


# a name the narrative marks with its level ('财政事务（款）'), and the length of a code of each level
LEVEL_MARK = re.compile(r"(?P<name>[^（()）]+)[（(](?P<level>类|款|项)[）)]")
CODE_LENGTH = {"类": 3, "款": 5, "项": 7}
_FUNCTION_TABLES = (TableKind.GeneralBudgetByFunction, TableKind.ExpenditureSummary)
_SUMMARY_TABLES = (TableKind.IncomeExpenditureSummary, TableKind.AppropriationSummary)
_ENUMERATED = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")


def functional_names(claim: Claim, year: int | None) -> dict[int, str]:
    """The names a claim gives a functional line by, by code length: '检察（款）行政运行（项）' → {5: 检察,
    7: 行政运行}; a class named bare by its national name → {3: name}; {} when it names none."""
    names = {CODE_LENGTH[m.group("level")]: m.group("name") for m in LEVEL_MARK.finditer(key(claim.subject))}
    if not names and key(claim.subject) in _class_names(year):
        names = {3: key(claim.subject)}  # a class by its bare name ('社会保障和就业支出135.85万元')
    return names


def _functional(claim: Claim, tables: Tables) -> list[Tie]:
    """'检察（款）行政运行（项）支出' → the row 行政运行 whose section row is 检察, in each function table."""
    names = functional_names(claim, tables.filing.year)
    if not names:
        return []
    searched = {kind: _functional_figure(tables.table(kind), names) for kind in _FUNCTION_TABLES}
    if set(names) == {3}:  # a class: the summary tables list classes by name ('四、公共安全支出')
        searched |= {kind: _summary_class_figure(tables.table(kind), names[3]) for kind in _SUMMARY_TABLES}
    figures = tuple(f for f in searched.values() if f)
    unsure = tuple(
        table.location
        for kind, figure in searched.items()
        if figure is None and (table := tables.table(kind)) is not None and table.doubts
    )
    return [
        Tie(FUNCTIONAL, f"功能科目“{claim.subject}”", f"functional class {claim.subject}", figures, unsure)
    ]


@cache
def _class_names(year: int | None) -> frozenset[str]:
    """The national list's functional classes (类) of the year, by name ('一般公共服务支出')."""
    index = scheme_index("functional")
    return frozenset(
        key(concept.name) for concept in index.concepts() if len(concept.code) == 3 and concept.valid_in(year)
    )


def _functional_figure(table: Table | None, names: dict[int, str]) -> Figure | None:
    """The one coded row named as given, with its parents named as given; None when none or several fit."""
    row = table and functional_row(table, names)
    meaning = table and functional_column(table)
    return Figure.of(table, row, meaning) if table and row and meaning else None


def functional_column(table: Table) -> str | None:
    """The column of a function table a functional line's figure stands in: its total, else its general
    budget's, else its amount."""
    return next((m for m in ("total", "general_budget", "amount") if table.column(m)), None)


def functional_row(table: Table, names: dict[int, str]) -> Row | None:
    """The one coded row named as given, with its parents named as given; None when none or several fit."""
    coded = {r.code: r for r in table.rows if r.code and r.code.isdigit()}
    deepest = max(names)
    fits = [
        row
        for code, row in coded.items()
        if len(code) == deepest
        and all(
            _same_name(coded[code[:n]].label if code[:n] in coded else name, name)
            for n, name in names.items()
        )
    ]
    return fits[0] if len(fits) == 1 else None


def _summary_class_figure(table: Table | None, name: str) -> Figure | None:
    if table is None:
        return None
    fits = [
        r for r in table.rows if r.side == "expenditure" and _same_name(_ENUMERATED.sub("", r.label), name)
    ]
    meaning = next((m for m in ("total", "amount") if table.column(m, "expenditure")), None)
    return Figure.of(table, fits[0], meaning) if len(fits) == 1 and meaning else None


def _same_name(label: str, name: str) -> bool:
    """'公共安全支出' is named '公共安全' in '公共安全（类）支出'."""
    label = key(label)
    return label == name or label.removesuffix("支出") == name.removesuffix("支出")


_TIES: tuple[Callable[[Claim, Tables], list[Tie]], ...] = (
    _project,
    _procurement,
    _three_public,
    _office_operating,
    _totals,
    _composition,
    _income,
    _performance_funds,
    _functional,
)


# --- comparing -------------------------------------------------------------------------------------------


def _compare(claim: Claim, tie: Tie) -> Finding | None:
    """The claim restates the tie's figure it agrees with, else the one rounding explains, else the first:
    an identity the evaluator judges and words (naming the other candidates when none agrees)."""
    assert claim.amount is not None
    agreements = [compare_restated(claim.amount, f.amount) for f in tie.candidates]
    best = next((a for a in (Agreement.EQUAL, Agreement.ROUNDING) if a in agreements), None)
    figure = tie.candidates[agreements.index(best)] if best else tie.candidates[0]
    others = [f for f in tie.candidates if f is not figure] if best is not Agreement.EQUAL else []
    stated = Figure(claim.amount, claim.location, f"说明中{tie.what}")
    identity = restates(tie.rule.id, stated, figure, tie.what, tie.what_en, others, tie.unsure)
    return evaluate(identity, tie.rule)


def _count(claim: Claim, tables: Tables) -> Finding | None:
    subject = key(claim.subject)
    if claim.count is None or "绩效目标" not in subject or "项目" not in subject or not _all_projects(claim):
        return None
    found = tables.projects()
    if not found:
        return None
    table, rows = found
    names = list(dict.fromkeys(key(r.label) for r in rows))
    if not names or len(names) == claim.count:
        return None
    return PERFORMANCE_COUNT.finding(
        f"说明中设置{claim.count}{claim.count_unit or '个'}项目绩效目标，{table.title}列有{len(names)}个项目",
        f"The narrative states {claim.count} project performance targets; {table.title} lists {len(names)} projects",
        [claim.location, table.location],
        expected=str(len(names)),
        actual=str(claim.count),
    )
