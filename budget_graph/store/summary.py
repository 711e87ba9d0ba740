"""Per-filing summaries written at load time, so the named queries read a few nodes per filing, not every line.

At 10,000 filings the store holds 50 M triples; a named query that re-joins every budget line, claim or
finding of every filing takes tens of seconds. Each filing's figures that the named queries need — its
三公 row, its class (类) rows, its projects with their funding, its change statements with the base
they imply, the figures it states (for next year's statements to compare with) — are summed here once,
from the filing's own graph alone (design.md: query the published subtotal rows, do not re-sum leaves),
and kept in a graph `…/graph/summary/<unit>/<year>/<kind>` beside it. A findings report gets its counts
by rule and severity, and by severity alone, the same way (`tallies`). Everything is derived from the filing's graphs by the
SPARQL below, so a summary never says anything its filing does not.
"""

from __future__ import annotations

import pyoxigraph as ox

from budget_graph.graph.namespaces import PREFIXES
from budget_graph.model.meanings import WHOLE

SUMMARY = "https://w3id.org/budget-graph/store#"

_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + f"PREFIX bgs: <{SUMMARY}>\n"

# rounding radius in yuan of a printed figure: half a unit of its last digit
_RADIUS = """(0.5 * IF(?{u} = bg:TenThousandYuan, 10000, IF(?{u} = bg:HundredMillionYuan, 100000000, 1))
  / IF(?{d} = 0, 1, IF(?{d} = 1, 10, IF(?{d} = 2, 100, IF(?{d} = 3, 1000, 10000)))))"""

_FILING = """CONSTRUCT { ?filing bgs:unit ?unit ; bgs:organization ?org ; bgs:year ?year ; bgs:kind ?kind ;
                     bgs:source ?source }
WHERE { ?filing a bg:Filing ; bg:fiscalYear ?year ; bg:filingKind ?kind ; obeu-dimension:organization ?org .
        ?org rdfs:label ?unit . OPTIONAL { ?filing dcterms:source ?source } }"""

# The 三公 total is the column meaning three_public where the layout prints one (Jiangsu: its 合计 also
# holds 会议费 and 培训费, the table's grand total), else the table's total, which is then the 三公 total.
# A 决算's table prints a 预算数 row and a 决算数 row: its own figures are the 决算数 row's, blank when
# nothing was spent (a row without figures counts 0, as a blank cell does).
_THREE_PUBLIC = """CONSTRUCT { ?filing bgs:threePublicTotal ?total ; bgs:overseasTravel ?overseas ;
                     bgs:hospitality ?hospitality ; bgs:vehicles ?vehicles }
WHERE { { SELECT ?filing (SUM(COALESCE(IF(?meaning = bgm:three_public, ?yuan, 0), 0)) AS ?threePublic)
          (MAX(COALESCE(IF(?meaning = bgm:three_public, 1, 0), 0)) AS ?printed)
          (SUM(COALESCE(IF(?meaning = bgm:total, ?yuan, 0), 0)) AS ?grand)
          (SUM(COALESCE(IF(?meaning = bgm:overseas_travel, ?yuan, 0), 0)) AS ?overseas)
          (SUM(COALESCE(IF(?meaning = bgm:hospitality, ?yuan, 0), 0)) AS ?hospitality)
          (SUM(COALESCE(IF(?meaning = bgm:vehicles, ?yuan, 0), 0)) AS ?vehicles)
  WHERE { ?filing a bg:Filing ; bg:fiscalYear ?year ; bg:filingKind ?kind ; bg:hasTable ?table .
    ?table a bg:ThreePublicExpenses ; bg:hasRow ?row .
    OPTIONAL { ?row bg:rowLabel ?rowLabel }
    FILTER(?kind != bg:FinalAccounts || !CONTAINS(COALESCE(?rowLabel, ""), "预算") || CONTAINS(?rowLabel, "决算"))
    OPTIONAL { ?line bg:inRow ?row ; bg:columnMeaning ?meaning ; obeu-measure:amount ?yuan .
               OPTIONAL { ?line bg:referenceYear ?lineYear } }
    # the year's own row; a change row (增减变化) and last year's row are left out
    FILTER(COALESCE(?lineYear = ?year, false) || (!BOUND(?lineYear) && NOT EXISTS { ?row bg:rowRole bg:PeriodRow })) }
  GROUP BY ?filing }
  BIND(IF(?printed = 1, ?threePublic, ?grand) AS ?total) }"""

# the class rows' amounts in the table's own total column: the first of WHOLE it prints (a Shanghai budget's
# is 一般公共预算拨款, Jiangsu's 金额), so a row's 基本支出 and 项目支出 are not added to it a second time;
# and the national concept the class stands for in the filing's year (the mapper's skos:exactMatch: the
# edition in force that year), whose name the queries show
_WHOLE = " ".join(f"(bgm:{meaning} {rank})" for rank, meaning in enumerate(WHOLE))
_CLASSES = f"""CONSTRUCT {{ ?filing bgs:classTotal ?node . ?node bgs:functionClass ?class ; bgs:amount ?total ;
                      bgs:nationalClass ?national }}
WHERE {{ {{ SELECT ?filing ?class (SUM(?yuan) AS ?total) (SAMPLE(?concept) AS ?national)
  WHERE {{ {{ SELECT ?table (MIN(?rank) AS ?best)
      WHERE {{ ?table a bg:GeneralBudgetByFunction ; bg:hasRow ?anyRow . ?anyLine bg:inRow ?anyRow ; bg:columnMeaning ?m .
              VALUES (?m ?rank) {{ {_WHOLE} }} }}
      GROUP BY ?table }}
    ?filing a bg:Filing ; bg:hasTable ?table .
    ?table bg:hasRow ?row .
    ?row bg:code ?code . ?code bg:codeLevel 1 ; skos:notation ?class .
    OPTIONAL {{ ?code skos:exactMatch ?concept }}
    ?line bg:inRow ?row ; bg:columnMeaning ?meaning ; obeu-measure:amount ?yuan .
    VALUES (?meaning ?rank) {{ {_WHOLE} }}
    FILTER(?rank = ?best) }}
  GROUP BY ?filing ?class }}
  BIND(IRI(CONCAT(STR(?filing), "/summary/class/", ENCODE_FOR_URI(?class))) AS ?node) }}"""

_PROJECTS = """CONSTRUCT { ?filing bgs:project ?node . ?node bgs:name ?project ; bgs:total ?totalYuan ;
                     bgs:funding ?funding . ?funding bgs:source ?source ; bgs:amount ?sourceYuan }
WHERE { ?filing a bg:Filing ; bg:hasProject ?node . ?node rdfs:label ?project ; bg:projectRow ?row .
  OPTIONAL { ?totalLine bg:inRow ?row ; bg:columnMeaning bgm:total ; obeu-measure:amount ?totalYuan }
  OPTIONAL { ?node bg:fundingSource ?source .
    ?sourceLine bg:inRow ?row ; bg:columnMeaning ?source ; obeu-measure:amount ?sourceYuan .
    BIND(IRI(CONCAT(STR(?node), "/summary/funding/", REPLACE(STR(?source), "^.*/", ""))) AS ?funding) } }"""

# this year's statements against last year's budget: the base each implies, and where last year's
# figure for the same subject (same part and '其中' parent) would be, in last year's summary
_CHANGES = f"""CONSTRUCT {{ ?filing bgs:changeStatement ?claim . ?claim bgs:subject ?subject ; bgs:text ?statement ;
                     bgs:impliedBase ?base ; bgs:baseRadius ?radius ; bgs:previousFigure ?figure }}
WHERE {{ ?filing a bg:Filing ; bg:fiscalYear ?year ; bg:filingKind bg:DepartmentalBudget ; bg:hasClaim ?claim .
  ?claim bg:baseYear ?baseYear ; bg:changeDirection ?direction ; bg:statedAmount ?a ;
         bg:subject ?subject ; bg:part ?partNode ; bg:text ?statement .
  ?partNode bg:partNumber ?part .
  FILTER(?baseYear = ?year - 1)
  ?a obeu-measure:amount ?aYuan ; bg:decimals ?aDecimals ; bg:publishedUnit ?aUnit .
  OPTIONAL {{ ?claim bg:parentSubject ?parent }}
  OPTIONAL {{ ?claim bg:statedChange ?c . ?c obeu-measure:amount ?cYuan ; bg:decimals ?cDecimals ;
                                              bg:publishedUnit ?cUnit }}
  FILTER(BOUND(?cYuan) || ?direction = bg:Unchanged)
  BIND(IF(?direction = bg:Increase, ?aYuan - ?cYuan, IF(?direction = bg:Decrease, ?aYuan + ?cYuan, ?aYuan)) AS ?base)
  BIND({_RADIUS.format(u="aUnit", d="aDecimals")}
       + IF(BOUND(?cYuan), {_RADIUS.format(u="cUnit", d="cDecimals")}, 0) AS ?radius)
  BIND(REPLACE(STR(?filing), "/[0-9]+/[a-z]+$", CONCAT("/", STR(?baseYear), "/budget")) AS ?prior)
  BIND(IRI(CONCAT(?prior, "/summary/figure/", STR(?part), "/", ENCODE_FOR_URI(COALESCE(?parent, "")), "/",
                  ENCODE_FOR_URI(?subject))) AS ?figure) }}"""

# the figures a budget states for each subject, when it states the subject with one value only
_FIGURES = f"""CONSTRUCT {{ ?filing bgs:statedFigure ?figure . ?figure bgs:amount ?previous ; bgs:radius ?previousRadius }}
WHERE {{ {{ SELECT ?filing ?part ?parentKey ?subject (SAMPLE(?pYuan) AS ?previous) (MAX(?pRadius) AS ?previousRadius)
  WHERE {{ ?filing a bg:Filing ; bg:filingKind bg:DepartmentalBudget ; bg:hasClaim ?before .
    ?before bg:statedAmount ?p ; bg:subject ?subject ; bg:part ?partNode .
    ?partNode bg:partNumber ?part .
    ?p obeu-measure:amount ?pYuan ; bg:decimals ?pDecimals ; bg:publishedUnit ?pUnit .
    OPTIONAL {{ ?before bg:parentSubject ?beforeParent }}
    BIND(COALESCE(?beforeParent, "") AS ?parentKey)
    BIND({_RADIUS.format(u="pUnit", d="pDecimals")} AS ?pRadius) }}
  GROUP BY ?filing ?part ?parentKey ?subject
  HAVING (COUNT(DISTINCT ?pYuan) = 1) }}
  BIND(IRI(CONCAT(STR(?filing), "/summary/figure/", STR(?part), "/", ENCODE_FOR_URI(?parentKey), "/",
                  ENCODE_FOR_URI(?subject))) AS ?figure) }}"""

_TALLIES = """CONSTRUCT { ?report bgs:tally ?tally . ?tally bgs:rule ?rule ; bgs:severity ?level ; bgs:count ?count }
WHERE { { SELECT ?report ?rule ?level (COUNT(DISTINCT ?result) AS ?count)
  WHERE { ?report a sh:ValidationReport ; sh:result ?result . ?result bg:ruleId ?rule ; sh:resultSeverity ?level }
  GROUP BY ?report ?rule ?level }
  BIND(IRI(CONCAT(STR(?report), "/tally/", ENCODE_FOR_URI(?rule), "/", REPLACE(STR(?level), "^.*#", ""))) AS ?tally) }"""

# and its counts by severity alone, what a list of filings shows (a report without results counts 0)
_COUNTS = """CONSTRUCT { ?report bgs:errors ?errors ; bgs:warnings ?warnings ; bgs:infos ?infos }
WHERE { SELECT ?report (SUM(IF(COALESCE(?level = sh:Violation, false), 1, 0)) AS ?errors)
          (SUM(IF(COALESCE(?level = sh:Warning, false), 1, 0)) AS ?warnings)
          (SUM(IF(COALESCE(?level = sh:Info, false), 1, 0)) AS ?infos)
  WHERE { ?report a sh:ValidationReport . OPTIONAL { ?report sh:result ?result . ?result sh:resultSeverity ?level } }
  GROUP BY ?report }"""

_SUMMARIES = [_FILING, _THREE_PUBLIC, _CLASSES, _PROJECTS, _CHANGES, _FIGURES]


def summarise(filing: str) -> str:
    """The summary of a filing's graph (N-Triples in, N-Triples out)."""
    return _construct(filing, _SUMMARIES)


def tallies(report: str) -> str:
    """A findings report's counts by rule and severity, and by severity (N-Triples in, N-Triples out)."""
    return _construct(report, [_TALLIES, _COUNTS])


def _construct(ntriples: str, queries: list[str]) -> str:
    store = ox.Store()
    store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    triples = [t for query in queries for t in store.query(_PREFIXES + query)]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
