"""A department's final accounts (部门决算) in the Ministry of Finance's forms, made up from a seed: the nine
tables central departments and most regions publish (收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入
支出决算总表, 一般公共预算财政拨款支出决算表, 一般公共预算财政拨款基本支出决算表, 一般公共预算财政拨款“三公”经费
支出决算表, 政府性基金预算财政拨款收入支出决算表, 国有资本经营预算财政拨款支出决算表), with their row and column
numbers (行次, 栏次), and the national template's narrative, which sets each 项's actual against its initial
budget. The corpus holds one 决算, Shanghai's, in its own forms.

The year's actual figures are a budget's from tests/national_forms.py; the initial budget, the 三公
budget and the year before's totals are drawn round them. Every figure agrees with every other as the
forms and the narrative tie them, so a reading that finds an error misread something."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from budget_graph.model import TableKind
from tests import national_forms
from tests.national_forms import (
    _EMPTY_CLASSES,
    NUMERALS,
    UNIT,
    Budget,
    Cell,
    Form,
    FormTable,
    Header,
    _code_cells,
    _coded_header,
    _coded_rows,
    _name,
    _spans,
    blank_or,
    figure,
    glossary,
    make_budget,
    money,
    overview,
    three_public_table,
    web_page,
)

YEAR = 2023  # the year accounted for, published in 2024


@dataclass(frozen=True)
class AccountsForm(Form):
    """The forms' options (tests/national_forms.Form), and whether rows and columns are numbered (行次, 栏次)."""

    numbering: str = "公开{n:02d}表"
    numbers: bool = True
    three_public_rows: bool = False  # the 三公 items as rows, 预算数 and 决算数 as columns


ACCOUNTS_FORM = AccountsForm()


@dataclass
class Accounts:
    """The year's actual figures (a Budget's, in hundredths of 万元) and what the narrative sets them against."""

    actual: Budget
    initial: dict[str, int] = field(default_factory=dict)  # function 项 → its appropriation's 年初预算
    three_public_budget: dict[str, int] = field(default_factory=dict)  # item → 预算数
    prior_total: int = 0  # the year before's 收支总计
    prior_appropriation: int = 0  # the year before's 财政拨款收支总计 (all general budget)
    prior_general: int = 0  # the year before's 一般公共预算财政拨款支出
    prior_office: int = 0  # the year before's 机关运行经费
    # the appropriations carried over into the year (年初结转和结余) and out of it (年末结转和结余): the
    # year's appropriation income is its spending and what it carried out less what it carried in, all
    # of the difference on one project's line
    opening: int = 0
    closing: int = 0
    carried_on: str = ""

    @property
    def leaves(self) -> list[str]:
        return sorted({*self.actual.basic, *self.actual.project})

    def carried(self, code: str) -> int:
        """What a function code's income exceeds its spending by ('': all)."""
        return self.closing - self.opening if self.carried_on.startswith(code) else 0

    def service(self, code: str = "") -> int:
        """事业收入: three fifths of what the budget paid from other income (the 普查中心's fees)."""
        return self.actual.of(self.actual.other_income, code) * 3 // 5

    def other(self, code: str = "") -> int:
        return self.actual.of(self.actual.other_income, code) - self.service(code)

    def income(self, code: str = "") -> int:
        return self.actual.spending(code) + self.carried(code)

    def appropriation_income(self, code: str = "") -> int:
        return self.actual.appropriated(code) + self.carried(code)


def make_accounts(seed: int) -> Accounts:
    rng = random.Random(seed)
    actual = make_budget(seed)

    def around(value: int, low: int = 85, high: int = 115) -> int:
        return value * rng.randint(low, high) // 100

    accounts = Accounts(actual)
    accounts.initial = {leaf: around(actual.appropriated(leaf)) for leaf in accounts.leaves}
    accounts.initial[accounts.leaves[0]] = actual.appropriated(accounts.leaves[0])  # one spent as budgeted
    accounts.three_public_budget = {k: around(v[1], 100, 125) for k, v in actual.three_public.items()}
    accounts.prior_total = around(actual.total)
    accounts.prior_appropriation = around(actual.appropriation)
    accounts.prior_general = around(actual.appropriation)
    accounts.prior_office = around(actual.operating)
    accounts.opening, accounts.closing = rng.randint(2000, 8000), rng.randint(2000, 8000)
    accounts.carried_on = max(actual.project, key=actual.project.get)
    return accounts


def _rate(part: int, whole: int) -> str:
    """A share or completion rate as the 决算 narrative prints it, to two places."""
    return f"{part * 100 / whole:.2f}%" if whole else "0.00%"


def _change(now: int, before: int, up: str = "增加", down: str = "减少") -> str:
    """'增加12.34万元，增长5.67%' against the year before."""
    grew = now >= before
    rate = f"，{'增长' if grew else '下降'}{_rate(abs(now - before), before)}" if before else ""
    return f"{up if grew else down}{money(abs(now - before))}万元{rate}"


# --- the tables ---------------------------------------------------------------------------------------


def _column_numbers(form: AccountsForm, labels: int, figures: int) -> list[tuple[str, int, int]]:
    """The 栏次 row under a coded header: the caption over the label columns, then 1, 2, … over the figures."""
    label_columns = labels + (2 if form.split_codes else 0)
    return [("栏次", label_columns, 1), *[(str(n), 1, 1) for n in range(1, figures + 1)]]


def _numbered(header: Header, form: AccountsForm, figures: int) -> Header:
    return [*header, _column_numbers(form, 2, figures)] if form.numbers else header


def _unnumbered(table: FormTable, form: AccountsForm) -> FormTable:
    """A two-sided summary without its 行次 columns and 栏次 row."""
    if form.numbers:
        return table
    keep = [i for i, (text, _, _) in enumerate(table.header[1]) if text != "行次"]
    header = [
        [(text, span - 1, rows) for text, span, rows in table.header[0]],
        [table.header[1][i] for i in keep],
    ]
    rows = [[row[i] for i in keep] for row in table.rows]
    return replace(table, header=header, rows=rows)


def _summary_sides(
    left: list[tuple[str, int | None]],
    right: list[tuple[str, list[int | None]]],
    form: AccountsForm,
    first: int,
):
    """Rows of a two-sided summary with row numbers: the left side's numbered from 1, the right's from
    `first`; a side's blank line has neither number nor figure."""
    for index in range(max(len(left), len(right))):
        label, value = left[index] if index < len(left) else ("", None)
        other, amounts = right[index] if index < len(right) else ("", [])
        shown = [("" if v is None else blank_or(v, form)) for v in amounts] or [""] * (len(right[0][1]))
        yield [label, str(index + 1) if label else "", "" if value is None else blank_or(value, form),
               other, str(first + index) if other else "", *shown]  # fmt: skip


def _totals(rows: list[tuple[str, int | None, str, list[int | None]]], form: AccountsForm, first: int):
    """The summary's closing lines, numbered on from `first` on each side."""
    for index, (label, value, other, amounts) in enumerate(rows):
        number = str(first + index)
        yield [label, number, "" if value is None else blank_or(value, form), other, number,
               *["" if v is None else blank_or(v, form) for v in amounts]]  # fmt: skip


def _classes(accounts: Accounts) -> list[str]:
    return [c for c in accounts.actual.function_codes() if len(c) == 3]


def income_expenditure_summary(accounts: Accounts, form: AccountsForm) -> FormTable:
    actual = accounts.actual
    income = [
        ("一、一般公共预算财政拨款收入", accounts.appropriation_income()),
        ("二、政府性基金预算财政拨款收入", 0),
        ("三、国有资本经营预算财政拨款收入", 0),
        ("四、上级补助收入", 0),
        ("五、事业收入", accounts.service()),
        ("六、经营收入", 0),
        ("七、附属单位上缴收入", 0),
        ("八、其他收入", accounts.other()),
    ]
    classes = sorted({*_classes(accounts), *_EMPTY_CLASSES})
    spending = [
        (f"{NUMERALS[i]}、{_name('functional', c)}", [0 if c in _EMPTY_CLASSES else actual.spending(c)])
        for i, c in enumerate(classes)
    ]
    lines = max(len(income), len(spending))
    total = actual.total
    rows = [
        *_summary_sides(income, spending, form, 30),
        *_totals(
            [
                ("本年收入合计", accounts.income(), "本年支出合计", [total]),
                ("使用非财政拨款结余", 0, "结余分配", [0]),
                ("年初结转和结余", accounts.opening, "年末结转和结余", [accounts.closing]),
                # the carry-over's parts, under it
                ("", None, "基本支出结转", [accounts.closing // 3]),
                ("", None, "项目支出结转和结余", [accounts.closing - accounts.closing // 3]),
                ("", None, "经营结余", [0]),
                ("总计", accounts.income() + accounts.opening, "总计", [total + accounts.closing]),
            ],
            form,
            lines + 1,
        ),
    ]
    header = [
        [("收入", 3, 1), ("支出", 3, 1)],
        [("项目", 1, 1), ("行次", 1, 1), ("金额", 1, 1)] * 2,
        [("栏次", 2, 1), ("1", 1, 1), ("栏次", 2, 1), ("2", 1, 1)],
    ]
    return _unnumbered(FormTable(1, "收入支出决算总表", header, rows), form)


def income(accounts: Accounts, form: AccountsForm) -> FormTable:
    actual = accounts.actual
    columns = (
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    )

    def figures(code: str) -> list[str]:
        return [figure(accounts.income(code), form), blank_or(accounts.appropriation_income(code), form),
                form.zero, blank_or(accounts.service(code), form), form.zero, form.zero,
                blank_or(accounts.other(code), form)]  # fmt: skip

    header = _numbered(_coded_header(form, "项目", *_spans(*columns)), form, len(columns))
    return FormTable(2, "收入决算表", header, _coded_rows(actual, form, figures))


def expenditure(accounts: Accounts, form: AccountsForm) -> FormTable:
    actual = accounts.actual
    columns = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")

    def figures(code: str) -> list[str]:
        return [figure(actual.spending(code), form), blank_or(actual.of(actual.basic, code), form),
                blank_or(actual.of(actual.project, code), form), *[form.zero] * 3]  # fmt: skip

    header = _numbered(_coded_header(form, "项目", *_spans(*columns)), form, len(columns))
    return FormTable(3, "支出决算表", header, _coded_rows(actual, form, figures))


def appropriation_summary(accounts: Accounts, form: AccountsForm) -> FormTable:
    actual = accounts.actual
    appropriation, received = actual.appropriation, accounts.appropriation_income()
    opening, closing = accounts.opening, accounts.closing
    income = [
        ("一、一般公共预算财政拨款", received),
        ("二、政府性基金预算财政拨款", 0),
        ("三、国有资本经营预算财政拨款", 0),
    ]
    spending = [
        (f"{NUMERALS[i]}、{_name('functional', c)}", [actual.appropriated(c), actual.appropriated(c), 0, 0])
        for i, c in enumerate(_classes(accounts))
    ]
    lines = max(len(income), len(spending))
    rows = [
        *_summary_sides(income, spending, form, 30),
        *_totals(
            [
                ("本年收入合计", received, "本年支出合计", [appropriation, appropriation, 0, 0]),
                ("年初财政拨款结转和结余", opening, "年末财政拨款结转和结余", [closing, closing, 0, 0]),
                # each fund's part of the carry-overs, under them
                ("一般公共预算财政拨款", opening, "一般公共预算财政拨款", [closing, closing, 0, 0]),
                ("政府性基金预算财政拨款", 0, "政府性基金预算财政拨款", [0, 0, 0, 0]),
                ("国有资本经营预算财政拨款", 0, "国有资本经营预算财政拨款", [0, 0, 0, 0]),
                (
                    "总计",
                    received + opening,
                    "总计",
                    [appropriation + closing, appropriation + closing, 0, 0],
                ),
            ],
            form,
            lines + 1,
        ),
    ]
    header = [
        [("收入", 3, 1), ("支出", 6, 1)],
        [("项目", 1, 1), ("行次", 1, 1), ("金额", 1, 1), ("项目", 1, 1), ("行次", 1, 1), ("合计", 1, 1),
         ("一般公共预算财政拨款", 1, 1), ("政府性基金预算财政拨款", 1, 1), ("国有资本经营预算财政拨款", 1, 1)],
        [("栏次", 2, 1), ("1", 1, 1), ("栏次", 2, 1), *[(str(n), 1, 1) for n in range(2, 6)]],
    ]  # fmt: skip
    return _unnumbered(FormTable(4, "财政拨款收入支出决算总表", header, rows), form)


def general_budget_by_function(accounts: Accounts, form: AccountsForm) -> FormTable:
    actual = accounts.actual
    header = _coded_header(form, "项目", ("本年支出", 3, 1), under=[_spans("小计", "基本支出", "项目支出")])

    def figures(code: str) -> list[str]:
        return [figure(actual.appropriated(code), form), blank_or(actual.appropriated_basic(code), form),
                blank_or(actual.appropriated_project(code), form)]  # fmt: skip

    rows = _coded_rows(actual, form, figures)
    return FormTable(5, "一般公共预算财政拨款支出决算表", _numbered(header, form, 3), rows)


def basic_expenditure(accounts: Accounts, form: AccountsForm) -> FormTable:
    """人员经费 in the first of three code-name-amount column sets, 公用经费 over the other two; their totals
    on the last row."""
    actual = accounts.actual

    def listed(codes: list[str]) -> list[tuple[str, str, int]]:
        return [(c, _name("economic", c), actual.of(actual.economic, c)) for c in codes]

    economic = actual.economic_codes()
    personnel = listed([c for c in economic if c[:3] in ("301", "303")])
    operating = listed([c for c in economic if c[:3] == "302"])
    middle = (len(operating) + 1) // 2
    sides = [personnel, operating[:middle], operating[middle:]]
    rows: list[list[Cell]] = []
    for index in range(max(map(len, sides))):
        cells: list[Cell] = []
        for side in sides:
            code, name, value = side[index] if index < len(side) else ("", "", None)
            cells += [code, name, "" if value is None else figure(value, form)]
        rows.append(cells)
    rows.append([("人员经费合计", 2), figure(actual.personnel, form), ("公用经费合计", 5),
                 figure(actual.operating, form)])  # fmt: skip
    header = [
        [("人员经费", 3, 1), ("公用经费", 6, 1)],
        [("科目编码", 1, 1), ("科目名称", 1, 1), ("决算数", 1, 1)] * 3,
    ]
    return FormTable(6, "一般公共预算财政拨款基本支出决算表", header, rows)


def three_public_expenses(accounts: Accounts, form: AccountsForm) -> FormTable:
    actual = {k: v[1] for k, v in accounts.actual.three_public.items()}
    if form.three_public_rows:
        return _three_public_items(accounts.three_public_budget, actual, form)
    title = "一般公共预算财政拨款“三公”经费支出决算表"
    values = [accounts.three_public_budget, actual]
    return three_public_table(7, title, ["预算数", "决算数"], values, form, blank_or)


def _three_public_items(budget: dict[str, int], actual: dict[str, int], form: AccountsForm) -> FormTable:
    """项目 | 预算数 | 决算数, an item a row (as some regions print it)."""
    items = [
        ("合计", lambda v: sum(v.values())),
        ("因公出国（境）费", lambda v: v["overseas_travel"]),
        ("公务用车购置及运行费", lambda v: v["vehicle_purchase"] + v["vehicle_operation"]),
        ("其中：公务用车购置费", lambda v: v["vehicle_purchase"]),
        ("公务用车运行费", lambda v: v["vehicle_operation"]),
        ("公务接待费", lambda v: v["hospitality"]),
    ]
    rows: list[list[Cell]] = [
        [label, blank_or(of(budget), form), blank_or(of(actual), form)] for label, of in items
    ]
    header = [[("项目", 1, 1), ("预算数", 1, 1), ("决算数", 1, 1)]]
    return FormTable(7, "一般公共预算财政拨款“三公”经费支出决算表", header, rows)


def _empty(number: int, title: str, header: Header, width: int, form: AccountsForm, fund: str) -> FormTable:
    rows: list[list[Cell]] = [[*_code_cells("", form), "合计", *[""] * width]]
    note = f"注：本部门{YEAR}年度没有{fund}财政拨款收入，也没有使用{fund}财政拨款安排的支出，故本表无数据。"
    return FormTable(number, title, _numbered(header, form, width), rows, note)


def government_fund(accounts: Accounts, form: AccountsForm) -> FormTable:
    header = _coded_header(
        form, "项目", ("年初结转和结余", 1, 0), ("本年收入", 1, 0), ("本年支出", 3, 1), ("年末结转和结余", 1, 0),
        under=[_spans("小计", "基本支出", "项目支出")],
    )  # fmt: skip
    title = "政府性基金预算财政拨款收入支出决算表"
    return _empty(8, title, header, 6, form, "政府性基金预算")


def state_capital(accounts: Accounts, form: AccountsForm) -> FormTable:
    header = _coded_header(form, "项目", ("本年支出", 3, 1), under=[_spans("合计", "基本支出", "项目支出")])
    return _empty(9, "国有资本经营预算财政拨款支出决算表", header, 3, form, "国有资本经营预算")


KINDS = [*national_forms.KINDS, TableKind.StateCapitalBudget]  # the same, and the state capital's


def tables(accounts: Accounts, form: AccountsForm = ACCOUNTS_FORM) -> list[FormTable]:
    makers = (
        income_expenditure_summary,
        income,
        expenditure,
        appropriation_summary,
        general_budget_by_function,
        basic_expenditure,
        three_public_expenses,
        government_fund,
        state_capital,
    )
    return [make(accounts, form) for make in makers]


# --- the narrative --------------------------------------------------------------------------------------


def _against_budget(budget: int, actual: int, what: str = "年初预算") -> str:
    """'年初预算为1,560.05万元，支出决算为1,511.89万元，完成年初预算的96.91%。' and the reason asked for."""
    said = (
        f"{what}为{money(budget)}万元，支出决算为{money(actual)}万元，完成{what}的{_rate(actual, budget)}。"
    )
    if actual == budget:
        return said + f"决算数与{what}数持平。"
    word = "大于" if actual > budget else "小于"
    return said + f"决算数{word}{what}数的主要原因是{'追加' if actual > budget else '节约'}支出。"


def narrative(accounts: Accounts) -> list[tuple[str, list[str]]]:
    """The parts after the tables: (heading, paragraphs); a heading starting with 第 opens a part."""
    actual = accounts.actual
    total, appropriation = actual.total, actual.appropriation
    service, other = accounts.service(), accounts.other()
    basic, project = sum(actual.basic.values()), sum(actual.project.values())
    personnel, operating = actual.personnel, actual.operating
    budget3 = accounts.three_public_budget
    now3 = {k: v[1] for k, v in actual.three_public.items()}
    vehicles = now3["vehicle_purchase"] + now3["vehicle_operation"]
    total3 = sum(now3.values())
    goods, works, services = actual.procurement
    before = YEAR - 1
    income, received = accounts.income(), accounts.appropriation_income()
    overall, appropriated = income + accounts.opening, received + accounts.opening  # 收、支总计
    lines = [
        f"{i + 1}. {_name('functional', c[:3])}（类）{_name('functional', c[:5])}（款）{_name('functional', c)}（项）。"
        + _against_budget(accounts.initial[c], actual.appropriated(c))
        for i, c in enumerate(accounts.leaves)
    ]
    classes = _classes(accounts)
    return [
        (f"第三部分 {UNIT}{YEAR}年度部门决算情况说明", []),
        (
            "一、收入支出决算总体情况说明",
            [
                f"{YEAR}年度收、支总计各{money(overall)}万元。与{before}年度相比，收、支总计各"
                f"{_change(overall, accounts.prior_total)}。主要原因是统计调查任务变化。",
            ],
        ),
        (
            "二、收入决算情况说明",
            [
                f"{YEAR}年度本年收入合计{money(income)}万元，其中：财政拨款收入{money(received)}万元，占"
                f"{_rate(received, income)}；上级补助收入0.00万元，占0.00%；事业收入{money(service)}万元，占"
                f"{_rate(service, income)}；"
                f"经营收入0.00万元，占0.00%；附属单位上缴收入0.00万元，占0.00%；其他收入{money(other)}万元，"
                f"占{_rate(other, income)}。",
            ],
        ),
        (
            "三、支出决算情况说明",
            [
                f"{YEAR}年度本年支出合计{money(total)}万元，其中：基本支出{money(basic)}万元，占"
                f"{_rate(basic, total)}；项目支出{money(project)}万元，占{_rate(project, total)}；上缴上级支出"
                "0.00万元，占0.00%；经营支出0.00万元，占0.00%；对附属单位补助支出0.00万元，占0.00%。",
            ],
        ),
        (
            "四、财政拨款收入支出决算总体情况说明",
            [
                f"{YEAR}年度财政拨款收、支总计各{money(appropriated)}万元。与{before}年度相比，财政拨款收、支"
                f"总计各{_change(appropriated, accounts.prior_appropriation)}。主要原因是统计调查任务变化。",
            ],
        ),
        (
            "五、一般公共预算财政拨款支出决算情况说明",
            [
                "（一）一般公共预算财政拨款支出决算总体情况",
                f"{YEAR}年度一般公共预算财政拨款支出{money(appropriation)}万元，占本年支出合计的"
                f"{_rate(appropriation, total)}。与{before}年度相比，一般公共预算财政拨款支出"
                f"{_change(appropriation, accounts.prior_general)}。",
                "（二）一般公共预算财政拨款支出决算结构情况",
                f"{YEAR}年度一般公共预算财政拨款支出{money(appropriation)}万元，主要用于以下方面："
                + "；".join(
                    f"{_name('functional', c).removesuffix('支出')}（类）支出{money(actual.appropriated(c))}万元，"
                    f"占{_rate(actual.appropriated(c), appropriation)}"
                    for c in classes
                )
                + "。",
                "（三）一般公共预算财政拨款支出决算具体情况",
                f"{YEAR}年度一般公共预算财政拨款支出"
                + _against_budget(sum(accounts.initial.values()), appropriation).removesuffix("。")
                + "。其中：",
                *lines,
            ],
        ),
        (
            "六、一般公共预算财政拨款基本支出决算情况说明",
            [
                f"{YEAR}年度一般公共预算财政拨款基本支出{money(personnel + operating)}万元，其中：人员经费"
                f"{money(personnel)}万元，主要包括：基本工资、津贴补贴、奖金、机关事业单位基本养老保险缴费、职业年金缴费、"
                f"职工基本医疗保险缴费、住房公积金、退休费；公用经费{money(operating)}万元，主要包括：办公费、水费、"
                "电费、差旅费、公务接待费、工会经费、福利费、公务用车运行维护费、其他商品和服务支出。",
            ],
        ),
        (
            "七、一般公共预算财政拨款“三公”经费支出决算情况说明",
            [
                "（一）“三公”经费财政拨款支出决算总体情况说明",
                f"{YEAR}年度“三公”经费财政拨款支出预算为{money(sum(budget3.values()))}万元，支出决算为"
                f"{money(total3)}万元，完成预算的{_rate(total3, sum(budget3.values()))}。决算数小于预算数的主要原因是"
                "厉行节约，严控“三公”经费支出。",
                "（二）“三公”经费财政拨款支出决算具体情况说明",
                f"{YEAR}年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算"
                f"{money(now3['overseas_travel'])}万元，占{_rate(now3['overseas_travel'], total3)}；公务用车购置"
                f"及运行费支出决算{money(vehicles)}万元，占{_rate(vehicles, total3)}；公务接待费支出决算"
                f"{money(now3['hospitality'])}万元，占{_rate(now3['hospitality'], total3)}。具体情况如下：",
                f"1. 公务用车购置及运行费支出决算为{money(vehicles)}万元，其中：公务用车购置费"
                f"{money(now3['vehicle_purchase'])}万元；公务用车运行费{money(now3['vehicle_operation'])}万元。",
                f"2. 公务接待费支出决算为{money(now3['hospitality'])}万元。",
            ],
        ),
        (
            "八、政府性基金预算财政拨款收入支出决算情况说明",
            [f"本部门{YEAR}年度没有使用政府性基金预算财政拨款安排的支出。"],
        ),
        (
            "九、国有资本经营预算财政拨款支出决算情况说明",
            [f"本部门{YEAR}年度没有使用国有资本经营预算财政拨款安排的支出。"],
        ),
        (
            "十、其他重要事项的情况说明",
            [
                "（一）机关运行经费支出情况",
                f"{YEAR}年度{UNIT}机关运行经费支出{money(operating)}万元，比{before}年度"
                f"{_change(operating, accounts.prior_office)}。主要原因是厉行节约。",
                "（二）政府采购支出情况",
                f"{YEAR}年度{UNIT}政府采购支出总额{money(goods + works + services)}万元，其中：政府采购货物支出"
                f"{money(goods)}万元、政府采购工程支出{money(works)}万元、政府采购服务支出{money(services)}万元。",
                "（三）国有资产占用情况",
                f"截至{YEAR}年12月31日，{UNIT}共有车辆2辆，其中一般公务用车2辆。",
            ],
        ),
        glossary("财政拨款"),
    ]


OVERVIEW = overview(
    "部门决算单位构成", f"纳入{UNIT}{YEAR}年度部门决算编制范围的单位为本级及下属1个事业单位。"
)


def as_html(accounts: Accounts, form: AccountsForm = ACCOUNTS_FORM) -> str:
    """The filing as one web page: cover, overview, the nine tables, then the narrative explaining them."""
    return web_page(
        f"{UNIT}{YEAR}年度部门决算",
        OVERVIEW,
        f"第二部分 {UNIT}{YEAR}年度部门决算表",
        tables(accounts, form),
        narrative(accounts),
        form,
    )
