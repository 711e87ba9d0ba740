"""Errors that end a command with exit status 2 and a one-line message, and the file a run could not check."""

from __future__ import annotations

import os
from dataclasses import dataclass


class InputError(Exception):
    """The input could not be read as a budget filing (missing, empty, binary, not a filing…)."""


@dataclass(frozen=True)
class Unchecked:
    """A file of a run that got no report — it could not be read, or the tool failed on it — and why.

    The other files of the run are reported all the same; the run ends with exit status 2.
    """

    sources: tuple[str, ...]  # the file, or the files of one filing
    error: str  # one line, Chinese and English, naming the file
    trace: str | None = None  # an internal error's traceback, shown with BUDGET_GRAPH_DEBUG=1


def debugging() -> bool:
    """BUDGET_GRAPH_DEBUG=1: show where an internal error happened (its traceback), not only its one line."""
    return bool(os.environ.get("BUDGET_GRAPH_DEBUG"))
