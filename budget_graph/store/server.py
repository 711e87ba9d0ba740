"""A read-only SPARQL 1.1 Protocol endpoint over a store folder (Starlette on uvicorn).

GET and POST (form or `application/sparql-query`) at /sparql (and /); GET with no query answers the
service description. Results by the Accept header: SPARQL JSON, XML, CSV or TSV; graphs as N-Triples,
Turtle, JSON-LD or RDF/XML; 406 when none of these is acceptable. Updates get 403, federated queries
(`SERVICE`) 400 before anything runs, so the server never opens a connection of its own.

Staying up: each query runs in a worker process (workers.py) within a time limit counted from the
request's arrival, queued time included; a bounded number of requests wait for a worker and the rest get
503 at once; request bodies are bounded in size and in time, request headers in time; SIGTERM and SIGINT
stop the server, workers included, within seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import urllib.parse
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

import pyoxigraph as ox
import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route, request_response
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from budget_graph.errors import InputError
from budget_graph.store.federation import calls_service
from budget_graph.store.negotiation import (
    GRAPH_TYPES,
    Reply,
    negotiate,
    not_acceptable,
    text_reply,
    with_charset,
)
from budget_graph.store.workers import WorkerPool

BACKLOG = 2048  # connections the kernel holds while the server is busy, instead of resetting them
MAX_CONNECTIONS = 1000  # beyond this uvicorn answers 503: a guard on open sockets
STOP_SECONDS = 2  # requests still running when the server is told to stop get this long to finish


@dataclass(frozen=True)
class Limits:
    workers: int = 2
    waiting: int = 100  # requests that may wait for a worker; more get 503
    time_limit: float = 30.0  # seconds from a request's arrival to its answer
    max_query_bytes: int = 1_000_000
    read_seconds: float = 10.0  # for a request's headers to arrive, and again for its body
    hosts: frozenset[str] | None = None  # the names it answers to in the Host header; None: any


LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_ANY_ADDRESS = {"0.0.0.0", "::", ""}


def served_hosts(address: str, allowed: tuple[str, ...] = ()) -> frozenset[str] | None:
    """The host names a server listening on `address` answers to: the address itself (on loopback, every
    loopback name) and the names allowed; listening on every address with none allowed, any name."""
    named = {name.lower().strip("[]") for name in allowed}
    if address in _ANY_ADDRESS:
        return frozenset(named | LOOPBACK) if named else None
    own = {address.lower().strip("[]")}
    return frozenset(own | named | (LOOPBACK if own & LOOPBACK else set()))


def host_name(header: str) -> str:
    """The name in a Host header, without its port ('127.0.0.1:7878', '[::1]:7878')."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.split(":", 1)[0]


@dataclass(frozen=True)
class HostGuard:
    """Answers only requests naming one of its hosts: a web page whose own name an attacker points at
    127.0.0.1 (DNS rebinding) cannot reach the workbench or the endpoint through the officer's browser."""

    app: ASGIApp
    hosts: frozenset[str]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            name = host_name(dict(scope["headers"]).get(b"host", b"").decode("latin-1"))
            if name not in self.hosts:
                message = (
                    f"不应答此主机名 this server does not answer to the host name {name or '(none)'!r}: "
                    f"{', '.join(sorted(self.hosts))} — 可用 serve --allow-host 增加 add one with serve --allow-host"
                )
                await PlainTextResponse(message, HTTPStatus.MISDIRECTED_REQUEST)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def guards(limits: Limits) -> list[Middleware]:
    """The middleware every app served here runs behind."""
    return [Middleware(HostGuard, hosts=limits.hosts)] if limits.hosts is not None else []


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.reply = text_reply(status, message)


def create_app(folder: Path, limits: Limits) -> Starlette:
    """The endpoint alone, at /sparql and /."""
    pool = WorkerPool(folder, limits.workers, limits.waiting)
    answer = sparql_app(pool, limits)
    app = Starlette(
        routes=[Route(path, answer, methods=METHODS) for path in ("/sparql", "/")],
        middleware=guards(limits),
        lifespan=pool_lifespan(pool),
    )
    app.state.pool = pool  # the tests reach the worker processes through it; shutdown stops it
    return app


METHODS = ["GET", "POST", "OPTIONS"]


def pool_lifespan(pool: WorkerPool) -> Callable[[Starlette], contextlib.AbstractAsyncContextManager[None]]:
    """The workers start with the server and stop with it."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.stop()

    return lifespan


def sparql_app(pool: WorkerPool, limits: Limits) -> ASGIApp:
    """The SPARQL protocol as an ASGI app, open to every origin (CORS) — only it: a server that also
    holds the workbench keeps its uploads to pages of its own origin."""

    async def endpoint(request: Request) -> Response:
        deadline = asyncio.get_running_loop().time() + limits.time_limit
        if request.method == "OPTIONS":  # not a CORS preflight (the middleware answers those)
            return Response(status_code=HTTPStatus.NO_CONTENT, headers={"Allow": "GET, POST, OPTIONS"})
        try:
            query = await _query(request, limits)
        except ProtocolError as error:
            return _response(error.reply)
        accept = request.headers.get("accept", "")
        if query is None:
            return _response(_service_description(_endpoint_url(request), accept))
        return _response(await pool.answer(query, accept, deadline))

    return CORSMiddleware(
        request_response(endpoint),
        allow_origins=["*"],
        allow_methods=METHODS,
        allow_headers=["Accept", "Content-Type"],
        max_age=86400,
    )


# The body's media types, and the parameter each body is (None: a form of parameters).
POSTED = {
    "application/sparql-query": "query",
    "application/sparql-update": "update",
    "application/x-www-form-urlencoded": None,
}


async def _query(request: Request, limits: Limits) -> str | None:
    """The request's one query (None: a GET asking for the service description), or a ProtocolError."""
    params = _form(_utf8(request.scope["query_string"], "the URL's parameters"))
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in POSTED:
            raise ProtocolError(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "POST a query as application/sparql-query or application/x-www-form-urlencoded",
            )
        body = _utf8(await _body(request, limits), "the request body")
        posted = {POSTED[media]: [body]} if POSTED[media] else _form(body)
        for name, values in posted.items():
            params.setdefault(name, []).extend(values)
    if "update" in params:
        raise ProtocolError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
    queries = params.get("query", [])
    if not queries and request.method == "GET" and not params:
        return None
    if len(queries) != 1:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter")
    if calls_service(queries[0]):
        raise ProtocolError(
            HTTPStatus.BAD_REQUEST,
            "federated queries (SERVICE) are refused: this endpoint answers from its own store only",
        )
    return queries[0]


def _form(encoded: str) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(encoded, errors="strict")
    except UnicodeDecodeError as error:  # a %-escape of bytes that are not UTF-8
        raise ProtocolError(HTTPStatus.BAD_REQUEST, "the parameters are not valid UTF-8") from error


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, f"{what} is not valid UTF-8") from error


async def _body(request: Request, limits: Limits) -> bytes:
    max_bytes = limits.max_query_bytes
    too_large = ProtocolError(
        HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body is over the limit of {max_bytes:,} bytes"
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(limits.read_seconds):
            async for chunk in request.stream():
                size += len(chunk)
                if size > max_bytes:
                    raise too_large
                chunks.append(chunk)
    except TimeoutError as error:
        raise ProtocolError(
            HTTPStatus.REQUEST_TIMEOUT, f"the request body did not arrive within {limits.read_seconds:g} s"
        ) from error
    return b"".join(chunks)


def _endpoint_url(request: Request) -> str:
    return str(request.url.replace(query=""))


SERVICE_DESCRIPTION = """\
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .

[] a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV,
        formats:SPARQL_Results_TSV, formats:N-Triples, formats:Turtle, formats:JSON-LD, formats:RDF_XML .
"""


DESCRIPTION_TYPES = {"text/turtle": ox.RdfFormat.TURTLE} | GRAPH_TYPES  # Turtle by default, as is usual


def _service_description(endpoint: str, accept: str) -> Reply:
    """What the endpoint offers (SPARQL 1.1 Service Description), in the graph format asked for."""
    media = negotiate(accept, DESCRIPTION_TYPES)
    if media is None:
        return not_acceptable(DESCRIPTION_TYPES)
    graph = ox.parse(SERVICE_DESCRIPTION.format(endpoint=endpoint), format=ox.RdfFormat.TURTLE)
    return Reply(HTTPStatus.OK, with_charset(media), ox.serialize(graph, format=DESCRIPTION_TYPES[media]))


def _response(reply: Reply) -> Response:
    headers = {"Retry-After": str(reply.retry_after)} if reply.retry_after is not None else None
    return Response(reply.body, reply.status, headers=headers, media_type=reply.content_type)


class _H11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with a deadline on request headers, which uvicorn lacks: a client
    sending them a byte at a time would otherwise hold its connection for ever."""

    header_seconds = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._await_headers()

    def _await_headers(self) -> None:
        self.loop.call_later(self.header_seconds, self._close_unless_started, self.cycle)

    def _close_unless_started(self, previous_cycle: object) -> None:
        if self.cycle is previous_cycle and not self.transport.is_closing():
            self.transport.close()


def listening_socket(host: str, port: int) -> socket.socket:
    """Bound and listening at once, so the port is known (port 0) and clients queue while workers start."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family, backlog=BACKLOG)
    except OSError as error:  # in use, not ours, no such address
        raise InputError(f"无法监听 cannot listen on {host} port {port}: {error.strerror}") from error


class _Server(uvicorn.Server):
    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        pool = getattr(self.config.app.state, "pool", None)  # a workbench without a store has none
        if pool is not None:
            pool.stop()  # queries in flight get 503 now, before their connections close
        await super().shutdown(sockets)


def server(app: Starlette, limits: Limits) -> uvicorn.Server:
    """uvicorn serving `app` (the endpoint's create_app, or the workbench's) within `limits`."""
    protocol = type("H11Protocol", (_H11Protocol,), {"header_seconds": limits.read_seconds})
    config = uvicorn.Config(
        app,
        http=protocol,
        lifespan="on",
        log_level="warning",
        access_log=False,
        backlog=BACKLOG,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=STOP_SECONDS,
        h11_max_incomplete_event_size=64 * 1024,  # request line and headers (h11's default: 16 KB)
        server_header=False,
    )
    return _Server(config)
