"""Scale benchmark of the store: load N synthetic filings made from the real ones, time each named query.

    python scripts/scale_benchmark.py --filings 1000 10000 [--virtuoso 1000] [--store-root DIR] [--workers N]

The real filings (the sample, and every corpus PDF when ../shared/corpus is there) are read, mapped and
checked once each: that per-filing pipeline time is reported. The generator then makes N synthetic
filings from them — each a real filing's graphs and findings with another unit (eight consecutive
years per unit), another year and every figure scaled, so the shapes are the real ones — and streams
them into a fresh store through the same load as `budget-graph load`. Printed per N: load wall time,
the parts spent writing to the store and compacting it, triples, store size on disk, peak memory, and
each named query's time, twice, from the store opened read-only afterwards. With `--virtuoso N`, the
same N filings are then exported as `budget-graph export-corpus` does and bulk-loaded into a private
Virtuoso (needs virtuoso-opensource), and each named query is asked there and compared with the
embedded store's answer. Figures of a run on the project machine are kept in docs/store.md.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from budget_graph.graph.iris import slug  # noqa: E402
from budget_graph.loading import prepare  # noqa: E402
from budget_graph.store.graphs import NamedGraph, named_graph, sealed  # noqa: E402
from budget_graph.store.load import BATCH_QUADS, PreparedFiling, load  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
YEARS_PER_UNIT = 8
_DECIMAL = re.compile(r'"(-?\d+)(?:\.(\d+))?"\^\^<http://www\.w3\.org/2001/XMLSchema#decimal>')
_YEAR_VALUE = re.compile(r'(#(?:fiscalYear|referenceYear|baseYear|year)> )"(\d{4})"')


@dataclass(frozen=True)
class Template:
    filing: PreparedFiling
    texts: tuple[str, ...]  # each graph's N-Triples without its digest line


def templates() -> tuple[list[Template], list[float]]:
    """The real filings prepared once each, and the seconds each took (read + map + check + serialise)."""
    from budget_graph.read import read_paths

    sources = [ROOT / "samples" / "luohu-2024.md", *sorted(CORPUS.glob("*/*.pdf"))]
    made, seconds = [], []
    for source in sources:
        start = time.perf_counter()
        for filing in read_paths([str(source)]):
            prepared = prepare(filing)
            texts = tuple(g.ntriples.rsplit("\n", 3)[0] + "\n" for g in prepared.graphs)  # no bookkeeping
            made.append(Template(prepared, texts))
        seconds.append(time.perf_counter() - start)
    return made, seconds


def synthetic(number: int, pool: list[Template]) -> PreparedFiling:
    """Filing `number`: a template under unit number // 8, year 2017 + number % 8, figures scaled."""
    template = pool[(number // YEARS_PER_UNIT) % len(pool)]
    real = template.filing
    unit = f"{real.unit}·合成{number // YEARS_PER_UNIT:05d}"
    year = 2017 + number % YEARS_PER_UNIT
    factor = Decimal(80 + (number * 7919) % 41) / 100  # 0.80 … 1.20
    swaps = [
        (f"/{slug(real.unit)}/{real.year}/{real.kind}", f"/{slug(unit)}/{year}/{real.kind}"),
        # the summary's change statements name last year's figures by IRI
        (f"/{slug(real.unit)}/{real.year - 1}/budget/", f"/{slug(unit)}/{year - 1}/budget/"),
        (f"/unit/{slug(real.unit)}", f"/unit/{slug(unit)}"),
        (f"/id/year/{real.year}>", f"/id/year/{year}>"),
        (real.unit, unit),
    ]
    report = hashlib.sha1(f"{unit}{year}".encode()).hexdigest()[:12]
    graphs = []
    for old, text in zip(real.graphs, template.texts, strict=True):
        for before, after in swaps:
            text = text.replace(before, after)
        text = re.sub(r"/budget-graph/report/[0-9a-f]{12}(?=[/>])", f"/budget-graph/report/{report}", text)
        text = _YEAR_VALUE.sub(lambda m: f'{m[1]}"{int(m[2]) + year - real.year}"', text)
        text = _DECIMAL.sub(lambda m: _scaled(m, factor), text)
        graphs.append(_graph(old.iri.replace(*swaps[0]), text))
    outline = (
        replace(real.outline, unit=unit, year=year, sources=[f"synthetic-{number}"]) if real.outline else None
    )
    return replace(
        real, unit=unit, year=year, graphs=tuple(graphs), sources=(f"synthetic-{number}",), outline=outline
    )


def _scaled(match: re.Match, factor: Decimal) -> str:
    decimals = len(match[2] or "")
    value = (Decimal(f"{match[1]}.{match[2] or 0}") * factor).quantize(Decimal(1).scaleb(-decimals))
    return f'"{value}"^^<http://www.w3.org/2001/XMLSchema#decimal>'


def _graph(iri: str, ntriples: str) -> NamedGraph:
    """As `named_graph`, without re-sorting: the template's lines are already canonical and sorted."""
    if "_:" in ntriples:
        return named_graph(iri, ntriples)
    return sealed(iri, ntriples, ntriples.count("\n"))


class _Timed:
    """The store, with the time spent in its writes, its compaction and its count of triples added up."""

    def __init__(self, store) -> None:
        self.store, self.seconds, self.compacting, self.counting = store, 0.0, 0.0, 0.0
        self.atomic = store.atomic

    def replace(self, graphs) -> None:
        start = time.perf_counter()
        self.store.replace(graphs)
        self.seconds += time.perf_counter() - start

    def compact(self) -> None:
        start = time.perf_counter()
        self.store.compact()
        self.compacting = time.perf_counter() - start

    def triple_count(self) -> int:
        start = time.perf_counter()
        count = self.store.triple_count()
        self.counting = time.perf_counter() - start
        return count

    def __getattr__(self, name):
        return getattr(self.store, name)


_POOL: list[Template] = []


def _make(number: int) -> PreparedFiling:
    return synthetic(number, _POOL)


def _in_order(pool, count: int, window: int) -> Iterator[PreparedFiling]:
    """Filings 0 … count-1 made in the pool, in order, at most `window` in flight (the rest wait)."""
    pending: deque = deque()
    for number in range(count):
        pending.append(pool.apply_async(_make, (number,)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def run(count: int, folder: Path, workers: int) -> dict[str, list]:
    """Load `count` synthetic filings into a fresh store in `folder`, print the figures; each named
    query's answer (SPARQL JSON bindings) by name."""
    from budget_graph.store.oxigraph import LocalStore
    from budget_graph.store.queries import named_queries, with_prefixes

    shutil.rmtree(folder, ignore_errors=True)
    start, cpu = time.perf_counter(), _cpu_seconds()
    with multiprocessing.get_context("fork").Pool(workers) as pool:  # forked before the store opens
        store = _Timed(LocalStore(folder))
        summary = load(store, _in_order(pool, count, _window(workers)))
    wall = time.perf_counter() - start
    loader, generators = (after - before for after, before in zip(_cpu_seconds(), cpu, strict=True))
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**30
    print(f"\n## {count} filings\n")
    print(
        f"- load: {wall:.0f} s wall ({wall / count * 1000:.0f} ms per filing), of which store writes "
        f"{store.seconds:.0f} s, compaction {store.compacting:.0f} s and counting the triples at the end "
        f"{store.counting:.0f} s; {summary.triples:,} triples; "
        f"{size:.1f} GiB on disk"
    )
    print(
        f"- CPU (user + system): loading process {loader:.0f} s, generator processes {generators:.0f} s; "
        f"load average {os.getloadavg()[0]:.1f} at the end (this machine has {os.cpu_count()} cores)"
    )
    print(
        f"- peak memory: loader {_peak_mib(resource.RUSAGE_SELF):.0f} MiB, "
        f"a generator worker {_peak_mib(resource.RUSAGE_CHILDREN):.0f} MiB"
    )
    store.close()
    # queried as `budget-graph query` does, from the store opened read-only once the load is over: each
    # query twice, the first time with what the load left in the page cache, then again
    reader = LocalStore(folder, read_only=True)
    answers = {}
    print("\n| query | rows | seconds | seconds, again |\n|---|---|---|---|")
    for query in named_queries().values():
        seconds = []
        for _ in range(2):
            begin = time.perf_counter()
            answers[query.name] = reader.query(with_prefixes(query.text)).bindings
            seconds.append(time.perf_counter() - begin)
        rows = len(answers[query.name])
        print(f"| {query.name} | {rows} | {seconds[0]:.2f} | {seconds[1]:.2f} |", flush=True)
    reader.close()
    return answers


def _window(workers: int) -> int:
    """Filings made ahead: a batch of filings of ~5,000 quads, and a few more (the next batch is made
    while one is written)."""
    return BATCH_QUADS // 4000 + 4 * workers


def in_virtuoso(count: int, root: Path, workers: int, answers: dict[str, list]) -> None:
    """The same `count` filings exported as `budget-graph export-corpus` does (a folder, a file per
    filing), bulk-loaded into a private Virtuoso (tests/virtuoso.py: ld_dir + rdf_loader_run, one loader
    per core), and each named query asked there: its time, and whether it answers as the embedded store."""
    from budget_graph.errors import InputError
    from budget_graph.store.dump import Dump
    from budget_graph.store.load import reference_graphs
    from budget_graph.store.queries import named_queries, with_prefixes
    from budget_graph.store.remote import RemoteStore
    from tests import virtuoso

    folder = root / f"virtuoso-{count}"
    shutil.rmtree(folder, ignore_errors=True)
    server = virtuoso.start(folder, buffers=340_000)  # 2.6 GiB of cache
    try:
        start = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(workers) as pool, Dump(folder / "dump") as dump:
            dump.reference(reference_graphs())
            for filing in _in_order(pool, count, _window(workers)):
                dump.filing(filing.graphs)
        exported = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (folder / "dump").iterdir()) / 2**30
        start = time.perf_counter()
        server.bulk_load(folder / "dump", loaders=workers)
        loaded = time.perf_counter() - start
        print(
            f"\n### Virtuoso, {count} filings\n\n- export: {exported:.0f} s ({dump.files} files, "
            f"{dump.quads:,} quads, {size:.1f} GiB); bulk load (ld_dir + {workers} × rdf_loader_run, "
            f"checkpoint): {loaded:.0f} s"
        )
        remote = RemoteStore(server.endpoint, None)
        print("\n| query | rows | seconds | seconds, again | as on Oxigraph |\n|---|---|---|---|---|")
        for query in named_queries().values():
            seconds = []
            try:
                for _ in range(2):
                    begin = time.perf_counter()
                    there = remote.query(with_prefixes(query.text)).bindings
                    seconds.append(time.perf_counter() - begin)
            except InputError as error:  # the server refused it: say why, and go on with the others
                print(f"| {query.name} | | | | refused: {error} |", flush=True)
                continue
            print(
                f"| {query.name} | {len(there)} | {seconds[0]:.2f} | {seconds[1]:.2f} | "
                f"{_compared(there, answers[query.name])} |",
                flush=True,
            )
    finally:
        server.stop()


def _compared(there: list, here: list) -> str:
    """'same', or the first row (in sorted order) that only Virtuoso gives and the first only Oxigraph gives."""
    from tests import virtuoso

    theirs, ours = virtuoso.comparable(there), virtuoso.comparable(here)
    if theirs == ours:
        return "same"
    their_rows, our_rows = set(theirs), set(ours)
    only_there = next((row for row in theirs if row not in our_rows), None)
    only_here = next((row for row in ours if row not in their_rows), None)
    return f"DIFFERENT: Virtuoso {only_there} against Oxigraph {only_here}"


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its ended children so far: what a load costs
    whatever else the machine is running, which its wall time depends on."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filings", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--store-root", type=Path, default=Path(tempfile.gettempdir()) / "budget-graph-scale")
    parser.add_argument("--workers", type=int, default=2, help="generator processes")
    parser.add_argument(
        "--keep", action="store_true", help="keep the stores (default: removed after each run)"
    )
    parser.add_argument(
        "--virtuoso",
        type=int,
        nargs="*",
        default=[],
        metavar="N",
        help="for these counts, also export the filings and bulk-load them into a private Virtuoso",
    )
    args = parser.parse_args()
    made, seconds = templates()
    _POOL.extend(made)
    triples = sum(g.triples for t in made for g in t.filing.graphs) / len(made)
    print(
        f"# Scale benchmark\n\n- templates: {len(made)} real filings, {triples:,.0f} triples each on average "
        f"(graph, findings, summary); read + map + check + serialise: median "
        f"{sorted(seconds)[len(seconds) // 2]:.2f} s, max {max(seconds):.2f} s per source file"
    )
    for count in args.filings:
        folder = args.store_root / f"store-{count}"
        answers = run(count, folder, args.workers)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        if count in args.virtuoso:
            in_virtuoso(count, args.store_root, args.workers, answers)
            if not args.keep:
                shutil.rmtree(args.store_root / f"virtuoso-{count}", ignore_errors=True)


if __name__ == "__main__":
    main()
