"""What the cross-filing checks (BG-F) compare with that only the store knows: the filings it holds.

The caller (`load`) reads them here and hands them to check/crossfiling.cross_check; the checks never
ask the store. A stored filing's stated figures and function-table totals are read back from its graph.
"""

from __future__ import annotations

from decimal import Decimal

from budget_graph.graph.iris import slug
from budget_graph.graph.mapper import UNITS
from budget_graph.model import Amount, Filing, Kind, Location
from budget_graph.model.facts import FilingFacts, Stated, subject_key
from budget_graph.store.iris import ROOT, filing_graph
from budget_graph.store.queries import with_prefixes

_UNITS = {str(iri): unit for unit, iri in UNITS.items()}  # a published unit by its IRI
# Both read one stored filing's graph; the project's prefixes are declared by `with_prefixes`.
_STATED_IN_GRAPH = """
SELECT ?unit ?source ?part ?subject ?parent ?value ?decimals ?currency ?line ?page WHERE {
  GRAPH <%s> {
    ?filing a bg:Filing ; obeu-dimension:organization ?org ; bg:hasClaim ?claim .
    ?org rdfs:label ?unit .
    ?claim bg:subject ?subject ; bg:part ?partNode ; bg:statedAmount ?amount .
    ?partNode bg:partNumber ?part .
    ?amount bg:publishedValue ?value ; bg:decimals ?decimals ; bg:publishedUnit ?currency .
    OPTIONAL { ?filing dcterms:source ?source }
    OPTIONAL { ?claim bg:parentSubject ?parent }
    OPTIONAL { ?claim bg:line ?line }
    OPTIONAL { ?claim bg:page ?page }
  }
}"""


_FUNCTION_TOTALS_IN_GRAPH = """
SELECT ?code ?value ?decimals ?tableUnit ?lineUnit ?source ?title ?label ?line ?page WHERE {
  GRAPH <%s> {
    ?filing bg:hasTable ?table .
    ?table a bg:GeneralBudgetByFunction ; bg:publishedUnit ?tableUnit ; bg:hasRow ?row .
    ?row bg:code ?codeNode .
    ?codeNode skos:notation ?code .
    ?cell bg:inRow ?row ; bg:columnMeaning bgm:total ; bg:publishedValue ?value ; bg:decimals ?decimals .
    OPTIONAL { ?cell bg:publishedUnit ?lineUnit }
    OPTIONAL { ?filing dcterms:source ?source }
    OPTIONAL { ?table rdfs:label ?title }
    OPTIONAL { ?row bg:rowLabel ?label }
    OPTIONAL { ?row bg:line ?line }
    OPTIONAL { ?row bg:page ?page }
  }
}"""


def facts_in_store(store, unit: str, year: int, kind: Kind) -> FilingFacts:
    """A stored filing's stated figures and function-table totals, read back from its graph."""
    graph = filing_graph(unit, year, kind.value)
    facts = FilingFacts(unit, year, kind)
    for row in store.query(with_prefixes(_FUNCTION_TOTALS_IN_GRAPH % graph)).values():
        amount = _amount(row["value"], row["decimals"], row.get("lineUnit") or row["tableUnit"])
        place = Location(
            row.get("source", ""),
            line=_int(row.get("line")),
            page=_int(row.get("page")),
            table=row.get("title"),
            row=row.get("label"),
        )
        facts.by_code.setdefault(row["code"], Stated(amount, place))
    for row in store.query(with_prefixes(_STATED_IN_GRAPH % graph)).values():
        amount = _amount(row["value"], row["decimals"], row["currency"])
        place = Location(row.get("source", ""), line=_int(row.get("line")), page=_int(row.get("page")))
        facts.state(subject_key(int(row["part"]), row["subject"], row.get("parent")), Stated(amount, place))
    return facts


def stored_filings(store) -> set[tuple[str, int, Kind]]:
    """(unit slug, year, kind) of every filing the store holds, read from its graph names (one query)."""
    prefix = f"{ROOT}filing/"
    rows = store.query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?f a <https://w3id.org/budget-graph/ontology#Filing> } "
        f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
    ).values()
    keys = set()
    for row in rows:
        unit, year, kind = row["g"][len(prefix) :].split("/")[:3]
        keys.add((unit, int(year), Kind(kind)))
    return keys


def known_in_store(store, filings: list[Filing]) -> list[FilingFacts]:
    """What the store knows that the run does not: the run's units' other budget years, and the budget
    filings the run's filings are compared with, with their figures."""
    in_run = {(slug(f.unit), f.year, f.kind) for f in filings}
    units = {slug(f.unit): f.unit for f in filings}
    stored = {key for key in stored_filings(store) - in_run if key[0] in units and key[2] is Kind.BUDGET}
    known = {key: FilingFacts(units[key[0]], key[1], key[2]) for key in stored}
    for filing in filings:
        # the previous year's budget (change statements) and, for a 决算, the same year's (年初预算)
        year = filing.year if filing.kind is Kind.FINAL else filing.year - 1
        key = (slug(filing.unit), year, Kind.BUDGET)
        if key in stored:
            known[key] = facts_in_store(store, filing.unit, year, Kind.BUDGET)
    return list(known.values())


def _amount(value: str, decimals: str, unit: str) -> Amount:
    """An amount as published, from its value, its printed decimals and its unit's IRI."""
    return Amount(Decimal(value).quantize(Decimal(1).scaleb(-int(decimals))), _UNITS[unit])


def _int(text: str | None) -> int | None:
    return int(text) if text else None
