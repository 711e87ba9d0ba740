"""`budget-graph serve`: the workbench (a local page to check filings), and with --store a read-only SPARQL 1.1
Protocol endpoint over a store folder."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from budget_graph.cli.app import main


@main.command("serve")
@click.option(
    "--store",
    type=click.Path(file_okay=False),
    help="A store's folder: also answer SPARQL at /sparql, with a query page at /query.",
)
@click.option("--port", type=int, default=7878, show_default=True, help="0 picks a free port.")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="0.0.0.0 (or ::) to answer other machines too."
)
@click.option(
    "--allow-host",
    multiple=True,
    metavar="NAME",
    help="A host name the server also answers to (it answers only to the names of the address it listens "
    "on, against DNS rebinding). Repeat for more.",
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
    store: str | None,
    port: int,
    host: str,
    allow_host: tuple[str, ...],
    time_limit: float,
    workers: int,
    queue: int,
    max_query_bytes: int,
) -> None:
    """检查工作台与 SPARQL 服务 — the workbench, and with --store a read-only SPARQL endpoint.

    The workbench (/): a page where an officer drops filings (PDF, text, Word, xlsx or xls), sees the upload and the
    check progress, and reads the same report as `validate --format html`, with downloads of the HTML,
    JSON and CSV. Uploads over BUDGET_GRAPH_MAX_UPLOAD_MB (100 MB) are refused (413); the files stay in
    a temporary folder only until their report is made; reports stay downloadable for an hour. No store
    is needed. It answers 127.0.0.1 only unless --host says otherwise, and only requests that name its
    address (localhost, 127.0.0.1) in their Host header, so that no other web page can reach it through
    the browser; --allow-host adds a name (docs/workbench.md). An upload must arrive within
    BUDGET_GRAPH_UPLOAD_SECONDS (600 s), or it is refused (408).

    With --store: GET or POST /sparql with `query`: results as SPARQL JSON (default), XML, CSV or TSV,
    graphs (CONSTRUCT, DESCRIBE) as N-Triples (default), Turtle, JSON-LD or RDF/XML, by the Accept
    header; /query is a page to type a query. GET /sparql with no query describes the service (Turtle);
    / answers as /sparql for every client but a browser. CORS is open to every origin on the endpoint
    only. The store is read as it was when the server started.

    \b
    Refused: updates (403), federated queries with SERVICE (400: the server
    never connects anywhere), bodies over --max-query-bytes (413). Each query
    runs in one of --workers processes; past --time-limit it is ended (503),
    and when every worker is busy and --queue requests wait, more get 503
    with Retry-After. SIGTERM or Ctrl-C stops the server within seconds.

    \b
    Examples:
      budget-graph serve                      # then open http://127.0.0.1:7878/
      BUDGET_GRAPH_MAX_UPLOAD_MB=300 budget-graph serve --port 8080
      budget-graph serve --store corpus.db --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
          http://127.0.0.1:7878/sparql
      curl -F files=@filing.pdf http://127.0.0.1:7878/check
    """
    from budget_graph.limits import UPLOAD_SIZE, UPLOAD_TIME
    from budget_graph.store.oxigraph import LocalStore
    from budget_graph.store.server import Limits, listening_socket, served_hosts, server
    from budget_graph.workbench.app import create_app

    UPLOAD_SIZE.value()  # a clear message now if BUDGET_GRAPH_MAX_UPLOAD_MB is no number
    UPLOAD_TIME.value()
    if store:
        LocalStore(Path(store), read_only=True).close()  # a clear message now if there is no store
    limits = Limits(
        workers=workers,
        waiting=queue,
        time_limit=time_limit,
        max_query_bytes=max_query_bytes,
        hosts=served_hosts(host, allow_host),
    )
    sock = listening_socket(host, port)
    url_host = f"[{host}]" if ":" in host else host
    url = f"http://{url_host}:{sock.getsockname()[1]}"
    click.echo(f"检查工作台 workbench: {url}/ (Ctrl-C stops)")
    if store:
        click.echo(f"SPARQL endpoint: {url}/sparql (read-only), query page: {url}/query")
    app = create_app(Path(store) if store else None, limits)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn has stopped the server and its workers
        server(app, limits).run(sockets=[sock])
