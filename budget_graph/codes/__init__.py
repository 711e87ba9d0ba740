"""The national classification code lists: lookups by code, year and scheme, and their concept IRIs.

The graph links each budget line to `national_concept(scheme, code, year)`; checks use `lookup`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from budget_graph.codes.index import (
    SCHEMES,
    Concept,
    SchemeIndex,
    parent_code,
    scheme_index,
    scheme_of,
)
from budget_graph.codes.names import name_fits, normalise, same_name

if TYPE_CHECKING:  # rdflib loads where an IRI is first made: `codes search` and `codes list` need none
    from rdflib import URIRef

CODES = "https://w3id.org/budget-graph/code/"


def scheme_iri(scheme: str) -> URIRef:
    from rdflib import URIRef

    return URIRef(f"{CODES}{scheme}")


def concept_iri(concept: Concept) -> URIRef:
    """One IRI per code per edition: …/code/functional/2017/2011308 (the year the version is first in force)."""
    from rdflib import URIRef

    return URIRef(f"{CODES}{concept.scheme}/{concept.edition}/{concept.code}")


def lookup(code: str, year: int | None = None, scheme: str | None = None) -> Concept | None:
    """The national concept for a printed code in force in `year`; the scheme is guessed from the code's shape."""
    scheme = scheme or scheme_of(code)
    if scheme is None:
        return None
    return scheme_index(scheme).lookup(code, None if scheme == "procurement" else year)


# the graph's scheme names (graph/codes.py) → the lists a code of that table may belong to
_COMPATIBLE = {"economic": ("economic", "government-economic")}


def national_concept(scheme: str | None, code: str, year: int | None) -> URIRef | None:
    """The IRI of the national concept a filing's code stands for in its year; None when the code is unknown.

    The code's shape picks the list: `scheme` (the table's, as the graph names it) is only advisory, so an
    economic code in a table the mapper files as functional (机关运行经费 tables print 302xx) still links.
    """
    concept = lookup(code.strip().upper(), year)
    return concept_iri(concept) if concept else None


def resolve_scheme(scheme: str | None, code: str) -> str | None:
    """The list a code belongs to by its shape, if that fits the scheme asked for (None: any)."""
    shape = scheme_of(code.strip().upper())
    if shape is None or (scheme and shape not in _COMPATIBLE.get(scheme, (scheme,))):
        return None
    return shape


class NationalCodeLists:
    """The mapper's hook (graph.mapper.CodeLists): build_graph(filing, NationalCodeLists())."""

    def match(self, scheme: str, notation: str, year: int, name: str = "") -> URIRef | None:
        """The national concept, unless the printed name is another code's (30212 printed for 会议费)."""
        code = notation.strip().upper()
        if name and named_code(code, name) != code:
            return None
        return national_concept(scheme, notation, year)


# the lists whose names budget lines bear (procurement items are named by purchase, not matched by name)
_NAMED_SCHEMES = ("functional", "economic", "government-economic")


def named_code(code: str, name: str) -> str | None:
    """The code a line stands for: its printed code when the printed name fits one of that code's names
    (any edition); when the name contradicts it (a list renumbered 01…13: 30212 printed for 会议费), the one
    code of the same list that bears that name; None when there is none. A code the lists do not hold
    is taken as printed: nothing says what it means."""
    scheme = scheme_of(code)
    versions = scheme_index(scheme).versions(code) if scheme in _NAMED_SCHEMES else []
    if not versions or name_fits(name, [v.name for v in versions]):
        return code
    index = scheme_index(scheme)
    owners = index.codes_named.get(normalise(name), frozenset())
    return next(iter(owners)) if len(owners) == 1 else None


def current_name(name: str) -> str:
    """A line's name as the current edition has it: 医疗卫生与计划生育支出 (210 before 2018) → 卫生健康支出.
    A name that no code bore, or that codes now named differently bore, stays as it is (normalised)."""
    flat = normalise(name)
    current = {c for scheme in _NAMED_SCHEMES for c in scheme_index(scheme).current_names.get(flat, ())}
    return next(iter(current)) if len(current) == 1 else flat


def search(text: str, scheme: str | None = None) -> list[Concept]:
    """Concepts whose name contains `text` (width, spaces and brackets ignored), latest versions first."""
    wanted = normalise(text)
    schemes = [scheme] if scheme else list(SCHEMES)
    found = [c for s in schemes for c in scheme_index(s).concepts() if wanted in normalise(c.name)]
    return sorted(found, key=lambda c: (list(SCHEMES).index(c.scheme), c.code, -(c.since or 0)))


__all__ = [
    "CODES",
    "Concept",
    "NationalCodeLists",
    "SchemeIndex",
    "concept_iri",
    "current_name",
    "lookup",
    "name_fits",
    "named_code",
    "national_concept",
    "normalise",
    "parent_code",
    "resolve_scheme",
    "same_name",
    "scheme_index",
    "scheme_iri",
    "scheme_of",
    "search",
]
