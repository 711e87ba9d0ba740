"""The rule families checked on the document model, in report order."""

from __future__ import annotations

CHECKS: list = []
