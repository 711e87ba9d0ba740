"""Batch validation (budget_graph/batch.py): many files over a process pool, cross-filing checks, summary."""

from __future__ import annotations

import io

from rich.console import Console

from budget_graph.batch import run, summary_table, validate_many
from tests.conftest import SAMPLE
from tests.edits import edited_sample
from tests.test_store_load import budget_2023


def _square(number: int) -> int:
    return number * number


def test_run_keeps_the_jobs_order_over_worker_processes():
    assert list(run(_square, list(range(12)), "squares", workers=2)) == [n * n for n in range(12)]


def test_a_batch_is_checked_file_by_file_and_across_the_run(tmp_path):
    previous = edited_sample(budget_2023(), tmp_path, "2023.md")
    reports, unchecked = validate_many([str(SAMPLE), str(previous)], workers=2)
    assert unchecked == []
    assert [(r.filing.year, r.filing.sources) for r in reports] == [
        (2024, [str(SAMPLE)]),
        (2023, [str(previous)]),
    ]
    cross = [f for f in reports[0].findings if f.rule == "BG-F001"]
    assert len(cross) == 1 and cross[0].locations[0].line == 83
    assert not [f for f in reports[1].findings if f.rule.startswith("BG-F")]


def test_summary_table_counts_findings_per_filing(sample_report):
    out = io.StringIO()
    Console(file=out, width=200).print(summary_table([sample_report, sample_report]))
    text = out.getvalue()
    assert text.count("深圳市罗湖区企业服务中心（本级）") == 2
    assert "2 filings" in text and str(2 * sample_report.count("error")) in text
