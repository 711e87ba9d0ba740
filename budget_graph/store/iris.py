"""The store's graph names: deterministic, so loading a filing again replaces what it loaded before.

A filing's graph and its findings' graph are named from its unit, year and kind (预算/决算); the national
code lists and the ontology each have one graph of their own, loaded once and shared by every filing.
"""

from __future__ import annotations

from urllib.parse import quote

from budget_graph.graph.iris import slug

ROOT = "https://w3id.org/budget-graph/graph/"
ONTOLOGY_GRAPH = ROOT + "ontology"
# The store's own bookkeeping terms, kept inside the graph they describe: its content digest, and how many
# quads it holds (these two included), so a store's size is a sum over its graphs, not a count of every quad.
DIGEST = "https://w3id.org/budget-graph/store#digest"
QUADS = "https://w3id.org/budget-graph/store#quads"


def filing_graph(unit: str, year: int, kind: str) -> str:
    """`…/graph/filing/<unit slug>/2024/budget`: one graph per filing (the slug as in the filing's IRIs)."""
    return f"{ROOT}filing/{slug(unit)}/{year}/{kind}"


def findings_graph(unit: str, year: int, kind: str) -> str:
    """The filing's findings as a SHACL validation report, beside the filing's own graph."""
    return f"{ROOT}findings/{slug(unit)}/{year}/{kind}"


def crossfiling_graph(unit: str, year: int, kind: str) -> str:
    """The filing's findings against other filings (BG-F), rewritten whenever the filing is loaded."""
    return f"{ROOT}crossfiling/{slug(unit)}/{year}/{kind}"


def summary_graph(unit: str, year: int, kind: str) -> str:
    """The figures of the filing that the named queries read (store/summary.py), derived at load time."""
    return f"{ROOT}summary/{slug(unit)}/{year}/{kind}"


def code_list_graph(name: str) -> str:
    """One graph per code-list file (`ontology/codes/<name>.ttl`)."""
    return f"{ROOT}codes/{quote(name, safe='')}"
