"""The store: many filings, the national code lists and every filing's findings, answering SPARQL.

Embedded Oxigraph on disk by default (`--store DIR`), or any SPARQL 1.1 server (`--endpoint URL`):
the same operations either way (docs/store.md).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from budget_graph.errors import InputError
from budget_graph.store.graphs import NamedGraph
from budget_graph.store.results import Answer


class GraphStore(Protocol):
    atomic: bool  # a failed transaction leaves the store as it was

    def query(self, sparql: str) -> Answer: ...

    def digests(self, iris: list[str]) -> dict[str, str]: ...

    def replace(self, graphs: list[NamedGraph]) -> None: ...

    def transaction(self) -> AbstractContextManager[GraphStore]: ...

    def triple_count(self) -> int: ...

    def note_written(self, quads: int) -> bool: ...  # count `quads` more written; True: compact now

    def compact(self) -> None: ...  # make reads fast again after large loads

    def close(self) -> None: ...


def open_store(
    store: str | None, endpoint: str | None, graph_store: str | None = None, read_only: bool = False
) -> GraphStore:
    """The store a command names: a folder (`--store`) or a server (`--endpoint`), exactly one."""
    if bool(store) == bool(endpoint):
        raise InputError(
            "请指定 --store DIR 或 --endpoint URL（二选一） give --store DIR or --endpoint URL (one)"
        )
    if endpoint:
        from budget_graph.store.remote import RemoteStore

        return RemoteStore(endpoint, graph_store)
    from budget_graph.store.oxigraph import LocalStore

    return LocalStore(Path(store), read_only=read_only)


def replace_changed(store: GraphStore, graphs: list[NamedGraph]) -> list[NamedGraph]:
    """Replace the graphs whose content differs from what the store holds; return those replaced."""
    held = store.digests([graph.iri for graph in graphs])
    changed = [graph for graph in graphs if held.get(graph.iri) != graph.digest]
    store.replace(changed)
    return changed


__all__ = ["Answer", "GraphStore", "NamedGraph", "open_store", "replace_changed"]
