"""The workbench's routes (Starlette): the page at /, uploads checked at /check, the reports at
/reports/{id}/{file}; with a store, the SPARQL endpoint at /sparql (and / for clients that are not
browsers, as before) and a query page at /query.

An upload's files live in a temporary folder only while they are checked and their report rendered (the
HTML report draws its pages from the PDF); then the folder is deleted. Checking runs in a thread, one
upload at a time (the machine's cores go to validate_many's workers), so the server keeps answering.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from budget_graph import __version__
from budget_graph.limits import UPLOAD_SIZE
from budget_graph.store.server import METHODS, Limits, guards, pool_lifespan, sparql_app
from budget_graph.workbench.results import DOWNLOADS, Results
from budget_graph.workbench.uploads import ACCEPTED, Refused, receive_files

FORMATS = {"report.html": "html", "report.json": "json", "findings.csv": "csv"}
FOLDER_PREFIX = "budget-graph-upload-"


@dataclass(frozen=True)
class Checked:
    files: dict[str, str]  # the downloads, by name
    summary: dict


def create_app(store: Path | None, limits: Limits) -> Starlette:
    """The workbench; with a store, the SPARQL endpoint and its query page as well."""
    results = Results()
    one_at_a_time = asyncio.Semaphore(1)
    pages = _environment()

    def page(request: Request) -> Response:
        return HTMLResponse(
            pages.get_template("workbench.html.j2").render(
                version=__version__,
                accepted=ACCEPTED,
                limit_mb=UPLOAD_SIZE.value(),
                store=store is not None,
            )
        )

    async def check(request: Request) -> Response:
        started = time.monotonic()
        folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
        try:
            paths = await receive_files(request, folder)
            async with one_at_a_time:
                checked = await run_in_threadpool(check_files, paths, folder)
        except Refused as refused:
            return JSONResponse({"error": str(refused)}, refused.status)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        key = results.add(checked.files)
        base = f"/reports/{key}"
        return JSONResponse(
            checked.summary
            | {
                "seconds": round(time.monotonic() - started, 2),
                "report": f"{base}/report.html",
                "downloads": {name: f"{base}/{name}?download" for name in DOWNLOADS},
            }
        )

    def report(request: Request) -> Response:
        name = request.path_params["name"]
        text = results.get(request.path_params["key"], name)
        if text is None:
            return JSONResponse(
                {"error": "报告不存在或已过期 no such report, or it has expired: check the files again"},
                HTTPStatus.NOT_FOUND,
            )
        attachment = "download" in request.query_params
        headers = {"Content-Disposition": f'attachment; filename="{name}"'} if attachment else {}
        return Response(text, media_type=DOWNLOADS[name], headers=headers)

    routes = [
        Route("/check", check, methods=["POST"]),
        Route("/reports/{key}/{name}", report, methods=["GET"]),
    ]
    if store is None:
        return Starlette(routes=[Route("/", page, methods=["GET"]), *routes], middleware=guards(limits))

    from budget_graph.store.workers import WorkerPool

    pool = WorkerPool(store, limits.workers, limits.waiting)
    sparql = sparql_app(pool, limits)

    def query_page(request: Request) -> Response:
        return HTMLResponse(pages.get_template("query.html.j2").render(version=__version__))

    app = Starlette(
        routes=[
            Route("/", _PageForBrowsers(page, sparql), methods=METHODS),
            Route("/sparql", sparql, methods=METHODS),
            Route("/query", query_page, methods=["GET"]),
            *routes,
        ],
        middleware=guards(limits),
        lifespan=pool_lifespan(pool),
    )
    app.state.pool = pool  # the server stops it first on shutdown
    return app


@dataclass(frozen=True)
class _PageForBrowsers:
    """At /: the workbench for a browser (GET, no parameters, asking for HTML), the endpoint for every
    other client, as / answered before the workbench. (An ASGI app: a class, so that Starlette does not
    take it for a request handler.)"""

    page: Callable[[Request], Response]
    endpoint: ASGIApp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        browser = (
            request.method in ("GET", "HEAD")
            and not scope["query_string"]
            and "text/html" in request.headers.get("accept", "")
        )
        await (self.page(request) if browser else self.endpoint)(scope, receive, send)


def check_files(paths: list[Path], folder: Path) -> Checked:
    """The uploaded files checked as `validate` checks them, the report rendered in each download's
    format with the temporary folder left out of every file name; refused when nothing could be checked."""
    from budget_graph.batch import validate_many
    from budget_graph.report import renderer

    reports, unchecked = validate_many([str(path) for path in paths])
    hidden = f"{folder}/"
    if not reports:
        reasons = "；".join(failed.error.replace(hidden, "") for failed in unchecked)
        raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY, f"未能检查 nothing could be checked: {reasons}")
    files = {name: renderer(fmt)(reports, unchecked).replace(hidden, "") for name, fmt in FORMATS.items()}
    summary = {
        "filings": [
            {"unit": r.filing.unit, "year": r.filing.year, "kind": r.filing.kind.value} for r in reports
        ],
        "counts": {s: sum(r.count(s) for r in reports) for s in ("error", "warning", "info")},
        "unchecked": [failed.error.replace(hidden, "") for failed in unchecked],
    }
    return Checked(files, summary)


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("budget_graph.workbench", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
