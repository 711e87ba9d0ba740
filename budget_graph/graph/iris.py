"""Deterministic IRIs: the same filing gets the same IRIs every time, on every machine.

A filing's IRIs live under https://w3id.org/budget-graph/filing/<unit-slug>/<year>/<kind>/, where the
unit slug is a short hash of the unit's normalised name (so the same unit keeps its slug across years).
Inside a filing, nodes are named for what they are: the table's kind, the row's position, the column's
meaning, the code's notation.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from budget_graph.graph.namespaces import BGF, BGU
from budget_graph.model import Filing, Table


def slug(name: str) -> str:
    """12 hex digits of SHA-1 over the NFKC-normalised name without spaces (（本级） = (本级))."""
    normalised = "".join(unicodedata.normalize("NFKC", name).split())
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:12]


def unit_iri(name: str) -> URIRef:
    return BGU[slug(name)]


@lru_cache(maxsize=4096)  # the same steps ('row', 'basic', 12) recur in every table
def _safe(text: str) -> str:
    return quote(text, safe="")


class FilingIris:
    """Every IRI of one filing's graph."""

    def __init__(self, filing: Filing):
        self.base = f"{BGF}{slug(filing.unit)}/{filing.year}/{filing.kind.value}/"
        self.filing = URIRef(self.base.rstrip("/"))
        self.dataset = URIRef(self.base + "dataset")
        self._tables = _table_keys(filing.tables)

    def table(self, table: Table) -> URIRef:
        return URIRef(f"{self.base}table/{self._tables[id(table)]}")

    def part(self, number: int) -> URIRef:
        return URIRef(f"{self.base}part/{number}")

    def code(self, scheme: str, notation: str) -> URIRef:
        return URIRef(f"{self.base}code/{scheme}/{_safe(notation)}")

    def scheme(self, scheme: str) -> URIRef:
        return URIRef(f"{self.base}scheme/{scheme}")

    def project(self, name: str) -> URIRef:
        return URIRef(f"{self.base}project/{slug(name)}")

    def numbered(self, kind: str, index: int) -> URIRef:
        """claim/3, indicator/12, toc/5: elements named by their position in the filing."""
        return URIRef(f"{self.base}{kind}/{index}")


def child(parent: URIRef, *steps: str | int) -> URIRef:
    """An IRI below another one: row 5 of a table, the `basic` line of a row, note 1 of a table."""
    return URIRef("/".join([str(parent), *(_safe(str(step)) for step in steps)]))


def _table_keys(tables: list[Table]) -> dict[int, str]:
    """A table is named by its kind; by kind and position when a kind occurs twice; by position if unknown."""
    kinds = [t.kind.name if t.kind else None for t in tables]
    keys = {}
    for index, (table, kind) in enumerate(zip(tables, kinds, strict=True), start=1):
        unique = kind is not None and kinds.count(kind) == 1
        keys[id(table)] = kind if unique else f"{kind or 'table'}-{index}"
    return keys
