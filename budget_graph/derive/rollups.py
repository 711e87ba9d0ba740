"""The roll-ups down a table's rows, over a NetworkX tree of its lines: BG-R001–R003's identities.

A table's rows fall into blocks: a unit (or 合计) row and the lines printed under it. The lines of a
block hang in a tree rooted at that row: by code where rows carry codes (2011308 under 20113 under
201; C16079900 under C16070000 under C16000000 under C; a code whose parent row is not printed hangs
under its nearest printed ancestor), by the national 部门经济分类 class names where they do not (基本支出
总表), flat for lists of projects and tasks (项目支出总表, 上级专项转移支付表, 绩效目标表). Every node with
children equals the sum of its children in every amount column; the department's row equals the sum of
its units' rows. The rules and the table kinds each tree serves are declared in rollups.yaml (the rules'
records are the check stage's: check/rollups.py); the trees are built and walked here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from budget_graph.codes import normalise, scheme_index
from budget_graph.derive.identity import Identity, adds_up_exactly, cells_sum
from budget_graph.model import Filing, Row, RowRole, Table, TableKind
from budget_graph.model.meanings import MEANINGS
from budget_graph.profiles import column_meaning

if TYPE_CHECKING:  # networkx loads where a tree is first built (_tree): the rule catalogue needs none
    import networkx as nx

ROOT = -1  # the tree node of the block's unit (or 合计) row
SUMS = ("lines", "head", "units")  # the nodes a roll-up declares equal to the sum of their children
WAYS = ("code", "class", "flat", "item", "column", "level")  # how a table's lines hang, tried in this order


@dataclass(frozen=True)
class SumOfChildren:
    """A roll-up declared in rollups.yaml: each `node` (of SUMS) equals the sum of its children, in every
    amount column, in every tree of `trees`; of the rule `record` declares (its fields as check/rules.Rule
    has them, but the engine's)."""

    rule: str
    node: str
    record: tuple[tuple[str, str], ...]


def declared_rollups(
    text: bytes,
) -> tuple[tuple[SumOfChildren, ...], dict[str, frozenset[TableKind]], dict[str, str | None]]:
    """rollups.yaml's roll-ups, each with its rule; the table kinds whose lines hang each way; and the
    items a table may print as rows, each with the item it is a part of. A word it does not know is a
    mistake caught at import."""
    declared = yaml.load(text, Loader=LOADER)
    sums = tuple(_sum_of_children(entry) for entry in declared.pop("identities", []))
    trees = declared.pop("trees", {})
    items = declared.pop("items", {})
    unknown = [*declared, *(w for w in trees if w not in WAYS), *(s.node for s in sums if s.node not in SUMS)]
    unknown += [m for pair in items.items() for m in pair if m is not None and m not in MEANINGS]
    unknown += [k for kinds in trees.values() for k in kinds if k not in TableKind.__members__]
    if unknown or sorted(s.node for s in sums) != sorted(SUMS):
        raise ValueError(f"rollups.yaml: unknown or missing {', '.join(unknown) or 'roll-up'}")
    return sums, {way: frozenset(TableKind[k] for k in trees.get(way, ())) for way in WAYS}, items


def _sum_of_children(entry: dict) -> SumOfChildren:
    node = entry.pop("sum_of_children")
    return SumOfChildren(entry["id"], node, tuple(entry.items()))


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DECLARED, _TREES, ITEM_PARTS = declared_rollups((Path(__file__).parent / "rollups.yaml").read_bytes())
RULES: dict[str, str] = {declared.node: declared.rule for declared in DECLARED}  # node → rule id
CODED, NAMED_CLASSES, FLAT, ITEMIZED, GROUPED, LEVELED = (_TREES[way] for way in WAYS)
TWO_SIDED = {TableKind.IncomeExpenditureSummary, TableKind.AppropriationSummary}
HEADS = {RowRole.UNIT, RowRole.TOTAL}


@dataclass
class Block:
    """A unit (or 合计) row and the lines printed under it (or above it, for a 合计 row at the bottom)."""

    head: Row | None
    lines: list[Row] = field(default_factory=list)
    closed: bool = False  # its head was printed below its lines: what follows starts a new block


def rollup_identities(filing: Filing) -> Iterator[Identity]:
    """Every roll-up of every table but the two-sided summaries (table_identities.py reads those)."""
    for table in filing.tables:
        if table.kind is None or table.kind in TWO_SIDED:
            continue
        meanings = amount_meanings(table)
        blocks = table_blocks(table)
        members = _department_members(blocks)
        yield from _department(table, members, meanings)
        unsure = set() if members is None or members[2] else {id(b) for b in members[1]}
        for block in blocks:
            tree = line_tree(table.kind, block, filing.year)
            if tree is not None:
                yield from tree_identities(table, block, tree, meanings, check_root=id(block) not in unsure)


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
    A 合计 row with no lines of its own adds up the unit rows; else a first unit row without lines does.
    Rows that all print no figure consolidate nothing: a label's wrapped rests, read as rows of their own
    in the unit's column, are no units whose sum is zero."""
    heads = [b for b in blocks if b.head is not None]
    totals = [b for b in heads if b.head.role is RowRole.TOTAL]
    units = [b for b in heads if b.head.role is RowRole.UNIT]
    if len(totals) == 1 and not totals[0].lines and units:
        grand, members = totals[0], units
    elif not totals and len(units) >= 2 and not units[0].lines:
        grand, members = units[0], units[1:]
    else:
        return None
    if not any(b.head.has_amount() for b in members):
        return None
    with_lines = sum(1 for b in members if b.lines)
    return grand, members, with_lines in (0, len(members))


def _department(
    table: Table, members: tuple[Block, list[Block], bool] | None, meanings: list[str]
) -> Iterator[Identity]:
    if members is None or not members[2]:
        return
    grand, units, _ = members
    what = f"{table.title} {grand.head.label} 与所属单位行之和"
    what_en = f"{table.title}: {grand.head.label} against the sum of its units' rows"
    yield from sum_rows(table, RULES["units"], grand.head, [b.head for b in units], meanings, what, what_en)


def line_tree(kind: TableKind, block: Block, year: int | None) -> nx.DiGraph | None:
    """Edges parent → child between the block's lines (by index; ROOT is the head). Attribute `complete`
    says every line has its place, so the head may be checked against the top-level lines."""
    if not block.lines:
        return None
    if kind in CODED and any(row.code for row in block.lines):
        tree = code_tree([row.code for row in block.lines])
        partial = tree is None or not tree.graph["complete"]  # lines without codes: a category's items
        if partial and kind in LEVELED and (levels := _level_tree(block.lines)) is not None:
            return levels
        if tree is not None or kind not in FLAT or len({len(row.code or "") for row in block.lines}) > 1:
            return tree  # a project list may repeat its lines' 项 codes: then it is flat
    if kind in NAMED_CLASSES:
        return _class_tree(block.lines, year)
    if kind in FLAT:
        tree = _tree(complete=True)
        tree.add_edges_from((ROOT, index) for index in range(len(block.lines)))
        return tree
    if kind in ITEMIZED:
        return _item_tree(block.lines)
    if kind in GROUPED:
        return _group_tree(block.lines)
    return None


def _item_tree(lines: list[Row]) -> nx.DiGraph | None:
    """The lines by the items their labels name (ITEM_PARTS), each under the item it is a part of where
    that is printed, else under the head; no tree unless every line names a distinct item."""
    items = [column_meaning(row.label) for row in lines]
    if any(item not in ITEM_PARTS for item in items) or len(set(items)) < len(items):
        return None
    position = {item: index for index, item in enumerate(items)}
    tree = _tree(complete=True)
    for index, item in enumerate(items):
        tree.add_edge(position.get(ITEM_PARTS[item], ROOT), index)
    return tree


# a group's subtotal, its group's name before it or not (a 合计 row heads a block: it is no line)
_SUBTOTAL = re.compile(r"小计$")


def _group_tree(lines: list[Row]) -> nx.DiGraph | None:
    """The lines by the label column each starts in, two levels deep: a group's subtotal row, its group's
    name in the first column (一般公共预算资金 | 小计), over the lines printed under it, named in a later
    column (公共财政拨款（补助）资金). A 其中 line is a part of the line above, never a summand: it hangs
    nowhere. None unless every line has its column, the list opens with a group's row, and the groups'
    rows are its subtotals and no other line is one (a group's name set beside another line of its
    group, where a converter prints a merged cell's text, would make that line a group's)."""
    depths = [row.label_span[0] if row.label_span else None for row in lines]
    if None in depths or depths[0] != min(depths) or len(set(depths)) != 2:
        return None
    if any(
        (depth == depths[0]) != bool(_SUBTOTAL.search(normalise(row.label)))
        for row, depth in zip(lines, depths, strict=True)
    ):
        return None
    tree = _tree(complete=True)
    group = ROOT
    for index, (row, depth) in enumerate(zip(lines, depths, strict=True)):
        if depth == depths[0]:
            group = index
            tree.add_edge(ROOT, index)
        elif not normalise(row.label).startswith("其中"):
            tree.add_edge(group, index)
    return tree


_LEVELS = 3  # of a procurement table's lines: 品目大类, the 专项 under it, the items bought for each


def _level_tree(lines: list[Row]) -> nx.DiGraph | None:
    """The lines by the last label column each fills, a level each (Jiangsu's 政府采购支出预算表: 品目大类
    with its letter; 专项名称 | 经济科目; 采购物品名称 | 采购组织形式): a line hangs under the nearest line
    above on a level before its own. None unless every line has its columns, the list opens on its top
    level, the lines there are those that carry a code (a category's letter), and there are two or three
    levels (a category, its lines, their items): a row read a column off (a converter's page fitted one
    column over, a cell left blank) would otherwise hang among the wrong lines."""
    levels = [row.label_span[1] if row.label_span else None for row in lines]
    if None in levels or levels[0] != min(levels) or not 2 <= len(set(levels)) <= _LEVELS:
        return None
    if any((level == levels[0]) != bool(row.code) for row, level in zip(lines, levels, strict=True)):
        return None
    tree = _tree(complete=True)
    chain: list[int] = []  # the lines above that the next line may hang under, shallowest first
    for index, level in enumerate(levels):
        while chain and levels[chain[-1]] >= level:
            chain.pop()
        tree.add_edge(chain[-1] if chain else ROOT, index)
        chain.append(index)
    return tree


def _tree(**attributes: bool) -> nx.DiGraph:
    """An empty tree with graph attributes (`complete`, `unnamed_optional`)."""
    import networkx as nx

    return nx.DiGraph(**attributes)


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
    tree = _tree(complete=len(placements) == len(codes))
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
    tree = _tree(complete=True, unnamed_optional=True)
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


def tree_identities(
    table: Table,
    block: Block,
    tree: nx.DiGraph,
    meanings: list[str],
    check_root: bool,
    root_rule: str = RULES["head"],
) -> Iterator[Identity]:
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
            yield from sum_rows(table, RULES["lines"], line, parts, meanings, what, what_en, optional)


def sum_rows(
    table: Table,
    rule: str,
    total: Row,
    parts: list[Row],
    meanings: list[str],
    what: str,
    what_en: str,
    unnamed_optional: bool = False,
) -> Iterator[Identity]:
    """total row = Σ part rows, column by column. With `unnamed_optional` (the structure does not say
    that a row of figures with neither code nor name, BG-C005, is a line), each identity carries the same
    sum without such rows (Identity.unless): the row counts only where the sum shows it is a line."""
    named = [row for row in parts if row.code or row.label] if unnamed_optional else parts
    for meaning in meanings:
        identity = _column_sum(table, rule, total, parts, meaning, what, what_en)
        if identity and len(named) < len(parts):
            identity = replace(
                identity, unless=_column_sum(table, rule, total, named, meaning, what, what_en, True)
            )
        if identity:
            yield identity


def _column_sum(
    table: Table,
    rule: str,
    total: Row,
    parts: list[Row],
    meaning: str,
    what: str,
    what_en: str,
    every: bool = False,
) -> Identity | None:
    """The identity of one column; None when its cells add up exactly (unless `every`: then it is stated)."""
    cells = [(row, meaning) for row in parts]
    if not every and adds_up_exactly((total, meaning), cells):
        return None
    column = table.column_label(meaning)
    return cells_sum(rule, table, (total, meaning), cells, f"{what}（{column}）", f"{what_en} ({column})")
