"""`budget-graph serve`: a read-only SPARQL 1.1 Protocol endpoint over a store folder."""

from __future__ import annotations

from pathlib import Path

import click

from budget_graph.cli.app import main


@main.command("serve")
@click.option("--store", required=True, type=click.Path(file_okay=False), help="The store's folder.")
@click.option("--port", type=int, default=7878, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="0.0.0.0 to answer other machines too.")
@click.option("--time-limit", type=float, default=30, show_default=True, help="Seconds a query may run.")
@click.option("--workers", type=int, default=2, show_default=True, help="Queries answered at once.")
def serve_command(store: str, port: int, host: str, time_limit: float, workers: int) -> None:
    """SPARQL 服务 — answer SPARQL 1.1 Protocol queries over a store, read-only.

    GET or POST /sparql with `query`; results as SPARQL JSON (default), CSV, TSV or XML by the Accept
    header. Updates are refused. The store is read as it was when the server started.

    \b
    Example:
      budget-graph serve --store corpus.db --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
          http://127.0.0.1:7878/sparql
    """
    from budget_graph.store.oxigraph import LocalStore
    from budget_graph.store.server import SparqlServer

    LocalStore(Path(store), read_only=True).close()  # a clear message now if there is no store
    server = SparqlServer(Path(store), port, host, workers, time_limit)
    click.echo(f"SPARQL endpoint: http://{host}:{server.server_address[1]}/sparql (read-only; Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
