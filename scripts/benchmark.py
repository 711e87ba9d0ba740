"""Time each stage of `validate` on a filing: read, map, SHACL, NetworkX/Python checks, render.

    python scripts/benchmark.py [FILE ...] [--repeat N]

Prints the median milliseconds per stage over N warm runs (start-up and imports excluded, as the
target "a whole validate under 0.5 s of work after start-up" counts them), and within the NetworkX
stage each rule family's share. Defaults to the sample. Performance targets live here, not in tests.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _timed(stage: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = stage()
    return (time.perf_counter() - start) * 1000, result


def run_once(path: Path) -> dict[str, float]:
    from budget_graph.check import shacl
    from budget_graph.check.engine import FilingReport, arithmetic_checks, map_filing, sort_findings
    from budget_graph.read import read_file
    from budget_graph.report import renderer

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
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[ROOT / "samples" / "luohu-2024.md"])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    start = time.perf_counter()
    import budget_graph.check.catalogue as catalogue

    catalogue.all_rules()
    print(f"start-up (imports, shapes): {(time.perf_counter() - start) * 1000:.0f} ms")
    medians: dict[str, list[float]] = {}
    for path in args.files:
        run_once(path)  # warm: shapes parsed, caches filled
        runs = [run_once(path) for _ in range(args.repeat)]
        print(f"\n{path.name}: median of {args.repeat} warm runs, ms")
        for stage in runs[0]:
            values = [r[stage] for r in runs]
            medians.setdefault(stage, []).append(statistics.median(values))
            print(
                f"  {stage:16} {statistics.median(values):8.1f}   (min {min(values):.1f}, max {max(values):.1f})"
            )
    if len(args.files) > 1:
        print(f"\nmedian over {len(args.files)} files, ms")
        for stage, values in medians.items():
            print(f"  {stage:16} {statistics.median(values):8.1f}   (max {max(values):.1f})")


if __name__ == "__main__":
    main()
