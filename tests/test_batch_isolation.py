"""One bad file never ends a run: every good filing is reported, every bad file named, exit status 2.

The folder of each test is built in tmp_path: the sample (and, when the corpus is present, a real PDF)
beside files no reader can take — an empty PDF, a truncated one, an encrypted one, a PDF without text,
and a text file that is not a filing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SH

from budget_graph.batch import Isolated, print_summary, run, validate_many
from budget_graph.check.engine import FilingReport
from budget_graph.cli import main
from budget_graph.errors import InputError, Unchecked
from budget_graph.graph.namespaces import BG
from budget_graph.report.ttl import render as render_ttl
from tests.conftest import CORPUS, ROOT, SAMPLE
from tests.hand_filings import small_filing

# the reader's words for each bad file, as the report must carry them
BAD = {
    "empty.pdf": "file is empty",
    "truncated.pdf": "damaged or truncated",
    "encrypted.pdf": "encrypted PDF",
    "scan.pdf": "no text",
}
POEM = "poem.md"  # not a filing: a folder passes it over, so the runs name it as a path of its own


def _pdf(*objects: bytes, trailer: bytes = b"") -> bytes:
    """A PDF of these objects (object 1 the catalogue) with its cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return out


PAGE = (
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
)
# the standard security handler with a user password that is not empty: no reader opens it without one
ENCRYPTION = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32)


def _corpus_pdf() -> Path | None:
    found = sorted(CORPUS.glob("sh-putuo-wanli-jiedao-2025-yusuan/*.pdf")) if CORPUS.is_dir() else []
    return found[0] if found else None


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "luohu.md").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    if pdf := _corpus_pdf():
        (folder / "wanli.pdf").write_bytes(pdf.read_bytes())
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(_pdf(*PAGE)[:160])
    (folder / "scan.pdf").write_bytes(_pdf(*PAGE))
    encrypted = _pdf(*PAGE, ENCRYPTION, trailer=b"/Encrypt 4 0 R /ID [<%s> <%s>] " % (b"33" * 16, b"33" * 16))
    (folder / "encrypted.pdf").write_bytes(encrypted)
    (tmp_path / POEM).write_text("# 静夜思\n\n床前明月光，疑是地上霜。\n", encoding="utf-8")
    return folder


def _good_units() -> set[str]:
    units = {"深圳市罗湖区企业服务中心（本级）"}
    return units | ({"上海市普陀区人民政府万里街道办事处"} if _corpus_pdf() else set())


def _validate(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`budget-graph validate` in a process of its own (the real pool), this tree's code on its path."""
    return subprocess.run(
        [sys.executable, "-m", "budget_graph", "validate", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "250"},  # the table unwrapped
        timeout=300,
    )


def _named(text: str, folder: Path) -> None:
    """Every bad file is named in `text`, with the reader's reason."""
    for name, reason in BAD.items():
        line = next(
            (line for line in text.splitlines() if str(folder / name) in line and reason in line), None
        )
        assert line, (name, text)
    assert "not a budget filing" in text and POEM in text


def test_json_reports_every_good_filing_and_names_every_bad_file(batch: Path) -> None:
    result = _validate("batch", POEM, "--format", "json", cwd=batch.parent)
    assert result.returncode == 2, result.stderr
    report = json.loads(result.stdout)
    assert {filing["unit"] for filing in report["filings"]} == _good_units()
    assert all(filing["findings"] for filing in report["filings"]), "the good filings are checked in full"
    unchecked = {tuple(entry["source"]): entry["error"] for entry in report["unchecked"]}
    assert set(unchecked) == {(str(Path("batch") / name),) for name in BAD} | {(POEM,)}
    assert all("\n" not in error for error in unchecked.values())
    _named("\n".join(unchecked.values()), Path("batch"))
    assert report["summary"]["unchecked"] == len(BAD) + 1
    assert report["summary"]["filings"] == len(_good_units())
    # the summary table on stderr lists them too, and no traceback anywhere
    assert "Traceback" not in result.stderr and "not checked" in result.stderr
    assert all(name in result.stderr for name in [*BAD, POEM])


def test_text_report_names_every_bad_file_under_its_findings(batch: Path) -> None:
    result = _validate("batch", POEM, "-o", "report.txt", cwd=batch.parent)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    text = (batch.parent / "report.txt").read_text(encoding="utf-8")
    assert all(f"== {unit} " in text for unit in _good_units())
    assert f"未能检查 not checked ({len(BAD) + 1})" in text
    _named(text, Path("batch"))
    assert text.splitlines()[-1].endswith(f"{len(BAD) + 1} not checked)")


def test_ttl_report_carries_the_good_filings_and_names_the_bad(batch: Path) -> None:
    result = _validate("batch", POEM, "--format", "ttl", cwd=batch.parent)
    assert result.returncode == 2, result.stderr
    graph = Graph().parse(data=result.stdout, format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert len(list(graph.objects(report, BG.filing))) == len(_good_units())
    assert list(graph.objects(report, SH.result)), "the good filings' findings are there"
    unchecked = list(graph.objects(report, BG.unchecked))
    sources = {str(graph.value(node, BG.source)) for node in unchecked}
    assert sources == {str(Path("batch") / name) for name in BAD} | {POEM}
    _named("\n".join(str(graph.value(node, RDFS.comment)) for node in unchecked), Path("batch"))
    assert graph.value(report, SH.conforms) == Literal(False)


def test_a_good_run_still_exits_by_its_findings(tmp_path: Path) -> None:
    """No bad file, no status 2: the sample's one error gives 1 and an empty "unchecked"."""
    result = _validate(str(SAMPLE), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["unchecked"] == [] and report["summary"]["unchecked"] == 0


def test_load_loads_the_good_filings_and_names_the_bad(batch: Path, tmp_path: Path) -> None:
    from tests.test_store_load import ask

    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["load", str(batch), str(tmp_path / POEM), "--store", str(store)])
    assert result.exit_code == 2, result.output
    assert {row["unit"] for row in ask(store, "filings")} == _good_units()
    _named(result.output, batch)
    lines = result.output.splitlines()
    assert sum(line.startswith("未能载入 not loaded:") for line in lines) == len(BAD) + 1
    assert f"({len(BAD) + 1} not loaded)" in lines[-1] and "the store holds" in lines[-1]


def test_load_of_nothing_readable_leaves_the_store_alone(batch: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["load", str(batch / "empty.pdf"), "--store", str(store)])
    assert result.exit_code == 2 and "file is empty" in result.output
    assert "not touched" in result.output and not store.exists()


def test_export_writes_the_good_filings_and_names_the_bad(batch: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(batch / "luohu.md"), str(batch / "encrypted.pdf")])
    assert result.exit_code == 2
    assert "encrypted PDF" in result.stderr and "Traceback" not in result.stderr
    assert "深圳市罗湖区企业服务中心" in result.stdout
    alone = CliRunner().invoke(main, ["export", str(batch / "encrypted.pdf")])
    assert alone.exit_code == 2 and alone.stdout == "" and len(alone.stderr.splitlines()) == 1


# --- the pool: a worker's exception comes back as that job's answer --------------------------------------


def _reciprocal(number: int) -> float:
    if number == 3:
        raise InputError(f"不可读 unreadable: {number}")
    return 1 / number  # 0: a fault of the tool, not of the input


def test_a_failing_job_answers_for_itself_and_the_pool_goes_on() -> None:
    results = list(run(_reciprocal, [1, 0, 2, 3, 4], "reciprocals", workers=2))
    assert [r for r in results if not isinstance(r, Unchecked)] == [1.0, 0.5, 0.25]
    bug, bad = results[1], results[3]
    assert isinstance(bug, Unchecked) and bug.sources == ("0",)
    assert "内部错误 internal error (reciprocals) 0: ZeroDivisionError" in bug.error and "\n" not in bug.error
    assert "Traceback" in bug.trace and "_reciprocal" in bug.trace
    assert isinstance(bad, Unchecked) and bad.error == "不可读 unreadable: 3" and bad.trace is None


def _dies_on_13(number: int) -> int:
    if number == 13:
        os.kill(os.getpid(), signal.SIGSEGV)  # as a fault in a native library (pdfium) would
    return 2 * number


def test_a_job_that_kills_its_worker_is_answered_for_and_the_run_goes_on() -> None:
    started = time.monotonic()
    results = list(run(_dies_on_13, [1, 2, 13, 4, 5, 6, 7], "doubling", workers=2))
    assert time.monotonic() - started < 120  # multiprocessing.Pool waited for ever
    assert [r for r in results if not isinstance(r, Unchecked)] == [2, 4, 8, 10, 12, 14]
    crashed = results[2]
    assert isinstance(crashed, Unchecked) and crashed.sources == ("13",)
    assert "内部错误 internal error (doubling) 13" in crashed.error and "进程意外终止" in crashed.error


class _HandedOutSlowly(list):
    """Jobs handed out two seconds apart after the first: a worker dying on it has died by the next."""

    def __iter__(self):
        for index, job in enumerate(super().__iter__()):
            if index:
                time.sleep(2)
            yield job


def test_a_worker_dead_before_the_next_job_is_handed_out_is_answered_for() -> None:
    # the pool broke between two hand-outs: handing out the next job raised, and the run ended with it
    results = list(run(_dies_on_13, _HandedOutSlowly([13, 1, 2]), "doubling", workers=2))
    assert isinstance(results[0], Unchecked) and results[1:] == [2, 4]


def test_an_input_error_that_does_not_name_its_file_is_given_the_name() -> None:
    def unnamed(path: str) -> None:
        raise InputError("坏了\nbroken")

    assert Isolated(unnamed, "reading")("a.md") == Unchecked(("a.md",), "a.md: 坏了 broken")


def _other_unit(folder: Path) -> Path:
    """The sample under another unit's name: a second good filing."""
    other = folder / "other.md"
    other.write_text(SAMPLE.read_text(encoding="utf-8").replace("企业服务中心", "另一中心"), encoding="utf-8")
    return other


def _failing_for(other: Path, work, error: Exception):
    """`work`, raising `error` (a bug) for the filing of `other` alone."""

    def failing(filing):
        if filing.sources == [str(other)]:
            raise error
        return work(filing)

    return failing


def test_an_internal_error_in_one_filing_leaves_the_others_reported(tmp_path: Path, monkeypatch) -> None:
    from budget_graph.check import engine

    other = _other_unit(tmp_path)
    monkeypatch.setattr(engine, "check_filing", _failing_for(other, engine.check_filing, KeyError("a bug")))
    reports, unchecked = validate_many([str(SAMPLE), str(other)], workers=1)
    assert [r.filing.sources for r in reports] == [[str(SAMPLE)]]
    [bug] = unchecked
    assert bug.sources == (str(other),) and "(检查 checking)" in bug.error and "KeyError" in bug.error


def test_tracebacks_only_when_debugging(capsys, monkeypatch) -> None:
    bug = Unchecked(("a.md",), "内部错误 internal error: KeyError", "Traceback (most recent call last): …\n")
    report = FilingReport(small_filing())
    monkeypatch.delenv("BUDGET_GRAPH_DEBUG", raising=False)
    print_summary([report], [bug])
    assert "Traceback" not in capsys.readouterr().err
    monkeypatch.setenv("BUDGET_GRAPH_DEBUG", "1")
    print_summary([report], [bug])
    assert "Traceback" in capsys.readouterr().err


def test_a_lone_bad_file_is_one_line_on_stderr(capsys) -> None:
    print_summary([], [Unchecked(("a.pdf",), "文件为空 file is empty: a.pdf")])
    assert capsys.readouterr().err == "budget-graph: 文件为空 file is empty: a.pdf\n"


def test_the_ttl_report_names_a_bad_file_only_when_there_is_one() -> None:
    report = FilingReport(small_filing())
    clean = Graph().parse(data=render_ttl([report], []), format="turtle")
    assert not set(clean.subjects(RDF.type, BG.Unchecked))
    assert set(clean.objects(None, SH.conforms)) == {Literal(True)}
    named = Graph().parse(data=render_ttl([report], [Unchecked(("x.pdf",), "bad")]), format="turtle")
    [node] = named.subjects(RDF.type, BG.Unchecked)
    assert named.value(node, BG.source) == Literal("x.pdf") and named.value(node, RDFS.comment) == Literal(
        "bad"
    )
    assert set(named.objects(None, SH.conforms)) == {Literal(False)}
    assert set(named.subjects(RDF.type, SH.ValidationReport)) != set(
        clean.subjects(RDF.type, SH.ValidationReport)
    )


def test_a_filing_that_fails_to_prepare_is_not_written(tmp_path: Path, monkeypatch) -> None:
    """An internal error while one filing is mapped and checked for the store: none of it is written."""
    from budget_graph import loading
    from tests.test_store_load import ask

    other = _other_unit(tmp_path)
    monkeypatch.setattr(loading, "prepare", _failing_for(other, loading.prepare, ValueError("a bug")))
    store = tmp_path / "store"
    result = CliRunner().invoke(
        main, ["load", str(SAMPLE), str(other), "--store", str(store), "--workers", "1"]
    )
    assert result.exit_code == 2 and "ValueError: a bug" in result.output
    assert [row["unit"] for row in ask(store, "filings")] == ["深圳市罗湖区企业服务中心（本级）"]
