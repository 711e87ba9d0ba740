"""The report for people: grouped by severity, Chinese first, each finding with its places.

Each place quotes what is printed there (the sentence or the table's row), cut round the figure the
finding is about; a filing read from several files (narrative and tables published apart) names the
file with each page, so that an officer knows which document to open. Findings a baseline accepted are
left out; each filing, and the totals, say how many there were.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from budget_graph.check.engine import FilingReport
from budget_graph.check.rules import Finding, Severity
from budget_graph.errors import Unchecked
from budget_graph.model import Location

_HEADINGS = {
    Severity.ERROR: "错误 errors",
    Severity.WARNING: "警告 warnings",
    Severity.INFO: "提示 info",
}
_QUOTED = 60  # characters of a sentence or row quoted under a finding: about one printed line
_BEFORE = 20  # of them, before the figure the finding is about
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def render(reports: list[FilingReport], unchecked: Sequence[Unchecked] = ()) -> str:
    lines: list[str] = []
    for report in reports:
        lines.extend(_filing(report))
    if unchecked:  # last, beside the totals, where a reader of a long report looks
        lines.append(f"== 未能检查 not checked ({len(unchecked)})")
        lines.extend(f"  {failed.error}" for failed in unchecked)
        lines.append("")
    errors = sum(r.count("error", new=True) for r in reports)
    warnings = sum(r.count("warning", new=True) for r in reports)
    infos = sum(r.count("info", new=True) for r in reports)
    accepted = sum(len(r.accepted) for r in reports)
    zh, en = (f"；未能检查 {len(unchecked)}", f"; {len(unchecked)} not checked") if unchecked else ("", "")
    if accepted:
        zh, en = f"{zh}；基线已接受 {accepted}", f"{en}; {accepted} accepted by the baseline"
    lines.append(
        f"共 {len(reports)} 份文件：错误 {errors}，警告 {warnings}，提示 {infos}{zh}"
        f"  ({len(reports)} filing(s): {errors} error(s), {warnings} warning(s), {infos} info{en})"
    )
    return "\n".join(lines) + "\n"


def _filing(report: FilingReport) -> list[str]:
    filing = report.filing
    kind = "预算" if filing.kind.value == "budget" else "决算"
    lines = [f"== {filing.unit} {filing.year}年{kind} ({', '.join(filing.sources)})", ""]
    several = len(filing.sources) > 1
    for severity in Severity:
        group = [f for f in report.findings if f.severity is severity and f not in report.accepted]
        if not group:
            continue
        lines.append(f"{_HEADINGS[severity]} ({len(group)})")
        for finding in group:
            lines.extend(_finding(finding, several))
        lines.append("")
    if report.accepted:
        count = len(report.accepted)
        lines += [f"基线已接受 {count} 项，未列出  ({count} accepted by the baseline, not listed)", ""]
    if filing.diagnostics:
        lines.append(f"读取诊断 reader diagnostics ({len(filing.diagnostics)})")
        for diagnostic in filing.diagnostics:
            places = "; ".join(_place(p, several) for p in diagnostic.locations)
            lines.append(
                f"  [{diagnostic.severity}] {diagnostic.message}" + (f"  @ {places}" if places else "")
            )
        lines.append("")
    return lines


def _finding(finding: Finding, several: bool) -> list[str]:
    lines = [f"  {finding.rule} {finding.message}", f"      {finding.message_en}"]
    if finding.expected is not None or finding.actual is not None:
        lines.append(f"      应为 expected: {finding.expected}    实为 actual: {finding.actual}")
    shown: list[str] = []
    for place in finding.locations:
        said = [f"      @ {_place(place, several)}"]
        if place.excerpt and place.excerpt not in (place.table, place.row):
            said.append(f"        「{_quote(place.excerpt, finding.actual)}」")
        if said != shown[-len(said) :]:  # two figures of one sentence: its place and quote once
            shown += said
    return lines + shown


def _quote(excerpt: str, actual: str | None) -> str:
    """The excerpt on one line; a long one cut round the first figure the finding's actual value names."""
    text = " ".join(excerpt.split())
    if len(text) <= _QUOTED:
        return text
    figure = _FIGURE.search(actual or "")
    at = text.find(figure.group()) if figure else -1
    start = max(0, min(at - _BEFORE, len(text) - _QUOTED))
    end = start + _QUOTED
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _place(place: Location, several: bool = False) -> str:
    """Line, page or cell, then table / row / column; with the file's name when the filing has several."""
    where = (
        f"line {place.line}"
        if place.line
        else f"page {place.page}"
        if place.page
        else f"cell {place.cell}"
        if place.cell
        else place.source
    )
    if several and where != place.source:
        where = f"{Path(place.source).name} {where}"
    cell = " / ".join(part for part in (place.table, place.row, place.column) if part)
    return f"{where}" + (f"  {cell}" if cell else "")
