"""A corpus as N-Quads for a server's own bulk loader: the graphs `load` writes, as files instead of writes.

For corpora larger than one machine's embedded store (docs/store.md, *Bulk loading*). Two forms:

- a folder: `reference.nq` (the ontology and the national code lists), one `<unit>-<year>-<kind>.nq` per
  filing (its graph, its findings, its summary) and `crossfiling.nq` (the run's BG-F findings, made
  once every filing is in). Virtuoso loads a folder in parallel, a file per loader thread;
- one file: `NAME.nq.gz` (gzip) or `NAME.nq`, the same quads in the same order.

Each quad keeps its graph's name, so a server holds exactly the graphs of the embedded store, digests
included, and the named queries answer the same there.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import BinaryIO

from budget_graph.errors import InputError
from budget_graph.store.graphs import NamedGraph, as_nquads
from budget_graph.store.iris import ROOT

REFERENCE = "reference.nq"
CROSSFILING = "crossfiling.nq"


class Dump:
    """Where `export-corpus` writes: a folder of files or one file (by its name: `.nq.gz` or `.nq`)."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.quads = 0
        self.files = 0
        self._one: BinaryIO | None = None
        try:
            if _one_file(output):
                if not output.parent.is_dir():
                    raise InputError(f"输出文件夹不存在 the output's folder does not exist: {output.parent}")
                raw = output.open("wb")
                # level 1: a dump compresses ~10× even so, and at level 6 gzip took longer than the export
                self._one = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) if _gzip(output) else raw
                self._raw = raw
            else:
                if output.exists() and not output.is_dir():
                    raise InputError(
                        f"输出应为文件夹或 .nq/.nq.gz 文件 the output {output} is a file; give a folder, "
                        "or a file named …nq or …nq.gz"
                    )
                output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(
                f"无法写入输出 cannot write the output {output}: {error.strerror or error}"
            ) from error

    def reference(self, graphs: list[NamedGraph]) -> None:
        self._write(REFERENCE, graphs)

    def filing(self, graphs: tuple[NamedGraph, ...]) -> None:
        """A filing's graphs, in a file named for the first (its own graph: …/graph/filing/<unit>/<year>/<kind>)."""
        name = graphs[0].iri.removeprefix(f"{ROOT}filing/").replace("/", "-") + ".nq"
        self._write(name, list(graphs))

    def crossfiling(self, graphs: list[NamedGraph]) -> None:
        self._write(CROSSFILING, graphs)

    def close(self) -> None:
        if self._one is not None:
            self._one.close()
            if self._one is not self._raw:
                self._raw.close()

    def __enter__(self) -> Dump:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _write(self, name: str, graphs: list[NamedGraph]) -> None:
        if not graphs:
            return
        data = as_nquads(graphs)
        try:
            if self._one is not None:
                self._one.write(data)
            else:
                (self.output / name).write_bytes(data)
                self.files += 1
        except OSError as error:
            raise InputError(
                f"无法写入输出 cannot write the output {self.output}: {error.strerror or error}"
            ) from error
        self.quads += sum(graph.triples for graph in graphs)


def _one_file(path: Path) -> bool:
    return path.name.endswith(".nq") or _gzip(path)


def _gzip(path: Path) -> bool:
    return path.name.endswith(".nq.gz")
