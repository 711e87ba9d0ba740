"""Where the bundled ontology, shapes and queries are: inside the installed package, or the source tree."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

_SOURCE_TREE = Path(__file__).resolve().parents[1]


def resource_dir(name: str) -> Path:
    """`ontology`, `shapes` or `queries`: the installed copy when there is one (a data folder without an
    __init__.py, so a namespace package: its first location), else the repository's folder."""
    try:
        spec = find_spec(f"budget_graph.{name}")
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return _SOURCE_TREE / name
