"""Helpers for the workbench tests: `budget-graph serve` run as a user runs it (a process of its own, on a
free port of 127.0.0.1, with its own environment), and plain HTTP calls to it."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT


@contextlib.contextmanager
def serving(*args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """The server's base URL (ending in /) while it runs; it is stopped by its process id afterwards."""
    process = subprocess.Popen(
        [sys.executable, "-m", "budget_graph", "serve", "--port", "0", *args],
        cwd=ROOT,
        env=os.environ | {"PYTHONUNBUFFERED": "1"} | (env or {}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline()  # 检查工作台 workbench: http://127.0.0.1:PORT/ (Ctrl-C stops)
        if "http://" not in first:
            raise RuntimeError(f"the server did not start: {first}{process.stderr.read()}")
        yield first.split()[2]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def call(
    url: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes, dict]:
    """Status, body and headers, whatever the status."""
    request = urllib.request.Request(url, body, headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def upload(base: str, *files: tuple[str, bytes]) -> tuple[int, dict]:
    """POST the files to /check as a browser's form does; the status and the JSON answer."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
        for name, data in files
    ]
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    status, answer, _ = call(
        base + "check", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    return status, json.loads(answer)


def file_of(path: Path) -> tuple[str, bytes]:
    return path.name, path.read_bytes()
