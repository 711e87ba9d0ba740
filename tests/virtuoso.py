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
from dataclasses import dataclass
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
NumberOfBuffers = 34000
MaxDirtyBuffers = 25000
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

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def graph_store(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def available() -> bool:
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None


def start(folder: Path, timeout: float = 60) -> Virtuoso:
    """Start a fresh server in `folder`; raise RuntimeError when it does not come up."""
    if not available():
        raise RuntimeError("virtuoso-t / isql-vt not installed (apt-get install virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_INI.format(dir=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        ["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=log
    )
    server = Virtuoso(folder, process, http_port)
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
