"""BG-K: classification codes and names against the national lists (budget_graph.codes).

Severity follows what the bundled lists can vouch for: a code missing from a branch the list holds in full
is a warning; missing from a branch it holds in part, or a name of a later edition, is only info; a name
retired before the filing's year is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from budget_graph.check.evaluator import check_equal
from budget_graph.check.rules import Finding, Severity, rule
from budget_graph.codes import Concept, lookup, normalise, scheme_index, scheme_of, search
from budget_graph.codes.index import PROCUREMENT_EDITION, SCHEMES, SchemeIndex
from budget_graph.derive.identity import Figure
from budget_graph.derive.rollups import (
    CODED,
    ROOT,
    Block,
    Placement,
    code_placements,
    misprinted,
    table_blocks,
    tree_key,
)
from budget_graph.graph.codes import PROJECT_NAMED
from budget_graph.model import Filing, Row, RowRole, Table, TableKind

BASIS = "财政部《政府收支分类科目》(当年版); 《政府采购品目分类目录》(财库〔2022〕31号)"

NOT_NATIONAL = rule(
    id="BG-K001",
    title="科目/品目编码不在当年国家代码表中",
    title_en="Code not in the national list of the filing's year",
    severity=Severity.WARNING,
    basis=BASIS,
    checks="Every functional, economic and procurement code printed in a table is a code of the national list "
    "in force in the filing's year. Warning when the bundled list holds that branch in full; info when it "
    "holds it in part (the code may be national but missing from the bundled list; `codes import` the "
    "official list to settle it).",
    why="A code outside the national list cannot be aggregated with other units' spending; it is usually a "
    "typing slip or a code from another year's edition.",
    engine="python",
    fail_example="表八  30210  办公费  23.10   (302 商品和服务支出 has no 30210)",
    pass_example="表八  30201  办公费  23.10",
)
NAME_DIFFERS = rule(
    id="BG-K002",
    title="科目/品目名称与国家代码表不一致",
    title_en="Name differs from the national name of the code",
    severity=Severity.WARNING,
    basis=BASIS,
    checks="A coded row's name equals the national name of its code after folding full/half width, spaces and "
    "bracket shapes. A name the national list retired before the filing's year (医疗卫生与计划生育支出 in a "
    "2024 filing) is a warning naming both; a name of a later edition, or a name cut short, is info. A name that "
    "fits none of the code's names in any edition (allowing 维修费 for 维修（护）费, …补助 for …补助支出, 其他…) "
    "contradicts the code: cross-table checks and the graph then take the line for the code whose name it "
    "bears (BG-K005), or for none.",
    why="Readers and researchers match lines by code; a different name means the code or the name is wrong.",
    engine="python",
    fail_example="表八  30227  咨询费  978.43   (30227 is 委托业务费)",
    pass_example="表八  30227  委托业务费  978.43",
)
PARENT_MISSING = rule(
    id="BG-K003",
    title="缺少上级科目行",
    title_en="Parent row missing",
    severity=Severity.WARNING,
    basis="支出功能分类按类、款、项逐级列示 (the table design lists 类, 款 and 项 rows in turn)",
    checks="In a table that prints parent rows (类 above 款 above 项), every 款 and 项 code has its parent's row.",
    why="The parent rows are the subtotals the roll-up checks and readers rely on.",
    engine="python",
    fail_example="201 一般公共服务支出 / 2011308 招商引资   (no 20113 商贸事务 row)",
    pass_example="201 一般公共服务支出 / 20113 商贸事务 / 2011308 招商引资",
)
WRONG_PARENT = rule(
    id="BG-K004",
    title="科目列在错误的上级科目下",
    title_en="Code listed under the wrong parent",
    severity=Severity.WARNING,
    basis="科目编码的前缀即其上级科目 (a code's prefix is its parent)",
    checks="The nearest row above a 款 or 项 row with a shorter code is its parent or grandparent (a prefix).",
    why="A row filed under the wrong parent makes that parent's subtotal wrong and misleads readers.",
    engine="python",
    fail_example="20132 组织事务 / 2011308 招商引资",
    pass_example="20113 商贸事务 / 2011308 招商引资",
)
OTHER_CODES_NAME = rule(
    id="BG-K005",
    title="行名称属于另一个科目",
    title_en="Row name belongs to another code",
    severity=Severity.WARNING,
    basis=BASIS,
    checks="A coded row whose name is not its code's national name but is the national name of another code "
    "of the same scheme (e.g. 住房公积金 printed with a 医疗 code).",
    why="The amount is probably filed under the wrong code: the functional or economic totals are then wrong.",
    engine="python",
    fail_example="2101102  住房公积金  35.42   (住房公积金 is 2210201)",
    pass_example="2101102  事业单位医疗  35.42",
)
CROSS_CLASS = rule(
    id="BG-K006",
    title="功能分类与经济分类对应科目金额不一致",
    title_en="Functional and economic classes tied by national rules disagree",
    severity=Severity.WARNING,
    basis="政府收支分类科目说明: 2080505 机关事业单位基本养老保险缴费支出 ↔ 30108, 2080506 ↔ 30109 职业年金缴费, "
    "2210201 住房公积金 ↔ 30113",
    checks="In the general-budget tables by function and by economic class, each tied pair has the same total "
    "(under the rounding rule; 住房公积金 is 30311 before the 2018 reform). When the economic table is of basic "
    "expenditure only, the functional table's basic column is compared; without one, a functional figure above "
    "the economic one may hold project spending and is only info.",
    why="Both classify the same contributions; a difference means one table misstates them.",
    engine="python",
    fail_example="表七 2210201 住房公积金 91.93; 表八 30113 住房公积金 81.93",
    pass_example="表七 2210201 住房公积金 91.93; 表八 30113 住房公积金 91.93",
)
MISPRINTED = rule(
    id="BG-K007",
    title="科目编码印错，按表中位置归入上级科目",
    title_en="A misprinted code, placed under its parent by its position in the table",
    severity=Severity.WARNING,
    basis="科目编码的前缀即其上级科目；表格按类、款、项逐级列示 (a code's prefix is its parent; tables list 类, 款, "
    "项 in turn)",
    checks="A code of no 类/款/项 length ('7', '3012' printed for '301 2') is read by its place in the table: a "
    "code printed above it that its digits continue (3012 under 301 is 30102), or the missing parent of the "
    "line below it that it ends ('7' above 20701 is 207), else a line under the nearest line above it that "
    "has sub-lines. The roll-ups (BG-R001/R002) count it there, never again as a top-level line.",
    why="A misprinted code cannot be matched with the national lists or other tables; read as a top-level line "
    "it would make every total above it seem wrong.",
    engine="python",
    fail_example="301 工资福利支出 300.00 / 30101 基本工资 200.00 / 301 2 津贴补贴 100.00",
    pass_example="301 工资福利支出 300.00 / 30101 基本工资 200.00 / 30102 津贴补贴 100.00",
)

# (functional, economic, first year, last year): 住房公积金 was 30311 before the 2018 economic reform
TIED = (
    ("2080505", "30108", 0, 9999),
    ("2080506", "30109", 0, 9999),
    ("2210201", "30113", 2018, 9999),
    ("2210201", "30311", 0, 2017),
)
TOTALS = ("total", "general_budget", "amount", "actual")  # a table's total column, by the meanings tables use
CODED_TABLES = {
    TableKind.ExpenditureSummary,
    TableKind.GeneralBudgetByFunction,
    TableKind.GeneralBudgetByEconomicClass,
    TableKind.GeneralBudgetBasicByFunction,
    TableKind.BasicExpenditureSummary,
    TableKind.GovernmentFundBudget,
    TableKind.StateCapitalBudget,
    TableKind.SpecialTransfers,
    TableKind.Procurement,
    TableKind.ProjectExpenditureSummary,
    TableKind.OfficeOperatingCosts,
}
# Tables whose coded rows are named by their code (others may name a row by its project).
NAMED_TABLES = CODED_TABLES - PROJECT_NAMED
RANKED = ("functional", "economic", "government-economic")  # schemes whose codes nest by prefix
_MIN_CUT = 4  # a name of at least this many characters that starts the national name is read as cut short


@dataclass(frozen=True)
class CodedRow:
    table: Table
    row: Row
    code: str
    scheme: str | None
    block: int  # rows of one budget unit: a unit or total row starts a new block


def check_codes(filing: Filing) -> Iterator[Finding]:
    for table in filing.tables:
        if table.kind in CODED:  # the tables whose roll-ups run down a code tree
            yield from check_misprints(table)
        if table.kind not in CODED_TABLES:
            continue
        rows = coded_rows(table)
        for coded in rows:
            yield from check_row(coded, filing.year, names=table.kind in NAMED_TABLES)
        for scheme in RANKED:  # misprinted codes stay in each listing: rows under them are BG-K007's
            yield from check_hierarchy([r for r in rows if r.scheme == scheme or misprinted(r.code)])
    yield from check_tied(filing)


def coded_rows(table: Table) -> list[CodedRow]:
    found, block = [], 0
    for row in table.rows:
        if row.role in (RowRole.UNIT, RowRole.TOTAL):
            block += 1
        code = (row.code or "").strip().replace(" ", "").upper()
        if code:
            found.append(CodedRow(table, row, code, scheme_of(code), block))
    return found


def check_row(coded: CodedRow, year: int, names: bool = True) -> Iterator[Finding]:
    if coded.scheme is None:
        if coded.table.kind is not TableKind.Procurement:
            return  # a 科目编码 of the wrong length is BG-K010's (shapes/codes.ttl)
        yield NOT_NATIONAL.finding(
            f"品目编码 {coded.code} 不符合《政府采购品目分类目录》的编码格式",
            f"Procurement code {coded.code} has not the shape of a catalogue code (a letter and 8 digits)",
            [coded.row.location],
            expected="A/B/C and 8 digits",
            actual=coded.code,
        )
        return
    index = scheme_index(coded.scheme)
    concept = lookup(coded.code, year, coded.scheme)
    if concept is None:
        yield missing(coded, index, year)
    elif names and coded.row.label:
        for finding in check_name(coded, concept, index, year):
            # before 2022 filings used the 2013 catalogue, which is not bundled: its names may differ
            older = coded.scheme == "procurement" and year < PROCUREMENT_EDITION
            yield replace(finding, severity=Severity.INFO) if older else finding


def missing(coded: CodedRow, index: SchemeIndex, year: int) -> Finding:
    title = SCHEMES[coded.scheme][1]
    edition = PROCUREMENT_EDITION if coded.scheme == "procurement" else year
    other = index.versions(coded.code)
    if other:
        editions = "；".join(f"{_editions(v)}年版：{v.name}" for v in other)
        return NOT_NATIONAL.finding(
            f"编码 {coded.code} 不在{year}年版{title}中（见于{editions}）",
            f"Code {coded.code} is not in the {year} edition of the {SCHEMES[coded.scheme][2]} "
            f"(it is in: {editions})",
            [coded.row.location],
            expected=f"a code of the {year} edition",
            actual=coded.code,
            severity=Severity.INFO,
        )
    complete, branch = _completeness(coded, index, year)
    if complete:
        return NOT_NATIONAL.finding(
            f"编码 {coded.code}（{coded.row.label}）不在{edition}年版{title}中；内置代码表完整收录了{branch}",
            f"Code {coded.code} ({coded.row.label}) is not in the {edition} {SCHEMES[coded.scheme][2]}; "
            f"the bundled list holds {branch} in full",
            [coded.row.location],
            expected=f"a code under {branch}",
            actual=coded.code,
        )
    return NOT_NATIONAL.finding(
        f"编码 {coded.code}（{coded.row.label}）不在内置{title}中；内置表未完整收录{branch}，"
        f"可用 budget-graph codes import 导入财政部正式科目表后复核",
        f"Code {coded.code} ({coded.row.label}) is not in the bundled {SCHEMES[coded.scheme][2]}, which holds "
        f"{branch} only in part; import the official list (budget-graph codes import) to settle it",
        [coded.row.location],
        expected=f"a code under {branch}",
        actual=coded.code,
        severity=Severity.INFO,
    )


def _completeness(coded: CodedRow, index: SchemeIndex, year: int) -> tuple[bool, str]:
    """Whether the bundled list holds every child of the code's parent branch, and how to name that branch."""
    if coded.scheme == "procurement":
        complete = year >= PROCUREMENT_EDITION
        return complete, "该目录" if complete else f"{year}年适用的品目目录（2022年版之前，未内置）"
    parent = coded.code[:-2] if len(coded.code) > 3 else None
    complete, _ = index.is_complete(parent or "-", year)
    if parent is None:
        return complete, "全部“类”级科目"
    known = index.lookup(parent, year)
    name = f"{parent} {known.name}" if known else parent
    return complete, f"{name}下的科目" if complete else name


def check_name(coded: CodedRow, concept: Concept, index: SchemeIndex, year: int) -> Iterator[Finding]:
    printed, national = normalise(coded.row.label), normalise(concept.name)
    if printed == national:
        return
    where = [coded.row.location]
    other_edition = next((v for v in index.versions(coded.code) if normalise(v.name) == printed), None)
    if other_edition is not None:
        editions, editions_en, severity = former_name(other_edition, year)
        yield NAME_DIFFERS.finding(
            f"{coded.code} 的名称“{coded.row.label}”是{editions}的名称；{year}年版为“{concept.name}”",
            f"{coded.code} is named '{coded.row.label}', its name in {editions_en}; the {year} edition names it "
            f"'{concept.name}'",
            where,
            expected=concept.name,
            actual=coded.row.label,
            severity=severity,
        )
        return
    if len(printed) >= _MIN_CUT and national.startswith(printed):
        yield NAME_DIFFERS.finding(
            f"{coded.code} 的名称“{coded.row.label}”似不完整，国家名称为“{concept.name}”",
            f"{coded.code} is named '{coded.row.label}', which looks cut short of '{concept.name}'",
            where,
            expected=concept.name,
            actual=coded.row.label,
            severity=Severity.INFO,
        )
        return
    owner = _owner_of(coded, printed, year)
    if owner is not None:
        yield OTHER_CODES_NAME.finding(
            f"{coded.code} 行的名称“{coded.row.label}”是 {owner.code} 的名称；{coded.code} 的国家名称为“{concept.name}”",
            f"Row {coded.code} is named '{coded.row.label}', the name of {owner.code}; "
            f"{coded.code} is '{concept.name}'",
            where,
            expected=concept.name,
            actual=coded.row.label,
        )
        return
    yield NAME_DIFFERS.finding(
        f"{coded.code} 的名称“{coded.row.label}”与国家名称“{concept.name}”不一致",
        f"{coded.code} is named '{coded.row.label}'; its national name is '{concept.name}'",
        where,
        expected=concept.name,
        actual=coded.row.label,
    )


def _owner_of(coded: CodedRow, printed: str, year: int) -> Concept | None:
    """The one code of the same scheme whose national name the row bears (generic names like 行政运行,
    which many codes share, point at no single owner)."""
    owners = {
        c.code: c
        for c in search(printed, coded.scheme)
        if normalise(c.name) == printed and c.valid_in(year) and c.code != coded.code
    }
    return next(iter(owners.values())) if len(owners) == 1 else None


def _editions(concept: Concept) -> str:
    return f"{concept.since or ''}–{concept.until or ''}".strip("–") or "各"


def former_name(version: Concept, year: int) -> tuple[str, str, Severity]:
    """Which editions of the national list gave a name ('2018–2019年版', 'the 2018–2019 editions'), and how
    much it matters: a name retired before the filing's year is out of date (a copied table, an old
    template), a warning; a name of a later or overlapping edition is only info."""
    editions = _editions(version)
    if version.until is not None and version.until < year:
        return f"{editions}年版（已停用）", f"the {editions} editions (retired)", Severity.WARNING
    return f"{editions}年版", f"the {editions} editions", Severity.INFO


def check_hierarchy(rows: list[CodedRow]) -> Iterator[Finding]:
    """Parent rows of one scheme, where the table prints them: missing (BG-K003) or wrong (BG-K004), one
    finding per missing parent and per wrong placement, listing every row concerned."""
    printed = {(r.block, r.code) for r in rows}
    if not any((r.block, r.code[:-2]) in printed for r in rows if len(r.code) > 3 and r.scheme):
        return  # the table prints no parent rows (e.g. 项 rows only)
    orphans: dict[tuple[int, str], list[CodedRow]] = {}
    misplaced: dict[tuple[int, str], list[CodedRow]] = {}  # (id of the row above, parent) → rows; [0] above
    above: list[CodedRow] = []
    for coded in rows:
        while above and (len(above[-1].code) >= len(coded.code) or above[-1].block != coded.block):
            above.pop()
        parent = coded.code[:-2] if len(coded.code) > 3 else None
        if coded.scheme is None or (above and above[-1].scheme is None):
            pass  # a misprinted code, or a row under one: BG-K007 says where it is counted
        elif above and not coded.code.startswith(above[-1].code):
            misplaced.setdefault((id(above[-1]), coded.code[:-2]), [above[-1]]).append(coded)
        elif parent and (coded.block, parent) not in printed:
            orphans.setdefault((coded.block, parent), []).append(coded)
        above.append(coded)
    for (_, parent), children in orphans.items():
        yield _parent_missing(parent, children)
    for (_, parent), (wrong, *children) in misplaced.items():
        yield _wrong_parent(wrong, parent, children)


def _listing(rows: list[CodedRow]) -> str:
    return "、".join(f"{r.code} {r.row.label}" for r in rows)


def _parent_missing(parent: str, children: list[CodedRow]) -> Finding:
    table = children[0].table.title
    return PARENT_MISSING.finding(
        f"{table}列有 {_listing(children)}，但没有其上级科目 {parent} 的行",
        f"{table} lists {', '.join(r.code for r in children)} but not their parent {parent}",
        [r.row.location for r in children],
        expected=f"a row for {parent}",
        actual="none",
    )


def _wrong_parent(above: CodedRow, parent: str, children: list[CodedRow]) -> Finding:
    return WRONG_PARENT.finding(
        f"{_listing(children)} 列在 {above.code} {above.row.label} 之下，但其上级应为 {parent}",
        f"{', '.join(r.code for r in children)} listed under {above.code}; their parent is {parent}",
        [*(r.row.location for r in children), above.row.location],
        expected=parent,
        actual=above.code,
    )


def check_tied(filing: Filing) -> Iterator[Finding]:
    """BG-K006 between the general-budget tables by function and by economic class.

    The economic table is often of basic expenditure only (一般公共预算基本支出表): then it is compared with the
    functional table's basic column, or, when that table prints no basic column, a functional figure above
    the economic one may be project spending and is only info.
    """
    functional = filing.table(TableKind.GeneralBudgetByFunction)
    economic = filing.table(TableKind.GeneralBudgetByEconomicClass)
    if functional is None or economic is None:
        return
    basic_only = economic.column("project") is None
    function_columns = ("basic",) if basic_only and functional.column("basic") else TOTALS
    for function_code, economic_code, since, until in TIED:
        if not since <= filing.year <= until:
            continue
        a, b = _figure(functional, function_code, function_columns), _figure(economic, economic_code, TOTALS)
        if a is None or b is None:
            continue
        finding = check_equal(
            CROSS_CLASS,
            a,
            b,
            f"功能科目 {function_code} 与经济科目 {economic_code} 应相等",
            f"functional {function_code} and economic {economic_code} must agree",
        )
        if (
            finding is not None
            and basic_only
            and function_columns is TOTALS
            and a.amount.yuan > b.amount.yuan
        ):
            finding = replace(finding, severity=Severity.INFO)
        if finding is not None:
            yield finding


def check_misprints(table: Table) -> Iterator[Finding]:
    """BG-K007: each misprinted code and the place the roll-ups give it (rollups.code_placements)."""
    for block in table_blocks(table):
        placements = code_placements([row.code for row in block.lines]) or {}
        for position, placement in placements.items():
            row = block.lines[position]
            placed = placement.reading or placement.parent != ROOT  # else BG-K010's alone
            if placed and misprinted(tree_key(row.code or "")):
                yield _misprint(row, placement, block)


def _misprint(row: Row, placement: Placement, block: Block) -> Finding:
    """Where the roll-ups count the misprinted line: as the code it reads as, under the line above."""
    parent = block.lines[placement.parent] if placement.parent != ROOT else None
    where, where_en = (
        (f"读作 {placement.reading}", f"read as {placement.reading}") if placement.reading else ("", "")
    )
    if parent is not None:
        where += f"，列于 {parent.code} {parent.label} 之下"
        where_en += f", under {parent.code}"
    else:
        where, where_en = where + "（顶层科目）", where_en + " (top level)"
    return MISPRINTED.finding(
        f"编码“{row.code}”（{row.label}）不是完整的科目编码；按其在表中的位置{where.lstrip('，')}核对合计",
        f"Code {row.code!r} ({row.label}) is no complete code; by its position in the table it is "
        f"{where_en.lstrip(', ')} in the roll-ups",
        [row.location, *([parent.location] if parent else [])],
        expected=placement.reading or "a code of 3, 5 or 7 digits",
        actual=row.code,
    )


def _figure(table: Table, code: str, meanings: tuple[str, ...]) -> Figure | None:
    row = next((r for r in table.rows if (r.code or "").strip() == code), None)
    if row is None:
        return None
    meaning = next((m for m in meanings if row.amount(m) is not None), None)
    return Figure.of(table, row, meaning) if meaning else None
