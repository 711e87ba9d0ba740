"""Column meanings: what a column of amounts is, whatever its printed header.

Readers place columns by these keys; checks and the graph speak of them. Each key has a Chinese
and an English label; the ontology mirrors them as the bg:ColumnMeaning concept scheme.
"""

MEANINGS: dict[str, tuple[str, str]] = {
    # totals
    "amount": ("金额", "amount"),
    "total": ("合计", "total"),
    "current_income": ("本年收入", "current-year income"),
    "current_expenditure": ("本年支出", "current-year expenditure"),
    # funding sources (收入 columns)
    "appropriation": ("政府预算拨款", "fiscal appropriation"),
    "general_budget": ("一般公共预算拨款", "general public budget appropriation"),
    "general_budget_basic": ("基本支出拨款", "appropriation for basic expenditure"),
    "general_budget_duty": ("履职类项目拨款", "appropriation for duty projects"),
    "general_budget_special": ("财政专项资金拨款", "special fund appropriation"),
    "gov_investment": ("政府投资项目拨款", "government investment project appropriation"),
    "gov_fund": ("政府性基金预算拨款", "government fund budget appropriation"),
    "state_capital": ("国有资本经营预算拨款", "state capital budget appropriation"),
    "special_account": ("财政专户管理资金", "special-account funds"),
    "own_funds": ("单位资金", "own funds"),
    "service_revenue": ("事业收入", "service revenue"),
    "business_revenue": ("事业单位经营收入", "business revenue"),
    "superior_subsidy": ("上级补助收入", "subsidy from the superior unit"),
    "affiliated_remit": ("附属单位上缴收入", "remittance from affiliated units"),
    "other_income": ("其他收入", "other income"),
    "fund_makeup": ("用事业基金弥补收支差额", "service fund used to cover the gap"),
    "carryover": ("上年结转", "carried over from last year"),
    "other_funds": ("其他资金", "other funds"),
    # expenditure columns
    "basic": ("基本支出", "basic expenditure"),
    "project": ("项目支出", "project expenditure"),
    "business_expenditure": ("事业单位经营支出", "business expenditure"),
    "subsidy_to_affiliates": ("对附属单位补助支出", "subsidy to affiliated units"),
    "remit_to_superior": ("上缴上级支出", "remittance to the superior unit"),
    "personnel": ("人员经费", "personnel costs"),
    "operating": ("公用经费", "operating costs"),
    # procurement columns
    "procurement": ("政府采购小计", "government procurement subtotal"),
    "procurement_sme": ("预留给中小企业", "reserved for small and medium enterprises"),
    "procurement_micro": ("预留给小型微型企业", "reserved for small and micro enterprises"),
    # 三公
    "overseas_travel": ("因公出国（境）费", "official travel abroad"),
    "hospitality": ("公务接待费", "official hospitality"),
    "vehicles": ("公务用车购置及运行维护费", "official vehicles, purchase and operation"),
    "vehicle_purchase": ("公务用车购置费", "official vehicle purchase"),
    "vehicle_operation": ("公务用车运行维护费", "official vehicle operation"),
    "office_operating": ("机关运行经费", "office operating costs"),
    "three_public": ("“三公”经费", "three public expenses"),
    "meetings": ("会议费", "meetings"),
    "training": ("培训费", "training"),
    "reserve": ("单位预留机动经费", "unit contingency reserve"),
    "carryforward": ("结转下年", "carried forward to next year"),
    # final accounts (决算)
    "initial_budget": ("年初预算", "initial budget"),
    "adjusted_budget": ("全年预算", "full-year budget"),
    "actual": ("决算数", "actual"),
    # a table that prints the year before beside its own (上年预算数 | 本年预算数 | 增减)
    "prior_year": ("上年数", "the prior year's figure"),
    "change": ("比上年增减", "change on the prior year"),
}

# a table's top-level column ("the total") by preference: the first of these the table prints
WHOLE = ("total", "amount", "actual", "general_budget")


def label(meaning: str) -> str:
    """Chinese label of a meaning; unknown meanings are shown as they are."""
    return MEANINGS.get(meaning, (meaning, meaning))[0]
