"""Finished reports, kept in memory for download under a random id, for a while: the newest few, for an
hour at most. Nothing of an upload is kept anywhere else."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

KEEP_SECONDS = 3600
KEEP_REPORTS = 20  # a report is a few MB (its page images): at most some tens of MB in all

# the downloads of a report: name, media type
DOWNLOADS = {
    "report.html": "text/html; charset=utf-8",
    "report.json": "application/json",
    "findings.csv": "text/csv; charset=utf-8",
}


@dataclass
class Results:
    keep_seconds: float = KEEP_SECONDS
    keep_reports: int = KEEP_REPORTS
    _kept: dict[str, tuple[float, dict[str, str]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, files: dict[str, str]) -> str:
        """Keep the report's files (name → text); the id to fetch them by."""
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._expire()
            self._kept[key] = (time.monotonic(), files)
            while len(self._kept) > self.keep_reports:
                del self._kept[next(iter(self._kept))]  # the oldest
        return key

    def get(self, key: str, name: str) -> str | None:
        with self._lock:
            self._expire()
            kept = self._kept.get(key)
        return kept[1].get(name) if kept else None

    def _expire(self) -> None:
        now = time.monotonic()
        for key in [k for k, (made, _) in self._kept.items() if now - made > self.keep_seconds]:
            del self._kept[key]
