"""Edited copies of the sample: how rule fixtures and mutation tests make a failing document."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import sample_lines


def edited_sample(edits: list[dict], folder: Path, name: str = "edited.md") -> Path:
    """The sample with each edit {line, old, new} applied to its line; the old text must be there."""
    lines = list(sample_lines())
    for edit in edits:
        index = int(edit["line"]) - 1
        old, new = str(edit["old"]), str(edit["new"])
        if old not in lines[index]:
            raise AssertionError(f"line {edit['line']} does not contain {old!r}: {lines[index]!r}")
        lines[index] = lines[index].replace(old, new, 1)
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
