"""The report as a spreadsheet: one row per finding and place, UTF-8 with a BOM so that Excel and WPS read
the Chinese right. A finding without a place has one row, its place columns empty. Reader diagnostics and
the files not checked are not findings and have no row (the exit status and stderr tell of the latter).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from budget_graph.check.engine import FilingReport
from budget_graph.check.rules import Finding
from budget_graph.errors import Unchecked
from budget_graph.model import Location
from budget_graph.report.fingerprint import fingerprints

COLUMNS = (
    "fingerprint",
    "rule",
    "severity",
    "message_zh",
    "message_en",
    "source",
    "page",
    "line",
    "cell",
    "table",
    "row",
    "column",
    "expected",
    "actual",
    "baselined",
)


def render(reports: list[FilingReport], unchecked: Sequence[Unchecked] = ()) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # Excel's dialect: quoted where needed, CRLF line ends
    writer.writerow(COLUMNS)
    for report in reports:
        marks = fingerprints(report)
        for finding in report.findings:
            writer.writerows(_rows(report, finding, marks[finding]))
    return "\ufeff" + out.getvalue()


def _rows(report: FilingReport, finding: Finding, mark: str) -> list[list]:
    head = [mark, finding.rule, finding.severity.value, finding.message, finding.message_en]
    tail = [finding.expected, finding.actual, "yes" if finding in report.accepted else "no"]
    places = finding.locations or (Location("; ".join(report.filing.sources)),)
    return [[*head, *_place(place), *tail] for place in places]


def _place(place: Location) -> list:
    return [place.source, place.page, place.line, place.cell, place.table, place.row, place.column]
