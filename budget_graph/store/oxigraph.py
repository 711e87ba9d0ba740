"""The embedded store: Oxigraph on disk, with loads that either complete or leave the store as it was.

Layout of a store folder DIR:
  DIR/oxigraph/   the database
  DIR/rollback/   a checkpoint taken when a load starts, removed when it ends; a load that fails (or a
                  process that dies) leaves it, and the store is put back to it on the next open, but only
                  if it holds the mark written once the checkpoint was whole (anything else named so is
                  moved aside and the data kept)
  DIR/lock        held by the one process that may write
  DIR/uncompacted how many quads loads have written since the store was last compacted

A checkpoint hard-links RocksDB's immutable files, so it costs milliseconds whatever the store's size;
this lets a load use Oxigraph's bulk loader (several times faster than transactional inserts) and still
be atomic as a whole.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pyoxigraph as ox

from budget_graph.errors import InputError
from budget_graph.store.graphs import NamedGraph, as_nquads
from budget_graph.store.iris import DIGEST, QUADS
from budget_graph.store.results import Answer

_DIGEST, _QUADS = ox.NamedNode(DIGEST), ox.NamedNode(QUADS)
# quads written after which the store is compacted: each bulk load adds RocksDB files that overlap all the
# others (their keys are hashes), and every read searches them all; at 10,000 filings (53 M quads)
# compacting made the named queries 2-4 times faster and the store 17 GiB -> 10 GiB on disk
COMPACT_AFTER = 5_000_000
# written into a checkpoint once it is whole, last: only a checkpoint with it may replace the data
CHECKPOINT_MARK = "checkpoint-complete"
# what a store folder may hold before its database exists (the rest of a load that died early)
STORE_ENTRIES = ("oxigraph", "rollback", "lock", "uncompacted")


class LocalStore:
    atomic = True

    def __init__(
        self, folder: Path, read_only: bool = False, notify: Callable[[str], None] | None = None
    ) -> None:
        """Open the store in `folder` (a load creates it); `notify` gets a line for what the opening found
        and did (an interrupted load put right), on stderr by default. A folder that is no store, is
        corrupt, cannot be read or is in use: InputError."""
        self.folder = folder
        self.read_only = read_only
        self._notify = notify or _on_stderr
        self._lock = None
        with _told_plainly(folder):
            if read_only:
                if not self._data.is_dir():
                    raise InputError(f"没有这个库 no store at {folder} (create it with `budget-graph load`)")
                self._store = ox.Store.read_only(str(self._data))
            else:
                self._open_for_writing()

    def _open_for_writing(self) -> None:
        _refuse_foreign_folder(self.folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = _exclusive_lock(self.folder / "lock")
        try:
            self._recover_from_interrupted_load()
            self._store = ox.Store(str(self._data))
        except BaseException:
            self.close()
            raise

    @property
    def _data(self) -> Path:
        return self.folder / "oxigraph"

    @property
    def _rollback(self) -> Path:
        return self.folder / "rollback"

    def raw_query(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL 1.1 query; the default graph is the union of all graphs (as in Virtuoso)."""
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as error:
            raise InputError(f"SPARQL 查询有误 invalid query: {error}") from error
        except RuntimeError as error:
            if "Corruption" in str(error):  # damaged files that opening the store did not read
                raise InputError(_corrupt(self.folder, error)) from error
            raise

    def query(self, sparql: str) -> Answer:
        result = self.raw_query(sparql)
        if isinstance(result, ox.QuerySolutions):
            return Answer(results=json.loads(result.serialize(format=ox.QueryResultsFormat.JSON)))
        if isinstance(result, ox.QueryBoolean):
            return Answer(results={"head": {}, "boolean": bool(result)})
        return Answer(triples=result.serialize(format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))

    def digests(self, iris: list[str]) -> dict[str, str]:
        """The content digest of each of these graphs that the store holds."""
        found = {}
        for iri in iris:
            graph = ox.NamedNode(iri)
            for quad in self._store.quads_for_pattern(graph, _DIGEST, None, graph):
                found[iri] = quad.object.value
        return found

    def replace(self, graphs: list[NamedGraph]) -> None:
        """Put these graphs in place of any graphs of the same names (call inside `transaction`)."""
        for graph in graphs:
            name = ox.NamedNode(graph.iri)
            if self._store.contains_named_graph(name):
                self._store.remove_graph(name)
        if graphs:
            # lenient: the N-Quads are this tool's own serialisation (rdflib, pyoxigraph), valid by
            # construction; not validating every IRI again makes parsing well over twice as fast
            with _told_plainly(self.folder):
                self._store.bulk_load(input=as_nquads(graphs), format=ox.RdfFormat.N_QUADS, lenient=True)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[LocalStore]:
        """Everything written inside happens, or on any exception none of it does."""
        partial = self.folder / "rollback.partial"
        with _told_plainly(self.folder):
            shutil.rmtree(partial, ignore_errors=True)
            self._store.flush()
            self._store.backup(str(partial))
            mark = f"{datetime.now():%Y-%m-%d %H:%M:%S}\n"
            (partial / CHECKPOINT_MARK).write_text(mark, encoding="utf-8")
            partial.rename(self._rollback)
        try:
            yield self
            self._store.flush()
        except BaseException:
            self._close_database()
            self._put_back(self._rollback)
            self._store = ox.Store(str(self._data))
            raise
        shutil.rmtree(self._rollback)

    def triple_count(self) -> int:
        """The quads of the store: the sum of the sizes its graphs state (a quad a graph: counting every
        quad costs ≈ 2 µs a quad, over a minute at 45 M), or every quad counted when a graph states none
        (written by an older version) or the default graph holds any."""
        sizes = {
            quad.subject: int(quad.object.value)
            for quad in self._store.quads_for_pattern(None, _QUADS, None, None)
            if quad.subject == quad.graph_name
        }
        default = next(iter(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
        if default is None and set(self._store.named_graphs()) == sizes.keys():
            return sum(sizes.values())
        return len(self._store)

    def note_written(self, quads: int) -> bool:
        """Add `quads` to those written since the last compaction (kept in DIR/uncompacted, so loads of a
        corpus in many parts add up); True once they reach COMPACT_AFTER: time to compact.

        It runs after the load has committed, so a counter that cannot be read or written is told in a
        line and counted from here; it never fails the load."""
        written = quads + self._uncompacted()
        self._keep_uncompacted(written)
        return written >= COMPACT_AFTER

    def compact(self) -> None:
        """Merge the files bulk loads left overlapping (content unchanged; a reader need search fewer)."""
        self._store.optimize()
        self._keep_uncompacted(0)

    @property
    def _counter(self) -> Path:
        return self.folder / "uncompacted"

    def _uncompacted(self) -> int:
        if not self._counter.exists():
            return 0
        try:
            count = int(self._counter.read_text(encoding="ascii"))
            if count >= 0:
                return count
            why = f"a negative count {count}"
        except (OSError, ValueError) as error:
            why = str(error)
        self._notify(f"注意 note: {self._counter} 无法读取，从 0 计 is unreadable ({why}); counting from 0")
        return 0

    def _keep_uncompacted(self, count: int) -> None:
        try:
            self._counter.write_text(str(count), encoding="ascii")
        except OSError as error:
            self._notify(f"注意 note: 未能记下 could not record {count} quads uncompacted: {error}")

    def close(self) -> None:
        self._close_database()
        if self._lock:
            self._lock.close()
            self._lock = None

    def _close_database(self) -> None:
        # pyoxigraph closes the database when the Store object goes away.
        self._store = None
        gc.collect()

    def _recover_from_interrupted_load(self) -> None:
        """Put right what a load that died left: its whole checkpoint is put back in place of the data
        (which may hold part of that load); anything else named `rollback` is moved aside, the data kept
        (the load it came from never wrote: it writes only once its checkpoint is whole)."""
        shutil.rmtree(self.folder / "rollback.partial", ignore_errors=True)
        leftover = self._rollback
        if (leftover / CHECKPOINT_MARK).is_file():
            started = (leftover / CHECKPOINT_MARK).read_text(encoding="utf-8").strip()
            self._put_back(leftover)
            self._notify(
                f"注意 note: 上次载入（{started} 开始）未完成，库已恢复到载入之前 the load started {started} "
                f"was interrupted; {self.folder} is back as it was before that load"
            )
        elif leftover.exists():
            aside = self.folder / f"rollback.incomplete-{datetime.now():%Y%m%d-%H%M%S}"
            leftover.rename(aside)
            self._notify(
                f"注意 note: {leftover} 不是完整的检查点，数据保持不变 is not a complete checkpoint; the "
                f"store's data is kept as it is and the leftover moved to {aside}"
            )
        if self._data.is_dir():  # what a put-back that died before its last steps left
            shutil.rmtree(self._discarded, ignore_errors=True)
            (self._data / CHECKPOINT_MARK).unlink(missing_ok=True)

    def _put_back(self, checkpoint: Path) -> None:
        """The checkpoint in place of the data, in renames: a process that dies at any step leaves either
        the data or the whole checkpoint (and its mark) in place, and the next opening finishes."""
        if self._data.exists():
            shutil.rmtree(self._discarded, ignore_errors=True)
            self._data.rename(self._discarded)
        checkpoint.rename(self._data)
        (self._data / CHECKPOINT_MARK).unlink()
        shutil.rmtree(self._discarded, ignore_errors=True)

    @property
    def _discarded(self) -> Path:
        return self.folder / "oxigraph.discarded"


def _on_stderr(message: str) -> None:
    print(f"budget-graph: {message}", file=sys.stderr)


def _refuse_foreign_folder(folder: Path) -> None:
    """A load creates a store in a new or empty folder, or writes to a store: never into a folder of
    other files (a mistyped --store), where it would leave its own among them."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"不是文件夹 --store {folder} is a file, not a store's folder")
    if not folder.is_dir() or (folder / "oxigraph").is_dir():
        return
    foreign = sorted(e.name for e in folder.iterdir() if not e.name.startswith(STORE_ENTRIES))
    if foreign:
        held = foreign[0] + (" and other files" if len(foreign) > 1 else "")
        raise InputError(
            f"不是库 {folder} is not a store: it holds {held} "
            "(give a new or empty folder, or a store made by `budget-graph load`)"
        )


@contextlib.contextmanager
def _told_plainly(folder: Path) -> Iterator[None]:
    """What opening or writing a store can meet, in one line each: no permission, in use elsewhere, a
    full disk, corrupt files."""
    try:
        yield
    except (OSError, RuntimeError) as error:
        raise InputError(_plainly(folder, error)) from error


def _plainly(folder: Path, error: OSError | RuntimeError) -> str:
    text = _one_line(str(error))
    if isinstance(error, PermissionError) or "Permission denied" in text:
        return f"没有权限 permission denied on the store {folder}: {text}"
    if "lock hold" in text or "LOCK:" in text:  # RocksDB's own lock: another program has it open
        return f"库正被另一个进程使用 the store {folder} is in use by another process"
    if "No space left" in text:
        return f"磁盘已满 no space left for the store {folder}: {text}"
    if isinstance(error, RuntimeError) or "Corruption" in text or isinstance(error, FileNotFoundError):
        return _corrupt(folder, error)
    return f"未能读写库 cannot use the store {folder}: {text}"


def _corrupt(folder: Path, error: Exception) -> str:
    return (
        f"库已损坏或不是库 {folder} is corrupt or not a store ({_one_line(str(error))}); "
        "load into a new folder, or restore a copy"
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _exclusive_lock(path: Path):
    handle = path.open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        handle.close()
        raise InputError(f"另一个进程正在写入该库 another process is loading into {path.parent}") from error
    return handle
