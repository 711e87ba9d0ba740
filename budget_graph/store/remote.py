"""An external SPARQL 1.1 server: queries by the SPARQL 1.1 Protocol, loads by the Graph Store Protocol.

Tested against Virtuoso Open Source; written to the standards, so Apache Jena Fuseki and QLever work the
same way (docs/store.md). Credentials come from the environment, never the command line:
BUDGET_GRAPH_ENDPOINT_USER and BUDGET_GRAPH_ENDPOINT_PASSWORD (HTTP Basic or Digest), or
BUDGET_GRAPH_ENDPOINT_TOKEN (a bearer token, as QLever's access token).
"""

from __future__ import annotations

import contextlib
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pyoxigraph as ox

from budget_graph.errors import InputError
from budget_graph.store.graphs import NamedGraph
from budget_graph.store.iris import DIGEST
from budget_graph.store.results import Answer

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_DIGEST_BATCH = 200


class RemoteStore:
    atomic = False  # the Graph Store Protocol replaces one graph at a time

    def __init__(self, endpoint: str, graph_store: str | None = None, timeout: float = 300) -> None:
        self.endpoint = endpoint
        self.graph_store = graph_store or endpoint  # Fuseki and QLever answer both on one URL
        self.timeout = timeout
        self._opener = _opener(endpoint, self.graph_store)

    def query(self, sparql: str) -> Answer:
        body = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
        headers = {"Accept": _ACCEPT, "Content-Type": "application/x-www-form-urlencoded"}
        content_type, payload = self._send(
            urllib.request.Request(self.endpoint, body, headers, method="POST")
        )
        if "json" in content_type:
            return Answer(results=_normalised(json.loads(payload)))
        syntax = ox.RdfFormat.N_TRIPLES if "n-triples" in content_type else ox.RdfFormat.TURTLE
        triples = ox.parse(payload, format=syntax)
        return Answer(triples=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))

    def digests(self, iris: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(iris), _DIGEST_BATCH):
            values = " ".join(f"<{iri}>" for iri in iris[start : start + _DIGEST_BATCH])
            answer = self.query(
                f"SELECT ?g ?d WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?g <{DIGEST}> ?d }} }}"
            )
            found.update({row["g"]: row["d"] for row in answer.values()})
        return found

    def replace(self, graphs: list[NamedGraph]) -> None:
        """HTTP PUT of each graph: the server replaces that graph whole (atomic per graph)."""
        for graph in graphs:
            url = _with_query(self.graph_store, {"graph": graph.iri})
            headers = {"Content-Type": "text/turtle; charset=utf-8"}  # N-Triples is Turtle
            self._send(urllib.request.Request(url, graph.ntriples.encode("utf-8"), headers, method="PUT"))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[RemoteStore]:
        # The Graph Store Protocol has no transactions across graphs: a load prepares every graph before it
        # sends any, so only a server failure half-way can leave some graphs new and some old.
        yield self

    def note_written(self, quads: int) -> bool:
        return False  # a server compacts its own indexes

    def compact(self) -> None:
        return None

    def triple_count(self) -> int:
        answer = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(answer.values()[0]["n"])

    def close(self) -> None:
        return None

    def _send(self, request: urllib.request.Request) -> tuple[str, bytes]:
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            detail = error.read(300).decode("utf-8", "replace").strip().splitlines()
            raise InputError(
                f"SPARQL 服务器拒绝请求 server refused {request.get_method()} {request.full_url.split('?')[0]}: "
                f"{error.code} {error.reason}{': ' + detail[0] if detail else ''}"
            ) from error
        except OSError as error:
            raise InputError(
                f"无法连接 SPARQL 服务器 cannot reach {request.full_url.split('?')[0]}: {error}"
            ) from error


def _normalised(results: dict) -> dict:
    """Older servers (Virtuoso) say 'typed-literal'; SPARQL 1.1 JSON says 'literal' with a datatype."""
    for row in results.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "typed-literal":
                term["type"] = "literal"
    return results


def _with_query(url: str, params: dict[str, str]) -> str:
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params)


def _opener(*urls: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    user, password = (
        os.environ.get("BUDGET_GRAPH_ENDPOINT_USER"),
        os.environ.get("BUDGET_GRAPH_ENDPOINT_PASSWORD"),
    )
    if user and password:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in urls:
            passwords.add_password(None, url, user, password)
        handlers += [
            urllib.request.HTTPBasicAuthHandler(passwords),
            urllib.request.HTTPDigestAuthHandler(passwords),
        ]
    opener = urllib.request.build_opener(*handlers)
    token = os.environ.get("BUDGET_GRAPH_ENDPOINT_TOKEN")
    if token:
        opener.addheaders.append(("Authorization", f"Bearer {token}"))
    return opener
