"""Helpers for the endpoint tests: a small store, a server on 127.0.0.1 in a thread, and HTTP calls."""

from __future__ import annotations

import contextlib
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from budget_graph.store.graphs import named_graph
from budget_graph.store.oxigraph import LocalStore
from budget_graph.store.server import Limits, create_app, listening_socket, server
from budget_graph.store.workers import WorkerPool

BG = "https://w3id.org/budget-graph/ontology#"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{BG}amount> ?a }}"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def make_store(folder: Path) -> Path:
    """A store of 300 lines, each with an amount."""
    store = LocalStore(folder)
    lines = "".join(f'<https://example.org/line/{i}> <{BG}amount> "{i}" .\n' for i in range(300))
    store.replace([named_graph("https://example.org/g", lines)])
    store.close()
    return folder


@dataclass(frozen=True)
class Running:
    url: str
    port: int
    pool: WorkerPool


@contextlib.contextmanager
def running(folder: Path, limits: Limits) -> Iterator[Running]:
    sock = listening_socket("127.0.0.1", 0)
    endpoint = server(create_app(folder, limits), limits)
    thread = threading.Thread(target=endpoint.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(300):  # up to 30 s for the workers to start
        if endpoint.started:
            break
        time.sleep(0.1)
    port = sock.getsockname()[1]
    try:
        yield Running(f"http://127.0.0.1:{port}/sparql", port, endpoint.config.app.state.pool)
    finally:
        endpoint.should_exit = True
        thread.join(10)


def fetch(request: urllib.request.Request) -> tuple[int, str, str, dict[str, str]]:
    """Status, Content-Type, body and headers, whatever the status."""
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read().decode("utf-8")
            return response.status, response.headers["Content-Type"], body, dict(response.headers)
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8")
        return error.code, error.headers["Content-Type"], body, dict(error.headers)


def get(url: str, query: str, accept: str = "application/sparql-results+json"):
    return fetch(
        urllib.request.Request(
            url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept}
        )
    )


def post(url: str, body: bytes, content_type: str, accept: str = "*/*"):
    return fetch(urllib.request.Request(url, body, {"Content-Type": content_type, "Accept": accept}))
