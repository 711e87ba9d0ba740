"""How much one input may hold before it is refused with one line (exit status 2) instead of exhausting
the machine: each limit has a default and an environment variable that changes it (docs/bad-input.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from budget_graph.errors import InputError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    variable: str  # BUDGET_GRAPH_MAX_…: a positive whole number
    default: int
    unit: str  # 'MB' or '页 pages'

    def value(self) -> int:
        text = os.environ.get(self.variable, "").strip()
        if not text:
            return self.default
        if not text.isdigit() or int(text) == 0:
            raise InputError(
                f"环境变量 {self.variable} 应为正整数 must be a positive whole number, not {text!r}"
            )
        return int(text)

    def bytes(self) -> int:
        return self.value() * MB

    def exceeded(self, subject: str, amount: str) -> InputError:
        """The one line that refuses an input over this limit ('文件过大 file too large: x.pdf'), saying how
        to raise it."""
        return InputError(
            f"{subject} ({amount}) — 上限 limit {self.value()} {self.unit}，"
            f"可用环境变量 {self.variable} 调整 set {self.variable} to change it"
        )


# Far above any filing (a filing's text is a few hundred KB; its PDF a few MB and tens of pages), far
# below what exhausts a 2-core, 24 GB machine (a 200 MB text took 400 s and 4 GB).
TEXT_SIZE = Limit("BUDGET_GRAPH_MAX_TEXT_MB", 50, "MB")
PDF_SIZE = Limit("BUDGET_GRAPH_MAX_PDF_MB", 200, "MB")
PDF_PAGES = Limit("BUDGET_GRAPH_MAX_PAGES", 2000, "页 pages")
XLSX_SIZE = Limit("BUDGET_GRAPH_MAX_XLSX_MB", 50, "MB")  # a workbook once unzipped (a filing's: under 1 MB)
DOCX_SIZE = Limit("BUDGET_GRAPH_MAX_DOCX_MB", 50, "MB")  # a Word document, and its text once unzipped
XLSX_CELLS = Limit("BUDGET_GRAPH_MAX_XLSX_CELLS", 1_000_000, "格 cells")  # one sheet's rows × columns
# one request to the workbench (budget-graph serve): every file it carries, together
UPLOAD_SIZE = Limit("BUDGET_GRAPH_MAX_UPLOAD_MB", 100, "MB")
# and the time it may take to arrive: 100 MB at under 200 KB/s (a client trickling a body holds a
# connection and a temporary folder)
UPLOAD_TIME = Limit("BUDGET_GRAPH_UPLOAD_SECONDS", 600, "秒 seconds")
CODE_LIST_SIZE = Limit("BUDGET_GRAPH_MAX_CODE_LIST_MB", 100, "MB")  # a CSV, or an XLSX once unzipped


def megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"
