"""The map step: a Filing becomes an RDF graph in the project's ontology (ontology/budget-graph.ttl)."""

from budget_graph.graph.mapper import CodeLists, MappedGraph, build_graph

__all__ = ["CodeLists", "MappedGraph", "build_graph"]
