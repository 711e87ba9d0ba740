"""Which note or narrative sentence explains an empty table (disclosure-rules.md A.3, G.36).

An empty table must be kept and explained, either by a note printed with it ('故本表为空表',
'本部门无相关收支项目') or by a narrative sentence that says the unit has none of what the table shows
('本单位无政府性基金预算支出、国有资本经营预算支出和上级专项转移支付支出预算。') or that it is zero
('政府性基金拨款支出预算为0').
"""

from __future__ import annotations

import re

from budget_graph.model import Paragraph, Table, TableKind

EMPTY_NOTE = re.compile(
    r"空表|无数据|(无|没有)(相关|此类|该类)?.{0,12}(收支|支出|收入|项目|经费)|不涉及"
)  # 我单位无2017年政府性基金支出安排

# The words a narrative sentence uses for what each table shows.
SUBJECTS: dict[TableKind, str] = {
    TableKind.GovernmentFundBudget: "政府性基金",
    TableKind.StateCapitalBudget: "国有资本经营",
    TableKind.SpecialTransfers: "专项转移支付",
    TableKind.ThreePublicExpenses: "三公",
    TableKind.Procurement: "政府采购",
    TableKind.OfficeOperatingCosts: "机关运行经费",
    TableKind.ProjectExpenditureSummary: "项目支出",
    TableKind.PerformanceTargets: "绩效目标",
}

_SENTENCE = re.compile(r"[^。；;！!\n]+")
_NONE = r"(无|没有|未安排|不涉及)"
_ZERO = r"[^，,。；;]*?(为零|(?<![\d.])0(\.0+)?(?![\d.]))"  # '…支出预算为0', '…拨款支出预算0.00万元'


def explaining_note(table: Table) -> int | None:
    """Index of the table's own note that says why it is empty."""
    return next((i for i, note in enumerate(table.notes) if EMPTY_NOTE.search(note)), None)


def explains(paragraph: Paragraph, kind: TableKind) -> bool:
    """Does a sentence of the paragraph say the unit has none of what a `kind` table shows (无政府性基金…),
    or that its amount is zero (政府性基金拨款支出预算为0)?"""
    subject = SUBJECTS.get(kind)
    if subject is None:
        return False
    none = re.compile(_NONE + r"[^。；;]*?" + re.escape(subject))
    zero = re.compile(re.escape(subject) + _ZERO)
    return any(
        none.search(sentence) or zero.search(sentence) for sentence in _SENTENCE.findall(paragraph.text)
    )
