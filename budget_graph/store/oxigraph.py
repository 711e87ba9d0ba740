"""The embedded store: Oxigraph on disk, with loads that either complete or leave the store as it was.

Layout of a store folder DIR:
  DIR/oxigraph/   the database
  DIR/rollback/   a checkpoint taken when a load starts, removed when it ends; a load that fails (or a
                  process that dies) leaves it, and the store is put back to it on the next open
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
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from budget_graph.errors import InputError
from budget_graph.store.graphs import NamedGraph, as_nquads
from budget_graph.store.iris import DIGEST
from budget_graph.store.results import Answer

_DIGEST = ox.NamedNode(DIGEST)
# quads written after which the store is compacted: each bulk load adds RocksDB files that overlap all the
# others (their keys are hashes), and every read searches them all; at 10,000 filings (53 M quads)
# compacting made the named queries 2-4 times faster and the store 17 GiB -> 10 GiB on disk
COMPACT_AFTER = 5_000_000


class LocalStore:
    atomic = True

    def __init__(self, folder: Path, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only
        self._lock = None
        if read_only:
            if not self._data.is_dir():
                raise InputError(f"没有这个库 no store at {folder} (create it with `budget-graph load`)")
            self._store = ox.Store.read_only(str(self._data))
        else:
            folder.mkdir(parents=True, exist_ok=True)
            self._lock = _exclusive_lock(folder / "lock")
            self._restore_interrupted_load()
            self._store = ox.Store(str(self._data))

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
            self._store.bulk_load(input=as_nquads(graphs), format=ox.RdfFormat.N_QUADS, lenient=True)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[LocalStore]:
        """Everything written inside happens, or on any exception none of it does."""
        partial = self.folder / "rollback.partial"
        shutil.rmtree(partial, ignore_errors=True)
        self._store.flush()
        self._store.backup(str(partial))
        partial.rename(self._rollback)
        try:
            yield self
            self._store.flush()
        except BaseException:
            self._close_database()
            self._restore_interrupted_load()
            self._store = ox.Store(str(self._data))
            raise
        shutil.rmtree(self._rollback)

    def triple_count(self) -> int:
        return len(self._store)

    def note_written(self, quads: int) -> bool:
        """Add `quads` to those written since the last compaction (kept in DIR/uncompacted, so loads of a
        corpus in many parts add up); True once they reach COMPACT_AFTER: time to compact."""
        counter = self.folder / "uncompacted"
        written = quads + (int(counter.read_text()) if counter.is_file() else 0)
        counter.write_text(str(written))
        return written >= COMPACT_AFTER

    def compact(self) -> None:
        """Merge the files bulk loads left overlapping (content unchanged; a reader need search fewer)."""
        self._store.optimize()
        (self.folder / "uncompacted").write_text("0")

    def close(self) -> None:
        self._close_database()
        if self._lock:
            self._lock.close()
            self._lock = None

    def _close_database(self) -> None:
        # pyoxigraph closes the database when the Store object goes away.
        self._store = None
        gc.collect()

    def _restore_interrupted_load(self) -> None:
        if self._rollback.is_dir():
            shutil.rmtree(self._data, ignore_errors=True)
            self._rollback.rename(self._data)


def _exclusive_lock(path: Path):
    handle = path.open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        handle.close()
        raise InputError(f"另一个进程正在写入该库 another process is loading into {path.parent}") from error
    return handle
