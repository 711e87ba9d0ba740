"""A finding's fingerprint: what it is about, never where it happens to stand.

The same in the JSON report (`fingerprint`), the CSV and SARIF (`partialFingerprints`), and what a
baseline lists. Built from the rule, the filing (unit, year, kind: not its file name), each cited cell
(the table's kind, or its title when the reader does not know it; the row; the column's meaning), the figures
(expected, actual) and the Chinese message less any line, page or cell it names. Line and page numbers
(and a workbook's cells) are left out on purpose: editing a paragraph shifts every line below it, re-paging a PDF moves every page,
and neither changes a finding. Findings alike in everything but their place (a template's placeholder
left on five pages) are told apart by their order in the report: the first keeps the plain fingerprint,
the n-th gets one of its own, so one more such finding is one new fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict

from budget_graph.check.engine import FilingReport
from budget_graph.check.rules import Finding
from budget_graph.model import Filing

VERSION = "budgetGraph/v1"  # the SARIF partialFingerprints key; a new way of fingerprinting gets a new one

# the places a message may name (a reason appended by confidence.py: "p.5", "line 40", "表3!D12")
_PLACES = re.compile(
    r"\bp\.\s*\d+|\b(?:page|line)s?\s+\d+|第\s*\d+\s*页|(?:'(?:[^']|'')*'|[\w.]+)![A-Z]{1,3}\d+"
)


def fingerprints(report: FilingReport) -> dict[Finding, str]:
    """Every finding of the report with its fingerprint."""
    names = _cell_names(report.filing)
    seen: Counter[str] = Counter()
    marks = {}
    for finding in report.findings:
        plain = _fingerprint(report.filing, names, finding)
        marks[finding] = _digest([plain, seen[plain]]) if seen[plain] else plain
        seen[plain] += 1
    return marks


def _cell_names(filing: Filing) -> dict[str | None, tuple[str | None, dict[str, str]]]:
    """By table title: the table's kind (its title when the reader does not know it), and the meaning of
    each column by its printed label (where the label names one meaning only)."""
    names: dict[str | None, tuple[str | None, dict[str, str]]] = {}
    for table in filing.tables:
        meanings: defaultdict[str, set[str]] = defaultdict(set)
        for column in table.columns:
            meanings[column.label].add(column.meaning)
        unique = {label: next(iter(found)) for label, found in meanings.items() if len(found) == 1}
        names[table.title] = (table.kind.value if table.kind else table.title, unique)
    return names


def _fingerprint(filing: Filing, names: dict, finding: Finding) -> str:
    """The fingerprint of a finding of its kind (the first, if the report has several alike)."""
    cells = []
    for place in finding.locations:
        if place.table or place.row or place.column:
            table, meanings = names.get(place.table, (place.table, {}))
            cells.append([table, place.row, meanings.get(place.column, place.column)])
    identity = [
        VERSION,
        finding.rule,
        [filing.unit, filing.year, filing.kind.value],
        cells,
        finding.expected,
        finding.actual,
        " ".join(_PLACES.sub("", finding.message).split()),
    ]
    return _digest(identity)


def _digest(identity: list) -> str:
    return hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode()).hexdigest()[:16]
