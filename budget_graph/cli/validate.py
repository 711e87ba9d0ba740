"""`budget-graph validate`: read, check and report one or many filings."""

from __future__ import annotations

import sys

import click

from budget_graph.cli.app import check_output, main, write_output


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "ttl"]),
    default="text",
    show_default=True,
    help="text for people, json for tools (design.md), ttl for a SHACL sh:ValidationReport.",
)
@click.option("--output", "-o", type=click.Path(), help="Write the report here instead of stdout.")
def validate(paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    """检查预决算公开文件 — check filings and report every inconsistency with its place.

    PATHS are files (PDF-converted text .md/.txt, .pdf, or .xlsx workbooks) or folders of them. Many files give one
    report; files of one filing (a narrative PDF and a tables PDF) are checked as one; filings of the
    same unit in the run are checked against each other (BG-F). Both cores are used; a progress bar
    and a summary table show on stderr.

    A file that cannot be read (empty, damaged, encrypted, not a filing) does not stop the run: the
    report covers every other filing and names it ("unchecked" in JSON), and so does the summary table.

    Exit status: 0 no error-level finding, 1 at least one, 2 a file could not be read or checked (the
    report is still written) or the command was misused: a path that does not exist or a folder
    without filings (one line on stderr, no report).

    \b
    Examples:
      budget-graph validate samples/luohu-2024.md
      budget-graph validate samples/ --format json -o report.json
      budget-graph validate ../shared/corpus --format text
    """
    from budget_graph.batch import print_summary, validate_many
    from budget_graph.report import renderer

    check_output(output)
    reports, unchecked = validate_many(list(paths))
    rendered = renderer(fmt)(reports, unchecked)
    print_summary(reports, unchecked)  # on stderr: the report on stdout stays whole
    if output:
        write_output(output, rendered)
    else:
        click.echo(rendered, nl=False)
    sys.exit(2 if unchecked else 1 if any(r.count("error") for r in reports) else 0)
