"""What the cross-filing checks (BG-F) need of a filing they compare with: who, when, the figures it states.

A filing of the run gives them from its document model (check/crossfiling.facts_of); a filing already in
a store gives them from its graph (store/facts.py), read by the caller and passed in, so the checks never
ask the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from budget_graph.model.amounts import Amount
from budget_graph.model.document import Kind, Location
from budget_graph.model.units import unit_key

# a claim's subject as filings are matched by it: part number, subject without spaces, '其中' parent
Subject = tuple[int, str, str | None]


def subject_key(part: int, subject: str, parent: str | None) -> Subject:
    return part, "".join(subject.split()), parent


@dataclass(frozen=True)
class Stated:
    """A figure the filing states (for a subject, or for a function code), and where."""

    amount: Amount
    location: Location


@dataclass
class FilingFacts:
    unit: str
    year: int
    kind: Kind
    stated: dict[Subject, list[Stated]] = field(default_factory=dict)  # the narrative's figures
    by_code: dict[str, Stated] = field(
        default_factory=dict
    )  # function code → its total (budget) or 年初预算 (final)

    @property
    def key(self) -> tuple[str, int, Kind]:
        return unit_key(self.unit), self.year, self.kind

    def state(self, subject: Subject, figure: Stated) -> None:
        self.stated.setdefault(subject, []).append(figure)
