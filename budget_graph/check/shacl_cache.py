"""The shapes as parsed, kept on disk between runs: their graph and their SPARQL queries (issue 15).

A one-file `validate` parsed shapes/*.ttl (about 8 ms) and the three SPARQL queries in them (about 50 ms:
pyparsing compiles its grammar's patterns on the first parse) before its first filing. This module keeps
what the parses made in one pickle: the graph's `add` and `bind` calls in the order the Turtle parser made
them (replayed, they give the same graph, down to the order its indexes list triples in; `shacl.shapes`
makes its graph by replaying them in either case) and each prepared query under the key `shacl.prepared`
gives it.

The file is named by a hash of everything its content depends on: each shapes file's name and bytes, this
format's version, Python's, rdflib's and pyparsing's. A changed shape, or an upgrade, names another file,
so a stale one is never read. It lives in $BUDGET_GRAPH_CACHE (an empty value turns the cache off), else
$XDG_CACHE_HOME/budget-graph, else ~/.cache/budget-graph. A file that cannot be read or unpickled is
ignored, and a folder that cannot be written is left alone: the shapes are then parsed as before. Written
to a temporary file and renamed, so a reader never sees half a file, also with two workers at once.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections import OrderedDict
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from types import MethodType
from typing import Any

FORMAT = 1  # raise when what is pickled changes


def cache_dir() -> Path | None:
    """Where the parsed shapes are kept; None: nowhere (BUDGET_GRAPH_CACHE set empty, or no home)."""
    configured = os.environ.get("BUDGET_GRAPH_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder to be found
            return None
    return Path(base) / "budget-graph"


def cache_file(files: Iterable[Path]) -> Path | None:
    """The cache file for these shapes files, as they are now; None when there is no cache folder."""
    folder = cache_dir()
    if folder is None:
        return None
    import pyparsing
    import rdflib

    digest = hashlib.sha256()
    for part in (str(FORMAT), sys.version, rdflib.__version__, pyparsing.__version__):
        digest.update(part.encode() + b"\0")
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return folder / f"shapes-{digest.hexdigest()[:32]}.pickle"


def load(path: Path | None) -> dict[str, Any] | None:
    """The parsed shapes kept in `path`, or None (no file, or one that cannot be read as one)."""
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            kept = pickle.load(handle)
    except Exception:  # absent, unreadable, truncated, or written by code that no longer unpickles
        return None
    if not isinstance(kept, dict) or kept.get("format") != FORMAT:
        return None
    if not isinstance(kept.get("calls"), list) or not isinstance(kept.get("queries"), dict):
        return None
    return kept


def store(path: Path | None, calls: list, queries: dict) -> bool:
    """Keep the parsed shapes in `path`: the graph's calls, as (method, arguments), and the prepared queries
    by their key; False (and nothing written) when that cannot be done."""
    if path is None:
        return False
    kept = {"format": FORMAT, "calls": calls, "queries": queries}
    try:
        buffer = BytesIO()
        _Pickler(buffer).dump(kept)
    except Exception:  # something rdflib made that this module cannot pickle: parse each time, as before
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".shapes-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(buffer.getvalue())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:  # a read-only or missing home, a full disk: the next run parses again
        return False
    return True


# rdflib's parsed queries do not pickle as they are: a CompValue (an OrderedDict) needs its name to be made,
# an Expr holds its evaluation function as a method bound to itself, and a Prologue holds a namespace
# manager over a graph. Each is written as what makes it again.


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        from rdflib.plugins.sparql.parserutils import CompValue
        from rdflib.plugins.sparql.sparql import Prologue

        if isinstance(obj, CompValue):
            state = dict(vars(obj))
            bound = state.pop("_evalfn", None)
            state.pop("ctx", None)  # set only while it is evaluated
            items = [(key, OrderedDict.__getitem__(obj, key)) for key in OrderedDict.keys(obj)]
            evalfn = bound.__func__ if isinstance(bound, MethodType) else None
            return _new, (type(obj),), (state, "_evalfn" in vars(obj), evalfn), None, iter(items), _set_state
        if type(obj) is Prologue:
            namespaces = [(prefix, str(name)) for prefix, name in obj.namespace_manager.namespaces()]
            return _prologue, (obj.base, namespaces)
        return NotImplemented


def _new(cls: type) -> Any:
    made = cls.__new__(cls)
    OrderedDict.__init__(made)
    return made


def _set_state(made: Any, state: tuple[dict, bool, Any]) -> None:
    attributes, evaluable, evalfn = state
    vars(made).update(attributes)
    if evaluable:  # an Expr: its function bound to it again (None when it has none)
        made._evalfn = MethodType(evalfn, made) if evalfn is not None else None


def _prologue(base: str | None, namespaces: list[tuple[str, str]]) -> Any:
    from rdflib import URIRef
    from rdflib.plugins.sparql.sparql import Prologue

    made = Prologue()
    made.base = base
    for prefix, name in namespaces:
        made.bind(prefix, URIRef(name))
    return made
