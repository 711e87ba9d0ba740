"""Time `validate` on filings, stage by stage, against the performance targets (docs/performance.md).

    python scripts/benchmark.py [FILE ...] [--repeat N] [--launches N]

For each file, the median milliseconds of each stage over N warm runs in this process: read, map (the
filing's triples), SHACL (the view of the graph the shapes read, and pySHACL on it), the NetworkX and Python
rule families (each one's share below them), render; then their total, as wall time and as this process's
CPU time (the machine is shared: CPU time is the steadier of the two). Start-up is what a one-file run takes
beyond that work: the median wall time of `budget-graph validate` on the sample in a fresh interpreter, with
bytecode compiled (as an installed package has it), less the sample's warm total; and the same in CPU time,
which a busy machine disturbs less; and that CPU time again with the shapes parsed in the run, as a first
run (or one without a cache folder) parses them. Defaults to the sample.

The targets live here, not in tests: timings on a shared machine are too noisy to pass or fail a build.
Compare before and after in the same minute, never against figures from another day.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # time this checkout, not an installed copy
SAMPLE = ROOT / "samples" / "luohu-2024.md"

# ms: a text filing's whole validate after start-up; the median PDF's; start-up (issue 15)
TARGETS = {"text": 100.0, "pdf": 150.0, "start-up": 300.0}


def _timed(stage: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = stage()
    return (time.perf_counter() - start) * 1000, result


def run_once(path: Path) -> dict[str, float]:
    from budget_graph.check import shacl
    from budget_graph.check.engine import FilingReport, arithmetic_checks, map_filing, sort_findings
    from budget_graph.read import read_file
    from budget_graph.report import renderer

    cpu = time.process_time()
    times: dict[str, float] = {}
    times["read"], filing = _timed(lambda: read_file(path))
    times["map"], mapped = _timed(lambda: map_filing(filing))
    times["shacl"], shacl_findings = _timed(lambda: list(shacl.check(mapped)))
    other = []
    for check in arithmetic_checks():
        spent, found = _timed(lambda check=check: list(check(filing)))
        times[f"  {check.__module__.rsplit('.', 1)[-1]}"] = spent
        other += found
    times["networkx"] = sum(v for k, v in times.items() if k.startswith("  "))
    report = FilingReport(filing, sort_findings([*shacl_findings, *other]))
    times["render"], _ = _timed(lambda: (renderer("json")([report]), renderer("text")([report])))
    times["total"] = sum(v for k, v in times.items() if not k.startswith("  "))
    times["total, CPU"] = (time.process_time() - cpu) * 1000
    return times


def one_file_runs(launches: int, kept_shapes: bool = True) -> list[tuple[float, float]]:
    """Wall and CPU ms of `python -m budget_graph validate SAMPLE` in fresh interpreters, bytecode compiled;
    with the parsed shapes kept on disk (check/shacl_cache.py), as every run after the first has them, or
    without (BUDGET_GRAPH_CACHE empty: the shapes and their queries parsed in each run)."""
    with tempfile.TemporaryDirectory() as pycache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pycache  # compiled once, outside the checkout
        if not kept_shapes:
            env["BUDGET_GRAPH_CACHE"] = ""
        command = [sys.executable, "-m", "budget_graph", "validate", str(SAMPLE), "--format", "json"]
        command += ["-o", os.devnull]
        runs = []
        for _ in range(launches + 1):  # the first compiles (and keeps the shapes)
            cpu = _children_cpu()
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            runs.append(((time.perf_counter() - start) * 1000, _children_cpu() - cpu))
        return runs[1:]


def _children_cpu() -> float:
    """CPU ms (user and system) of the child processes ended so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (used.ru_utime + used.ru_stime) * 1000


def _verdict(figure: float, target: float) -> str:
    return f"target ≤ {target:.0f} ms: {'met' if figure <= target else f'{figure - target:.0f} ms over'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[SAMPLE])
    parser.add_argument("--repeat", type=int, default=15, help="warm runs per file")
    parser.add_argument("--launches", type=int, default=5, help="one-file runs for start-up (0: skip)")
    args = parser.parse_args()
    start = time.perf_counter()
    import budget_graph.check.catalogue as catalogue

    catalogue.all_rules()
    print(f"imports in this process: {(time.perf_counter() - start) * 1000:.0f} ms")
    totals: dict[str, list[float]] = {"text": [], "pdf": []}
    medians: dict[str, list[float]] = {}
    for path in args.files:
        run_once(path)  # warm: shapes parsed, queries prepared, caches filled
        runs = [run_once(path) for _ in range(args.repeat)]
        print(f"\n{path.name}: median of {args.repeat} warm runs, ms")
        for stage in runs[0]:
            values = [r[stage] for r in runs]
            medians.setdefault(stage, []).append(statistics.median(values))
            print(
                f"  {stage:16} {statistics.median(values):8.1f}   (min {min(values):.1f}, max {max(values):.1f})"
            )
        kind = "pdf" if path.suffix.lower() == ".pdf" else "text"
        totals[kind].append(statistics.median(r["total"] for r in runs))
    if len(args.files) > 1:
        print(f"\nmedian over {len(args.files)} files, ms")
        for stage, values in medians.items():
            print(f"  {stage:16} {statistics.median(values):8.1f}   (max {max(values):.1f})")
    print("\nagainst the targets")
    for kind, label in (("text", "text filing, median"), ("pdf", "PDF, median")):
        if totals[kind]:
            figure = statistics.median(totals[kind])
            print(f"  {label:22} {figure:8.1f} ms   {_verdict(figure, TARGETS[kind])}")
    if args.launches:
        warm = [run_once(SAMPLE) for _ in range(args.repeat)]
        sample, sample_cpu = (statistics.median(r[key] for r in warm) for key in ("total", "total, CPU"))
        walls, cpus = zip(*one_file_runs(args.launches), strict=True)
        whole, whole_cpu = statistics.median(walls), statistics.median(cpus)
        print(f"  {'one-file run (sample)':22} {whole:8.1f} ms   (min {min(walls):.1f})")
        print(f"  {'  CPU':22} {whole_cpu:8.1f} ms   (min {min(cpus):.1f})")
        print(f"  {'start-up':22} {whole - sample:8.1f} ms   {_verdict(whole - sample, TARGETS['start-up'])}")
        startup_cpu = whole_cpu - sample_cpu
        print(f"  {'  CPU':22} {startup_cpu:8.1f} ms   {_verdict(startup_cpu, TARGETS['start-up'])}")
        parsing = statistics.median(cpu for _, cpu in one_file_runs(args.launches, kept_shapes=False))
        print(f"  {'  CPU, shapes parsed':22} {parsing - sample_cpu:8.1f} ms   (no cache: a first run)")


if __name__ == "__main__":
    main()
