"""The vocabularies the graph speaks: the project's own (bg:) and the reused ones (design.md)."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, SKOS, XSD

BG = Namespace("https://w3id.org/budget-graph/ontology#")
BGM = Namespace("https://w3id.org/budget-graph/meaning/")  # column meanings (model/meanings.py)
BGU = Namespace("https://w3id.org/budget-graph/unit/")  # budget units, shared across filings and years
BGL = Namespace("https://w3id.org/budget-graph/layout/")  # disclosure layouts (check/requirements.py)
BGF = "https://w3id.org/budget-graph/filing/"  # root of every filing's own IRIs
QB = Namespace("http://purl.org/linked-data/cube#")
OBEU_DIMENSION = Namespace("http://data.openbudgets.eu/ontology/dsd/dimension/")
OBEU_MEASURE = Namespace("http://data.openbudgets.eu/ontology/dsd/measure/")
OBEU_ATTRIBUTE = Namespace("http://data.openbudgets.eu/ontology/dsd/attribute/")
OBEU_BUDGETPHASE = Namespace("http://data.openbudgets.eu/resource/codelist/budget-phase/")
YEAR = Namespace("http://reference.data.gov.uk/id/year/")
CURRENCY = Namespace("http://publications.europa.eu/resource/authority/currency/")

PREFIXES = {
    "bg": BG,
    "bgm": BGM,
    "bgu": BGU,
    "bgl": BGL,
    "qb": QB,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "obeu-dimension": OBEU_DIMENSION,
    "obeu-measure": OBEU_MEASURE,
    "obeu-attribute": OBEU_ATTRIBUTE,
    "obeu-budgetphase": OBEU_BUDGETPHASE,
    "sh": SH,
    "xsd": XSD,
    "rdfs": RDFS,
    "rdf": RDF,
}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph
