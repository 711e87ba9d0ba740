"""Fuzzing: mutated filings must read and check, or be refused with one line (InputError) — never crash.

A seeded mutation harness, no extra dependency. Text mutants of the bundled sample: lines dropped,
printed twice or swapped, digits changed, the file cut short, random bytes put in. PDF mutants of the
smallest corpus PDF (skipped when the corpus is absent): pages dropped, printed twice or turned (by
pypdfium2), bits flipped inside its streams. Every mutant is read and given the arithmetic checks and a
text report; one in ten (every one on demand) is also mapped to its graph, checked by SHACL and
written as N-Triples, where encoding faults show.

In CI a few dozen mutants run in seconds. On demand: BUDGET_GRAPH_FUZZ=2000 runs 2000 of each kind,
BUDGET_GRAPH_FUZZ_SEED=7 another sequence. A failure names each crashing mutant and keeps its file.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from budget_graph.check.engine import FilingReport, arithmetic_checks, check_mapped
from budget_graph.errors import InputError
from budget_graph.read import read_file
from budget_graph.report.text import render
from tests.conftest import SAMPLE

_ON_DEMAND = int(os.environ.get("BUDGET_GRAPH_FUZZ", "0"))
_SEED = int(os.environ.get("BUDGET_GRAPH_FUZZ_SEED", "20261203"))
_FULL_EVERY = 1 if _ON_DEMAND else 10


@dataclass
class Mutant:
    name: str  # what was done, enough to make it again
    data: bytes


# ---- the harness ---------------------------------------------------------------------------------


def _outcome(path: Path, full: bool) -> None:
    """Read and check the file; an InputError (one line) is a fine answer, any other exception is not."""
    try:
        filing = read_file(path)
    except InputError as error:
        assert "\n" not in str(error), f"an InputError of more than one line: {error!r}"
        return
    findings = [finding for check in arithmetic_checks() for finding in check(filing)]
    render([FilingReport(filing, findings)], []).encode("utf-8")
    if full:
        report, mapped = check_mapped(filing)
        render([report], []).encode("utf-8")
        mapped.graph.serialize(format="nt", encoding="utf-8")


def _crashes(mutants: Iterator[Mutant], suffix: str, folder: Path) -> list[str]:
    crashes = []
    for index, mutant in enumerate(mutants):
        path = folder / f"mutant-{index}{suffix}"
        path.write_bytes(mutant.data)
        try:
            _outcome(path, full=index % _FULL_EVERY == 0)
        except Exception as error:
            where = traceback.extract_tb(error.__traceback__)[-1]
            crashes.append(
                f"{path} ({mutant.name}): {type(error).__name__}: {error} at {where.filename}:{where.lineno}"
            )
        else:
            path.unlink()
    return crashes


# ---- text mutants --------------------------------------------------------------------------------


def _drop(rng: random.Random, lines: list[str]) -> str:
    at = rng.randrange(len(lines))
    del lines[at]
    return f"drop line {at + 1}"


def _duplicate(rng: random.Random, lines: list[str]) -> str:
    at = rng.randrange(len(lines))
    lines.insert(at, lines[at])
    return f"line {at + 1} twice"


def _swap(rng: random.Random, lines: list[str]) -> str:
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return f"swap lines {a + 1} and {b + 1}"


def _digit(rng: random.Random, lines: list[str]) -> str:
    numbered = [i for i, line in enumerate(lines) if any(c.isdigit() for c in line)]
    at = rng.choice(numbered)
    places = [i for i, c in enumerate(lines[at]) if c.isdigit()]
    place = rng.choice(places)
    line = lines[at]
    lines[at] = line[:place] + rng.choice("0123456789") + line[place + 1 :]
    return f"a digit of line {at + 1}"


def _spaces(rng: random.Random, lines: list[str]) -> str:
    """Columns moved: spaces put in or taken out at a place in a line (laid-out text places cells by them)."""
    at = rng.randrange(len(lines))
    place = rng.randrange(len(lines[at]) + 1)
    shift = rng.choice([-3, -1, 1, 2, 6])
    line = lines[at]
    lines[at] = (
        line[:place] + " " * shift + line[place:] if shift > 0 else line[:place] + line[place - shift :]
    )
    return f"{shift:+d} spaces at column {place} of line {at + 1}"


_LINE_EDITS: list[Callable[[random.Random, list[str]], str]] = [_drop, _duplicate, _swap, _digit, _spaces]


def text_mutants(rng: random.Random, count: int, original: bytes | None = None) -> Iterator[Mutant]:
    original = original or SAMPLE.read_bytes()
    for _ in range(count):
        lines = original.decode("utf-8").split("\n")
        done = [rng.choice(_LINE_EDITS)(rng, lines) for _ in range(rng.randint(1, 4))]
        data = "\n".join(lines).encode("utf-8")
        roll = rng.random()
        if roll < 0.15:
            cut = rng.randrange(len(data))
            data, done = data[:cut], [*done, f"cut at byte {cut}"]
        elif roll < 0.3:
            data, noise = _random_bytes(rng, data)
            done.append(noise)
        yield Mutant(", ".join(done), data)


def _random_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    at, length = rng.randrange(len(data)), rng.randint(1, 16)
    return data[:at] + rng.randbytes(length) + data[at:], f"{length} random bytes at byte {at}"


# ---- PDF mutants ---------------------------------------------------------------------------------


def _pages_edited(rng: random.Random, original: bytes) -> Mutant:
    """Pages dropped, printed twice, moved or turned, by pypdfium2 (a real, well-formed PDF)."""
    source = pdfium.PdfDocument(original)
    order = list(range(len(source)))
    done = []
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(order))
        edit = rng.choice(["drop", "twice", "move"]) if len(order) > 1 else "twice"
        if edit == "drop":
            order.pop(at)
        elif edit == "twice":
            order.insert(at, order[at])
        else:
            order.insert(rng.randrange(len(order)), order.pop(at))
        done.append(f"{edit} page {at + 1}")
    mutant = pdfium.PdfDocument.new()
    mutant.import_pages(source, order)
    for index in rng.sample(range(len(order)), k=min(len(order), rng.randint(0, 2))):
        degrees = rng.choice([90, 180, 270])
        mutant[index].set_rotation(degrees)
        done.append(f"turn page {index + 1} by {degrees}")
    buffer = io.BytesIO()
    mutant.save(buffer)
    mutant.close()
    source.close()
    return Mutant(", ".join(done) + f" (pages {order})", buffer.getvalue())


def _bits_flipped(rng: random.Random, original: bytes) -> Mutant:
    """A few bits flipped inside the file's streams (content, fonts, maps): a damaged download."""
    streams = []
    start = original.find(b"stream")
    while start != -1:
        end = original.find(b"endstream", start)
        if end == -1:
            break
        if end - start > 16:
            streams.append((start + 8, end))
        start = original.find(b"stream", end + 9)
    data = bytearray(original)
    flips = []
    for _ in range(rng.randint(1, 8)):
        begin, end = rng.choice(streams)
        at = rng.randrange(begin, end)
        bit = rng.randrange(8)
        data[at] ^= 1 << bit
        flips.append(f"{at}:{bit}")
    return Mutant(f"bits flipped (byte:bit) {' '.join(flips)}", bytes(data))


def pdf_mutants(rng: random.Random, original: bytes, count: int) -> Iterator[Mutant]:
    for _ in range(count):
        yield (_pages_edited if rng.random() < 0.5 else _bits_flipped)(rng, original)


@pytest.fixture(scope="module")
def corpus_pdf(corpus: Path) -> Path:
    """The smallest PDF of the corpus: the fastest to read many times over."""
    pdfs = sorted(corpus.rglob("*.pdf"), key=lambda path: (path.stat().st_size, str(path)))
    if not pdfs:
        pytest.skip("no PDF in the corpus")
    return pdfs[0]


# ---- the tests -----------------------------------------------------------------------------------


def test_text_mutants_read_and_check_or_are_refused(tmp_path: Path) -> None:
    crashes = _crashes(text_mutants(random.Random(_SEED), _ON_DEMAND or 30), ".md", tmp_path)
    assert not crashes, "\n".join(crashes)


def test_laid_out_text_mutants_read_and_check_or_are_refused(tmp_path: Path, corpus_pdf: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext absent")
    laid_out = subprocess.run(["pdftotext", "-layout", str(corpus_pdf), "-"], capture_output=True, check=True)
    mutants = text_mutants(random.Random(_SEED), _ON_DEMAND or 12, laid_out.stdout)
    crashes = _crashes(mutants, ".txt", tmp_path)
    assert not crashes, "\n".join(crashes)


def test_pdf_mutants_read_and_check_or_are_refused(tmp_path: Path, corpus_pdf: Path) -> None:
    mutants = pdf_mutants(random.Random(_SEED), corpus_pdf.read_bytes(), _ON_DEMAND or 12)
    crashes = _crashes(mutants, ".pdf", tmp_path)
    assert not crashes, "\n".join(crashes)


def test_a_crash_is_reported_with_its_mutant(tmp_path: Path, monkeypatch) -> None:
    """The harness itself: a fault in the checks is caught and named, an InputError is not a crash."""

    def faulty(filing):
        raise RecursionError("deep")

    monkeypatch.setattr("tests.test_fuzz.arithmetic_checks", lambda: [faulty])
    mutants = iter([Mutant("as published", SAMPLE.read_bytes()), Mutant("empty", b"")])
    crashes = _crashes(mutants, ".md", tmp_path)
    assert len(crashes) == 1 and "(as published): RecursionError: deep" in crashes[0]
    assert (tmp_path / "mutant-0.md").exists() and not (tmp_path / "mutant-1.md").exists()
