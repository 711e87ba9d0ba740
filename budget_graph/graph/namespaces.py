"""The vocabularies the graph speaks: the project's own (bg:) and the reused ones (design.md)."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, SKOS, XSD


class _Vocabulary(Namespace):
    """A namespace that makes each term it is asked for by name once. rdflib makes (and checks) a new
    URIRef every time: the mapper asks for tens of thousands of them per filing."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term  # found there from now on, before __getattr__ is asked
        return term


BG = _Vocabulary("https://w3id.org/budget-graph/ontology#")
BGM = _Vocabulary("https://w3id.org/budget-graph/meaning/")  # column meanings (model/meanings.py)
BGU = _Vocabulary("https://w3id.org/budget-graph/unit/")  # budget units, shared across filings and years
BGL = _Vocabulary("https://w3id.org/budget-graph/layout/")  # disclosure layouts (check/requirements.py)
BGF = "https://w3id.org/budget-graph/filing/"  # root of every filing's own IRIs
QB = _Vocabulary("http://purl.org/linked-data/cube#")
OBEU_DIMENSION = _Vocabulary("http://data.openbudgets.eu/ontology/dsd/dimension/")
OBEU_MEASURE = _Vocabulary("http://data.openbudgets.eu/ontology/dsd/measure/")
OBEU_ATTRIBUTE = _Vocabulary("http://data.openbudgets.eu/ontology/dsd/attribute/")
OBEU_BUDGETPHASE = _Vocabulary("http://data.openbudgets.eu/resource/codelist/budget-phase/")
YEAR = _Vocabulary("http://reference.data.gov.uk/id/year/")
CURRENCY = _Vocabulary("http://publications.europa.eu/resource/authority/currency/")

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
