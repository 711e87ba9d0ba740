"""Start-up loads what the command runs, no more (issue 15): the libraries a command does not use stay
unloaded, checked in a fresh interpreter's `sys.modules`."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from budget_graph.cli import main
from budget_graph.cli.app import COMMANDS, GC_THRESHOLDS

ROOT = Path(__file__).resolve().parents[1]

# Runs the command as `python -m budget_graph` does, then prints the top-level packages it loaded.
_PROBE = """
import runpy, sys
sys.argv = ["budget-graph", *sys.argv[1:]]
try:
    runpy.run_module("budget_graph", run_name="__main__")
except SystemExit:
    pass
print("\\nloaded:", " ".join(sorted({name.partition(".")[0] for name in sys.modules})))
"""

# what the workbench, the store, PDFs, progress bars, the engine and the roll-ups load
HEAVY = {
    "rdflib",
    "pyshacl",
    "pyparsing",
    "networkx",
    "pyoxigraph",
    "pypdfium2",
    "rich",
    "starlette",
    "uvicorn",
}


def loaded(*args: str) -> set[str]:
    """The top-level packages `budget-graph ARGS` loads, run from this checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    last = result.stdout.rstrip().rpartition("\n")[2]
    assert last.startswith("loaded: "), result.stderr
    return set(last.removeprefix("loaded: ").split())


def test_help_loads_no_heavy_library() -> None:
    assert loaded("--help") & HEAVY == set()


def test_a_code_search_loads_no_heavy_library() -> None:
    assert loaded("codes", "search", "委托业务") & HEAVY == set()


def test_rules_load_no_heavy_library() -> None:
    # the SHACL family's rules are records of check/shacl_rules.py, apart from the engine that reads the shapes
    assert loaded("rules") & HEAVY == set()


def test_validate_of_a_text_filing_loads_no_pdf_store_or_server(sample_path: Path) -> None:
    found = loaded("validate", str(sample_path), "--format", "json", "-o", os.devnull)
    assert {"rdflib", "pyshacl", "networkx"} <= found  # the probe sees what the run loads
    # pyoxigraph is left out: pySHACL loads it itself, when it is installed, to accept an Oxigraph store
    assert found & (HEAVY - {"rdflib", "pyshacl", "pyparsing", "networkx", "pyoxigraph"}) == set()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_lazy_command_is_the_one_its_module_registers(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None and command.name == name


def test_every_command_module_is_listed() -> None:
    modules = {path.stem for path in (ROOT / "budget_graph" / "cli").glob("*.py")} - {"__init__", "app"}
    assert {module.rpartition(".")[2] for module in COMMANDS.values()} == modules


def test_a_command_collects_garbage_less_often() -> None:
    """A one-file run spent about 65 ms of CPU collecting what start-up loads, at Python's default."""
    default = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        assert CliRunner().invoke(main, ["rules", "--format", "json"]).exit_code == 0
        assert gc.get_threshold() == GC_THRESHOLDS
    finally:
        gc.set_threshold(*default)
    assert GC_THRESHOLDS[0] >= 10_000
