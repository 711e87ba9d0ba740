"""The rule families checked on the document model, in report order."""

from __future__ import annotations

from budget_graph.check import codes

CHECKS: list = []
CHECKS.append(codes.check_codes)
