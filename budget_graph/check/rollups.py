"""BG-R roll-ups down a table's rows, over a NetworkX tree of its lines.

A table's rows fall into blocks: a unit (or 合计) row and the lines printed under it. The lines of a
block hang in a tree rooted at that row: by code where rows carry codes (2011308 under 20113 under
201; C16079900 under C16070000 under C16000000 under C; a code whose parent row is not printed hangs
under its nearest printed ancestor), by the national 部门经济分类 class names where they do not (基本支出
总表), flat for lists of projects and tasks (项目支出总表, 上级专项转移支付表, 绩效目标表). Every node with
children equals the sum of its children in every amount column; the department's row equals the sum of
its units' rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import networkx as nx

from budget_graph.check.evaluator import adds_up_exactly, check_cells
from budget_graph.check.rules import Finding, Rule, Severity, rule
from budget_graph.codes import normalise, scheme_index
from budget_graph.model import Filing, Row, RowRole, Table, TableKind

BASIS = "表格设计：上级科目为下级科目的小计 (table design; disclosure-rules.md E.19–20, G.31–34, G.37)"

CODE_TREE = rule(
    id="BG-R001",
    title="上级科目（品目）金额不等于其下级之和",
    title_en="A parent line differs from the sum of its sub-lines",
    severity=Severity.ERROR,
    basis=BASIS,
    checks="In every table whose lines form a classification tree, each 类 equals the sum of its 款 and each "
    "款 the sum of its 项, in every amount column. The tree comes from the codes (functional 3/5/7 digits, "
    "economic 3/5 digits, procurement 品目 letter → 2-digit class → …), a code without its parent row "
    "hanging under its nearest printed ancestor; in the 基本支出总表, which prints names only, from the "
    "national 部门经济分类 class names (工资福利支出, 商品和服务支出 …) with the items that follow each class.",
    why="A subtotal that is not the sum of its lines means a line or the subtotal was mistyped or left out; "
    "readers take subtotals on trust.",
    engine="networkx",
    fail_example="表三  201 一般公共服务支出 33,149.35 / 20113 商贸事务 32,571.87 / 20132 组织事务 548.80 / "
    "20199 其他一般公共服务支出 30.69  (sum 33,151.36)",
    pass_example="表三  201 一般公共服务支出 33,149.35 / 20113 32,571.87 / 20132 548.80 / 20199 28.69  "
    "(sum 33,149.36: rounding only, info)",
)
UNIT_TOTAL = rule(
    id="BG-R002",
    title="单位（合计）行金额不等于其所列各行之和",
    title_en="A unit's row or the total row differs from the sum of its top-level lines",
    severity=Severity.ERROR,
    basis=BASIS,
    checks="A unit's row (or the 合计 row) equals, in every amount column, the sum of the top-level lines "
    "printed under it: the 类 of a classified table, the economic classes of the 基本支出总表, the projects of "
    "the 项目支出总表 and of the 上级专项转移支付表, the 品目 roots (A/B/C) of the procurement table, the tasks "
    "of the performance-target table (金额合计).",
    why="The unit's row is the figure every other table and the narrative restate; if its lines do not add "
    "up to it, one of them is wrong.",
    engine="networkx",
    fail_example="表八  深圳市罗湖区企业服务中心（本级） 33,654.29 / classes 301…312 summing to 33,664.30",
    pass_example="表八  本级 33,654.29 / classes summing to 33,654.30 (rounding only, info)",
)
DEPARTMENT = rule(
    id="BG-R003",
    title="部门行金额不等于所属单位行之和",
    title_en="The department's row differs from the sum of its units' rows",
    severity=Severity.ERROR,
    basis="部门预算为所属单位预算的汇总 (a department's budget consolidates its units'; table design)",
    checks="Where a table prints the department's row and then its units' rows, the department's row equals "
    "the sum of the unit rows in every amount column (with a single unit, the two rows are equal); a 合计 row "
    "above or below the unit rows equals their sum.",
    why="The department's figures are the consolidation of its units'; a difference means one row was not "
    "updated.",
    engine="networkx",
    fail_example="表二  深圳市罗湖区企业服务中心 33,654.29 / 深圳市罗湖区企业服务中心（本级） 33,654.31",
    pass_example="表二  深圳市罗湖区企业服务中心 33,654.29 / 深圳市罗湖区企业服务中心（本级） 33,654.29",
)

ROOT = -1  # the tree node of the block's unit (or 合计) row
CODED = {
    TableKind.IncomeSummary,
    TableKind.ExpenditureSummary,
    TableKind.BasicExpenditureSummary,
    TableKind.ProjectExpenditureSummary,
    TableKind.GeneralBudgetByFunction,
    TableKind.GeneralBudgetByEconomicClass,
    TableKind.GovernmentFundBudget,
    TableKind.StateCapitalBudget,
    TableKind.SpecialTransfers,
    TableKind.Procurement,
}
NAMED_CLASSES = {TableKind.BasicExpenditureSummary, TableKind.GeneralBudgetByEconomicClass}
FLAT = {TableKind.ProjectExpenditureSummary, TableKind.PerformanceTargets, TableKind.SpecialTransfers}
TWO_SIDED = {TableKind.IncomeExpenditureSummary, TableKind.AppropriationSummary}
HEADS = {RowRole.UNIT, RowRole.TOTAL}


@dataclass
class Block:
    """A unit (or 合计) row and the lines printed under it (or above it, for a 合计 row at the bottom)."""

    head: Row | None
    lines: list[Row] = field(default_factory=list)
    closed: bool = False  # its head was printed below its lines: what follows starts a new block


def check_rollups(filing: Filing) -> Iterator[Finding]:
    for table in filing.tables:
        if table.kind is None or table.kind in TWO_SIDED:
            continue
        meanings = amount_meanings(table)
        blocks = table_blocks(table)
        members = _department_members(blocks)
        yield from _check_department(table, members, meanings)
        unsure = set() if members is None or members[2] else {id(b) for b in members[1]}
        for block in blocks:
            tree = line_tree(table.kind, block, filing.year)
            if tree is not None:
                yield from check_tree(table, block, tree, meanings, check_root=id(block) not in unsure)


def amount_meanings(table: Table) -> list[str]:
    """The amount columns a roll-up runs down: all but those the reader could not name."""
    return list(dict.fromkeys(c.meaning for c in table.columns if not c.meaning.startswith("unknown:")))


def table_blocks(table: Table) -> list[Block]:
    blocks: list[Block] = []
    for row in table.rows:
        if row.role is RowRole.TOTAL and blocks and blocks[-1].head is None:
            blocks[-1].head, blocks[-1].closed = row, True  # a 合计 row printed below its lines
        elif row.role in HEADS:
            blocks.append(Block(row))
        elif row.role is RowRole.ITEM:
            if not blocks or blocks[-1].closed:
                blocks.append(Block(None))
            blocks[-1].lines.append(row)
    return blocks


def _department_members(blocks: list[Block]) -> tuple[Block, list[Block], bool] | None:
    """The consolidating row, the unit rows it adds up, and whether the layout is unambiguous: either
    every unit row has its own lines or none has (部门 row, 本级 row with lines, nothing else is fine).
    A 合计 row with no lines of its own adds up the unit rows; else a first unit row without lines does."""
    heads = [b for b in blocks if b.head is not None]
    totals = [b for b in heads if b.head.role is RowRole.TOTAL]
    units = [b for b in heads if b.head.role is RowRole.UNIT]
    if len(totals) == 1 and not totals[0].lines and units:
        grand, members = totals[0], units
    elif not totals and len(units) >= 2 and not units[0].lines:
        grand, members = units[0], units[1:]
    else:
        return None
    with_lines = sum(1 for b in members if b.lines)
    return grand, members, with_lines in (0, len(members))


def _check_department(
    table: Table, members: tuple[Block, list[Block], bool] | None, meanings: list[str]
) -> Iterator[Finding]:
    if members is None or not members[2]:
        return
    grand, units, _ = members
    what = f"{table.title} {grand.head.label} 与所属单位行之和"
    what_en = f"{table.title}: {grand.head.label} against the sum of its units' rows"
    yield from sum_rows(table, DEPARTMENT, grand.head, [b.head for b in units], meanings, what, what_en)


def line_tree(kind: TableKind, block: Block, year: int | None) -> nx.DiGraph | None:
    """Edges parent → child between the block's lines (by index; ROOT is the head). Attribute `complete`
    says every line has its place, so the head may be checked against the top-level lines."""
    if not block.lines:
        return None
    if kind in CODED and any(row.code for row in block.lines):
        tree = code_tree([row.code for row in block.lines])
        if tree is not None or kind not in FLAT or len({len(row.code or "") for row in block.lines}) > 1:
            return tree  # a project list may repeat its lines' 项 codes: then it is flat
    if kind in NAMED_CLASSES:
        return _class_tree(block.lines, year)
    if kind in FLAT:
        tree = nx.DiGraph(complete=True)
        tree.add_edges_from((ROOT, index) for index in range(len(block.lines)))
        return tree
    return None


def tree_key(code: str) -> str:
    """A code without the zero pairs that pad procurement codes: 'C16070000' → 'C1607'."""
    if not code[:1].isalpha():
        return code
    body = code[1:]
    while body.endswith("00"):
        body = body[:-2]
    return code[0] + body


def parent_key(key: str) -> str | None:
    """2011308 → 20113 → 201; C160799 → C1607 → C16 → C."""
    floor = 1 if key[:1].isalpha() else 3
    return key[:-2] if len(key) > floor else None


@dataclass(frozen=True)
class Placement:
    """Where a line hangs in its table's code tree: under the line at `parent` (ROOT: top level).
    `reading` is set for a misprinted code: the code its place in the table says it stands for."""

    parent: int
    reading: str | None = None


def misprinted(key: str) -> bool:
    """A numeric code of no 类/款/项 length: '7' for 207, '3012' for '301 2' (30102)."""
    return key.isdigit() and len(key) not in (3, 5, 7)


def code_tree(codes: list[str | None]) -> nx.DiGraph | None:
    """The tree of lines by their codes (by index; a line without a code has no place in it)."""
    placements = code_placements(codes)
    if placements is None:
        return None
    tree = nx.DiGraph(complete=len(placements) == len(codes))
    tree.add_edges_from((placement.parent, position) for position, placement in placements.items())
    return tree


def code_placements(codes: list[str | None]) -> dict[int, Placement] | None:
    """Each coded line's parent: the nearest printed ancestor by prefix; for a misprinted code, or a
    code none of whose ancestors is printed, the line its position says (a code printed above it that
    its digits continue, or a fragment of its missing ancestor). None when a code is printed twice:
    which row holds which lines is then not certain."""
    keys = {position: tree_key(code) for position, code in enumerate(codes) if code}
    index: dict[str, int] = {}
    for position, key in keys.items():
        if key in index:
            return None
        index[key] = position
    placements: dict[int, Placement] = {}
    for position, key in keys.items():
        placement = _placement(key, position, keys, index)
        if placement.reading and placement.reading not in index:
            index[placement.reading] = position  # its sub-lines find it under the code it stands for
        placements[position] = placement
    return placements


def _placement(key: str, position: int, keys: dict[int, str], index: dict[str, int]) -> Placement:
    if not misprinted(key):
        parent = _nearest_ancestor(key, index)
        if parent != ROOT or parent_key(key) is None or not key.isdigit():
            return Placement(parent)
        return Placement(_fragment_of_ancestor(key, _above(position, keys)))
    before = _above(position, keys)
    extended = next(((p, k) for p, k in before if _has_sublines(k) and key.startswith(k)), None)
    if extended is not None:  # '3012' below 301: 301's 款 30102
        parent, prefix = extended
        reading = prefix + key[len(prefix) :].zfill(2)
        return Placement(parent, None if misprinted(reading) else reading)
    following = next((k for p, k in sorted(keys.items()) if p > position), None)
    completed = _completed(key, following)
    if completed is not None and completed not in index:  # '7' above 20701: the 类 207
        return Placement(_nearest_ancestor(completed, index), completed)
    # a stray fragment ('7' below 20101): the end of a sub-line's code, under the 类 above it
    return Placement(next((p for p, k in before if not misprinted(k) and parent_key(k) is None), ROOT))


def _above(position: int, keys: dict[int, str]) -> list[tuple[int, str]]:
    """The coded lines above a line, nearest first (looked at only where its code is not enough)."""
    return [(p, keys[p]) for p in sorted(keys, reverse=True) if p < position]


def _has_sublines(key: str) -> bool:
    """A 类 or 款 of the functional list (3, 5 digits), a 类 of the economic lists (3 digits)."""
    return key.isdigit() and len(key) in ((3, 5) if key.startswith("2") else (3,))


def _nearest_ancestor(key: str, index: dict[str, int]) -> int:
    parent = parent_key(key)
    while parent is not None and parent not in index:
        parent = parent_key(parent)
    return ROOT if parent is None else index[parent]


def _completed(fragment: str, following: str | None) -> str | None:
    """The ancestor of the next line's code that the fragment is the end of ('7', 20701 → '207')."""
    if following is None or misprinted(following) or not following.isdigit():
        return None
    ancestor = parent_key(following)
    while ancestor is not None:
        if ancestor.endswith(fragment) and len(fragment) < len(ancestor):
            return ancestor
        ancestor = parent_key(ancestor)
    return None


def _fragment_of_ancestor(key: str, before: list[tuple[int, str]]) -> int:
    """A code none of whose ancestors is printed hangs under a misprinted line above it that reads as
    one of them ('7' above 20701); lines above the nearest printed 类 belong to another class."""
    for position, printed in before:
        if not misprinted(printed):
            if parent_key(printed) is None:
                return ROOT
            continue
        if _completed(printed, key) is not None:
            return position
    return ROOT


@cache
def economic_classes(year: int | None) -> frozenset[str]:
    """The national 部门经济分类 class (类) names in force in `year`, normalised."""
    concepts = scheme_index("economic").concepts()
    return frozenset(class_key(c.name) for c in concepts if c.level == 1 and c.valid_in(year))


def class_key(name: str) -> str:
    """'对个人和家庭的补助支出' and '对个人和家庭的补助' name one class."""
    return normalise(name).removesuffix("支出")


def _class_tree(lines: list[Row], year: int | None) -> nx.DiGraph | None:
    """Classes by name, each followed by its items. A line before the first class, or no class at all,
    means the layout is not the one this reads: no tree. A row with neither code nor name says not
    whether it is an item: under a class it counts where the sums need it; above any class it has no place."""
    classes = economic_classes(year)
    tree = nx.DiGraph(complete=True, unnamed_optional=True)
    current: int | None = None
    for position, row in enumerate(lines):
        key = class_key(row.label)
        # an item may bear its class's name (399 其他支出 / 39999 其他支出)
        if key in classes and (current is None or key != class_key(lines[current].label)):
            current = position
            tree.add_edge(ROOT, position)
        elif current is None and not (row.code or row.label):
            tree.graph["complete"] = False
        elif current is None:
            return None
        else:
            tree.add_edge(current, position)
    return tree if current is not None else None


def check_tree(
    table: Table,
    block: Block,
    tree: nx.DiGraph,
    meanings: list[str],
    check_root: bool,
    root_rule: Rule = UNIT_TOTAL,
) -> Iterator[Finding]:
    """Every line with sub-lines against their sum (BG-R001); the head against the top-level lines."""
    optional = tree.graph.get("unnamed_optional", False)
    for node in tree.nodes:
        children = sorted(tree.successors(node))
        if not children:
            continue
        parts = [block.lines[c] for c in children]
        if node == ROOT:
            if block.head is None or not check_root or not tree.graph["complete"]:
                continue
            head = block.head
            what = f"{table.title} {head.label} 与其所列各行之和"
            what_en = f"{table.title}: {head.label} against the sum of its top-level lines"
            yield from sum_rows(table, root_rule, head, parts, meanings, what, what_en, optional)
        else:
            line = block.lines[node]
            name = f"{line.code or ''} {line.label}".strip()
            what = f"{table.title} {name} 与其下级之和"
            what_en = f"{table.title}: {name} against the sum of its sub-lines"
            yield from sum_rows(table, CODE_TREE, line, parts, meanings, what, what_en, optional)


def sum_rows(
    table: Table,
    rule_: Rule,
    total: Row,
    parts: list[Row],
    meanings: list[str],
    what: str,
    what_en: str,
    unnamed_optional: bool = False,
) -> Iterator[Finding]:
    """total row = Σ part rows, column by column. With `unnamed_optional` (the structure does not say
    that a row of figures with neither code nor name, BG-C005, is a line), such a row counts only where
    the sum shows it is one: where the total is met without it, it is not."""
    named = [row for row in parts if row.code or row.label] if unnamed_optional else parts
    for meaning in meanings:
        finding = _column_sum(table, rule_, total, parts, meaning, what, what_en)
        if finding and finding.severity is Severity.ERROR and len(named) < len(parts):
            without = _column_sum(table, rule_, total, named, meaning, what, what_en)
            if without is None or without.severity is not Severity.ERROR:
                finding = without  # the sum is met without the row: it is not a line of this sum
        if finding:
            yield finding


def _column_sum(
    table: Table, rule_: Rule, total: Row, parts: list[Row], meaning: str, what: str, what_en: str
) -> Finding | None:
    cells = [(row, meaning) for row in parts]
    if adds_up_exactly((total, meaning), cells):
        return None
    column = table.column_label(meaning)
    return check_cells(rule_, table, (total, meaning), cells, f"{what}（{column}）", f"{what_en} ({column})")
