"""A named graph ready for a store: canonical N-Triples with its content digest inside.

The digest lets a load skip graphs whose content has not changed, so reloading a corpus rewrites nothing
and leaves triple counts as they were. Blank nodes (a findings report has them) are canonicalised
(RDFC-1.0) and skolemised to IRIs under the graph's name: the same content always gives the same digest,
and no two graphs can share a blank node when many are sent in one N-Quads document or to a server.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyoxigraph as ox

from budget_graph.store.iris import DIGEST, QUADS


@dataclass(frozen=True)
class NamedGraph:
    iri: str
    # sorted canonical lines, the digest and size triples included, as UTF-8 N-Quads naming the graph: made
    # once where the graph is prepared (a worker process), so the writer passes bytes through to Oxigraph
    # and gets them from the worker without decoding (at 1,000 filings decoding and re-encoding text cost
    # the writer ~22 s of CPU of its ~100)
    nquads: bytes
    digest: str
    triples: int

    @property
    def ntriples(self) -> str:
        """The graph as N-Triples (its lines without the graph's name)."""
        return self.nquads.decode("utf-8").replace(f" <{self.iri}> .\n", " .\n")


def named_graph(iri: str, ntriples: str) -> NamedGraph:
    """The graph `iri` holding `ntriples` (N-Triples, any order, blank nodes with any labels)."""
    if "_:" in ntriples:
        ntriples = _skolemised(iri, ntriples)
    lines = sorted({line for line in ntriples.splitlines() if line.strip()})
    return sealed(iri, "".join(line + "\n" for line in lines), len(lines))


def sealed(iri: str, ntriples: str, triples: int) -> NamedGraph:
    """The graph `iri` of `triples` distinct canonical N-Triples lines, sorted, with its bookkeeping
    triples added: the digest of those lines, and the graph's size."""
    digest = "sha256:" + hashlib.sha256(ntriples.removesuffix("\n").encode("utf-8")).hexdigest()
    size = triples + 2
    ntriples += (
        f'<{iri}> <{DIGEST}> "{digest}" .\n'
        f'<{iri}> <{QUADS}> "{size}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    )
    # a line ends ' .\n' and nowhere else (N-Triples escapes a newline inside a literal): one replace a
    # graph, on bytes, not a loop a line
    nquads = ntriples.encode("utf-8").replace(b" .\n", f" <{iri}> .\n".encode())
    return NamedGraph(iri, nquads, digest, size)


def from_turtle(iri: str, turtle: str | bytes) -> NamedGraph:
    """A graph from Turtle text (code lists, the ontology, a findings report)."""
    return named_graph(iri, as_ntriples(turtle))


def as_ntriples(turtle: str | bytes) -> str:
    return ox.serialize(ox.parse(turtle, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES).decode(
        "utf-8"
    )


def as_nquads(graphs: list[NamedGraph]) -> bytes:
    """All graphs as one N-Quads document."""
    return b"".join(graph.nquads for graph in graphs)


def _skolemised(iri: str, ntriples: str) -> str:
    dataset = ox.Dataset(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)

    def term(node):
        return (
            ox.NamedNode(f"{iri}/.well-known/genid/{node.value}") if isinstance(node, ox.BlankNode) else node
        )

    triples = (ox.Triple(term(q.subject), q.predicate, term(q.object)) for q in dataset)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
