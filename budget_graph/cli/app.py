"""The command group and the one way errors leave it: a one-line message and exit status 2."""

from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path

import click

from budget_graph import __version__
from budget_graph.errors import InputError, debugging

# Each command's module, which registers it on `main` when imported. Only the command that runs is imported
# (all of them for --help, which lists them), so start-up loads no library another command needs.
COMMANDS: dict[str, str] = {
    "codes": "budget_graph.cli.codes",
    "export": "budget_graph.cli.export",
    "export-corpus": "budget_graph.cli.export_corpus",
    "load": "budget_graph.cli.load",
    "query": "budget_graph.cli.query",
    "rules": "budget_graph.cli.rules",
    "serve": "budget_graph.cli.serve",
    "validate": "budget_graph.cli.validate",
}

# The cyclic garbage collector's thresholds for a command's process. A one-file `validate` ends with some
# 110,000 objects the collector tracks, most of them long-lived (modules, shapes, code lists), and Python's
# default (700, 10, 10) goes over them again and again as they come: 170 collections, about 80 ms of the
# run's CPU. A young generation of 20,000 objects makes that 6 collections and about 35 ms (fewer, larger
# ones cost no less), and a batch still frees its cycles as it goes (issue 15).
GC_THRESHOLDS = (20_000, 10, 10)


class _Group(click.Group):
    """Turns an InputError anywhere below into 'budget-graph: message' and exit status 2.

    Anything else that goes wrong is a fault of the tool, not of the input: it too ends in one line and
    status 2 (a report cut short would mislead), naming the fault; BUDGET_GRAPH_DEBUG=1 shows the traceback.
    What ends here is misuse or a fault of the whole run: a bad file among others, or a fault in one
    file, is answered for by that file alone (batch.run) and the run goes on.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            importlib.import_module(COMMANDS[cmd_name])
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):
        gc.set_threshold(*GC_THRESHOLDS)
        try:
            return super().invoke(ctx)
        except InputError as error:
            click.echo(f"budget-graph: {error}", err=True)
            sys.exit(2)
        except OSError as error:  # the machine refused a file (permissions, a full disk): not a fault of ours
            if debugging():
                raise
            where = f" {error.filename}" if error.filename else ""
            click.echo(
                f"budget-graph: 无法读写文件 cannot read or write{where}: {error.strerror or error}", err=True
            )
            sys.exit(2)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as error:
            if debugging():
                raise
            click.echo(
                f"budget-graph: 内部错误，未能完成 internal error, nothing was written: {type(error).__name__}: {error} "
                "(BUDGET_GRAPH_DEBUG=1 shows where)",
                err=True,
            )
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="budget-graph")
def main() -> None:
    """budget-graph 检查政府部门预算/决算公开文件 — check Chinese government budget disclosures.

    \b
    Reads a filing as published (PDF-converted text; PDF), maps it to an RDF knowledge graph,
    checks it against the disclosure rules (SHACL) and every roll-up and identity of its tables
    (NetworkX), and reports each inconsistency with its exact place.

    \b
    Start here:
      budget-graph validate samples/luohu-2024.md
      budget-graph rules
      budget-graph export samples/luohu-2024.md --format ttl
    """


def check_output(output: str | None) -> None:
    """Refuse an output path that cannot be written before the work, not after it."""
    if output is None:
        return
    path = Path(output)
    if path.is_dir():
        raise InputError(f"输出路径是文件夹 the output is a folder, not a file: {output}")
    if not path.parent.is_dir():
        raise InputError(f"输出文件夹不存在 the output's folder does not exist: {path.parent}")


def write_output(output: str, text: str) -> None:
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(
            f"无法写入输出文件 cannot write the output {output}: {error.strerror or error}"
        ) from error
