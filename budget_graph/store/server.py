"""A read-only SPARQL 1.1 Protocol endpoint over a store folder (standard library HTTP server).

GET and POST (form or `application/sparql-query`) at /sparql (and /); results as SPARQL JSON, CSV, TSV
or XML by the Accept header, graphs as N-Triples or Turtle. Update requests are refused with 403.
Each query runs in a worker process that holds the store open read-only; a query past the time limit
has its worker ended (and replaced) and gets 503, so one runaway query cannot hold the server.
"""

from __future__ import annotations

import multiprocessing
import queue
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
GRAPH_TYPES = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE}


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes


class QueryWorker:
    """A process answering queries over the store; ended and restarted when a query overruns."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("forkserver")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve_queries, args=(self.folder, child), daemon=True)
        self.process.start()
        child.close()

    def ask(self, sparql: str, accept: str, time_limit: float) -> Reply:
        self.connection.send((sparql, accept))
        if self.connection.poll(time_limit):
            return self.connection.recv()
        self.stop()
        self._start()
        return _text(HTTPStatus.SERVICE_UNAVAILABLE, f"query exceeded the time limit of {time_limit:g} s\n")

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


def _serve_queries(folder: Path, connection: Connection) -> None:
    from budget_graph.errors import InputError
    from budget_graph.store.oxigraph import LocalStore
    from budget_graph.store.queries import with_prefixes

    store = LocalStore(folder, read_only=True)
    while True:
        try:
            sparql, accept = connection.recv()
        except EOFError:
            return
        try:
            reply = _answer(store.raw_query(with_prefixes(sparql)), accept)
        except InputError as error:
            reply = _text(HTTPStatus.BAD_REQUEST, f"{error}\n")
        except Exception as error:  # the query failed while running: say so, keep serving
            reply = _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {error}\n")
        connection.send(reply)


def _answer(result, accept: str) -> Reply:
    if isinstance(result, ox.QueryTriples):
        media = _negotiate(accept, GRAPH_TYPES)
        return Reply(HTTPStatus.OK, media, result.serialize(format=GRAPH_TYPES[media]))
    media = _negotiate(accept, RESULT_TYPES)
    return Reply(HTTPStatus.OK, media, result.serialize(format=RESULT_TYPES[media]))


def _negotiate(accept: str, offered: dict) -> str:
    """The first offered media type the client accepts (no q-values weighed), else the first offered."""
    wanted = [part.split(";")[0].strip() for part in accept.split(",")]
    return next((media for media in wanted if media in offered), next(iter(offered)))


def _text(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", message.encode("utf-8"))


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, folder: Path, port: int, host: str = "127.0.0.1", workers: int = 2, time_limit: float = 30
    ) -> None:
        self.time_limit = time_limit
        self.workers: queue.Queue[QueryWorker] = queue.Queue()
        for _ in range(workers):
            self.workers.put(QueryWorker(folder))
        super().__init__((host, port), _Handler)

    def answer(self, sparql: str, accept: str) -> Reply:
        worker = self.workers.get()
        try:
            return worker.ask(sparql, accept, self.time_limit)
        finally:
            self.workers.put(worker)

    def server_close(self) -> None:
        super().server_close()
        while not self.workers.empty():
            self.workers.get().stop()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "budget-graph-sparql"

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        self._dispatch(url.path, urllib.parse.parse_qs(url.query))

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        params = urllib.parse.parse_qs(url.query)
        if media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/sparql-update":
            params["update"] = [body]
        elif media == "application/x-www-form-urlencoded":
            params.update(urllib.parse.parse_qs(body))
        self._dispatch(url.path, params)

    def _dispatch(self, path: str, params: dict[str, list[str]]) -> None:
        if path not in ("/", "/sparql"):
            reply = _text(HTTPStatus.NOT_FOUND, "the SPARQL endpoint is /sparql\n")
        elif "update" in params:
            reply = _text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused\n")
        elif len(params.get("query", [])) != 1:
            reply = _text(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter\n")
        else:
            reply = self.server.answer(params["query"][0], self.headers.get("Accept") or "")
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args) -> None:  # quiet: one line per request on stderr is noise
        return None
