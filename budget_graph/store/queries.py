"""The library of research queries: queries/*.rq, each opening with a comment saying what it answers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from budget_graph.errors import InputError
from budget_graph.graph.namespaces import PREFIXES
from budget_graph.resources import resource_dir

_DECLARED = re.compile(r"^\s*PREFIX\s+([\w-]*):", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class NamedQuery:
    name: str  # the file's stem
    description: str  # the opening comment, without its '#'
    text: str

    @property
    def title(self) -> str:
        return self.description.splitlines()[0] if self.description else self.name


def named_queries() -> dict[str, NamedQuery]:
    return {path.stem: _read(path) for path in sorted(resource_dir("queries").glob("*.rq"))}


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise InputError(f"没有这个查询 no query named {name!r}; named queries: {', '.join(queries)}")
    return queries[name]


def query_text(query: str) -> str:
    """A query given on the command line: its text, or `@file.rq` for a file's text."""
    if not query.startswith("@"):
        return query
    path = Path(query[1:])
    if not path.is_file():
        raise InputError(f"找不到文件 file not found: {path}")
    return path.read_text(encoding="utf-8")


def with_prefixes(sparql: str) -> str:
    """The project's prefixes (bg:, skos:, qb:, sh: …) declared for a query that uses them undeclared."""
    declared = set(_DECLARED.findall(sparql))
    missing = [
        f"PREFIX {prefix}: <{namespace}>"
        for prefix, namespace in PREFIXES.items()
        if prefix not in declared and f"{prefix}:" in sparql
    ]
    return "\n".join([*missing, sparql]) if missing else sparql


def _read(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    comment = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comment.append(line[1:].strip())
    return NamedQuery(path.stem, "\n".join(comment).strip(), text)
