"""A department's budget in the Ministry of Finance's forms, made up from a seed: a region the project has
no sample of. Central departments and most provinces publish in these forms (部门收支总表, 部门收入总表,
部门支出总表, 财政拨款收支总表, 一般公共预算支出表, 一般公共预算基本支出表, “三公”经费支出表, 政府性基金
预算支出表), the tables before the narrative that explains them.

Every figure agrees with every other as the forms' design and the narrative tie them, so a reading
that finds an error misread something. The filing is set as a web page (`as_html`), the form in which
many sites publish it and from which a browser prints it to PDF."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from pathlib import Path

from budget_graph.codes.index import scheme_index
from budget_graph.model import TableKind

YEAR = 2024
UNIT = "青山市河西区统计局"

# 项-level function codes: basic spending (paid from the economic classes below) and projects
_BASIC_LINES = {  # function code → the economic classes it pays (行政运行 takes the rest)
    "2080505": ("30108",),
    "2080506": ("30109",),
    "2101101": ("30110",),
    "2210201": ("30113",),
    "2080501": ("30302",),
}
_RUNNING = "2010501"
_PROJECT_LINES = ("2010502", "2010505", "2010507")
_PERSONNEL = (
    "30101",
    "30102",
    "30103",
    "30107",
    "30108",
    "30109",
    "30110",
    "30112",
    "30113",
    "30302",
    "30305",
)
_OPERATING = ("30201", "30205", "30206", "30211", "30217", "30228", "30229", "30231", "30299")
_EMPTY_CLASSES = ("202", "203", "204")  # 类 the summary lists with no figure


def _name(scheme: str, code: str) -> str:
    concept = scheme_index(scheme).lookup(code, YEAR)
    assert concept is not None, code
    return concept.name


def _parents(code: str) -> list[str]:
    """A 项 code's 类 and 款 (function: 3, 5, 7 digits; economic: 3, 5)."""
    return [code[:3], code[:5]] if len(code) == 7 else [code[:3]]


@dataclass
class Budget:
    """The figures, in hundredths of 万元 (cents of the printed unit)."""

    basic: dict[str, int] = field(default_factory=dict)  # function 项 → basic spending
    project: dict[str, int] = field(default_factory=dict)  # function 项 → project spending
    other_income: dict[str, int] = field(default_factory=dict)  # function 项 → paid from 其他收入
    economic: dict[str, int] = field(default_factory=dict)  # economic 款 → basic spending
    prior: dict[str, int] = field(default_factory=dict)  # function code (any level) → 上年执行数
    three_public: dict[str, tuple[int, int]] = field(default_factory=dict)  # item → (上年, 本年)
    procurement: tuple[int, int, int] = (0, 0, 0)  # goods, works, services

    @staticmethod
    def of(figures: dict[str, int], code: str) -> int:
        """The sum of the figures under a code ('' : all)."""
        return sum(v for c, v in figures.items() if c.startswith(code))

    def spending(self, code: str) -> int:
        return self.of(self.basic, code) + self.of(self.project, code)

    def function_codes(self) -> list[str]:
        leaves = sorted({*self.basic, *self.project})
        return sorted({parent for leaf in leaves for parent in _parents(leaf)} | set(leaves))

    def economic_codes(self) -> list[str]:
        return sorted({c[:3] for c in self.economic} | set(self.economic))

    @property
    def total(self) -> int:
        return sum(self.basic.values()) + sum(self.project.values())

    @property
    def personnel(self) -> int:
        return sum(v for c, v in self.economic.items() if c in _PERSONNEL)

    @property
    def operating(self) -> int:
        return sum(v for c, v in self.economic.items() if c in _OPERATING)

    @property
    def other(self) -> int:
        return sum(self.other_income.values())

    @property
    def appropriation(self) -> int:
        return self.total - self.other

    def appropriated(self, code: str) -> int:
        """The general budget's part of a function code's spending (its 其他收入 taken off)."""
        return self.spending(code) - self.of(self.other_income, code)

    def appropriated_basic(self, code: str) -> int:
        return self.of(self.basic, code)

    def appropriated_project(self, code: str) -> int:
        return self.of(self.project, code) - self.of(self.other_income, code)


def make_budget(seed: int) -> Budget:
    rng = random.Random(seed)
    budget = Budget()

    def amount(low: int, high: int) -> int:  # 万元 → hundredths
        return rng.randint(low * 100, high * 100)

    wages = {
        "30101": amount(150, 320),
        "30102": amount(100, 260),
        "30103": amount(10, 40),
        "30107": amount(40, 120),
    }
    paid = sum(wages.values())
    budget.economic.update(wages)
    budget.economic.update(
        {
            "30108": paid * 16 // 100,
            "30109": paid * 8 // 100,
            "30110": paid * 9 // 100,
            "30112": amount(1, 6),
            "30113": paid * 12 // 100,
            "30302": amount(5, 40),
            "30305": amount(0, 3),
        }
    )
    budget.economic.update({code: amount(2, 30) for code in _OPERATING})
    for line, classes in _BASIC_LINES.items():
        budget.basic[line] = sum(budget.economic[c] for c in classes)
    budget.basic[_RUNNING] = sum(budget.economic.values()) - sum(budget.basic.values())
    for line in _PROJECT_LINES:
        budget.project[line] = amount(20, 600)
    budget.other_income["2010505"] = amount(5, 15)
    for leaf in sorted({*budget.basic, *budget.project}):
        budget.prior[leaf] = budget.appropriated(leaf) * rng.randint(80, 120) // 100
    for code in budget.function_codes():
        if len(code) < 7:
            budget.prior[code] = sum(v for c, v in budget.prior.items() if len(c) == 7 and c.startswith(code))
    now = {"hospitality": budget.economic["30217"], "vehicle_operation": budget.economic["30231"]}
    budget.three_public = {
        "overseas_travel": (0, 0),
        "vehicle_purchase": (amount(0, 30) if rng.random() < 0.3 else 0, 0),
        "vehicle_operation": (
            now["vehicle_operation"] * rng.randint(90, 115) // 100,
            now["vehicle_operation"],
        ),
        "hospitality": (now["hospitality"] * rng.randint(90, 115) // 100, now["hospitality"]),
    }
    budget.procurement = (amount(5, 60), 0, amount(10, 120))
    return budget


@dataclass(frozen=True)
class Form:
    """How a region sets the forms: the tables' unit, codes in one column or in 类/款/项 columns, the
    unit's name in each title or not, and how tables are numbered."""

    yuan: bool = False  # the tables in 元 (the narrative still states 万元)
    split_codes: bool = False
    unit_in_titles: bool = False
    numbering: str = "表{n}"  # '表{n}', '表{cn}', '公开{n:02d}表', '' (none)
    change: bool = False  # the 一般公共预算支出表 adds the change on the year before (增减额, 增减率)
    basic_sides: bool = False  # the 基本支出表 sets 人员经费 and 公用经费 side by side, each its codes
    three_public_years: int = 2  # the 三公 table's years: the year before's and this year's, or this year's
    by_unit: bool = False  # the 收入总表 lists the department's units, not its functional classes
    zero: str = ""  # how a zero prints where the forms may leave it blank: '', '0.00', '-', '—'
    # the web page: each title in the table's <caption>, the filer and unit line as the table's first
    # row, the header in a <thead> (a browser prints it again on every page), the paper printed on
    in_table: bool = False
    thead: bool = False
    paper: str = "A4"
    figures_left: bool = False  # figures set as the page's text is, not right-aligned
    rules: bool = True  # the tables' cells bordered
    procurement: str = (
        ""  # a 政府采购预算表 too: its items alone ('items'), or under their categories ('categories')
    )
    contents: bool = False  # a table of contents (目录) after the title: each part, heading and table
    three_public_label: str = ""  # the 三公 table's row labelled under a 项目 caption ('金额'), or not
    by_purpose: bool = (
        False  # the 收支总表 breaks spending down by purpose too, beside the classes (Jiangsu's)
    )

    @property
    def unit(self) -> str:
        return "元" if self.yuan else "万元"

    def title(self, table: FormTable) -> str:
        return f"{UNIT}{table.title}" if self.unit_in_titles else table.title

    def number(self, table: FormTable) -> str:
        return self.numbering.format(n=table.number, cn="一二三四五六七八九十"[table.number - 1])


FORM = Form()


def money(value: int) -> str:
    """A figure in 万元, as the narrative states it."""
    return f"{value / 100:,.2f}"


def figure(value: int, form: Form) -> str:
    """A figure as the tables print it."""
    return f"{value * 100:,.2f}" if form.yuan else money(value)  # a hundredth of 万元 is 100 元


def blank_or(value: int, form: Form) -> str:
    return figure(value, form) if value else form.zero


def percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "0%"


# --- the tables: a header (rows of (text, colspan, rowspan)) and body rows of cells -----------------------

Header = list[list[tuple[str, int, int]]]
Cell = str | tuple[str, int]  # a body cell's text, or its text and the columns it spans
NUMERALS = "一二三四五六七八九十"


@dataclass
class FormTable:
    number: int
    title: str
    header: Header
    rows: list[list[Cell]]
    note: str = ""


def _coded_header(
    form: Form, group: str, *columns: tuple[str, int, int], under: Header = (), levels: int = 3
) -> Header:
    """The code and name columns under their group, then `columns` (a rowspan of 0: every row of the
    header) and the cells `under` them (0: the rows left). Codes stand in one column, or in a column
    per level (类/款/项) under 科目编码."""
    split = form.split_codes
    depth = 3 if split else 2
    top = [(group, levels + 1 if split else 2, 1), *[(t, c, r or depth) for t, c, r in columns]]
    names = (
        [("科目编码", levels, 1), ("科目名称", 1, depth - 1)]
        if split
        else [("科目编码", 1, 1), ("科目名称", 1, 1)]
    )
    header = [top, [*names, *[(t, c, r or depth - 1) for row in under for t, c, r in row]]]
    if split:
        header.append([(level, 1, 1) for level in "类款项"[:levels]])
    return header


def _code_cells(code: str, form: Form, levels: int = 3) -> list[str]:
    """A code as printed: whole, or cut into its levels (201 | 05 | 01)."""
    if not form.split_codes:
        return [code]
    return [code[:3], code[3:5], code[5:7]][:levels]


def _coded_rows(budget: Budget, form: Form, figures) -> list[list[str]]:
    """The 合计 row, then every function code in order with its figures."""
    rows = [[*_code_cells("", form), "合计", *figures("")]]
    for code in budget.function_codes():
        rows.append([*_code_cells(code, form), _name("functional", code), *figures(code)])
    return rows


def _two_sides(
    left: list[tuple[str, int | None]], right: list[tuple[str, int | None]], form: Form, width: int
):
    """Rows of a two-sided summary: each side's label and figure, the right side's figure `width` times."""
    for index in range(max(len(left), len(right))):
        label, value = left[index] if index < len(left) else ("", None)
        other, amount = right[index] if index < len(right) else ("", None)
        shown = "" if amount is None else blank_or(amount, form)
        yield [label, "" if value is None else blank_or(value, form), other, *[shown] * width]


def income_expenditure_summary(budget: Budget, form: Form) -> FormTable:
    income = [
        ("一、一般公共预算拨款收入", budget.appropriation),
        ("二、政府性基金预算拨款收入", 0),
        ("三、国有资本经营预算拨款收入", 0),
        ("四、财政专户管理资金收入", 0),
        ("五、事业收入", 0),
        ("六、事业单位经营收入", 0),
        ("七、上级补助收入", 0),
        ("八、附属单位上缴收入", 0),
        ("九、其他收入", budget.other),
    ]
    classes = sorted({c for c in budget.function_codes() if len(c) == 3} | set(_EMPTY_CLASSES))
    spending = [
        (f"{NUMERALS[i]}、{_name('functional', c)}", budget.spending(c) if c not in _EMPTY_CLASSES else 0)
        for i, c in enumerate(classes)
    ]
    if form.by_purpose:
        return _by_purpose(budget, form, income, spending)
    total = figure(budget.total, form)
    rows = [
        *_two_sides(income, spending, form, 1),
        ["本年收入合计", total, "本年支出合计", total],
        ["上年结转结余", "", "结转下年", ""],
        ["收入总计", total, "支出总计", total],
    ]
    header = [
        [("收入", 2, 1), ("支出", 2, 1)],
        [("项目", 1, 1), ("预算数", 1, 1), ("项目", 1, 1), ("预算数", 1, 1)],
    ]
    return FormTable(1, f"{YEAR}年部门收支总表", header, rows)


def _by_purpose(
    budget: Budget, form: Form, income: list[tuple[str, int]], spending: list[tuple[str, int]]
) -> FormTable:
    """Jiangsu's 收支预算总表: spending broken down by class (功能分类) and, beside it, by purpose (支出用途),
    under totals printed across both."""
    purposes = [
        ("一、基本支出", budget.of(budget.basic, "")),
        ("二、项目支出", budget.of(budget.project, "")),
    ]
    rows: list[list[Cell]] = [
        [*left, *right]
        for left, right in zip(_two_sides(income, spending, form, 1), _purposes(purposes, form), strict=False)
    ]
    total = figure(budget.total, form)
    rows += [
        ["当年收入小计", total, "当年支出小计", (total, 3)],
        ["上年结转资金", "", "结转下年资金", ("", 3)],
        ["收入合计", total, "支出合计", (total, 3)],
    ]
    header = [
        [("收入", 2, 1), ("支出", 4, 1)],
        [("项目名称", 1, 2), ("金额", 1, 2), ("功能分类", 2, 1), ("支出用途", 2, 1)],
        [("功能科目名称", 1, 1), ("金额", 1, 1), ("项目名称", 1, 1), ("金额", 1, 1)],
    ]
    return FormTable(1, f"{YEAR}年部门收支预算总表", header, rows)


def _purposes(purposes: list[tuple[str, int]], form: Form):
    """The purpose breakdown's cells beside each row of the other two: its lines, then blanks."""
    for label, value in purposes:
        yield [label, blank_or(value, form)]
    while True:
        yield ["", ""]


def _spans(*labels: str) -> list[tuple[str, int, int]]:
    return [(label, 1, 0) for label in labels]  # 0: span every row of the header


UNITS = {  # the department's units (代码, 名称) and the functional classes each spends on
    ("301001", f"{UNIT}（本级）"): (
        "2010501",
        "2010502",
        "2080501",
        "2080505",
        "2080506",
        "2101101",
        "2210201",
    ),
    ("301002", "青山市河西区统计普查中心"): ("2010505", "2010507"),
}


def income_summary(budget: Budget, form: Form) -> FormTable:
    labels = ("合计", "上年结转", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入",
              "财政专户管理资金收入", "事业收入", "事业单位经营收入", "其他收入")  # fmt: skip

    def figures(codes: tuple[str, ...]) -> list[str]:
        def total(of) -> int:
            return sum(of(code) for code in codes)

        return [figure(total(budget.spending), form), form.zero, figure(total(budget.appropriated), form),
                *[form.zero] * 5, blank_or(total(lambda c: budget.of(budget.other_income, c)), form)]  # fmt: skip

    title = f"{YEAR}年部门收入总表"
    if form.by_unit:
        header = [[("单位编码", 1, 1), ("单位名称", 1, 1), *[(label, 1, 1) for label in labels]]]
        every = tuple(code for codes in UNITS.values() for code in codes)
        rows = [["", "合计", *figures(every)], *[[*unit, *figures(codes)] for unit, codes in UNITS.items()]]
        return FormTable(2, title, header, rows)
    header = _coded_header(form, "功能分类科目", *_spans(*labels))
    return FormTable(2, title, header, _coded_rows(budget, form, lambda code: figures((code,))))


def expenditure_summary(budget: Budget, form: Form) -> FormTable:
    columns = _spans("合计", "基本支出", "项目支出", "上缴上级支出", "事业单位经营支出", "对附属单位补助支出")

    def figures(code: str) -> list[str]:
        return [
            figure(budget.spending(code), form),
            blank_or(budget.of(budget.basic, code), form),
            blank_or(budget.of(budget.project, code), form),
            "",
            "",
            "",
        ]

    header = _coded_header(form, "功能分类科目", *columns)
    return FormTable(3, f"{YEAR}年部门支出总表", header, _coded_rows(budget, form, figures))


def appropriation_summary(budget: Budget, form: Form) -> FormTable:
    income = [
        ("一、本年收入", budget.appropriation),
        ("（一）一般公共预算拨款", budget.appropriation),
        ("（二）政府性基金预算拨款", 0),
        ("（三）国有资本经营预算拨款", 0),
        ("二、上年结转", 0),
        ("（一）一般公共预算拨款", 0),
        ("（二）政府性基金预算拨款", 0),
        ("（三）国有资本经营预算拨款", 0),
    ]
    classes = [c for c in budget.function_codes() if len(c) == 3]
    spending = [
        ("一、本年支出", budget.appropriation),
        *[
            (f"（{NUMERALS[i]}）{_name('functional', c)}", budget.appropriated(c))
            for i, c in enumerate(classes)
        ],
        ("二、结转下年", 0),
    ]
    rows = [[*cells[:5], "", ""] for cells in _two_sides(income, spending, form, 2)]
    total = figure(budget.appropriation, form)
    rows.append(["收入总计", total, "支出总计", total, total, "", ""])
    header = [
        [("收入", 2, 1), ("支出", 5, 1)],
        [("项目", 1, 2), ("预算数", 1, 2), ("项目", 1, 2), ("合计", 1, 2), ("预算数", 3, 1)],
        [("一般公共预算", 1, 1), ("政府性基金预算", 1, 1), ("国有资本经营预算", 1, 1)],
    ]
    return FormTable(4, f"{YEAR}年财政拨款收支总表", header, rows)


def general_budget_by_function(budget: Budget, form: Form) -> FormTable:
    header = _coded_header(
        form,
        "功能分类科目",
        (f"{YEAR - 1}年执行数", 1, 0),
        (f"{YEAR}年预算数", 3, 1),
        *([(f"{YEAR}年预算数比{YEAR - 1}年执行数增减", 2, 1)] if form.change else []),
        under=[
            [
                ("小计", 1, 0),
                ("基本支出", 1, 0),
                ("项目支出", 1, 0),
                *_spans("增减额", "增减率")[: 2 * form.change],
            ]
        ],
    )

    def figures(code: str) -> list[str]:
        prior = budget.prior[code] if code else sum(v for c, v in budget.prior.items() if len(c) == 3)
        now = budget.appropriated(code)
        change = [figure(now - prior, form), percent(now - prior, prior)] if form.change else []
        return [
            figure(prior, form),
            figure(now, form),
            blank_or(budget.appropriated_basic(code), form),
            blank_or(budget.appropriated_project(code), form),
            *change,
        ]

    return FormTable(5, f"{YEAR}年一般公共预算支出表", header, _coded_rows(budget, form, figures))


def general_budget_by_economic_class(budget: Budget, form: Form) -> FormTable:
    title = f"{YEAR}年一般公共预算基本支出表"
    personnel, operating = budget.personnel, budget.operating
    if form.basic_sides:
        return _basic_sides(budget, form, title, personnel, operating)
    header = _coded_header(
        form,
        "部门经济分类科目",
        (f"{YEAR}年基本支出", 3, 1),
        under=[[("合计", 1, 0), ("人员经费", 1, 0), ("公用经费", 1, 0)]],
        levels=2,
    )
    rows = [
        [
            *_code_cells("", form, 2),
            "合计",
            *(figure(v, form) for v in (personnel + operating, personnel, operating)),
        ]
    ]
    for code in budget.economic_codes():
        shown = figure(budget.of(budget.economic, code), form)
        personal = code.startswith(("301", "303"))
        rows.append(
            [
                *_code_cells(code, form, 2),
                _name("economic", code),
                shown,
                *((shown, "") if personal else ("", shown)),
            ]
        )
    return FormTable(6, title, header, rows)


def _basic_sides(budget: Budget, form: Form, title: str, personnel: int, operating: int) -> FormTable:
    """人员经费 on the left, 公用经费 on the right, each its classes' codes, names and amounts."""
    sides = [
        [
            (c, _name("economic", c), budget.of(budget.economic, c))
            for c in budget.economic_codes()
            if c[:3] in prefixes
        ]
        for prefixes in (("301", "303"), ("302",))
    ]
    header = [
        [("人员经费", 3, 1), ("公用经费", 3, 1)],
        [("科目编码", 1, 1), ("科目名称", 1, 1), ("金额", 1, 1)] * 2,
    ]
    rows = []
    for index in range(max(map(len, sides))):
        cells = []
        for side in sides:
            code, name, value = side[index] if index < len(side) else ("", "", None)
            cells += [code, name, "" if value is None else figure(value, form)]
        rows.append(cells)
    rows.append(["", "人员经费合计", figure(personnel, form), "", "公用经费合计", figure(operating, form)])
    return FormTable(6, title, header, rows)


def three_public_expenses(budget: Budget, form: Form) -> FormTable:
    years = (0, 1)[-form.three_public_years :]
    groups = [f"{YEAR - 1 + year}年预算数" for year in years]
    values = [{k: v[year] for k, v in budget.three_public.items()} for year in years]
    return three_public_table(7, f"{YEAR}年一般公共预算“三公”经费支出表", groups, values, form, figure)


def three_public_table(
    number: int, title: str, groups: list[str], values: list[dict[str, int]], form: Form, show
) -> FormTable:
    """The 三公 items once under each group (a year; a 决算's 预算数 and 决算数), on one row of `values`, each
    figure as `show` prints it; the row labelled under a 项目 caption where the form labels it."""
    items = [("合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务用车购置及运行费", 3, 1), ("公务接待费", 1, 2)]
    header = [
        [(group, 6, 1) for group in groups],
        items * len(groups),
        [("小计", 1, 1), ("公务用车购置费", 1, 1), ("公务用车运行费", 1, 1)] * len(groups),
    ]
    row = []
    for value in values:
        vehicles = value["vehicle_purchase"] + value["vehicle_operation"]
        row += [
            show(v, form)
            for v in (sum(value.values()), value["overseas_travel"], vehicles, value["vehicle_purchase"],
                      value["vehicle_operation"], value["hospitality"])
        ]  # fmt: skip
    if form.three_public_label:
        header = [[("项目", 1, 3), *header[0]], *header[1:]]
        row = [form.three_public_label, *row]
    return FormTable(number, title, header, [row])


def government_fund_budget(budget: Budget, form: Form) -> FormTable:
    header = _coded_header(
        form,
        "功能分类科目",
        (f"{YEAR}年政府性基金预算支出", 3, 1),
        under=[[("合计", 1, 0), ("基本支出", 1, 0), ("项目支出", 1, 0)]],
    )
    rows = [[*_code_cells("", form), "合计", "", "", ""]]
    note = f"注：{UNIT}{YEAR}年没有使用政府性基金预算拨款安排的支出，故本表为空表。"
    return FormTable(8, f"{YEAR}年政府性基金预算支出表", header, rows, note)


PROCUREMENT_ITEMS = (  # (品目编码, 品目名称, 数量, share of its category in hundredths; the last takes the rest)
    ("A02010105", "台式计算机", "10", 60),
    ("A02020100", "复印机", "2", 0),
    ("C16010000", "软件开发服务", "1", 70),
    ("C16030000", "数据处理服务", "1", 0),
)


def procurement(budget: Budget, form: Form) -> FormTable:
    """The items bought, by the national catalogue, their amounts paid from the appropriation; under
    their categories' rows (A 货物, C 服务) when the form prints them."""
    goods, _, services = budget.procurement
    amounts, left = {}, {"A": goods, "C": services}
    for code, _, _, share in PROCUREMENT_ITEMS:
        whole = goods if code[0] == "A" else services
        amounts[code] = whole * share // 100 if share else left[code[0]]
        left[code[0]] -= amounts[code]
    header = [[("品目编码", 1, 2), ("品目名称", 1, 2), ("采购数量", 1, 2), ("预算金额", 3, 1)],
              [("合计", 1, 1), ("财政拨款", 1, 1), ("其他资金", 1, 1)]]  # fmt: skip
    total = figure(goods + services, form)
    rows = [["", "合计", "", total, total, form.zero]]
    for category, name, whole in (("A", "货物", goods), ("C", "服务", services)):
        if form.procurement == "categories":
            rows.append([category, name, "", figure(whole, form), figure(whole, form), form.zero])
        for code, item, count, _ in PROCUREMENT_ITEMS:
            if code[0] == category:
                shown = figure(amounts[code], form)
                rows.append([code, item, count, shown, shown, form.zero])
    return FormTable(9, f"{YEAR}年政府采购预算表", header, rows)


KINDS = [  # what the reader should take each of the forms' tables for, in order
    TableKind.IncomeExpenditureSummary,
    TableKind.IncomeSummary,
    TableKind.ExpenditureSummary,
    TableKind.AppropriationSummary,
    TableKind.GeneralBudgetByFunction,
    TableKind.GeneralBudgetByEconomicClass,
    TableKind.ThreePublicExpenses,
    TableKind.GovernmentFundBudget,
]


def tables(budget: Budget, form: Form = FORM) -> list[FormTable]:
    makers = (
        income_expenditure_summary,
        income_summary,
        expenditure_summary,
        appropriation_summary,
        general_budget_by_function,
        general_budget_by_economic_class,
        three_public_expenses,
        government_fund_budget,
    )
    return [make(budget, form) for make in makers] + ([procurement(budget, form)] if form.procurement else [])


# --- the narrative ----------------------------------------------------------------------------------------


def narrative(budget: Budget) -> list[tuple[str, list[str]]]:
    """The parts after the tables: (heading, paragraphs); a heading starting with 第 opens a part."""
    total, appropriation, other = budget.total, budget.appropriation, budget.other
    basic, project = sum(budget.basic.values()), sum(budget.project.values())
    personnel, operating = budget.personnel, budget.operating
    prior_total = sum(v for c, v in budget.prior.items() if len(c) == 3)
    change = appropriation - prior_total
    classes = [c for c in budget.function_codes() if len(c) == 3]
    now = {k: v[1] for k, v in budget.three_public.items()}
    before = {k: v[0] for k, v in budget.three_public.items()}
    three_now, three_before = sum(now.values()), sum(before.values())
    goods, works, services = budget.procurement
    lines = [
        f"{i + 1}. {_name('functional', c[:3])}（类）{_name('functional', c[:5])}（款）{_name('functional', c)}（项）"
        f"{YEAR}年预算数为{money(budget.appropriated(c))}万元，比{YEAR - 1}年执行数"
        f"{'增加' if budget.appropriated(c) >= budget.prior[c] else '减少'}"
        f"{money(abs(budget.appropriated(c) - budget.prior[c]))}万元。"
        for i, c in enumerate(sorted({*budget.basic, *budget.project}))
    ]
    return [
        ("第三部分 " + f"{UNIT}{YEAR}年部门预算情况说明", []),
        (
            "一、收支预算总体情况",
            [
                f"按照综合预算的原则，{UNIT}所有收入和支出均纳入部门预算管理。收入包括：一般公共预算拨款收入、其他收入；"
                f"支出包括：{'、'.join(_name('functional', c) for c in classes)}。{UNIT}{YEAR}年收支总预算"
                f"{money(total)}万元。",
            ],
        ),
        (
            "二、收入预算情况",
            [
                f"{YEAR}年收入预算{money(total)}万元，其中：一般公共预算拨款收入{money(appropriation)}万元，占"
                f"{percent(appropriation, total)}；其他收入{money(other)}万元，占{percent(other, total)}。",
            ],
        ),
        (
            "三、支出预算情况",
            [
                f"{YEAR}年支出预算{money(total)}万元，其中：基本支出{money(basic)}万元，占{percent(basic, total)}；"
                f"项目支出{money(project)}万元，占{percent(project, total)}。",
            ],
        ),
        (
            "四、财政拨款收支预算总体情况",
            [
                f"{YEAR}年财政拨款收支总预算{money(appropriation)}万元。收入全部为一般公共预算拨款；支出包括："
                + "、".join(f"{_name('functional', c)}{money(budget.appropriated(c))}万元" for c in classes)
                + "。",
            ],
        ),
        (
            "五、一般公共预算当年拨款情况",
            [
                "（一）一般公共预算当年拨款规模变化情况",
                f"{YEAR}年一般公共预算当年拨款{money(appropriation)}万元，比{YEAR - 1}年执行数"
                f"{'增加' if change >= 0 else '减少'}{money(abs(change))}万元。",
                "（二）一般公共预算当年拨款具体使用情况",
                *lines,
            ],
        ),
        (
            "六、一般公共预算基本支出情况",
            [
                f"{YEAR}年一般公共预算基本支出{money(personnel + operating)}万元，其中：人员经费{money(personnel)}万元，"
                "主要包括：基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗"
                f"保险缴费、住房公积金、退休费等；公用经费{money(operating)}万元，主要包括：办公费、水费、电费、差旅费、"
                "公务接待费、工会经费、福利费、公务用车运行维护费等。",
            ],
        ),
        (
            "七、一般公共预算“三公”经费预算情况",
            [
                f"{YEAR}年一般公共预算“三公”经费预算数为{money(three_now)}万元，比{YEAR - 1}年预算"
                f"{'增加' if three_now >= three_before else '减少'}{money(abs(three_now - three_before))}万元。其中："
                f"因公出国（境）费{money(now['overseas_travel'])}万元；公务用车购置及运行费"
                f"{money(now['vehicle_purchase'] + now['vehicle_operation'])}万元（其中：公务用车购置费"
                f"{money(now['vehicle_purchase'])}万元，公务用车运行费{money(now['vehicle_operation'])}万元）；"
                f"公务接待费{money(now['hospitality'])}万元。",
            ],
        ),
        ("八、政府性基金预算支出情况", [f"{UNIT}{YEAR}年没有使用政府性基金预算拨款安排的支出。"]),
        (
            "九、其他重要事项的情况说明",
            [
                "（一）机关运行经费",
                f"{YEAR}年{UNIT}机关运行经费财政拨款预算{money(operating)}万元，主要用于办公费、水费、电费、差旅费等。",
                "（二）政府采购情况",
                f"{YEAR}年{UNIT}政府采购预算总额{money(goods + works + services)}万元，其中：政府采购货物预算"
                f"{money(goods)}万元，政府采购工程预算{money(works)}万元，政府采购服务预算{money(services)}万元。",
                "（三）国有资产占用情况",
                f"截至{YEAR - 1}年12月31日，{UNIT}共有车辆2辆，其中一般公务用车2辆。",
                "（四）预算绩效管理情况",
                f"{YEAR}年{UNIT}实行绩效目标管理的项目{len(_PROJECT_LINES)}个，涉及一般公共预算当年拨款"
                f"{money(sum(budget.appropriated_project(c) for c in _PROJECT_LINES))}万元。",
            ],
        ),
        glossary("一般公共预算财政拨款", "机关运行经费：指为保障行政单位运行用于购买货物和服务的各项资金。"),
    ]


def glossary(three_public_funds: str, *more: str) -> tuple[str, list[str]]:
    """The part explaining the terms: the forms' own, the 三公 paid from `three_public_funds`, then `more`."""
    terms = [
        "财政拨款收入：指本级财政当年拨付的资金。",
        "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
        "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
        f"“三公”经费：指用{three_public_funds}安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
        *more,
    ]
    return "第四部分 名词解释", [f"{NUMERALS[i]}、{term}" for i, term in enumerate(terms)]


def overview(units: str, made_of: str) -> list[tuple[str, list[str]]]:
    """The first part: the department's duties, and the units its filing covers (`units` names them)."""
    duties = f"{UNIT}负责组织领导和协调全区统计工作，确保统计数据真实、准确、及时。"
    return [("第一部分 部门概况", []), ("一、主要职能", [duties]), (f"二、{units}", [made_of])]


OVERVIEW = overview("部门预算单位构成", f"{UNIT}部门预算为本级预算，没有下属预算单位。")


def title_before(page: str, at: int) -> str:
    """The title of the table a place in the web page stands in (its <h3>)."""
    title = page.rfind("<h3>", 0, at)
    return page[title + 4 : page.index("</h3>", title)]


def page_file(folder: Path, name: str, page: str) -> Path:
    """The web page written to `folder` as `name`, for a reader to read."""
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return path


# --- the web page ------------------------------------------------------------------------------------------


def _contents(
    overview: list[tuple[str, list[str]]],
    tables_part: str,
    forms: list[FormTable],
    explained: list[tuple[str, list[str]]],
    form: Form,
) -> list[str]:
    """目录: each part's and heading's line, the tables numbered under their part, with dotted leaders to
    a page number as a word processor sets them."""
    headings = [h for h, _ in overview] + [tables_part]
    headings += [f"{NUMERALS[i]}、{form.title(t)}" for i, t in enumerate(forms)]
    headings += [h for h, _ in explained]
    lines = [f"{h}{'…' * 6}{page}" for page, h in enumerate(headings, start=2)]
    return ["<h2>目录</h2>", *(f"<p>{html.escape(line)}</p>" for line in lines), '<div class="table"></div>']


def _html_table(table: FormTable, form: Form) -> str:
    width = sum(c for _, c, _ in table.header[0])
    head = [
        "<tr>"
        + "".join(f'<th colspan="{c}" rowspan="{r}">{html.escape(text)}</th>' for text, c, r in row)
        + "</tr>"
        for row in table.header
    ]
    body = ["<tr>" + "".join(map(_html_cell, cells)) + "</tr>" for cells in table.rows]
    if form.in_table:
        line = f'部门：{UNIT}<span style="float:right">单位：{form.unit}</span>'
        meta = f'<tr><td colspan="{width}" style="border:none">{line}</td></tr>'
        head.insert(0, meta)
    caption = f"<caption>{html.escape(form.title(table))}</caption>" if form.in_table else ""
    if form.thead:
        return f"<table>{caption}<thead>{''.join(head)}</thead><tbody>{''.join(body)}</tbody></table>"
    return f"<table>{caption}{''.join(head + body)}</table>"


def _html_cell(cell: Cell) -> str:
    text, span = (cell, 1) if isinstance(cell, str) else cell
    merged = f' colspan="{span}"' if span > 1 else ""
    return f'<td class="{"n" if _is_figure(text) else "t"}"{merged}>{html.escape(text)}</td>'


def _is_figure(text: str) -> bool:
    """A cell set right-aligned: an amount (a change may be negative) or a rate."""
    return bool(text) and text.lstrip("-").rstrip("%").replace(",", "").replace(".", "").isdigit()


STYLE = (
    "body{font-family:'WenQuanYi Micro Hei',sans-serif;font-size:10pt} table{border-collapse:collapse;"
    "width:100%} th,td{border:0.5pt solid #000;padding:2pt 3pt} td.n{text-align:right} "
    ".meta{display:flex;justify-content:space-between} h3,caption{text-align:center;margin:4pt;font-weight:bold}"
    " .table{page-break-before:always}"
)


def as_html(budget: Budget, form: Form = FORM) -> str:
    """The filing as one web page: cover, overview, the tables, then the narrative explaining them."""
    return web_page(f"{UNIT}{YEAR}年部门预算", OVERVIEW, f"第二部分 {UNIT}{YEAR}年部门预算表", tables(budget, form),
                    narrative(budget), form)  # fmt: skip


def web_page(
    title: str,
    overview: list[tuple[str, list[str]]],
    tables_part: str,
    forms: list[FormTable],
    explained: list[tuple[str, list[str]]],
    form: Form,
) -> str:
    """A filing as one web page: its title, the overview, the tables under their part's heading, then the
    narrative; each section (heading, paragraphs), a heading starting with 第 opening a part."""
    out = [f"<h1>{html.escape(title)}</h1>"]

    def part(sections: list[tuple[str, list[str]]]) -> None:
        for heading, paragraphs in sections:
            tag = "h2" if heading.startswith("第") else "h3"
            out.append(f"<{tag}>{html.escape(heading)}</{tag}>")
            out.extend(f"<p>{html.escape(p)}</p>" for p in paragraphs)

    if form.contents:
        out.extend(_contents(overview, tables_part, forms, explained, form))
    part(overview)
    out.append(f"<h2>{html.escape(tables_part)}</h2>")
    for table in forms:
        number = f"<p>{form.number(table)}</p>" if form.numbering else ""
        out.append(f'<div class="table">{number}')
        if not form.in_table:
            out.append(f"<h3>{html.escape(form.title(table))}</h3>")
            out.append(f'<p class="meta"><span>部门：{UNIT}</span><span>单位：{form.unit}</span></p>')
        out.append(_html_table(table, form))
        if table.note:
            out.append(f"<p>{html.escape(table.note)}</p>")
        out.append("</div>")
    part(explained)
    head = f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
    style = STYLE + f"@page{{size:{form.paper};margin:2cm}}"
    style += ("td.n{text-align:left}" if form.figures_left else "") + (
        "" if form.rules else "table,th,td{border:none}"
    )
    return head + f"<style>{style}</style></head><body>" + "\n".join(out) + "</body></html>"
