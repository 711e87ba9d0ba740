"""One way through: no module of budget_graph imports against the pipeline (docs/architecture.md).

Every module is parsed with `ast` and each import it makes — at the top, inside a function (a lazy
import), under TYPE_CHECKING — is checked against the stage order below. The stages, upstream first, and
what each may import besides itself and the base:

    model     nothing
    profiles  model
    read      model, profiles
    codes     model, read (its importer opens a code list as the readers open a filing)
    graph     model
    derive    model, profiles, codes (the identities a filing must satisfy, stated as records)
    check     model, profiles, codes, graph, derive
    report    model, graph, derive, check (the identities, findings and catalogue it renders)
    store     model, graph
    run       anything: batch, loading, cli, workbench (they put the stages together)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "budget_graph"

BASE = (
    "base"  # errors, limits, resources and the package's own __init__ (its version): anyone may import them
)
RUN = "run"
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "profiles": {"model"},
    "read": {"model", "profiles"},
    "codes": {"model", "read"},
    "graph": {"model"},
    "derive": {"model", "profiles", "codes"},
    "check": {"model", "profiles", "codes", "graph", "derive"},
    "report": {"model", "graph", "derive", "check"},
    "store": {"model", "graph"},
}
STAGES = {*ALLOWED, BASE, RUN}
_TOP_MODULES = {
    "": BASE,
    "errors": BASE,
    "limits": BASE,
    "resources": BASE,
    "__main__": RUN,
    "batch": RUN,
    "loading": RUN,
    "cli": RUN,
    "workbench": RUN,
}


def stage_of(module: str) -> str | None:
    """The stage of a module named `budget_graph.x.y` (None: a module placed in no stage)."""
    parts = module.split(".")[1:]
    first = parts[0] if parts else ""
    return first if first in ALLOWED else _TOP_MODULES.get(first)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(module: str, source: str, is_package: bool = False) -> list[tuple[str, int]]:
    """Every budget_graph module `source` imports, anywhere in it, with its line."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from .x import y, from .. import y
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            # `from budget_graph import read` imports the read stage; `… import __version__`, the package's root
            found += [(_imported(base, alias.name), node.lineno) for alias in node.names]
    ours = [
        (name, line) for name, line in found if name == "budget_graph" or name.startswith("budget_graph.")
    ]
    return list(dict.fromkeys(ours))


def _imported(base: str, name: str) -> str:
    """What `from base import name` imports: a module of the package's root by its name, else `base`."""
    if base == "budget_graph" and ((PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()):
        return f"{base}.{name}"
    return base


def against_the_pipeline(module: str, source: str, is_package: bool = False) -> list[str]:
    """The imports of a module that run against the stage order, as 'module:line → target'."""
    own = stage_of(module)
    wrong = []
    for target, line in imports_of(module, source, is_package):
        theirs = stage_of(target)
        if own == RUN or theirs in {own, BASE} or theirs in ALLOWED.get(own, set()):
            continue
        wrong.append(f"{module}:{line} → {target} ({own} may not import {theirs})")
    return wrong


def modules() -> list[tuple[str, Path]]:
    return [(module_name(path), path) for path in sorted(PACKAGE.rglob("*.py"))]


def test_every_module_has_a_stage() -> None:
    unplaced = [name for name, _ in modules() if stage_of(name) is None]
    assert not unplaced, f"place these in a stage (here and in docs/architecture.md): {unplaced}"


def test_no_import_runs_against_the_pipeline() -> None:
    wrong = [
        edge
        for name, path in modules()
        for edge in against_the_pipeline(name, path.read_text(encoding="utf-8"), path.name == "__init__.py")
    ]
    assert not wrong, "imports against the pipeline (docs/architecture.md):\n" + "\n".join(wrong)


def test_the_order_has_no_cycle() -> None:
    """Each stage imports only stages listed before it in ALLOWED: the order is one way."""
    order = list(ALLOWED)
    for stage, allowed in ALLOWED.items():
        assert all(order.index(other) < order.index(stage) for other in allowed), stage


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("budget_graph.check.crossfiling", "from budget_graph.store.iris import filing_graph\n"),
        ("budget_graph.check.crosstable", "from budget_graph.read.layout import column_meaning\n"),
        (
            "budget_graph.store.load",
            "def prepare(filing):\n    from budget_graph.check.engine import check_mapped\n",
        ),
        ("budget_graph.store.load", "import budget_graph.report.ttl as ttl\n"),
        ("budget_graph.model.document", "from budget_graph import read\n"),
        ("budget_graph.read.tables", "from ..check import rules\n"),
        ("budget_graph.graph.mapper", "from budget_graph.profiles import layouts_for\n"),
        ("budget_graph.report.page_images", "from budget_graph.read.pdfium_page import read_page\n"),
        ("budget_graph.read.pdf", "if TYPE_CHECKING:\n    from budget_graph.cli.app import main\n"),
        ("budget_graph.derive.rollups", "from budget_graph.check.rules import Rule\n"),
        ("budget_graph.derive.crosstable", "from budget_graph.graph import MappedGraph\n"),
    ],
)
def test_a_back_edge_is_found(module: str, source: str) -> None:
    assert len(against_the_pipeline(module, source)) == 1


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("budget_graph.check.crosstable", "from budget_graph.profiles import column_meaning\n"),
        (
            "budget_graph.read.tables",
            "from budget_graph.read.grid_rows import GridRow\nfrom . import layout\n",
        ),
        ("budget_graph.store.facts", "from budget_graph.model.facts import FilingFacts\n"),
        ("budget_graph.report.ttl", "from budget_graph.check.engine import FilingReport\n"),
        (
            "budget_graph.loading",
            "from budget_graph.store.load import load\nfrom budget_graph.check import engine\n",
        ),
        ("budget_graph.model.amounts", "from budget_graph.errors import InputError\nimport decimal\n"),
        ("budget_graph.check.rollups", "from budget_graph.derive import rollups\n"),
        ("budget_graph.report.identities", "from budget_graph.derive.identity import Identity\n"),
    ],
)
def test_an_import_along_the_pipeline_passes(module: str, source: str) -> None:
    assert against_the_pipeline(module, source) == []
