"""`budget-graph serve` stays up: under 200 concurrent clients, when a worker is killed, behind slow or
malformed requests, and it stops on SIGTERM and SIGINT. Every loop here is bounded; the server listens on
127.0.0.1 only."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from budget_graph.store.server import Limits
from tests.serving import COUNT, ENDLESS, get, make_store, running

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return make_store(tmp_path_factory.mktemp("served") / "store")


@pytest.fixture
def small(store):
    """One worker, one waiting place, short limits: easy to fill."""
    with running(store, Limits(workers=1, waiting=1, time_limit=1.5, read_seconds=1)) as server:
        yield server


def in_background(call, *args) -> dict:
    """Runs call(*args) in a thread; the dict gets its result or error, and the time it took."""
    outcome: dict = {}

    def run() -> None:
        started = time.monotonic()
        try:
            outcome["result"] = call(*args)
        except OSError as error:
            outcome["result"] = error
        outcome["seconds"] = time.monotonic() - started

    outcome["thread"] = threading.Thread(target=run, daemon=True)
    outcome["thread"].start()
    return outcome


def test_200_concurrent_clients_are_all_answered_200_or_503(store):
    with running(store, Limits(workers=2, waiting=16, time_limit=20)) as server:
        start = threading.Barrier(200, timeout=30)

        def client(_: int) -> str:
            start.wait()
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            try:
                connection.request("GET", "/sparql?query=" + COUNT.replace(" ", "+").replace("?", "%3F"))
                response = connection.getresponse()
                response.read()
                assert response.status != 503 or response.getheader("Retry-After") == "1"
                return str(response.status)
            except OSError as error:  # a reset or refused connection
                return type(error).__name__
            finally:
                connection.close()

        with ThreadPoolExecutor(200) as clients:
            outcomes = Counter(clients.map(client, range(200)))
        assert set(outcomes) <= {"200", "503"}, outcomes
        assert outcomes["200"] >= 2 and sum(outcomes.values()) == 200


def admitted(server, count: int) -> None:
    for _ in range(100):
        if server.pool.admitted == count:
            return
        time.sleep(0.02)
    raise AssertionError(f"{server.pool.admitted} requests admitted, not {count}")


def test_a_full_queue_is_answered_503_at_once(small):
    running_query = in_background(get, small.url, ENDLESS)
    admitted(small, 1)
    waiting = in_background(get, small.url, ENDLESS)
    admitted(small, 2)
    started = time.monotonic()
    status, _, body, headers = get(small.url, COUNT)
    assert (status, headers.get("retry-after")) == (503, "1") and "busy" in body
    assert time.monotonic() - started < 1  # not after the 1.5 s the others hold the worker and place
    for outcome in (running_query, waiting):
        outcome["thread"].join(10)
        assert outcome["result"][0] == 503


def test_time_spent_waiting_counts_against_the_time_limit(small):
    """The second query waits 1.2 s behind the first, then may run only what is left of its 1.5 s."""
    first = in_background(get, small.url, ENDLESS)
    admitted(small, 1)
    time.sleep(0.3)
    second = in_background(get, small.url, ENDLESS)
    for outcome in (first, second):
        outcome["thread"].join(10)
        assert outcome["result"][0] == 503
    assert second["seconds"] < 2.4  # not 1.2 s of waiting plus 1.5 s of running
    assert get(small.url, COUNT)[0] == 200


def wait_for_new_worker(server, old: int) -> list[int]:
    for _ in range(100):
        pids = [worker.pid for worker in server.pool.workers]
        if old not in pids and all(worker.alive() for worker in server.pool.workers):
            return pids
        time.sleep(0.05)
    raise AssertionError(f"worker {old} was not replaced")


def test_a_killed_idle_worker_is_replaced(small):
    [old] = [worker.pid for worker in small.pool.workers]
    os.kill(old, signal.SIGKILL)
    wait_for_new_worker(small, old)
    assert [get(small.url, COUNT)[0] for _ in range(5)] == [200] * 5


def test_a_worker_killed_mid_query_fails_that_query_only(small):
    [old] = [worker.pid for worker in small.pool.workers]
    victim = in_background(get, small.url, ENDLESS)
    admitted(small, 1)
    time.sleep(0.2)  # the query has reached the worker
    os.kill(old, signal.SIGKILL)
    victim["thread"].join(10)
    status, _, body, _ = victim["result"]
    assert status == 500 and "replaced" in body
    wait_for_new_worker(small, old)
    assert [get(small.url, COUNT)[0] for _ in range(3)] == [200] * 3


def raw(port: int, request: bytes) -> socket.socket:
    connection = socket.create_connection(("127.0.0.1", port), timeout=5)
    connection.sendall(request)
    return connection


def test_malformed_and_slow_requests_hold_no_worker(small):
    negative = raw(small.port, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n")
    slow_body = raw(
        small.port,
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 100\r\n\r\nSELECT",
    )
    slow_headers = raw(small.port, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    try:
        assert [get(small.url, COUNT)[0] for _ in range(3)] == [200] * 3
        slow_body.setblocking(False)
        with pytest.raises(BlockingIOError):  # answered while the slow body is still awaited
            slow_body.recv(100)
        slow_body.settimeout(5)
        assert negative.recv(100).startswith(b"HTTP/1.1 400")
        assert slow_body.recv(100).startswith(b"HTTP/1.1 408")  # after read_seconds
        assert slow_headers.recv(100) == b""  # closed, headers still unfinished after read_seconds
    finally:
        for connection in (negative, slow_body, slow_headers):
            connection.close()


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_and_its_workers_within_5_s(store, signal_number):
    with subprocess.Popen(
        [sys.executable, "-m", "budget_graph", "serve", "--store", str(store), "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            url = process.stdout.readline().split()[2]
            assert get(url, COUNT)[0] == 200
            helpers = descendants(process.pid)
            assert len(helpers) >= 2  # the workers (and the fork server)
            slow = in_background(get, url, ENDLESS)  # a query running when the signal comes
            time.sleep(0.3)
            started = time.monotonic()
            process.send_signal(signal_number)
            process.wait(5)
            for _ in range(50):
                if not any(alive(pid) for pid in helpers):
                    break
                time.sleep(0.1)
            assert not any(alive(pid) for pid in helpers)
            assert time.monotonic() - started < 5
            slow["thread"].join(5)
            assert slow["result"][0:3:2] == (503, "the server is stopping\n")
        finally:
            process.kill()
            process.wait()
