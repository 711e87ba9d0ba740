"""The rule families, in one explicit list: what the catalogue holds and what runs on each filing.

A family is a module of check/; its rules are the `Rule` constants it defines and those of the identities
declared as data (its DECLARED: crosstable.py's from derive/crosstable.yaml, rollups.py's from
derive/rollups.yaml). A family with a filing check runs on every filing's document model, in this order (the
report's order within a severity); the SHACL family runs on the filing's graph (engine.check_mapped), and the BG-F family across filings
(batch.validate_many, `load`). A new family is a module and a line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from budget_graph.check import (
    changes,
    codes,
    crossfiling,
    crosstable,
    final_accounts,
    hygiene,
    identities,
    narrative,
    parts,
    rollups,
    shacl_rules,
    shares,
    subjects,
)
from budget_graph.check.engine import FilingCheck
from budget_graph.check.rules import Rule


@dataclass(frozen=True)
class Family:
    module: ModuleType
    check: FilingCheck | None = None  # None: not run on the document model of one filing

    @property
    def rules(self) -> list[Rule]:
        """The module's `Rule` constants, and the rules of the identities declared as data (its DECLARED)."""
        found = [value for value in vars(self.module).values() if isinstance(value, Rule)]
        return found + list(getattr(self.module, "DECLARED", ()))


FAMILIES: tuple[Family, ...] = (
    Family(shacl_rules),
    Family(codes, codes.check_codes),
    Family(rollups, rollups.check_rollups),
    Family(identities, identities.check_identities),
    Family(crosstable, crosstable.check_crosstable),
    Family(changes, changes.check),
    Family(narrative, narrative.check),
    Family(hygiene, hygiene.check),
    Family(final_accounts, final_accounts.check),
    Family(shares, shares.check),
    Family(parts, parts.check),
    Family(subjects, subjects.check),
    Family(crossfiling),
)

CHECKS: list[FilingCheck] = [family.check for family in FAMILIES if family.check]
