"""Many filings at once: work spread over every core, progress on a terminal, a summary table at the end.

`validate_many(paths)` is what `budget-graph validate` calls: the source files are read in worker
processes and grouped into filings, each filing is checked in a worker, then the filings of the run are
checked against each other (a change statement against the previous year's filing of the same unit;
决算 against that year's 部门预算).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from budget_graph.check.engine import FilingReport
from budget_graph.model import Filing

Job = TypeVar("Job")
Result = TypeVar("Result")


def run(
    work: Callable[[Job], Result], jobs: list[Job], description: str, workers: int | None = None
) -> Iterator[Result]:
    """`work` applied to each job, results in the jobs' order; worker processes when there is more than one.

    The pool is started by a fork server (a clean process), so workers never inherit the caller's open
    store or threads. Progress shows on stderr when it is a terminal.
    """
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    with _progress(description, len(jobs)) as advance:
        if workers <= 1:
            for job in jobs:
                yield work(job)
                advance()
            return
        context = multiprocessing.get_context("forkserver")
        with context.Pool(workers) as pool:
            for result in in_order(pool, work, jobs, window=2 * workers):
                yield result
                advance()


def in_order(pool, work: Callable[[Job], Result], jobs: list[Job], window: int) -> Iterator[Result]:
    """`pool.imap` with at most `window` jobs in flight: when the consumer (a store) is the slower side,
    finished results wait in the workers instead of piling up in memory."""
    pending: deque = deque()
    for job in jobs:
        pending.append(pool.apply_async(work, (job,)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def read_many(paths: list[str], workers: int | None = None) -> list[Filing]:
    """Read every source under `paths` in the pool, then group the files of one filing into one (a
    narrative PDF and a tables PDF of the same unit, year and kind): grouping needs every file read."""
    from budget_graph.read import find_sources, group_filings, read_file

    sources = [str(path) for path in find_sources(paths)]
    return group_filings(list(run(read_file, sources, "读取 reading", workers)))


def validate_many(paths: list[str], workers: int | None = None) -> list[FilingReport]:
    """Check every filing under `paths`, each on its own and then across the run."""
    from budget_graph.check.crossfiling import cross_check
    from budget_graph.check.engine import check_filing, sort_findings

    filings = read_many(paths, workers)
    reports = list(run(check_filing, filings, "检查 checking", workers))
    for report, extra in zip(reports, cross_check([r.filing for r in reports]), strict=True):
        if extra:
            report.findings = sort_findings([*report.findings, *extra])
    return reports


def summary_table(reports: list[FilingReport]) -> Table:
    """Filings, then errors, warnings and infos per filing, with the totals."""
    table = Table(title="检查结果 summary", show_footer=len(reports) > 1)
    counts = [(r.count("error"), r.count("warning"), r.count("info")) for r in reports]
    table.add_column("文件 filing", footer=f"{len(reports)} filings")
    table.add_column("年度 year")
    table.add_column("类型 kind")
    for index, name in enumerate(("错误 errors", "警告 warnings", "提示 infos")):
        table.add_column(name, justify="right", footer=str(sum(c[index] for c in counts)))
    for report, (errors, warnings, infos) in zip(reports, counts, strict=True):
        filing = report.filing
        style = "red" if errors else ("yellow" if warnings else None)
        table.add_row(
            filing.unit,
            str(filing.year),
            filing.kind.value,
            str(errors),
            str(warnings),
            str(infos),
            style=style,
        )
    return table


def print_summary(reports: list[FilingReport]) -> None:
    """The summary table on stderr (stdout stays the report itself)."""
    Console(stderr=True).print(summary_table(reports))


class _progress:
    """A rich progress bar on a terminal, nothing otherwise; used as `with _progress(...) as advance`."""

    def __init__(self, description: str, total: int) -> None:
        self.bar = None
        if sys.stderr.isatty() and total > 1:
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
