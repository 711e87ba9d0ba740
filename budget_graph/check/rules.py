"""Rules, whichever engine checks them, and the one record type of findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: `validate --help` reads Severity without loading the document model
    from budget_graph.model import Location


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str  # Chinese first: officers read this one
    message_en: str
    locations: tuple[Location, ...]
    expected: str | None = None
    actual: str | None = None


@dataclass(frozen=True)
class Rule:
    """A rule as ruff and sqlfluff document theirs: what it checks, why, and an example each way."""

    id: str
    title: str  # Chinese
    title_en: str
    severity: Severity  # default severity; rounding-only differences are always info
    basis: str  # the law, national rule or table design the rule rests on
    checks: str  # what it checks
    why: str  # why it matters
    engine: str  # 'shacl' | 'networkx' | 'python'
    fail_example: str = ""
    pass_example: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    def finding(
        self,
        message: str,
        message_en: str,
        locations: list[Location] | tuple[Location, ...],
        expected: str | None = None,
        actual: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            message=message,
            message_en=message_en,
            locations=tuple(locations),
            expected=expected,
            actual=actual,
        )


def rule(**fields) -> Rule:
    """Define a rule: a constant of its family's module (check/families.py lists the families, and
    check/catalogue.py gathers their rules)."""
    return Rule(**fields)


def declared_rule(record: Iterable[tuple[str, str]], engine: str) -> Rule:
    """A rule whose record is declared as data beside its identities (derive/*.yaml)."""
    fields = dict(record)
    return Rule(**{**fields, "severity": Severity(fields["severity"]), "engine": engine})
