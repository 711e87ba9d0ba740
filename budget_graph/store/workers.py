"""The endpoint's query workers: processes that hold the store open read-only and answer one query at a time.

A query runs in a process of its own so that one that overruns its time can be ended (the process is
killed and replaced) and one that kills its process (the OOM killer) takes no other query with it. The
pool is driven from the server's event loop: a request waits for an idle worker until its deadline, and
a worker that dies while idle is replaced at once (its exit is watched).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from http import HTTPStatus
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from budget_graph.store.negotiation import (
    GRAPH_TYPES,
    RESULT_TYPES,
    Reply,
    negotiate,
    not_acceptable,
    text_reply,
    with_charset,
)

_CONTEXT = multiprocessing.get_context("forkserver")  # no fork of a process running an event loop's threads
_PRELOAD = ["pyoxigraph", "budget_graph.store.oxigraph", "budget_graph.store.queries"]  # quick replacements


class WorkerEnded(Exception):
    """The worker process ended while it held a query."""


class QueryWorker:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._start()

    def _start(self) -> None:
        self._readable: asyncio.Future[None] | None = None  # set while a query's answer is awaited
        self.connection, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve_queries, args=(self.folder, child), daemon=True)
        self.process.start()
        child.close()

    @property
    def pid(self) -> int:
        return self.process.pid or 0

    def alive(self) -> bool:
        return self.process.is_alive()

    def restart(self) -> None:
        self.stop()
        self._start()

    def stop(self) -> None:
        if self._readable is not None and not self._readable.done():  # wake the request awaiting us
            asyncio.get_running_loop().remove_reader(self.connection.fileno())  # before the fd is reused
            self._readable.set_result(None)
        self.process.kill()
        self.process.join()
        self.connection.close()

    async def ask(self, sparql: str, accept: str, timeout: float) -> Reply:
        """The worker's reply; TimeoutError past the timeout, WorkerEnded if the process dies meanwhile."""
        try:
            self.connection.send((sparql, accept))
        except OSError as error:  # BrokenPipeError: it died before reading
            raise WorkerEnded from error
        loop = asyncio.get_running_loop()
        self._readable = readable = loop.create_future()
        descriptor = self.connection.fileno()
        loop.add_reader(descriptor, lambda: readable.done() or readable.set_result(None))
        try:
            await asyncio.wait_for(readable, max(timeout, 0))
        finally:
            if not self.connection.closed:  # stop() has already unregistered it
                loop.remove_reader(descriptor)
        try:  # in a thread: a large answer is still being written when the first bytes arrive
            return await asyncio.to_thread(self.connection.recv)
        except (EOFError, OSError) as error:
            raise WorkerEnded from error


class WorkerPool:
    """`size` workers and room for `waiting` requests to wait for one; the rest are told to come back."""

    def __init__(self, folder: Path, size: int, waiting: int) -> None:
        self.folder = folder
        self.size = size
        self.capacity = size + waiting
        self.workers: list[QueryWorker] = []
        self._idle: asyncio.Queue[QueryWorker] = asyncio.Queue()
        self._busy: set[QueryWorker] = set()
        self._admitted = 0
        self._stopping = False

    def start(self) -> None:
        _CONTEXT.set_forkserver_preload(_PRELOAD)  # no effect if the fork server is already running
        for _ in range(self.size):
            worker = QueryWorker(self.folder)
            self.workers.append(worker)
            self._watch(worker)
            self._idle.put_nowait(worker)

    def stop(self) -> None:
        """Ends every worker; a request holding or awaiting one is answered 503. Again: nothing to do."""
        if self._stopping:
            return
        self._stopping = True
        for worker in self.workers:
            self._unwatch(worker)
            worker.stop()

    @property
    def admitted(self) -> int:
        """Requests holding or awaiting a worker."""
        return self._admitted

    async def answer(self, sparql: str, accept: str, deadline: float) -> Reply:
        """The query's reply by `deadline` (event-loop time), or 503 when the server is full or time runs out."""
        if self._admitted >= self.capacity:
            return text_reply(
                HTTPStatus.SERVICE_UNAVAILABLE,
                "the server is busy: every worker and waiting place is taken",
                1,
            )
        self._admitted += 1
        try:
            return await self._answer(sparql, accept, deadline)
        finally:
            self._admitted -= 1

    async def _answer(self, sparql: str, accept: str, deadline: float) -> Reply:
        loop = asyncio.get_running_loop()
        try:
            worker = await asyncio.wait_for(self._idle.get(), max(deadline - loop.time(), 0))
        except TimeoutError:
            return _overtime("the query waited for a worker past the time limit", retry_after=1)
        self._busy.add(worker)
        try:
            if not worker.alive():
                self._renew(worker)
            return await worker.ask(sparql, accept, deadline - loop.time())
        except TimeoutError:
            self._renew(worker)
            return _overtime("the query ran past the time limit")
        except WorkerEnded:
            if self._stopping:
                return text_reply(HTTPStatus.SERVICE_UNAVAILABLE, "the server is stopping")
            self._renew(worker)
            return text_reply(
                HTTPStatus.INTERNAL_SERVER_ERROR,
                "the query's worker process ended (out of memory?); it has been replaced",
            )
        except BaseException:  # cancelled (client gone, server stopping): its late answer must not be read
            self._renew(worker)
            raise
        finally:
            self._busy.discard(worker)
            self._idle.put_nowait(worker)

    def _renew(self, worker: QueryWorker) -> None:
        if self._stopping:
            return
        self._unwatch(worker)
        worker.restart()
        self._watch(worker)

    def _watch(self, worker: QueryWorker) -> None:
        asyncio.get_running_loop().add_reader(worker.process.sentinel, self._ended, worker)

    def _unwatch(self, worker: QueryWorker) -> None:
        asyncio.get_running_loop().remove_reader(worker.process.sentinel)

    def _ended(self, worker: QueryWorker) -> None:
        """A worker's process ended: replace it now if idle; a busy one is replaced by the request it holds."""
        self._unwatch(worker)
        if worker not in self._busy:
            self._renew(worker)


def _overtime(message: str, retry_after: int | None = None) -> Reply:
    return text_reply(HTTPStatus.SERVICE_UNAVAILABLE, message, retry_after)


def _serve_queries(folder: Path, connection: Connection) -> None:
    from budget_graph.errors import InputError
    from budget_graph.store.oxigraph import LocalStore
    from budget_graph.store.queries import with_prefixes

    signal.signal(
        signal.SIGINT, signal.SIG_IGN
    )  # Ctrl-C reaches the whole process group: the server stops us
    store = LocalStore(folder, read_only=True)
    while True:
        try:
            sparql, accept = connection.recv()
        except EOFError:  # the server is gone
            return
        try:
            reply = _answer(store.raw_query(with_prefixes(sparql)), accept)
        except InputError as error:
            reply = text_reply(HTTPStatus.BAD_REQUEST, str(error))
        except Exception as error:  # the query failed while running: say so, keep serving
            reply = text_reply(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {error}")
        connection.send(reply)


def _answer(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, accept: str) -> Reply:
    """The result serialised as the client asks; results are evaluated lazily, so a 406 costs nothing."""
    offered = GRAPH_TYPES if isinstance(result, ox.QueryTriples) else RESULT_TYPES
    media = negotiate(accept, offered)
    if media is None:
        return not_acceptable(offered)
    return Reply(HTTPStatus.OK, with_charset(media), result.serialize(format=offered[media]))
