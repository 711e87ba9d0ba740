"""Errors that end a command with exit status 2 and a one-line message, and the file a run could not check."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """Text that any output can write as UTF-8: a lone surrogate (a file name's undecodable byte, as
    Python carries it) becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


class InputError(Exception):
    """The input could not be read as a budget filing (missing, empty, binary, not a filing…)."""

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))  # it names the file, whatever bytes its name holds


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
