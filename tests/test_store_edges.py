"""The store's edge cases, each built for real in tmp_path: the leftovers of an interrupted load, a damaged
counter, folders that are no store, a store that cannot be read or is in use, and workers that must not
outlive a killed command."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from budget_graph.cli import main
from budget_graph.store import replace_changed
from budget_graph.store.graphs import named_graph
from budget_graph.store.load import load
from budget_graph.store.oxigraph import CHECKPOINT_MARK, LocalStore
from tests.conftest import ROOT, SAMPLE
from tests.test_store import amounts, die_inside_a_load, graph, prepared

ASK = "ASK { ?s ?p ?o }"


def store_holding(folder: Path, amount: str) -> Path:
    """A store in `folder` whose one graph says `amount`."""
    store = LocalStore(folder)
    with store.transaction():
        replace_changed(store, [named_graph("https://example.org/g1", graph("a", amount))])
    store.close()
    return folder


def reopened(folder: Path) -> tuple[dict[str, str], list[str]]:
    """What the store holds once opened for writing again, and the lines the opening said."""
    notices: list[str] = []
    store = LocalStore(folder, notify=notices.append)
    try:
        return amounts(store), notices
    finally:
        store.close()


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def told_in_one_line(code: int, output: str, *words: str) -> None:
    lines = output.strip().splitlines()
    assert code == 2 and len(lines) == 1, output
    assert "internal error" not in output and all(word in lines[0] for word in words), output


# leftovers of an interrupted load


def test_an_interrupted_load_is_put_back_and_said(tmp_path):
    folder = store_holding(tmp_path / "store", "1")
    die_inside_a_load(folder, "7")
    assert (folder / "rollback" / CHECKPOINT_MARK).is_file()
    held, notices = reopened(folder)
    assert held == {"https://example.org/a": "1"}
    assert len(notices) == 1 and "was interrupted" in notices[0]
    assert sorted(p.name for p in folder.iterdir()) == ["lock", "oxigraph"]
    assert not (folder / "oxigraph" / CHECKPOINT_MARK).exists()


@pytest.mark.parametrize("stray", ["another store", "empty", "half a checkpoint"])
def test_a_rollback_folder_without_the_mark_never_replaces_the_data(tmp_path, stray):
    folder = store_holding(tmp_path / "store", "1")
    leftover = folder / "rollback"
    if stray == "another store":  # a whole database, but not a checkpoint this tool finished
        shutil.copytree(store_holding(tmp_path / "other", "9") / "oxigraph", leftover)
    elif stray == "empty":
        leftover.mkdir()
    else:  # a checkpoint cut short: some of its files, no mark
        leftover.mkdir()
        for path in sorted((folder / "oxigraph").iterdir())[:2]:
            shutil.copy(path, leftover)
    held, notices = reopened(folder)
    assert held == {"https://example.org/a": "1"}
    assert len(notices) == 1 and "not a complete checkpoint" in notices[0]
    [aside] = folder.glob("rollback.incomplete-*")
    assert str(aside) in notices[0] and not leftover.exists()


def test_a_put_back_that_died_between_its_renames_is_finished(tmp_path):
    folder = store_holding(tmp_path / "store", "1")
    die_inside_a_load(folder, "7")
    (folder / "oxigraph").rename(folder / "oxigraph.discarded")  # the put-back's first step, then death
    held, notices = reopened(folder)
    assert held == {"https://example.org/a": "1"} and "was interrupted" in notices[0]
    assert not (folder / "oxigraph.discarded").exists()


def test_a_load_that_completes_leaves_no_checkpoint(tmp_path):
    folder = store_holding(tmp_path / "store", "1")
    assert not (folder / "rollback").exists() and not (folder / "rollback.partial").exists()
    assert reopened(folder) == ({"https://example.org/a": "1"}, [])


# the uncompacted counter


@pytest.mark.parametrize("damage", ["garbage", "negative", "binary", "a folder"])
def test_a_damaged_counter_is_told_and_the_load_reported_as_written(tmp_path, damage):
    folder = tmp_path / "store"
    folder.mkdir()
    counter = folder / "uncompacted"
    if damage == "a folder":
        counter.mkdir()
    else:
        counter.write_bytes({"garbage": b"12x", "negative": b"-5", "binary": b"\xff\xfe\x00"}[damage])
    notices: list[str] = []
    store = LocalStore(folder, notify=notices.append)
    try:
        summary = load(store, [prepared("甲单位", 2023, "10")])
        assert summary.written > 0 and amounts(store) == {"https://example.org/甲单位": "10"}
    finally:
        store.close()
    assert notices and all(str(counter) in line and "\n" not in line for line in notices)
    assert "counting from 0" in notices[0]
    if damage != "a folder":
        assert counter.read_text() == str(summary.quads)  # counted afresh from this load


def test_load_with_a_damaged_counter_says_what_it_wrote(tmp_path):
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / "uncompacted").write_text("not a number")
    code, output = run_cli("load", str(SAMPLE), "--store", str(folder), "--workers", "1")
    assert code == 0, output
    assert "uncompacted" in output and "counting from 0" in output
    assert "graphs written" in output and "nothing was written" not in output


# folders that are no store, damaged stores, permissions, a store in use


def test_a_load_into_a_folder_of_other_files_is_refused_and_leaves_it_alone(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    code, output = run_cli("load", str(SAMPLE), "--store", str(folder), "--workers", "1")
    told_in_one_line(code, output, "不是库", "is not a store", "notes.txt")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_file_given_as_the_store_is_one_line(tmp_path):
    path = tmp_path / "store.db"
    path.write_text("x")
    told_in_one_line(*run_cli("load", str(SAMPLE), "--store", str(path), "--workers", "1"), "is a file")
    told_in_one_line(*run_cli("query", "--store", str(path), ASK), "no store")


@pytest.mark.parametrize("damage", ["garbage CURRENT", "garbage tables", "no database files"])
def test_a_corrupt_store_is_one_line_for_load_and_query(tmp_path, damage):
    folder = store_holding(tmp_path / "store", "1")
    data = folder / "oxigraph"
    if damage == "garbage CURRENT":
        (data / "CURRENT").write_text("garbage\n")
    elif damage == "garbage tables":
        for table in data.glob("*.sst"):
            table.write_bytes(b"garbage")
    else:
        shutil.rmtree(data)
        data.mkdir()
        (data / "readme.txt").write_text("not a database")
    words = ("库已损坏", "is corrupt or not a store")
    told_in_one_line(*run_cli("query", "--store", str(folder), ASK), *words)
    if damage != "no database files":  # a load makes a database in an empty one
        told_in_one_line(*run_cli("load", str(SAMPLE), "--store", str(folder), "--workers", "1"), *words)


def without_root_powers() -> list[str]:
    """The prefix that makes a command meet file permissions: root (as in a container) passes them all."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be denied")
    return ["setpriv", "--bounding-set=-all", "--inh-caps=-all"]


def cli_process(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*without_root_powers(), sys.executable, "-m", "budget_graph", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("closed", ["the store folder", "its database", "writing only"])
def test_permission_denied_on_the_store_is_one_line(tmp_path, closed):
    folder = store_holding(tmp_path / "store", "1")
    target = folder / "oxigraph" if closed == "its database" else folder
    target.chmod(0o555 if closed == "writing only" else 0)
    try:
        loaded = cli_process("load", str(SAMPLE), "--store", str(folder), "--workers", "1")
        asked = cli_process("query", "--store", str(folder), ASK)
    finally:
        target.chmod(0o755)
    told_in_one_line(loaded.returncode, loaded.stderr, "没有权限", "permission denied", str(folder))
    if closed == "writing only":
        assert asked.returncode == 0 and "true" in asked.stdout, asked.stderr
    else:
        told_in_one_line(asked.returncode, asked.stderr, "没有权限", "permission denied")
    assert reopened(folder)[0] == {"https://example.org/a": "1"}


def holder(script: str) -> subprocess.Popen:
    """Another process that holds the store, until killed; it prints a line once it does."""
    process = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "holding"
    return process


@pytest.mark.parametrize("by", ["a load", "another program"])
def test_a_store_in_use_is_one_line(tmp_path, by):
    folder = store_holding(tmp_path / "store", "1")
    opens = (
        f"from budget_graph.store.oxigraph import LocalStore; s = LocalStore(Path({str(folder)!r}))"
        if by == "a load"
        else f"import pyoxigraph; s = pyoxigraph.Store({str(folder / 'oxigraph')!r})"  # RocksDB's lock only
    )
    process = holder(
        f"import time\nfrom pathlib import Path\n{opens}\nprint('holding', flush=True)\ntime.sleep(60)"
    )
    try:
        code, output = run_cli("load", str(SAMPLE), "--store", str(folder), "--workers", "1")
        asked = run_cli("query", "--store", str(folder), ASK)
    finally:
        process.kill()
        process.wait()
    told_in_one_line(code, output, str(folder), "another process")
    assert asked[0] == 0 and "true" in asked[1]  # reading needs no lock


# workers end with the command


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of `pids` still running (a zombie has ended: it waits only for its parent to read it)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


def kill_when_working(command: list[str], signum: int, workers: int) -> set[int]:
    """Start `command`, send it `signum` once its pool's workers run, and return the processes below it
    that are still running a few seconds later."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a shell may have ignored it
    )
    try:
        deadline = time.monotonic() + 60
        while len(descendants(process.pid)) < workers + 1 and time.monotonic() < deadline:
            time.sleep(0.1)  # the fork server and the workers
        below = descendants(process.pid)
        assert len(below) >= workers + 1, "the pool never started"
        process.send_signal(signum)
        process.wait(timeout=30)
        deadline = time.monotonic() + 5
        while alive(below) and time.monotonic() < deadline:
            time.sleep(0.1)
        return alive(below)
    finally:
        if process.poll() is None:
            process.kill()


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


@needs_proc
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
def test_no_worker_outlives_a_killed_run(signum):
    script = (
        "import time\n"
        "from budget_graph.batch import run\n"
        "for _ in run(time.sleep, [60] * 4, 'sleeping', workers=2):\n"
        "    pass\n"
    )
    assert kill_when_working([sys.executable, "-c", script], signum, workers=2) == set()


@needs_proc
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_no_worker_outlives_a_killed_load(tmp_path, signum):
    sources = tmp_path / "filings"
    sources.mkdir()
    for index in range(8):
        shutil.copy(SAMPLE, sources / f"filing-{index}.md")
    command = [sys.executable, "-m", "budget_graph", "load", str(sources), "--store", str(tmp_path / "store")]
    assert kill_when_working([*command, "--workers", "2"], signum, workers=2) == set()
    store = LocalStore(tmp_path / "store", notify=lambda line: None)  # whatever was cut short is undone
    store.close()
