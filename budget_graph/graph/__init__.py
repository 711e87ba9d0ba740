"""The map step: a Filing becomes an RDF graph in the project's ontology (ontology/budget-graph.ttl).

The mapper (and with it rdflib) loads when one of its names is first asked for, not for `graph.codes`
or `graph.namespaces` alone: the rule catalogue reads the project's code patterns without any RDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budget_graph.graph.mapper import CodeLists, MappedGraph, build_graph

__all__ = ["CodeLists", "MappedGraph", "build_graph"]


def __getattr__(name: str):
    if name in __all__:
        from budget_graph.graph import mapper

        return getattr(mapper, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
