"""部门整体支出绩效目标表: task amounts (总额 / 财政拨款 / 其他资金) and performance indicators.

The table has three blocks — the tasks with their amounts, the overall target, the indicators by level
— and its cells wrap and shift at page breaks, so rows are read from the right: the target value is
the last cell, the indicator name the one before it, the level names before that.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budget_graph.model import (
    Column,
    Doubt,
    Indicator,
    Row,
    RowRole,
    Table,
    TableKind,
    Unit,
    garbled_amount,
    is_number,
    prints_nothing,
)
from budget_graph.read.grid_rows import GridRow
from budget_graph.read.layout import normalise, recognise_table

_LEVEL1 = {"产出指标", "效益指标", "满意度指标"}
_LEVEL2_TO_LEVEL1 = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}
_COLUMNS = [
    Column("total", "预算金额/总额"),
    Column("appropriation", "预算金额/财政拨款", ("total",)),
    Column("other_funds", "预算金额/其他资金", ("total",)),
]
_AT_LEAST = re.compile(r"≥|>=|以上|不低于|不少于|至少|大于等于")
_AT_MOST = re.compile(r"≤|<=|以下|以内|不超过|不高于|小于等于")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DATE = re.compile(r"\d{4}\s*年|\d+\s*月")


_PROJECT_FORM = re.compile(r"项目.*绩效目标")
# an amount's shape inside a cell ('24,900.00', or run into words as a crowded grid reads it)
_AMOUNT_INSIDE = re.compile(r"\d,\d{3}|\d\.\d{2}(?!\d)")
_NO_TASK_READ = (
    "表中印有金额，但未能读出任何任务行 the table prints amounts, but no task's row could be read from it"
)
PROJECT_FORMS_NOT_READ = ("项目绩效目标表单的金额暂不读取", "the amounts of project performance forms")


def is_project_form(title: str) -> bool:
    """One project's performance form (项目名称, 项目资金, its indicators), not the unit-wide table."""
    return recognise_table(title) is TableKind.PerformanceTargets and bool(_PROJECT_FORM.search(title))


def project_indicators(rows: list[GridRow], table: Table) -> list[Indicator]:
    """The indicators of projects' forms, each naming its project (项目名称). A form starts at the row
    naming its project: several forms may stand under one title (a Word document's)."""
    starts = [i for i, row in enumerate(rows) if _next_filled(row.cells, "项目名称")] or [0]
    return [
        indicator
        for start, end in zip(starts, [*starts[1:], len(rows)], strict=True)
        for indicator in _form_indicators(rows[start:end], table)
    ]


def _form_indicators(rows: list[GridRow], table: Table) -> list[Indicator]:
    texts = [row.cells for row in rows]
    project = next((name for cells in texts if (name := _next_filled(cells, "项目名称"))), None)
    start = next((i for i, cells in enumerate(texts) if "一级指标" in map(normalise, cells)), None)
    if start is None:
        return []
    form = Table(
        TableKind.PerformanceTargets, table.title, None, Unit.YUAN, table.location.at(page=rows[start].page)
    )
    indicators = read_performance_targets(form, rows[start:])
    for indicator in indicators:
        indicator.project = project
    return indicators


def _next_filled(cells: list[str], caption: str) -> str | None:
    """The text printed right of a caption cell ('项目名称' → the project's name)."""
    words = [normalise(c) for c in cells]
    if caption not in words:
        return None
    return next((c for c in words[words.index(caption) + 1 :] if c), None)


def read_performance_targets(table: Table, rows: list[GridRow]) -> list[Indicator]:
    """Fill the table's task rows; return its indicators."""
    table.columns = list(_COLUMNS)
    indicators: list[Indicator] = []
    source = table.location.source
    block = "head"
    level1 = level2 = None
    for grid_row in rows:
        cells = _trimmed(grid_row.cells)
        words = [normalise(c) for c in cells]
        first = next((w for w in words if w), "")
        if first in {"一级指标"} or "一级指标" in words:
            block = "indicators"
            continue
        if first.startswith("年度总体目标"):
            table.notes.append("年度总体目标：" + " ".join(c.strip() for c in cells[1:] if c.strip()))
            block = "goal"
            continue
        if block != "indicators":
            if "预算金额" in "".join(words) or "总额" in words:
                continue
            _task_row(table, grid_row, cells, source)
            continue
        level1, level2 = _indicator_row(table, grid_row, words, level1, level2, indicators)
    if not table.rows and any(_AMOUNT_INSIDE.search(cell) for row in rows for cell in row.cells):
        table.doubts.append(Doubt(_NO_TASK_READ))
    return indicators


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def _task_row(table: Table, grid_row: GridRow, cells: list[str], source: str) -> None:
    amounts: list[str] = []
    if _word_among_amounts(cells):
        amounts, cells = cells[-len(_COLUMNS) :], cells[: -len(_COLUMNS)]
    while cells and len(amounts) < len(_COLUMNS) and _in_amounts(cells[-1]):
        amounts.insert(0, cells[-1])
        cells = cells[:-1]
    texts = [c.strip() for c in cells if c.strip()]
    if not amounts or not texts:
        return  # 部门名称 … 主管部门 line, or a wrapped header cell
    name = normalise(texts[0]).rstrip(":：")
    role = RowRole.TOTAL if "合计" in name else RowRole.ITEM
    location = grid_row.location(source, table.title).at(row=name)
    row = Row(name, role, location, texts={"content": texts[1]} if len(texts) > 1 else {})
    row.set_cells(_COLUMNS, amounts, table.unit)
    table.rows.append(row)


def _word_among_amounts(cells: list[str]) -> bool:
    """Does a short word stand in one of the amount cells, the others printing figures ('人员经费 | … |
    待定 | 1187.61 | 0.00')? Read from the right up to it, the figures would be paired with the columns
    from the first, each one column off; the word is an amount cell that reads as no figure (the table
    in doubt). A description before the figures is longer than a figure is printed."""
    last = cells[-len(_COLUMNS) :]
    words = [text for text in last if not _in_amounts(text)]
    return (
        len(cells) > len(_COLUMNS)
        and any(text.strip() for text in cells[: -len(_COLUMNS)])
        and len(words) == 1
        and len(words[0].strip()) <= _FIGURE_WIDTH
        and sum(is_number(text) for text in last) == len(_COLUMNS) - 1
    )


_FIGURE_WIDTH = 8  # characters: '1,187.61' at most, where a description runs longer


def _in_amounts(text: str) -> bool:
    """A figure, a blank or dash, or a figure garbled (read as no amount, and the table in doubt)."""
    return is_number(text) or prints_nothing(text) or garbled_amount(text)


def _indicator_row(
    table: Table,
    grid_row: GridRow,
    words: list[str],
    level1: str | None,
    level2: str | None,
    indicators: list[Indicator],
) -> tuple[str | None, str | None]:
    content = [w for w in words if w]
    if len(content) == 1:
        if content[0].endswith("指标"):
            return level1, content[0]  # a level with no indicator under it
        if indicators:
            indicators[-1].name += content[0]  # the wrapped end of the previous indicator's name
        return level1, level2
    if len(content) < 2:
        return level1, level2
    target, name = content[-1], content[-2]
    if _is_level(name):  # the target cell is blank: the last cell is the indicator itself
        target, name, content = "", target, [*content, ""]
    levels = [w for w in content[:-2] if w.endswith("指标") and w != "绩效指标"]
    for level in levels:
        if level in _LEVEL1:
            level1 = level
        else:
            level2 = level
            level1 = _LEVEL2_TO_LEVEL1.get(level, level1)
    comparator, value, unit = parse_target(target)
    location = grid_row.location(table.location.source, table.title).at(row=name)
    indicators.append(Indicator(name, target, location, level1, level2, comparator, value, unit))
    return level1, level2


def _is_level(word: str) -> bool:
    return word in _LEVEL1 or word in _LEVEL2_TO_LEVEL1


def parse_target(text: str) -> tuple[str | None, Decimal | None, str | None]:
    """'≥5000万元' → ('>=', 5000, '万元'); '5 个工作日' → ('=', 5, '个工作日'); '效果显著' → (None, None, None)."""
    flat = normalise(text)
    number = _NUMBER.search(flat)
    if not number or _DATE.search(flat):
        return None, None, None
    comparator = ">=" if _AT_LEAST.search(flat) else "<=" if _AT_MOST.search(flat) else "="
    unit = re.sub(r"以上|以下|以内|[≥≤<>=]", "", flat[number.end() :]).strip() or None
    return comparator, Decimal(number.group()), unit
