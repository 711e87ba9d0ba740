"""Change one published figure of the sample and the report must have a new error at that line.

The mutants are generated here from the raw text, independently of the reader: every amount cell of
every table and every figure of narrative parts 二 to 七, then a fixed-seed sample of the table cells
(each table contributes, zeros included). What is left out, and why:
- codes (科目编码, 品目编码) are not amounts: table amounts are printed with decimals, codes never are;
- the indicator block of 表十四 and the 绩效目标 cells of 第七部分 hold performance targets, not figures
  that the tables' design ties to another figure;
- a change amount or a percentage of a change statement is only as checkable as the statement's own
  precision allows when no other part of the filing states the previous year's figure: for those the
  mutant moves the figure by the smallest step of 0.02, 0.05, 0.1, 0.2 … that the document can reveal
  (computed below by interval arithmetic), not by a step chosen per figure;
- a base of zero has no percentage ("增长100%" for a new item is a convention);
- a figure that cutting off instead of rounding explains is a warning, not an error, and the steps
  above skip past it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, sample_lines
from tests.edits import edited_sample

TABLE_SAMPLE_PER_TABLE = 18
_TABLE_TITLE = re.compile(r"^#*\s*表([一二三四五六七八九十]+)[：:]")
_PART = re.compile(r"^#+\s*第([一二三四五六七八九十]+)部分")
_AMOUNT_CELL = re.compile(r"^-?\d{1,3}(,\d{3})*\.\d+$|^-?\d+\.\d+$")
_WAN = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)(\s*)万元")
_STEPS = [Decimal(s) for s in ("0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50", "100")]


@dataclass(frozen=True)
class Mutant:
    line: int
    old: str  # text on the line, unique enough to replace once
    new: str
    what: str

    @property
    def id(self) -> str:
        return f"L{self.line}:{self.old}->{self.new}"


def _shift(text: str, step: Decimal) -> str:
    value = Decimal(text.replace(",", ""))
    decimals = max(0, -value.as_tuple().exponent, -step.as_tuple().exponent)
    shifted = (value + step).quantize(Decimal(1).scaleb(-decimals))
    return f"{shifted:,.{decimals}f}" if "," in text else f"{shifted:.{decimals}f}"


def _table_lines() -> list[tuple[str, int, str]]:
    """(table numeral, line number, line) for the data rows of every table."""
    rows, table, indicators = [], None, False
    for number, line in enumerate(sample_lines(), start=1):
        title = _TABLE_TITLE.match(line.strip())
        if title:
            table, indicators = title.group(1), False
            continue
        if table and "一级指标" in line:
            indicators = True
        if table and "\t" in line and not indicators:
            rows.append((table, number, line))
    return rows


def table_mutants() -> list[Mutant]:
    by_table: dict[str, list[Mutant]] = {}
    for table, number, line in _table_lines():
        cells = line.split("\t")
        for index, cell in enumerate(cells):
            if _AMOUNT_CELL.match(cell.strip()):
                changed = list(cells)
                changed[index] = _shift(cell.strip(), Decimal("0.02"))
                # the whole line is the edit: cells repeat ('0.00') and must be told apart by position
                by_table.setdefault(table, []).append(
                    Mutant(number, line, "\t".join(changed), f"表{table} cell {index}")
                )
    chosen = []
    generator = random.Random(20240101)
    for mutants in by_table.values():
        chosen += (
            mutants
            if len(mutants) <= TABLE_SAMPLE_PER_TABLE
            else generator.sample(mutants, TABLE_SAMPLE_PER_TABLE)
        )
    return chosen


def _narrative_lines() -> list[tuple[int, str]]:
    lines, part = [], 0
    for number, line in enumerate(sample_lines(), start=1):
        heading = _PART.match(line.strip())
        if heading:
            part = "一二三四五六七八九".index(heading.group(1)) + 1 if len(heading.group(1)) == 1 else 0
            continue
        if 2 <= part <= 7 and line.strip():
            lines.append((number, line))
    return lines


_CHANGE = re.compile(
    r"较\s*\d{4}\s*年\S{0,8}?(增加|减少)\s*([\d,]+(?:\.\d+)?)\s*万元(?:[，,]\s*((增长|下降|减少|增加)\s*([\d.]+))\s*%)?"
)


@dataclass(frozen=True)
class _Statement:
    current: str  # the figure the statement is about: the last amount before it on the line
    word: str
    change: str
    percent_text: str | None  # '…下降 3.3' as printed, unique on its line
    percent_word: str | None
    percent: str | None


def _unique(line: str, start: int, end: int) -> str:
    """The text from `start` to `end`, widened leftwards until it occurs once on the line."""
    while start > 0 and line.count(line[start:end]) > 1:
        start -= 1
    return line[start:end]


def _statements(line: str) -> dict[int, _Statement]:
    """Change statements keyed by where their change amount starts."""
    found = {}
    for match in _CHANGE.finditer(line):
        before = [m for m in _WAN.finditer(line[: match.start()])]
        if before:
            percent_text = _unique(line, match.start(3), match.end(5)) if match.group(3) else None
            found[match.start(2)] = _Statement(
                before[-1].group(1),
                match.group(1),
                match.group(2),
                percent_text,
                match.group(4),
                match.group(5),
            )
    return found


def narrative_mutants() -> list[Mutant]:
    mutants = []
    for number, line in _narrative_lines():
        text = line.split("\t")
        if len(text) > 2:  # 第七部分 table: project, 预算数（万元）, 绩效目标 (targets left out)
            if re.match(r"^[\d,]+(\.\d+)?$", text[1].strip()):
                old = f"{text[0]}\t{text[1]}"
                mutants.append(
                    Mutant(number, old, f"{text[0]}\t{_shift(text[1].strip(), Decimal('0.02'))}", "第七部分")
                )
            continue
        statements = _statements(line)
        for match in _WAN.finditer(line):
            if "以前" in line[max(0, match.start() - 40) : match.start()]:
                continue  # '2023 年以前…暂按 0 万元填报': a past practice, not a figure of this filing
            statement = statements.get(match.start(1))
            step = _change_step(statement) if statement else Decimal("0.02")
            if step is None:
                continue
            old = _unique(line, max(0, match.start() - 6), match.end())
            new = old.replace(match.group(0), _shift(match.group(1), step) + match.group(2) + "万元", 1)
            mutants.append(Mutant(number, old, new, "change" if statement else "amount"))
        for statement in statements.values():
            step = _percent_step(statement) if statement.percent else None
            if step is not None:
                old = statement.percent_text
                new = old[: -len(statement.percent)] + _shift(statement.percent, step)
                mutants.append(Mutant(number, old, new, "percent"))
    return mutants


def _interval(text: str) -> tuple[Decimal, Decimal]:
    value = Decimal(text.replace(",", ""))
    radius = Decimal(5).scaleb(value.as_tuple().exponent - 1)
    return value - radius, value + radius


def _percent_range(current: str, change: str, decrease: bool) -> tuple[Decimal, Decimal] | None:
    (a_lo, a_hi), (c_lo, c_hi) = _interval(current), _interval(change)
    bases = (a_lo + c_lo, a_hi + c_hi) if decrease else (a_lo - c_hi, a_hi - c_lo)
    if bases[0] <= 0:
        return None
    return c_lo * 100 / bases[1], c_hi * 100 / bases[0]


def _revealed(current: str, change: str, percent: str, decrease: bool) -> bool:
    """Is the stated percentage an error: neither rounding nor cutting off (a warning) explains it?"""
    computed = _percent_range(current, change, decrease)
    lo, hi = _interval(percent)
    hi += hi - lo  # a percentage cut off at its decimals stands for up to one unit more
    return computed is None or computed[1] < lo or computed[0] > hi


def _change_step(statement: _Statement) -> Decimal | None:
    """The smallest step of the change amount that the statement's own percentage can reveal."""
    if statement.percent is None:
        return Decimal("0.02")  # checked against the previous year's figure the filing prints
    decrease = statement.word == "减少"
    current, change, percent = statement.current, statement.change, statement.percent
    if _percent_range(current, change, decrease) is None or _revealed(current, change, percent, decrease):
        return None  # base zero, or the statement is already inconsistent (the sample's one error)
    return next((s for s in _STEPS if _revealed(current, _shift(change, s), percent, decrease)), None)


def _percent_step(statement: _Statement) -> Decimal | None:
    decrease = statement.word == "减少"
    current, change, percent = statement.current, statement.change, statement.percent
    if _percent_range(current, change, decrease) is None or _revealed(current, change, percent, decrease):
        return None
    return next((s for s in _STEPS if _revealed(current, change, _shift(percent, s), decrease)), None)


MUTANTS = list(dict.fromkeys(table_mutants() + narrative_mutants()))  # a line may state a figure twice


@cache
def _baseline() -> frozenset[tuple[str, str, int]]:
    return frozenset(_errors_of(SAMPLE))


def _errors_of(path: Path) -> set[tuple[str, str, int]]:
    from budget_graph.check.engine import check_filing
    from budget_graph.read.text import read_text

    report = check_filing(read_text(path))
    return {
        (f.rule, f.message, place.line)
        for f in report.findings
        if f.severity.value == "error"
        for place in f.locations
        if place.line
    }


def test_mutants_cover_every_table_and_narrative_part() -> None:
    tables = {m.what.split()[0] for m in MUTANTS if m.what.startswith("表")}
    assert len(tables) == 14
    lines = {m.line for m in MUTANTS if not m.what.startswith("表")}
    for first, last in [(63, 68), (69, 98), (99, 102), (103, 118), (119, 128), (129, 150)]:
        assert any(first <= line <= last for line in lines), f"no narrative mutant in lines {first}-{last}"
    assert {m.what for m in MUTANTS} >= {"amount", "change", "percent", "第七部分"}


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.id for m in MUTANTS])
def test_mutant_is_caught_at_its_line(mutant: Mutant, tmp_path: Path) -> None:
    path = edited_sample([{"line": mutant.line, "old": mutant.old, "new": mutant.new}], tmp_path)
    new_errors = {e for e in _errors_of(path) - _baseline() if e[2] == mutant.line}
    assert new_errors, (
        f"{mutant.what} on line {mutant.line}: {mutant.old!r} → {mutant.new!r} raised no new error there"
    )
