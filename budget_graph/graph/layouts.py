"""What a filing must contain: the tables and narrative topics each disclosure layout requires.

A layout is a set of requirements (disclosure-rules.md A.1, A.2, A.4 and the Shenzhen 14-table layout of
section G). The mapper writes each layout that applies to a filing into its graph (bg:layout), and the
completeness shapes compare the filing with it, so adding a region's layout is adding an entry here.
Narrative topics are recognised from part titles and headings, because parts are numbered and titled
differently in every region.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from budget_graph.model import Filing, Kind, NarrativePart, TableKind


@dataclass(frozen=True)
class Topic:
    """What a narrative part (or a headed section of one) explains; its name is its bg: class."""

    name: str
    label: str
    label_en: str
    pattern: re.Pattern[str]


def _topic(name: str, label: str, label_en: str, pattern: str) -> Topic:
    return Topic(name, label, label_en, re.compile(pattern))


OVERVIEW = _topic("OverviewPart", "部门概况", "overview of the department", r"概况")
DUTIES = _topic("DutiesPart", "部门职责", "duties", r"职责|职能")
ORGANISATION = _topic("OrganisationPart", "机构设置", "organisation", r"机构设置|单位构成|机构情况")
BUDGET_OVERVIEW = _topic(
    "BudgetOverviewPart",
    "收支总体情况",
    "income and expenditure overview",
    r"收支.{0,8}总体|总体情况|收支增减|[预决]算(编制|情况)说明",
)
EXPENDITURE_DETAIL = _topic("ExpenditureDetailPart", "支出具体情况", "expenditure in detail", r"支出具体情况")
PROCUREMENT = _topic("ProcurementPart", "政府采购情况", "government procurement", r"政府采购")
THREE_PUBLIC = _topic("ThreePublicExpensesPart", "“三公”经费情况", "three public expenses", r"三公")
PERFORMANCE = _topic("PerformancePart", "预算绩效管理情况", "performance management", r"绩效管理")
KEY_PROJECTS = _topic("KeyProjectPerformancePart", "重点项目绩效情况", "key project performance", r"重点项目")
OTHER_MATTERS = _topic(
    "OtherMattersPart", "其他需要说明情况", "other matters", r"其他.{0,2}(需要说明|重要事项)"
)
OFFICE_COSTS = _topic("OfficeOperatingCostsPart", "机关运行经费", "office operating costs", r"机关运行经费")
STATE_ASSETS = _topic("StateAssetsPart", "国有资产占用情况", "state assets in use", r"国有资产占[用有]")
GLOSSARY = _topic("GlossaryPart", "名词解释", "glossary", r"名词解释")

TOPICS = (
    OVERVIEW,
    DUTIES,
    ORGANISATION,
    BUDGET_OVERVIEW,
    EXPENDITURE_DETAIL,
    PROCUREMENT,
    THREE_PUBLIC,
    PERFORMANCE,
    KEY_PROJECTS,
    OTHER_MATTERS,
    OFFICE_COSTS,
    STATE_ASSETS,
    GLOSSARY,
)

# A paragraph the reader did not recognise as a heading: short and enumerated (一、… （二）…).
_HEADING_LIKE = re.compile(r"^\s*(（?[一二三四五六七八九十]+[、）]|第[一二三四五六七八九十]+部分)")
_HEADING_MAX = 40


def topics_of(part: NarrativePart) -> list[Topic]:
    """The topics a part explains: named in its title, its headings or its heading-like lines."""
    texts = [part.title, *(heading.text for heading in part.headings)]
    texts += [p.heading for p in part.paragraphs if p.heading]
    texts += [p.text for p in part.paragraphs if len(p.text) <= _HEADING_MAX and _HEADING_LIKE.match(p.text)]
    joined = "\n".join(texts)
    return [topic for topic in TOPICS if topic.pattern.search(joined)]


@dataclass(frozen=True)
class Layout:
    name: str  # local name of its IRI (bgl:)
    label: str
    label_en: str
    applies: Callable[[Filing], bool]
    tables: tuple[TableKind, ...]
    topics: tuple[Topic, ...]


T = TableKind
# the eight tables every 部门预算 must publish (disclosure-rules.md A.1); 决算 adds the state capital table (A.2)
_NATIONAL_TABLES = (
    T.IncomeExpenditureSummary,
    T.IncomeSummary,
    T.ExpenditureSummary,
    T.AppropriationSummary,
    T.GeneralBudgetByFunction,
    T.GeneralBudgetByEconomicClass,
    T.ThreePublicExpenses,
    T.GovernmentFundBudget,
)
_NATIONAL_TOPICS = (DUTIES, ORGANISATION, BUDGET_OVERVIEW, OFFICE_COSTS, PROCUREMENT, THREE_PUBLIC, GLOSSARY)
NATIONAL_BUDGET = Layout(
    "NationalBudgetLayout",
    "部门预算公开（全国统一要求）",
    "departmental budget, national requirements",
    lambda filing: filing.kind is Kind.BUDGET,
    _NATIONAL_TABLES,
    _NATIONAL_TOPICS,
)
NATIONAL_FINAL = Layout(
    "NationalFinalAccountsLayout",
    "部门决算公开（全国统一要求）",
    "final accounts, national requirements",
    lambda filing: filing.kind is Kind.FINAL,
    (*_NATIONAL_TABLES, T.StateCapitalBudget),
    _NATIONAL_TOPICS,
)
SHENZHEN_BUDGET = Layout(
    "ShenzhenBudgetLayout",
    "深圳市部门预算公开（十四张表）",
    "Shenzhen departmental budget, 14 tables",
    lambda filing: filing.kind is Kind.BUDGET and "深圳" in filing.unit,
    tuple(kind for kind in TableKind if kind is not T.OfficeOperatingCosts),
    (
        OVERVIEW,
        BUDGET_OVERVIEW,
        EXPENDITURE_DETAIL,
        PROCUREMENT,
        THREE_PUBLIC,
        PERFORMANCE,
        KEY_PROJECTS,
        OTHER_MATTERS,
        GLOSSARY,
    ),
)
LAYOUTS = (NATIONAL_BUDGET, NATIONAL_FINAL, SHENZHEN_BUDGET)


def layouts_for(filing: Filing) -> list[Layout]:
    return [layout for layout in LAYOUTS if layout.applies(filing)]
