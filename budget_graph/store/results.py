"""Query answers, whichever store gave them, and their output as a table, CSV or JSON.

A SELECT or ASK answer is kept as the SPARQL 1.1 Query Results JSON document (what Oxigraph writes and
every server sends), so local and remote answers are one thing; a CONSTRUCT or DESCRIBE answer is
N-Triples.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass

from budget_graph.graph.namespaces import PREFIXES


@dataclass(frozen=True)
class Answer:
    results: dict | None = None  # SPARQL JSON results (SELECT, ASK)
    triples: str | None = None  # N-Triples (CONSTRUCT, DESCRIBE)

    @property
    def variables(self) -> list[str]:
        return list((self.results or {}).get("head", {}).get("vars", []))

    @property
    def bindings(self) -> list[dict[str, dict]]:
        return list((self.results or {}).get("results", {}).get("bindings", []))

    def values(self) -> list[dict[str, str]]:
        """Each row as {variable: lexical value} (unbound variables left out), for programs and tests."""
        return [{name: term["value"] for name, term in row.items()} for row in self.bindings]


def render(answer: Answer, fmt: str) -> str:
    if answer.triples is not None:
        return answer.triples
    if "boolean" in (answer.results or {}):
        return (
            json.dumps(answer.results) + "\n"
            if fmt == "json"
            else f"{str(answer.results['boolean']).lower()}\n"
        )
    if fmt == "json":
        return json.dumps(answer.results, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return _csv(answer)
    return _table(answer)


def _csv(answer: Answer) -> str:
    """SPARQL 1.1 CSV results: a header of variable names, then each value's lexical form."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(answer.variables)
    for row in answer.bindings:
        writer.writerow([_csv_value(row.get(name)) for name in answer.variables])
    return out.getvalue()


def _csv_value(term: dict | None) -> str:
    if term is None:
        return ""
    return f"_:{term['value']}" if term["type"] == "bnode" else term["value"]


def _table(answer: Answer) -> str:
    """Aligned columns for a terminal, IRIs shortened by the project's prefixes."""
    header = answer.variables
    rows = [[_short(row.get(name)) for name in header] for row in answer.bindings]
    widths = [max([_width(cell) for cell in column] or [0]) for column in zip(header, *rows, strict=False)]
    lines = [
        "  ".join(_pad(cell, width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


_NAMESPACES = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda item: -len(item[0]))


def _short(term: dict | None) -> str:
    if term is None:
        return ""
    value = term["value"]
    if term["type"] == "uri":
        for namespace, prefix in _NAMESPACES:
            if value.startswith(namespace):
                return f"{prefix}:{value[len(namespace) :]}"
        return f"<{value}>"
    if term["type"] == "bnode":
        return f"_:{value}"
    return value


def _width(text: str) -> int:
    """Columns a string takes on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
