"""A private Virtuoso Open Source server for the endpoint tests (Debian's `virtuoso-opensource`).

Started in a temporary folder on free ports, so it never touches a system instance. `.ci/run` starts one
with `python tests/virtuoso.py start DIR` and passes its URLs to the tests in BUDGET_GRAPH_TEST_ENDPOINT
and BUDGET_GRAPH_TEST_GRAPH_STORE; without them the tests start their own, or skip when they cannot.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = ., {dir}
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""

# The anonymous SPARQL user may write through /sparql-graph-crud (test server only).
_GRANTS = "GRANT SPARQL_UPDATE TO \"SPARQL\";\nDB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);\n"


@dataclass
class Virtuoso:
    folder: Path
    process: subprocess.Popen | None
    http_port: int
    sql_port: int = 0

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def graph_store(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud"

    def isql(self, statements: str, timeout: float = 3600) -> str:
        """Run SQL statements in isql as dba (a private server's default password); its output."""
        done = subprocess.run(
            ["isql-vt", str(self.sql_port), "dba", "dba"],
            input=statements.encode(),
            capture_output=True,
            check=True,
            timeout=timeout,
        )
        return done.stdout.decode("utf-8", "replace")

    def bulk_load(self, dump: Path, loaders: int = 1) -> None:
        """Load an `export-corpus` dump (a folder or one file, inside the server's folder: DirsAllowed)
        with Virtuoso's bulk loader, as docs/store.md says: the files registered, `loaders` sessions of
        rdf_loader_run() at once (one per core), a checkpoint. A file the loader failed on: RuntimeError."""
        self.isql(bulk_load_registration(dump))
        sessions = [
            subprocess.Popen(
                ["isql-vt", str(self.sql_port), "dba", "dba", "exec=rdf_loader_run();"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(loaders)
        ]
        for session in sessions:
            session.wait()
        self.isql("checkpoint;")
        failed = self.isql("SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        if "0 Rows." not in failed:
            raise RuntimeError(f"Virtuoso's bulk loader failed: {failed}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def bulk_load_registration(dump: Path) -> str:
    """The isql statement that registers a dump's files with the bulk loader (docs/store.md): every
    .nq file of a folder, or the one file; their quads name their graphs (the third argument only
    names a graph for triples without one, which a dump does not have)."""
    unnamed = "https://w3id.org/budget-graph/graph/unnamed"
    if dump.is_dir():
        return f"ld_dir('{dump}', '*.nq', '{unnamed}');\n"
    return f"ld_add('{dump}', '{unnamed}');\n"


_NUMBERS = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "double", "float")}
_STRING = "http://www.w3.org/2001/XMLSchema#string"


def comparable(bindings: list[dict[str, dict]]) -> list[tuple]:
    """A SELECT answer's rows, sorted (rows that tie under a query's ORDER BY come in either order), each
    term as RDF 1.1 means it: a number by its value (Virtuoso writes 12.50 where Oxigraph writes 12.5),
    xsd:string and a plain literal as one (Virtuoso names the datatype, Oxigraph leaves it out)."""

    def term(value: dict) -> tuple:
        datatype = value.get("datatype")
        if datatype in _NUMBERS:
            return ("number", Decimal(value["value"]).normalize())
        if datatype == _STRING:
            datatype = None
        return (
            value["type"].replace("typed-literal", "literal"),
            value["value"],
            value.get("xml:lang"),
            datatype,
        )

    return sorted(tuple(sorted((name, term(value)) for name, value in row.items())) for row in bindings)


def available() -> bool:
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None


def start(folder: Path, timeout: float = 60, buffers: int = 34000) -> Virtuoso:
    """Start a fresh server in `folder` with `buffers` pages of 8 KiB of cache (Virtuoso's guide: about
    two thirds of the memory it may use); raise RuntimeError when it does not come up."""
    if not available():
        raise RuntimeError("virtuoso-t / isql-vt not installed (apt-get install virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    settings = _INI.format(
        dir=folder, sql_port=sql_port, http_port=http_port, buffers=buffers, dirty=buffers * 3 // 4
    )
    ini.write_text(settings, encoding="utf-8")
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        ["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=log
    )
    server = Virtuoso(folder, process, http_port, sql_port)
    try:
        _wait_for_http(server, timeout)
        subprocess.run(
            ["isql-vt", str(sql_port), "dba", "dba"],
            input=_GRANTS.encode(),
            check=True,
            capture_output=True,
            timeout=30,
        )
    except Exception as error:
        server.stop()
        raise RuntimeError(f"Virtuoso did not start: {error}") from error
    return server


def started_or_skip(folder: Path) -> Iterator[Virtuoso]:
    """A test module's private server, stopped after it; the module skipped when Virtuoso is not installed
    or does not come up (for a module-scoped fixture to yield from)."""
    import pytest  # here: `python tests/virtuoso.py start` runs without it

    if not available():
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    try:
        server = start(folder)
    except RuntimeError as error:
        pytest.skip(str(error))
    yield server
    server.stop()


def _wait_for_http(server: Virtuoso, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process and server.process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {server.process.returncode}")
        try:
            with urllib.request.urlopen(server.endpoint + "?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("no answer on the HTTP port")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(argv: list[str]) -> int:
    """`start DIR`: start a server, print `ENDPOINT GRAPH_STORE PID` and leave it running."""
    if len(argv) != 2 or argv[0] != "start":
        print("usage: python tests/virtuoso.py start DIR", file=sys.stderr)
        return 2
    try:
        server = start(Path(argv[1]).resolve())
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    print(server.endpoint, server.graph_store, server.process.pid if server.process else "")
    os._exit(0)  # leave the server running for the caller


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
