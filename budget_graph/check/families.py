"""The rule families checked on the document model, in report order."""

from __future__ import annotations

from budget_graph.check import (
    changes,
    codes,
    crosstable,
    final_accounts,
    hygiene,
    identities,
    narrative,
    rollups,
    shares,
    subjects,
)

CHECKS: list = []
CHECKS.append(codes.check_codes)
CHECKS.append(rollups.check_rollups)
CHECKS.append(identities.check_identities)
CHECKS.append(crosstable.check_crosstable)
CHECKS.append(changes.check)
CHECKS.append(narrative.check)
CHECKS.append(hygiene.check)
CHECKS.append(final_accounts.check)
CHECKS.append(shares.check)
CHECKS.append(subjects.check)

# BG-F rules compare filings with each other, so they run over a whole batch (batch.validate_many, load);
# imported here so the catalogue lists them.
from budget_graph.check import crossfiling  # noqa: E402, F401
