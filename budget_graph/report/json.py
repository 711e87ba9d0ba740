"""The JSON report, exactly as design.md fixes it (extend, don't rename); docs/report.md describes it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from budget_graph import __version__
from budget_graph.check.engine import FilingReport
from budget_graph.check.rules import Finding
from budget_graph.errors import Unchecked
from budget_graph.model import Diagnostic, Location
from budget_graph.report.fingerprint import fingerprints


def render(reports: list[FilingReport], unchecked: Sequence[Unchecked] = ()) -> str:
    return json.dumps(document(reports, unchecked), ensure_ascii=False, indent=2) + "\n"


def document(reports: list[FilingReport], unchecked: Sequence[Unchecked] = ()) -> dict:
    return {
        "tool": {"name": "budget-graph", "version": __version__},
        "filings": [_filing(report) for report in reports],
        # always there, empty when every file was checked: a consumer need not test for the key
        "unchecked": [{"source": list(failed.sources), "error": failed.error} for failed in unchecked],
        "summary": {
            "filings": len(reports),
            "errors": sum(r.count("error") for r in reports),
            "warnings": sum(r.count("warning") for r in reports),
            "infos": sum(r.count("info") for r in reports),
            "unchecked": len(unchecked),
            "baselined": sum(len(r.accepted) for r in reports),
        },
    }


def _filing(report: FilingReport) -> dict:
    filing = report.filing
    marks = fingerprints(report)
    return {
        "source": filing.sources,
        "unit": filing.unit,
        "year": filing.year,
        "kind": filing.kind.value,
        "level": filing.level,
        "findings": [_finding(f, marks[f], f in report.accepted) for f in report.findings],
        "diagnostics": [_diagnostic(d) for d in filing.diagnostics],
        "pages": [
            {"source": source, "page": page, "width": round(width, 2), "height": round(height, 2)}
            for source, sizes in filing.page_sizes.items()
            for page, (width, height) in sorted(sizes.items())
        ],
    }


def _finding(finding: Finding, fingerprint: str, baselined: bool) -> dict:
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "message_en": finding.message_en,
        "locations": [location(place) for place in finding.locations],
        "expected": finding.expected,
        "actual": finding.actual,
        "fingerprint": fingerprint,
        "baselined": baselined,
    }


def _diagnostic(diagnostic: Diagnostic) -> dict:
    return {
        "severity": diagnostic.severity,
        "message": diagnostic.message,
        "locations": [location(place) for place in diagnostic.locations],
    }


def location(place: Location) -> dict:
    found = asdict(place)
    if place.bbox is not None:
        found["bbox"] = [round(v, 2) for v in place.bbox]
    return found
