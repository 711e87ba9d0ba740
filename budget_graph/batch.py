"""Many filings at once: work spread over every core, progress on a terminal, a summary table at the end.

`validate_many(paths)` is what `budget-graph validate` calls: the source files are read in worker
processes and grouped into filings, each filing is checked in a worker, then the filings of the run are
checked against each other (a change statement against the previous year's filing of the same unit;
决算 against that year's 部门预算).

One bad file never ends a run: a file that cannot be read, or that the tool fails on, comes back as an
`Unchecked` of its own (in the worker, so the pool goes on; or, when it kills its worker, from the run
trying it alone), and the run reports every other filing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from budget_graph.check.engine import FilingReport
from budget_graph.errors import InputError, Unchecked, debugging, printable
from budget_graph.model import Filing

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.connection import Connection

    from rich.table import Table

Job = TypeVar("Job")
Result = TypeVar("Result")


def run(
    work: Callable[[Job], Result], jobs: list[Job], description: str, workers: int | None = None
) -> Iterator[Result | Unchecked]:
    """`work` applied to each job, results in the jobs' order; worker processes when there is more than one.

    A job that fails gives an `Unchecked` in its place (see `Isolated`). The pool is started by a fork
    server (a clean process), so workers never inherit the caller's open store or threads. The workers end
    with the command: SIGTERM or Ctrl-C terminates the pool, and a worker whose command is gone (killed
    outright) exits on its own. Progress shows on stderr when it is a terminal.
    """
    isolated = Isolated(work, description)
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    with _progress(description, len(jobs)) as advance:
        if workers <= 1:
            for job in jobs:
                yield isolated(job)
                advance()
            return
        import multiprocessing  # the pool's machinery loads only for a pool: a one-file run has none

        context = multiprocessing.get_context("forkserver")
        command_alive, alive_end = context.Pipe(duplex=False)
        pools = _Pools(context, command_alive)
        with command_alive, alive_end, _sigterm_unwinds(), pools:
            for result in in_order(pools, isolated, jobs, workers):
                yield result
                advance()


def _end_with_command(command_alive: Connection) -> None:
    """In each worker, first: leave Ctrl-C to the command (which terminates the pool), and exit as soon as
    the command is gone. `command_alive` is a pipe whose other end only the command holds: the kernel
    closes it when the command dies, however it dies. (The worker's parent is the fork server, which
    waits on its workers, and the pool's pipes do not tell a worker busy on a large file.)"""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            command_alive.recv_bytes()  # nothing is ever sent: this returns when the command has gone
        os._exit(1)

    threading.Thread(target=watch, name="end-with-command", daemon=True).start()


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """While the pool runs, SIGTERM ends the command as Ctrl-C does, by unwinding: the pool is terminated
    and a store's transaction rolled back, instead of the process vanishing with its workers running."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


@dataclass(frozen=True)
class Isolated(Generic[Job, Result]):
    """`work` that answers for its own job: an InputError (bad input) or any other exception (a fault of
    the tool) becomes an `Unchecked` naming the job's files, so the rest of the run goes on. It runs in
    the worker, so nothing but a plain result crosses back to the pool."""

    work: Callable[[Job], Result]
    stage: str  # what the run was doing, for an internal error's message: 读取 reading, 检查 checking …

    def __call__(self, job: Job) -> Result | Unchecked:
        sources = sources_of(job)
        try:
            return self.work(job)
        except InputError as error:
            return Unchecked(sources, _naming(sources, str(error)))
        except Exception as error:
            message = (
                f"内部错误 internal error ({self.stage}) {', '.join(sources)}: {type(error).__name__}: {error} "
                "(BUDGET_GRAPH_DEBUG=1 shows where)"
            )
            return Unchecked(sources, _one_line(message), traceback.format_exc())


def sources_of(job: object) -> tuple[str, ...]:
    """The files a job stands for: a filing's sources, else the job itself (a path)."""
    return tuple(job.sources) if isinstance(job, Filing) else (printable(str(job)),)


def _naming(sources: tuple[str, ...], message: str) -> str:
    """The message on one line, with the file's name in it (the readers' messages already end with it)."""
    message = _one_line(message)
    return message if all(source in message for source in sources) else f"{', '.join(sources)}: {message}"


def _one_line(message: str) -> str:
    return " ".join(message.split())


def results_only(results: Iterable[Result | Unchecked], unchecked: list[Unchecked]) -> Iterator[Result]:
    """The results of a run, lazily; each `Unchecked` among them is put aside in `unchecked`."""
    for result in results:
        if isinstance(result, Unchecked):
            unchecked.append(result)
        else:
            yield result


@dataclass
class _Pools:
    """Worker pools of the run: the one at work, replaced when a worker dies, and a pool of one worker
    for a job alone. On leaving (the run done, Ctrl-C, SIGTERM) every worker still running is ended."""

    context: multiprocessing.context.BaseContext
    command_alive: Connection
    started: list[ProcessPoolExecutor] = field(default_factory=list)

    def start(self, workers: int) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(
            workers, mp_context=self.context, initializer=_end_with_command, initargs=(self.command_alive,)
        )
        self.started.append(pool)
        return pool

    def __enter__(self) -> _Pools:
        return self

    def __exit__(self, *exc: object) -> None:
        for pool in self.started:
            # the executor has no public way to end a busy worker; waiting for it would hold a Ctrl-C
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)


def in_order(pools: _Pools, work: Callable[[Job], Result], jobs: list[Job], workers: int) -> Iterator[Result]:
    """Results in the jobs' order, with at most two jobs per worker in flight: when the consumer (a store)
    is the slower side, finished results wait in the workers instead of piling up in memory.

    A worker that dies (a crash in a native library: a PDF that makes pdfium fault) breaks its pool and
    every job in flight with it: those jobs run again, each alone in a pool of its own, so the one that
    kills its worker is answered for as an `Unchecked` and the others give their results; the run goes on
    in a new pool."""
    from concurrent.futures.process import BrokenProcessPool

    pool = pools.start(workers)
    pending: deque[tuple[Job, Future]] = deque()
    for job in jobs:
        try:
            future = pool.submit(work, job)
        except BrokenProcessPool:  # a job in flight killed its worker since the last one was settled
            pool = _recover(pending, pools, work, workers)
            future = pool.submit(work, job)
        pending.append((job, future))
        if len(pending) >= 2 * workers:
            pool = _settle_first(pending, pools, pool, work, workers)
            yield pending.popleft()[1].result()
    while pending:
        pool = _settle_first(pending, pools, pool, work, workers)
        yield pending.popleft()[1].result()


def _settle_first(
    pending: deque[tuple[Job, Future]], pools: _Pools, pool: ProcessPoolExecutor, work: Callable, workers: int
) -> ProcessPoolExecutor:
    """Wait for the first pending job; if its pool broke, recover (_recover)."""
    from concurrent.futures.process import BrokenProcessPool

    with contextlib.suppress(BrokenProcessPool):
        pending[0][1].result()
        return pool
    return _recover(pending, pools, work, workers)


def _recover(
    pending: deque[tuple[Job, Future]], pools: _Pools, work: Callable, workers: int
) -> ProcessPoolExecutor:
    """After a pool broke: run each pending job the break cut short alone (in order; those already done
    keep their results) and give back a new pool for the jobs to come."""
    from concurrent.futures import wait
    from concurrent.futures.process import BrokenProcessPool

    wait([future for _, future in pending])  # a broken pool fails every job it held: none waits long
    in_flight = list(pending)
    pending.clear()
    pending.extend(
        (job, _alone(pools, work, job) if isinstance(future.exception(), BrokenProcessPool) else future)
        for job, future in in_flight
    )
    return pools.start(workers)


def _alone(pools: _Pools, work: Callable, job: object) -> Future:
    """The job's result, from a worker of its own; a worker that dies on it gives an `Unchecked`."""
    from concurrent.futures.process import BrokenProcessPool

    done: Future = Future()
    pool = pools.start(1)
    try:
        done.set_result(pool.submit(work, job).result())
    except BrokenProcessPool:
        sources = sources_of(job)
        stage = getattr(work, "stage", "")
        done.set_result(
            Unchecked(
                sources,
                f"内部错误 internal error ({stage}) {', '.join(sources)}: 处理此文件的进程意外终止 the process "
                "working on it died (a crash below Python, e.g. in the PDF library)",
            )
        )
    finally:
        pool.shutdown(cancel_futures=True)
    return done


def read_many(paths: list[str], workers: int | None = None) -> tuple[list[Filing], list[Unchecked]]:
    """Read every source under `paths` in the pool, then group the files of one filing into one (a
    narrative PDF and a tables PDF of the same unit, year and kind): grouping needs every file read.
    The files that could not be read come second.

    A path that does not exist, or a folder without filings, is misuse, not a bad file: InputError."""
    from budget_graph.read import dated, find_sources, group_filings, read_undated

    sources = [str(path) for path in find_sources(paths)]
    unreadable: list[Unchecked] = []
    read = results_only(run(read_undated, sources, "读取 reading", workers), unreadable)
    filings = []
    for filing in group_filings([filing for filings in read for filing in filings]):
        try:
            filings.append(dated(filing))
        except InputError as error:  # tables printing no year, no narrative found to give it
            refused = Unchecked(tuple(filing.sources), str(error))
            if refused not in unreadable:  # a file read as several filings (a compilation's), each refused
                unreadable.append(refused)
    return filings, unreadable


def validate_many(paths: list[str], workers: int | None = None) -> tuple[list[FilingReport], list[Unchecked]]:
    """Check every filing under `paths`, each on its own and then across the run; the files that could
    not be read or checked come second."""
    from budget_graph.check.crossfiling import cross_check
    from budget_graph.check.engine import check_filing, sort_findings

    filings, unchecked = read_many(paths, workers)
    reports = list(results_only(run(check_filing, filings, "检查 checking", workers), unchecked))
    for report, extra in zip(reports, cross_check([r.filing for r in reports]), strict=True):
        if extra:
            report.findings = sort_findings([*report.findings, *extra])
    return reports, unchecked


_KIND_NAMES = {"budget": "预算 budget", "final": "决算 final"}


def summary_table(reports: list[FilingReport], unchecked: Sequence[Unchecked] = ()) -> Table:
    """Filings, then errors, warnings and infos per filing, with the totals; then each file not checked
    (why is in the report). The counts are of new findings: a baseline's accepted ones are not counted."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="检查结果 summary", show_footer=len(reports) + len(unchecked) > 1)
    counts = [
        (r.count("error", new=True), r.count("warning", new=True), r.count("info", new=True)) for r in reports
    ]
    footer = f"{len(reports)} filings" + (f", {len(unchecked)} not checked" if unchecked else "")
    # the unit's name takes what width there is: the other columns' captions stand on two lines, so that
    # an 80-column terminal does not fold a name over four
    table.add_column("文件 filing", footer=footer, overflow="fold", ratio=1)  # a path is no use cut short
    table.add_column("年度\nyear", no_wrap=True)
    table.add_column("类型\nkind", no_wrap=True)
    for index, name in enumerate(("错误\nerrors", "警告\nwarnings", "提示\ninfos")):
        table.add_column(name, justify="right", no_wrap=True, footer=str(sum(c[index] for c in counts)))
    for report, (errors, warnings, infos) in zip(reports, counts, strict=True):
        filing = report.filing
        style = "red" if errors else ("yellow" if warnings else None)
        table.add_row(
            filing.unit,
            str(filing.year),
            _KIND_NAMES[filing.kind.value],
            str(errors),
            str(warnings),
            str(infos),
            style=style,
        )
    for failed in unchecked:
        table.add_row(
            escape(", ".join(failed.sources)), "", "未能检查 not checked", "-", "-", "-", style="red"
        )
    return table


def print_summary(reports: list[FilingReport], unchecked: Sequence[Unchecked] = ()) -> None:
    """On stderr (stdout stays the report itself): the summary table when the run had several files,
    else the one line of a lone file not checked."""
    show_traces(unchecked)
    if len(reports) + len(unchecked) > 1:
        from rich.console import Console  # rich loads only for a table or a bar: a one-file run shows neither

        Console(stderr=True).print(summary_table(reports, unchecked))
    else:
        name_unchecked(unchecked)


def name_unchecked(unchecked: Sequence[Unchecked]) -> None:
    """One line on stderr for each file not checked, as for any bad input."""
    for failed in unchecked:
        print(f"budget-graph: {failed.error}", file=sys.stderr)


def show_traces(unchecked: Sequence[Unchecked]) -> None:
    """With BUDGET_GRAPH_DEBUG=1, where each internal error happened (on stderr)."""
    if debugging():
        for failed in unchecked:
            if failed.trace:
                print(failed.trace, file=sys.stderr, end="")


class _progress:
    """A rich progress bar on a terminal, nothing otherwise; used as `with _progress(...) as advance`."""

    def __init__(self, description: str, total: int) -> None:
        self.bar = None
        if sys.stderr.isatty() and total > 1:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.bar.add_task(description, total=total)

    def __enter__(self) -> Callable[[], None]:
        if self.bar:
            self.bar.start()
        return self._advance

    def __exit__(self, *exc) -> None:
        if self.bar:
            self.bar.stop()

    def _advance(self) -> None:
        if self.bar:
            self.bar.advance(self.task)
