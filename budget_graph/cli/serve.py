"""`budget-graph serve`: a read-only SPARQL 1.1 Protocol endpoint over a store folder."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from budget_graph.cli.app import main


@main.command("serve")
@click.option("--store", required=True, type=click.Path(file_okay=False), help="The store's folder.")
@click.option("--port", type=int, default=7878, show_default=True, help="0 picks a free port.")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="0.0.0.0 (or ::) to answer other machines too."
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=30,
    show_default=True,
    help="Seconds from a request's arrival to its answer, time waiting for a worker included.",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Queries answered at once."
)
@click.option(
    "--queue",
    type=click.IntRange(min=0),
    default=100,
    show_default=True,
    help="Requests that may wait for a worker; more are answered 503 at once.",
)
@click.option(
    "--max-query-bytes",
    type=click.IntRange(min=1),
    default=1_000_000,
    show_default=True,
    help="Largest request body (a POSTed query); larger gets 413.",
)
def serve_command(
    store: str, port: int, host: str, time_limit: float, workers: int, queue: int, max_query_bytes: int
) -> None:
    """SPARQL 服务 — answer SPARQL 1.1 Protocol queries over a store, read-only.

    GET or POST /sparql with `query`: results as SPARQL JSON (default), XML, CSV or TSV, graphs
    (CONSTRUCT, DESCRIBE) as N-Triples (default), Turtle, JSON-LD or RDF/XML, by the Accept header.
    GET /sparql with no query describes the service (Turtle). CORS is open to every origin.
    The store is read as it was when the server started.

    \b
    Refused: updates (403), federated queries with SERVICE (400: the server
    never connects anywhere), bodies over --max-query-bytes (413). Each query
    runs in one of --workers processes; past --time-limit it is ended (503),
    and when every worker is busy and --queue requests wait, more get 503
    with Retry-After. SIGTERM or Ctrl-C stops the server within seconds.

    \b
    Example:
      budget-graph serve --store corpus.db --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
          http://127.0.0.1:7878/sparql
    """
    from budget_graph.store.oxigraph import LocalStore
    from budget_graph.store.server import Limits, listening_socket, server

    LocalStore(Path(store), read_only=True).close()  # a clear message now if there is no store
    limits = Limits(workers=workers, waiting=queue, time_limit=time_limit, max_query_bytes=max_query_bytes)
    sock = listening_socket(host, port)
    url_host = f"[{host}]" if ":" in host else host
    click.echo(f"SPARQL endpoint: http://{url_host}:{sock.getsockname()[1]}/sparql (read-only; Ctrl-C stops)")
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn has stopped the server and its workers
        server(Path(store), limits).run(sockets=[sock])
