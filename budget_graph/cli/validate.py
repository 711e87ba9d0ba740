"""`budget-graph validate`: read, check and report one or many filings."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import TYPE_CHECKING

import click

from budget_graph.check.rules import Severity
from budget_graph.cli.app import check_output, main, write_output

if TYPE_CHECKING:  # the engine loads rdflib: imported where the command runs, not for --help
    from budget_graph.check.engine import FilingReport


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "ttl", "sarif", "csv", "html"]),
    default="text",
    show_default=True,
    help="text for people, json for tools (docs/report.md), ttl for a SHACL sh:ValidationReport, "
    "sarif for pipelines and code-scanning viewers (SARIF 2.1.0), csv for Excel/WPS (UTF-8 with BOM), "
    "html for the officer: one self-contained file with each finding on its page image or lines.",
)
@click.option("--output", "-o", type=click.Path(), help="Write the report here instead of stdout.")
@click.option(
    "--min-severity",
    type=click.Choice([s.value for s in Severity]),
    default="info",
    show_default=True,
    help="Report only findings of this severity or worse, in every format (info: all of them).",
)
@click.option(
    "--baseline",
    metavar="FILE",
    help="A previous JSON report, or a waiver file (YAML/JSON: waivers: [{fingerprint, reason}]): the "
    "findings it knows are accepted, only new ones are shown and count for the exit status.",
)
def validate(
    paths: tuple[str, ...], fmt: str, output: str | None, min_severity: str, baseline: str | None
) -> None:
    """检查预决算公开文件 — check filings and report every inconsistency with its place.

    PATHS are files (.pdf; text converted from PDF or web pages, .md/.txt/.html; Word .docx/.doc; .xlsx/.xls)
    or folders of them. Many files give one
    report; files of one filing (a narrative PDF and a tables PDF) are checked as one; filings of the
    same unit in the run are checked against each other (BG-F). Both cores are used; a progress bar
    and a summary table show on stderr.

    A file that cannot be read (empty, damaged, encrypted, not a filing) does not stop the run: the
    report covers every other filing and names it ("unchecked" in JSON), and so does the summary table.

    Every finding has a fingerprint (JSON, CSV, SARIF) that stays the same when other parts of the
    filing change. --baseline FILE accepts the findings FILE knows: the JSON report of an earlier run,
    or a waiver file listing fingerprints, each with its reason (docs/report.md). The text report then
    shows only new findings and says how many were accepted; JSON marks each finding "baselined".

    Exit status: 0 no new error-level finding, 1 at least one, 2 a file could not be read or checked
    (the report is still written) or the command was misused: a path that does not exist, a folder
    without filings, a baseline that cannot be read (one line on stderr, no report).

    \b
    Examples:
      budget-graph validate samples/luohu-2024.md
      budget-graph validate samples/ --format json -o report.json
      budget-graph validate ../shared/corpus --format text
      budget-graph validate samples/ --format sarif -o report.sarif
      budget-graph validate samples/ --format csv -o findings.csv
      budget-graph validate filing.pdf --format html -o report.html
      budget-graph validate samples/ --min-severity warning
      budget-graph validate samples/ --baseline report.json
      budget-graph validate samples/ --baseline waivers.yaml
    """
    from budget_graph.batch import print_summary, validate_many
    from budget_graph.report import renderer
    from budget_graph.report.baseline import accept, load_baseline

    check_output(output)
    known = load_baseline(baseline) if baseline else frozenset()
    reports, unchecked = validate_many(list(paths))
    reports = accept(at_least(reports, Severity(min_severity)), known)
    rendered = renderer(fmt)(reports, unchecked)
    print_summary(reports, unchecked)  # on stderr: the report on stdout stays whole
    if output:
        write_output(output, rendered)
    else:
        click.echo(rendered, nl=False)
    sys.exit(2 if unchecked else 1 if any(r.count("error", new=True) for r in reports) else 0)


def at_least(reports: list[FilingReport], lowest: Severity) -> list[FilingReport]:
    """Each report with only the findings of severity `lowest` or worse (--min-severity)."""
    return [replace(r, findings=[f for f in r.findings if f.severity.rank <= lowest.rank]) for r in reports]
