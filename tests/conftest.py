"""Shared fixtures: the bundled sample, the corpus (skipped cleanly when absent), and filings read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "luohu-2024.md"
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()


@cache
def sample_lines() -> tuple[str, ...]:
    return tuple(SAMPLE.read_text(encoding="utf-8").split("\n"))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_filing():
    from budget_graph.read.text import read_text

    return read_text(SAMPLE)


@pytest.fixture(scope="session")
def sample_report():
    from budget_graph.check.engine import check_filing
    from budget_graph.read.text import read_text

    return check_filing(read_text(SAMPLE))


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS
