"""The SHACL family's rules: what each shape of shapes/*.ttl checks, by the id it names (bg:ruleId).

Records only, apart from check/shacl.py (which runs the shapes with pySHACL and loads rdflib), so the
catalogue, and `budget-graph rules`, load no RDF library (issue 15).
"""

from __future__ import annotations

from budget_graph.check.rules import Rule, Severity, rule

BASIS_TABLES = (
    "《地方预决算公开操作规程》（财预〔2016〕143号）及各地部门预决算公开目录; disclosure-rules.md A.1, A.2, G"
)

REQUIRED_TABLES = rule(
    id="BG-C001",
    title="必须公开的表格齐全",
    title_en="Every required table is published",
    severity=Severity.ERROR,
    basis=BASIS_TABLES,
    engine="shacl",
    checks="The filing has a table of every kind its layouts require: the national eight 部门预算 tables (nine "
    "决算 tables) and, for Shenzhen budgets, the 14-table set. Tables are recognised by kind, not by title.",
    why="A missing table is information the public is entitled to and does not get.",
    fail_example="表格部分没有“三公”经费支出表",
    pass_example="表一至表十四俱全",
)
REQUIRED_TOPICS = rule(
    id="BG-C002",
    title="必须说明的事项齐全",
    title_en="Every required narrative topic is explained",
    severity=Severity.WARNING,
    basis="预算法第十四条; 财预〔2016〕143号; disclosure-rules.md A.4",
    engine="shacl",
    checks="Some part title or heading of the narrative names each topic the filing's layouts require "
    "(duties, organisation, income and expenditure overview, office operating costs, procurement, the three "
    "public expenses, glossary; the nine Shenzhen parts).",
    why="The law requires the narrative to explain these matters; a missing section is a disclosure gap.",
    fail_example="说明中没有“机关运行经费”的内容",
    pass_example="第八部分 一、机关运行经费",
)
EMPTY_TABLE_EXPLAINED = rule(
    id="BG-C003",
    title="空表应有说明",
    title_en="Every empty table is explained",
    severity=Severity.WARNING,
    basis="公开目录“没有数据的表格应当列出空表并说明”; disclosure-rules.md A.3, G.36",
    engine="shacl",
    checks="A table whose figures are all zero or blank has a note saying why (故本表为空表, 本部门无相关收支) or a "
    "narrative sentence saying the unit has none of what it shows (本单位无政府性基金预算支出…).",
    why="Without the note a reader cannot tell an empty table from a table left unfilled by mistake.",
    fail_example="表十全为0.00，说明中也未提及政府性基金",
    pass_example="第八部分：本单位无政府性基金预算支出…",
)
THREE_PUBLIC_EXPLAINED = rule(
    id="BG-C004",
    title="说明“三公”经费",
    title_en="The three public expenses are explained in words",
    severity=Severity.WARNING,
    basis="财预〔2016〕143号; disclosure-rules.md C.10",
    engine="shacl",
    checks="The narrative part on the three public expenses (第五部分 in Shenzhen) has text about them.",
    why="The 三公 explanation (amounts and the reasons for their change) is a required disclosure.",
    fail_example="第五部分 财政拨款“三公”经费预算情况（无正文）",
    pass_example="2024 年财政拨款“三公”经费预算 3.15 万元，较 2023 年年初预算减少 0.10 万元。",
)
ROW_NAMED = rule(
    id="BG-C005",
    title="数据行应有编码或名称",
    title_en="Every row with figures has a code or a name",
    severity=Severity.WARNING,
    basis="table design",
    engine="shacl",
    checks="Every table row with a non-zero figure has a classification code or a row name.",
    why="A figure nobody can attribute is not a disclosure; it is usually a misprinted or shifted row.",
    fail_example="|  |  | 12.00 |",
    pass_example="| 2011308 | 招商引资 | 1,200.00 |",
)
AMOUNT_IS_NUMBER = rule(
    id="BG-C006",
    title="金额应为数字",
    title_en="Every amount is a number",
    severity=Severity.WARNING,
    basis="table design",
    engine="shacl",
    checks="Every budget line (a cell of an amount column) holds exactly one decimal number.",
    why="Text in an amount column cannot be added up or compared; it hides the figure it replaces.",
    fail_example="支出总计 | 见附表",
    pass_example="支出总计 | 33,654.29",
)
CODE_LENGTH = rule(
    id="BG-K010",
    title="科目编码位数正确",
    title_en="Classification codes have the right number of digits",
    severity=Severity.WARNING,  # a misprinted code; no figure is wrong for it (BG-K007 says where it is counted)
    basis="《政府收支分类科目》: 类3位、款5位、项7位",
    engine="shacl",
    checks="Functional codes have 3, 5 or 7 digits (类/款/项); economic codes 3 or 5 (类/款).",
    why="A code of another length is no code of the national classification: misprinted or truncated.",
    fail_example="201130 商贸事务",
    pass_example="20113 商贸事务",
)
CODE_PARENT = rule(
    id="BG-K011",
    title="上级科目是编码前缀",
    title_en="A code's parent is its prefix",
    severity=Severity.ERROR,
    basis="《政府收支分类科目》: a 款 code extends its 类 code, a 项 code its 款 code",
    engine="shacl",
    checks="In every SKOS scheme of codes (a filing's own, or a national list loaded beside it), the skos:broader "
    "of a code is a shorter code that is its prefix.",
    why="Roll-ups and cross-filing queries follow skos:broader; a wrong parent sums spending into the wrong class.",
    fail_example="2011308 skos:broader 20132",
    pass_example="2011308 skos:broader 20113",
)
INDICATOR_TARGET = rule(
    id="BG-I001",
    title="绩效指标应有目标值",
    title_en="Every performance indicator has a target value",
    severity=Severity.WARNING,
    basis="预算绩效目标管理办法: indicators state target values; disclosure-rules.md D.17",
    engine="shacl",
    checks="Every named level-3 performance indicator states its target value.",
    why="An indicator without a target cannot be evaluated.",
    fail_example="服务企业 | （空白）",
    pass_example="服务企业 | 500家以上",
)

# the shapes' rules by the id each shape names (bg:ruleId)
BY_ID: dict[str, Rule] = {
    r.id: r
    for r in (
        REQUIRED_TABLES,
        REQUIRED_TOPICS,
        EMPTY_TABLE_EXPLAINED,
        THREE_PUBLIC_EXPLAINED,
        ROW_NAMED,
        AMOUNT_IS_NUMBER,
        CODE_LENGTH,
        CODE_PARENT,
        INDICATOR_TARGET,
    )
}
