"""The report as SARIF 2.1.0, for pipelines and code-scanning viewers: one run of budget-graph.

The driver lists the whole rule catalogue (title as short description, what the rule checks as full
description, why it matters as help, its default level). Each finding is a result: its rule, its level
(info is SARIF's `note`), its message (Chinese, then English on the next line) and one location per place.
A place in a text source is a region with its line; SARIF has no pages, so a PDF place names its page in
the physical location's property bag. The table, row and column go in the location's property bag and as
a logical location (table/row/column). `partialFingerprints` carry the finding's fingerprint
(report/fingerprint.py), which the JSON report and baselines use too. When a baseline accepted findings,
each result says whether it is new or was known (`baselineState` new or unchanged), and an accepted one
is suppressed (kind external), so that viewers hide it. Reader diagnostics and the files not
checked are notifications of the run's invocation; a file not checked makes the invocation unsuccessful.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from budget_graph import __version__
from budget_graph.check.catalogue import all_rules
from budget_graph.check.engine import FilingReport
from budget_graph.check.rules import Finding, Rule
from budget_graph.errors import Unchecked
from budget_graph.model import Location
from budget_graph.report.fingerprint import VERSION, fingerprints

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(reports: list[FilingReport], unchecked: Sequence[Unchecked] = ()) -> str:
    return json.dumps(log(reports, unchecked), ensure_ascii=False, indent=2) + "\n"


def log(reports: list[FilingReport], unchecked: Sequence[Unchecked] = ()) -> dict:
    rules = all_rules()
    index = {rule.id: number for number, rule in enumerate(rules)}
    baselined = any(report.accepted for report in reports)
    results = []
    for report in reports:
        marks = fingerprints(report)
        results += [_result(report, f, marks[f], index, baselined) for f in report.findings]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "budget-graph",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "invocations": [_invocation(reports, unchecked)],
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def _rule(rule: Rule) -> dict:
    return {
        "id": rule.id,
        "shortDescription": {"text": f"{rule.title} — {rule.title_en}"},
        "fullDescription": {"text": rule.checks},
        "help": {"text": f"{rule.checks}\n\nWhy: {rule.why}\n\nBasis: {rule.basis}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
        "properties": {"engine": rule.engine, "tags": list(rule.tags)},
    }


def _result(
    report: FilingReport, finding: Finding, mark: str, index: dict[str, int], baselined: bool
) -> dict:
    result: dict = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity.value],
        "message": {"text": f"{finding.message}\n{finding.message_en}"},
        "locations": [_location(place) for place in finding.locations],
        "partialFingerprints": {VERSION: mark},
        "properties": {
            "expected": finding.expected,
            "actual": finding.actual,
            "filing": {
                "unit": report.filing.unit,
                "year": report.filing.year,
                "kind": report.filing.kind.value,
            },
        },
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if baselined:
        result["baselineState"] = "unchanged" if finding in report.accepted else "new"
    if finding in report.accepted:  # viewers hide a suppressed result: it was accepted before
        result["suppressions"] = [{"kind": "external", "justification": "accepted by the baseline"}]
    return result


def _location(place: Location) -> dict:
    physical: dict = {"artifactLocation": {"uri": artifact_uri(place.source)}}
    if place.line:
        physical["region"] = {"startLine": place.line}
    if place.page:
        physical["properties"] = {"page": place.page}
    if place.cell:  # SARIF has no spreadsheet cells either
        physical["properties"] = {"cell": place.cell}
    location: dict = {"physicalLocation": physical}
    cell = {"table": place.table, "row": place.row, "column": place.column}
    if any(cell.values()):
        location["properties"] = {key: value for key, value in cell.items() if value}
        location["logicalLocations"] = [
            {
                "name": place.column or place.row or place.table,
                "fullyQualifiedName": "/".join(part for part in cell.values() if part),
                "kind": "element",
            }
        ]
    return location


def artifact_uri(source: str) -> str:
    """A file's path as a URI reference: relative stays relative, absolute becomes file:///."""
    path = PureWindowsPath(source) if "\\" in source else PurePosixPath(source)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def _invocation(reports: list[FilingReport], unchecked: Sequence[Unchecked]) -> dict:
    notifications = [
        {
            "level": "error",
            "message": {"text": failed.error},
            "locations": [_location(Location(source)) for source in failed.sources],
        }
        for failed in unchecked
    ]
    notifications += [
        {
            "level": LEVELS.get(diagnostic.severity, "note"),
            "message": {"text": diagnostic.message},
            "locations": [_location(place) for place in diagnostic.locations],
        }
        for report in reports
        for diagnostic in report.filing.diagnostics
    ]
    return {"executionSuccessful": not unchecked, "toolExecutionNotifications": notifications}
