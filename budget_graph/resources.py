"""Where the bundled ontology and shapes are: inside the installed package, or the source tree."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_SOURCE_TREE = Path(__file__).resolve().parents[1]


def resource_dir(name: str) -> Path:
    """`ontology` or `shapes`: the installed copy when there is one, else the repository's folder."""
    try:
        return Path(str(files(f"budget_graph.{name}")))
    except ModuleNotFoundError:
        return _SOURCE_TREE / name
