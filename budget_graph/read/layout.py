"""What readers share: recognising a table by its title and placing its columns by header meaning, and
the numbering of Chinese official text.

Readers of every format turn a table into a header grid (rows of header cells) and data rows (cells);
this module knows the vocabulary of titles and headers across regions and years, and nothing of
files, lines or pages.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from budget_graph.model import Column, TableKind

# First match wins: specific titles before the general ones they contain.
_TABLE_TITLES: list[tuple[str, TableKind]] = [
    (r"(财政|政府预算)拨款收[入]?[支]?出?.*总表", TableKind.AppropriationSummary),
    (r"收[入]?支[出]?.*总表|财务收支预算总表|收入支出决算总表", TableKind.IncomeExpenditureSummary),
    (r"三公", TableKind.ThreePublicExpenses),
    (r"政府性基金", TableKind.GovernmentFundBudget),
    (r"国有资本经营", TableKind.StateCapitalBudget),
    (r"上级专项转移支付|专项转移支付", TableKind.SpecialTransfers),
    (r"政府采购", TableKind.Procurement),
    (r"机关运行经费", TableKind.OfficeOperatingCosts),
    (r"绩效目标", TableKind.PerformanceTargets),
    (r"项目支出.*(总表|汇总表|预算表|情况表|决算表)", TableKind.ProjectExpenditureSummary),
    (r"一般公共预算.*(经济分类|基本支出)", TableKind.GeneralBudgetByEconomicClass),
    (r"一般公共预算.*支出", TableKind.GeneralBudgetByFunction),
    (r"基本支出.*(总表|预算表|决算表)", TableKind.BasicExpenditureSummary),
    (r"收入.*(总表|预算表|决算表)", TableKind.IncomeSummary),
    (r"支出.*(总表|预算表|决算表)", TableKind.ExpenditureSummary),
]

_CHINESE_NUMERALS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


def normalise(text: str) -> str:
    """Width-folded, space-free text for matching (labels wrap inside cells: '一般公共服 务支出')."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# an item's number as official text prints it: （一） 一、 1、 1. （1） — a digit after '1.' makes a decimal
ENUMERATOR = re.compile(
    r"[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+(?:、|[.．](?!\d))"
)


def chinese_number(text: str) -> int | None:
    """'十四' → 14, '三' → 3, '12' → 12."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CHINESE_NUMERALS for ch in text):
        return None
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CHINESE_NUMERALS[text[1]]
    if len(text) == 1:
        return _CHINESE_NUMERALS[text]
    tens = _CHINESE_NUMERALS[text[0]] * 10
    return tens + (_CHINESE_NUMERALS[text[2]] if len(text) == 3 else 0)


def recognise_table(title: str) -> TableKind | None:
    """The kind of table a printed title names, whatever the region's wording."""
    flat = normalise(title)
    for pattern, kind in _TABLE_TITLES:
        if re.search(pattern, flat):
            return kind
    return None


# Header words of columns that hold text (labels), not amounts: names that may carry a remark after
# them ('科目编码（按支出功能科目编列至“项”级）'), and names that must stand alone ('项目' but not '项目支出').
_TEXT_HEADERS = re.compile(
    r"^(预算单位|单位名称|部门名称|科目编码|科目名称|支出项目类别|功能分类科目|经济分类科目)"
    r"|^(部门经济分类科目|功能科目|采购品目|采购物品|采购组织形式|专项名称|经济科目|序号)"  # Shanghai, Jiangsu
    r"|^(单位|项目|项目名称|年度|品目编码|采购品目|任务名称|主要内容|年度主要任务|科目|编码|名称|类|款|项|备注|资金性质)$"
)

# Header words → column meaning. Order matters: the longer, more specific names come first.
_MEANING_PATTERNS: list[tuple[str, str]] = [
    (r"预留给小型.*微型", "procurement_micro"),
    (r"预留给中小企业", "procurement_sme"),
    (r"政府采购", "procurement"),
    (r"基本支出拨款", "general_budget_basic"),
    (r"履职类项目拨款", "general_budget_duty"),
    (r"财政专项资金拨款", "general_budget_special"),
    (r"政府投资项目拨款", "gov_investment"),
    (r"政府性基金", "gov_fund"),
    (r"国有资本经营", "state_capital"),
    (r"一般公共预算", "general_budget"),
    (r"政府预算拨款|财政拨款(收入)?$|财政拨款合计", "appropriation"),
    (r"财政专户", "special_account"),
    (r"单位资金", "own_funds"),
    (r"事业单位经营收入|经营收入", "business_revenue"),
    (r"事业收入", "service_revenue"),
    (r"上级补助收入", "superior_subsidy"),
    (r"附属单位上缴收入", "affiliated_remit"),
    (r"用事业基金弥补", "fund_makeup"),
    (r"其他收入", "other_income"),
    (r"结转下年|年末结转", "carryforward"),  # Jiangsu 支出预算总表: 结转下年资金
    (r"上年结转|年初结转|结转和结余", "carryover"),
    (r"本年收入", "current_income"),
    (r"事业单位经营支出|经营支出", "business_expenditure"),
    (r"对附属单位补助", "subsidy_to_affiliates"),
    (r"上缴上级", "remit_to_superior"),
    (r"基本支出", "basic"),
    (r"项目支出", "project"),
    (r"人员经费", "personnel"),
    (r"公用经费", "operating"),
    (r"^[“\"]?三公[”\"]?经费$", "three_public"),  # Jiangsu: “三公”经费 beside 会议费 and 培训费 under 合计
    (r"^会议费$", "meetings"),
    (r"^培训费$", "training"),
    (r"单位预留机动经费", "reserve"),
    (r"三公.*(总额|合计)|^合计$", "total"),
    (r"三公.*(预算数|决算数)$", "total"),  # Shanghai: “三公”经费预算数 over 合计 and its parts
    (r"^财政拨款[“\"]?三公[”\"]?经费$", "total"),  # Shanghai 决算: 财政拨款“三公”经费 over 合计 and its parts
    (r"因公出国", "overseas_travel"),
    (r"公务接待", "hospitality"),
    (r"公务用车购置及运行", "vehicles"),
    (r"公务用车购置费?$|车辆购置", "vehicle_purchase"),
    (r"公务用车运行", "vehicle_operation"),
    (r"^购置费$", "vehicle_purchase"),  # under 公务用车购置及运行费 (Shanghai)
    (r"^运行费$", "vehicle_operation"),
    (r"机关运行经费", "office_operating"),
    (r"年初预算", "initial_budget"),
    (r"全年预算|调整预算", "adjusted_budget"),
    (r"决算数?$", "actual"),
    (r"其他资金", "other_funds"),
    (r"收入总计|支出总计|总计|合计|总额", "total"),
    (r"^(收入|支出)预算$", "total"),  # Shanghai: 收入预算 / 支出预算 over 合计 and its parts
    (r"预算数|金额|项目金额|\d{4}年", "amount"),
]


def column_meaning(label: str) -> str | None:
    """The meaning of one header cell, or None when the words say nothing the checks know."""
    flat = normalise(label)
    for pattern, meaning in _MEANING_PATTERNS:
        if re.search(pattern, flat):
            return meaning
    return None


def is_text_header(label: str) -> bool:
    return bool(_TEXT_HEADERS.match(normalise(label)))


@dataclass
class HeaderNode:
    label: str
    index: int  # column position in the header grid
    depth: int
    children: list[HeaderNode]


def header_tree(grid: list[list[str]]) -> list[HeaderNode]:
    """Nested header rows → a forest: a label's parent is the nearest label at or left of it in the
    closest row above that has one.

    Spanning cells print once, at their left edge, so a row's labels hang under the last label above
    them. Looking at the row just above first keeps this right where the converter shifted a cell of
    an upper row by one (表二's 上年结转 printed over 其他收入).
    """
    roots: list[HeaderNode] = []
    rows: list[list[HeaderNode]] = []
    for depth, cells in enumerate(grid):
        here = [
            HeaderNode(text.strip(), index, depth, []) for index, text in enumerate(cells) if text.strip()
        ]
        for node in here:
            parent = _parent(rows, node.index)
            (parent.children if parent else roots).append(node)
        rows.append(here)
    return roots


def _parent(rows: list[list[HeaderNode]], index: int) -> HeaderNode | None:
    for above in reversed(rows):
        candidates = [n for n in above if n.index <= index]
        if candidates:
            return candidates[-1]
    return None


@dataclass
class Placement:
    """Amount columns placed by meaning, and what the reader could not place for certain."""

    columns: list[Column]
    doubts: list[str]


def amount_leaves(roots: list[HeaderNode]) -> list[tuple[HeaderNode, list[HeaderNode]]]:
    """Leaves of the header forest that head amount columns, each with its ancestors (outermost first)."""
    leaves: list[tuple[HeaderNode, list[HeaderNode]]] = []

    def walk(node: HeaderNode, ancestors: list[HeaderNode]) -> None:
        if node.children:
            for child in node.children:
                walk(child, [*ancestors, node])
        elif not is_text_header(node.label):
            leaves.append((node, ancestors))

    for root in roots:
        walk(root, [])
    return leaves


def place_columns(grid: list[list[str]], width: int, side: str | None = None) -> Placement:
    """Give each of `width` amount columns a meaning from the header grid.

    When the header names as many amount columns as the data has, they pair in order. When the
    converter lost or added a header cell, the first and last top-level columns (总计, 上年结转) are
    anchored at the ends and the rest pair from the left; the columns in between are then in doubt
    and the reader says so (readers confirm such a placement by the data: all such cells zero).
    """
    roots = [r for r in header_tree(grid) if not is_text_header(r.label) or r.children]
    leaves = amount_leaves(roots)
    columns = [_column(leaf, ancestors, side) for leaf, ancestors in leaves]
    _dedupe(columns)
    if len(columns) == width:
        return Placement(columns, [])
    doubts = [
        f"表头列数 {len(columns)} 与数据列数 {width} 不符 header names {len(columns)} columns, data has {width}"
    ]
    last_is_group = bool(roots) and not roots[-1].children and len(columns) > 1
    head = columns[:-1] if last_is_group else columns
    tail = columns[-1:] if last_is_group else []
    room = width - len(tail)
    kept = head[:room]
    # an unheaded column lies between its neighbours: it is a part of every group both belong to
    shared = _common_path(kept[-1] if kept else None, tail[0] if tail else None)
    unheaded = [Column(f"unplaced_{i}", "（无表头）", shared, side) for i in range(room - len(kept))]
    return Placement(kept + unheaded + tail, doubts)


def _common_path(left: Column | None, right: Column | None) -> tuple[str, ...]:
    if left is None or right is None:
        return ()
    shared = []
    for a, b in zip(left.path, right.path, strict=False):
        if a != b:
            break
        shared.append(a)
    return tuple(shared)


def _column(leaf: HeaderNode, ancestors: list[HeaderNode], side: str | None) -> Column:
    label = leaf.label
    meaning = column_meaning(label)
    group_meanings = [m for m in (column_meaning(a.label) for a in ancestors) if m]
    if normalise(label) in {"小计", "合计"} and ancestors:
        # a group's own subtotal column: the group's meaning, or by its siblings' family (其中：小计)
        meaning = group_meanings[-1] if group_meanings else _family_of(ancestors[-1])
        group_meanings = group_meanings[:-1]
    path_labels = "/".join(a.label for a in ancestors)
    path = tuple(_additive_path(group_meanings, meaning))
    return Column(
        meaning or f"unknown:{normalise(label)}",
        normalise(f"{path_labels}/{label}" if path_labels else label),
        path,
        side,
    )


def _family_of(group: HeaderNode) -> str | None:
    meanings = {column_meaning(child.label) for child in group.children}
    return "procurement" if meanings & {"procurement_sme", "procurement_micro"} else None


def _additive_path(group_meanings: list[str], meaning: str | None) -> list[str]:
    """Top-level columns hang under 'total'; 其中 (procurement) columns are not parts of a sum."""
    if meaning in {
        "procurement",
        "procurement_sme",
        "procurement_micro",
        "total",
        "amount",
        "office_operating",
        None,
    }:
        return []
    groups = [m for m in group_meanings if m not in {"total", "amount"}]
    return ["total", *groups]


def _dedupe(columns: list[Column]) -> None:
    """Meanings are keys: a repeated one (two 小计) keeps the first, the others get a suffix."""
    seen: set[str] = set()
    for column in columns:
        if column.meaning in seen:
            column.meaning = f"{column.meaning}#{sum(1 for m in seen if m.startswith(column.meaning))}"
        seen.add(column.meaning)
