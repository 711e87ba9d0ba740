"""BG-N014: a whole the narrative states with the parts that make it up by definition adds up to them.

Government procurement is of goods, works and services (《政府采购法》第二条), so a procurement total stated
with all three under it ('政府采购支出总额101.89万元，其中：政府采购货物支出22.74万元、政府采购工程支出0万元、政府采购
服务支出79.15万元') is their sum, whatever tables the filing prints (the Ministry's 决算 forms print none of
these figures). A '其中' list naming fewer of them, or parts named otherwise, may be partial and is not
checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from budget_graph.check.evaluator import evaluate
from budget_graph.check.narrative import key
from budget_graph.check.rules import Finding, Severity, rule
from budget_graph.derive.identity import Figure, sum_of
from budget_graph.model import Claim, Filing

PROCUREMENT_PARTS = rule(
    id="BG-N014",
    title="说明中的政府采购总额不等于货物、工程、服务之和",
    title_en="Narrative procurement total differs from the sum of its goods, works and services",
    severity=Severity.ERROR,
    basis="《中华人民共和国政府采购法》第二条：政府采购的对象为货物、工程和服务；GB/T 8170《数值修约规则》",
    checks="A procurement total the narrative states (政府采购预算总额, 政府采购支出总额 …) with its 货物, 工程 and "
    "服务 figures all listed under it ('其中：') is their sum, under the rounding rule. Fewer than the three, "
    "or parts named otherwise, are not checked.",
    why="The three kinds are all that procurement is: a total that is not their sum misstates one of them, "
    "and in the forms that print no procurement table nothing else would show it.",
    engine="python",
    fail_example="政府采购支出总额101.89万元，其中：货物22.74万元、工程0万元、服务69.15万元（和为91.89）",
    pass_example="政府采购支出总额101.89万元，其中：货物22.74万元、工程0万元、服务79.15万元",
)

_KINDS = ("货物", "工程", "服务")
_NOT_A_TOTAL = ("中小企业", "小微", "预留", "授予", "合同", *_KINDS)


def check(filing: Filing) -> Iterator[Finding]:
    for index, claim in enumerate(filing.claims):
        if claim.amount is None or not _procurement_total(claim.subject):
            continue
        parts = _kinds_under(claim, filing.claims[index + 1 :])
        if len(parts) < len(_KINDS):
            continue
        total = Figure(claim.amount, claim.location, f"说明中“{claim.subject}”")
        figures = [Figure(p.amount, p.location, f"说明中“{p.subject}”") for p in parts if p.amount]
        what = f"说明中“{claim.subject}”与其货物、工程、服务之和"
        what_en = f"the narrative's {claim.subject} against the sum of its goods, works and services"
        found = evaluate(sum_of(PROCUREMENT_PARTS.id, total, figures, what, what_en), PROCUREMENT_PARTS)
        if found:
            yield found


def _procurement_total(subject: str) -> bool:
    name = key(subject)
    return "政府采购" in name and not any(word in name for word in _NOT_A_TOTAL)


def _kinds_under(total: Claim, after: list[Claim]) -> list[Claim]:
    """The first figure of each kind listed under the total ('其中'), up to the total's next statement."""
    found: dict[str, Claim] = {}
    for claim in after:
        if claim.subject == total.subject:
            break
        kinds = [kind for kind in _KINDS if kind in key(claim.subject)]
        if claim.parent == total.subject and len(kinds) == 1 and claim.amount is not None:
            found.setdefault(kinds[0], claim)
    return list(found.values())
