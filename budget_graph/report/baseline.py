"""Baselines (`validate --baseline FILE`): the findings already known, so that a run shows what is new.

FILE is either a previous JSON report of `validate` (every finding in it is known), or a waiver file,
YAML or JSON, that lists the fingerprints accepted, each with the reason (docs/report.md):

    waivers:
      - fingerprint: 0123456789abcdef
        reason: 口径差异，已与单位核实 (a difference of scope, checked with the unit)
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import yaml

from budget_graph.check.engine import FilingReport
from budget_graph.errors import InputError
from budget_graph.report.fingerprint import fingerprints

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_baseline(path: str) -> frozenset[str]:
    """The fingerprints FILE accepts; anything unreadable or of another shape is an InputError."""
    content = _parse(path)
    if isinstance(content, dict) and "filings" in content:
        return _from_report(path, content)
    if isinstance(content, dict) and "waivers" in content:
        return _from_waivers(path, content["waivers"])
    raise InputError(
        f"基线文件既不是 JSON 报告也不是豁免清单 the baseline is neither a JSON report of validate nor a "
        f"waiver file (a 'waivers:' list): {path}"
    )


def accept(reports: list[FilingReport], known: frozenset[str]) -> list[FilingReport]:
    """Each report with the findings whose fingerprint the baseline knows marked accepted."""
    return [
        replace(report, accepted=frozenset(f for f, mark in fingerprints(report).items() if mark in known))
        for report in reports
    ]


def _parse(path: str) -> object:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise InputError(f"无法读取基线文件 cannot read the baseline {path}: {reason}") from error
    try:
        return json.loads(text)
    except ValueError:
        pass  # not JSON: a waiver file in YAML
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        at = f" (line {where.line + 1})" if where else ""
        raise InputError(
            f"基线文件不是有效的 JSON 或 YAML the baseline is neither JSON nor YAML{at}: {path}"
        ) from error


def _from_report(path: str, report: dict) -> frozenset[str]:
    try:
        findings = [f for filing in report["filings"] for f in filing["findings"]]
        return frozenset(str(f["fingerprint"]) for f in findings)
    except (KeyError, TypeError) as error:
        raise InputError(
            f"基线报告缺少指纹（请用当前版本重新生成） the baseline report has findings without a fingerprint "
            f"(made by an older version? run validate --format json again): {path}"
        ) from error


def _from_waivers(path: str, waivers: object) -> frozenset[str]:
    if not isinstance(waivers, list):
        raise InputError(f"豁免清单应为列表 'waivers' must be a list: {path}")
    known = set()
    for number, waiver in enumerate(waivers, start=1):
        fields = waiver if isinstance(waiver, dict) else {}
        mark, reason = fields.get("fingerprint"), fields.get("reason")
        if not (isinstance(mark, str) and mark.strip() and isinstance(reason, str) and reason.strip()):
            raise InputError(
                f"第{number}项豁免须有 fingerprint 和 reason waiver {number} needs a fingerprint and a reason: {path}"
            )
        known.add(mark.strip())
    return frozenset(known)
