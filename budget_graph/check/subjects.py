"""BG-N012: an item the narrative names by its class, 款 and 项 ('一般公共服务支出（类）财政事务（款）行政运行（项）')
is a line of the tables.

The narrative rules tie such a claim to the one row its names fit and skip it when none does; this rule reports
that silence. Names are compared as officers write them: width, spaces and bracket shapes aside, with or
without 支出 / 费 / 其他 / 的, one name inside the other (abbreviated), 其它 for 其他. A name that fits no line is
then, in order: the code's name in another edition of the national list (named as such, as BG-K002 does), a
line printed with the same figure under another name (misnamed, a warning), or a line the tables lack (an
error: the narrative states money for an item no table has).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from budget_graph.check.codes import former_name
from budget_graph.check.narrative import BASIS as NARRATIVE_BASIS
from budget_graph.check.narrative import CODE_LENGTH, key
from budget_graph.check.rules import Finding, Severity, rule
from budget_graph.codes import Concept, lookup, normalise, scheme_index
from budget_graph.codes.names import core
from budget_graph.derive.crosstable import plain
from budget_graph.derive.rounding import Agreement, compare_restated
from budget_graph.model import Claim, Filing, Row, Table

UNLISTED = rule(
    id="BG-N012",
    title="说明中列出的科目在表格中没有对应行",
    title_en="An item the narrative names by class, section and item is in no table",
    severity=Severity.ERROR,
    basis=NARRATIVE_BASIS + "；财政部《政府收支分类科目》（当年版）",
    checks="Each item the narrative names with (类)/(款)/(项) and a figure ('机关事业单位退休人员活动费支出（项）"
    "12.00万元'; not 0) is a line of some table, by its deepest name (width, spaces, brackets, 支出/费/其他/的 and "
    "abbreviation aside). A name that is the code's name in another edition of the national list is info (a "
    "warning when retired before the filing's year); a name that fits no line while a line of that level "
    "prints the same figure is a warning (misnamed); otherwise an error.",
    why="A figure for an item no table lists cannot be checked and contradicts the tables: either the item or "
    "its money is missing from them. The other narrative rules skip such an item silently.",
    engine="python",
    fail_example="机关事业单位退休人员活动费支出（项）12.00万元（表中无此科目）",
    pass_example="一般公共服务支出（类）财政事务（款）行政运行（项）1,511.89万元（表中2010601 行政运行）",
)

_MARK = re.compile(r"\((类|款|项)\)")
_LEAD = re.compile(r"^[\d\s、.]+|^[\"“”]+|[\"“”]+$")
_SCHEMES = ("functional", "economic", "government-economic")


@dataclass(frozen=True)
class _Line:
    table: Table
    row: Row
    name: str  # as matched: numbering dropped


def named_levels(subject: str) -> list[tuple[str, str]]:
    """'“一般公共服务支出（类）财政事务（款）行政运行（项）”' → [(类, 一般公共服务支出), (款, 财政事务), (项, 行政运行)];
    a name may hold brackets of its own (党委办公厅（室）及相关机构事务（款）)."""
    text = key(subject)
    found, start = [], 0
    for mark in _MARK.finditer(text):
        name = _LEAD.sub("", text[start : mark.start()])
        start = mark.end()
        if name:
            found.append((mark.group(1), name))
    return found


def _core(name: str) -> str:
    return core(normalise(name).replace("其它", "其他").replace("的", ""))


def fits(name: str, label: str) -> bool:
    """One name inside the other, as officers shorten them (基本养老保险费 for 基本养老保险缴费支出)."""
    mine, theirs = _core(name), _core(label)
    return bool(mine and theirs) and (mine in theirs or theirs in mine)


def check(filing: Filing) -> Iterator[Finding]:
    lines = [_Line(t, r, plain(r.label)) for t in filing.tables for r in t.rows if r.label.strip()]
    if not lines:
        return  # no table read: nothing to hold the narrative against
    for claim in filing.claims:
        levels = named_levels(claim.subject)
        if claim.amount is None or claim.amount.value == 0 or not levels:
            continue  # an item stated at 0 need not be a line: tables leave out lines without money
        level, name = levels[-1]
        if not any(fits(name, line.name) for line in lines):
            yield _unlisted(claim, level, name, lines, filing.year)


def _unlisted(claim: Claim, level: str, name: str, lines: list[_Line], year: int) -> Finding:
    assert claim.amount is not None
    what = f"说明中的科目“{name}（{level}）”"
    renamed = _other_edition(name, level, lines, year)
    if renamed:
        old, line, current = renamed
        editions, editions_en, severity = former_name(old, year)
        return UNLISTED.finding(
            f"{what}是编码{old.code}在{editions}中的名称；{year}年版为“{current}”，表中为“{line.row.label}”",
            f"The narrative names {name} ({level}), the name of {old.code} in {editions_en}; the {year} edition "
            f"names it '{current}', the table '{line.row.label}'",
            (claim.location, line.row.location),
            expected=current,
            actual=name,
            severity=severity,
        )
    same = _same_figure(claim, level, lines)
    if same:
        return UNLISTED.finding(
            f"{what}{claim.amount.text()}在表格中没有同名的行；{same.table.title}“{same.row.label}”金额相同，"
            "疑为名称写错",
            f"The narrative names {name} ({level}) with {claim.amount.text()}, which no line bears; "
            f"'{same.row.label}' in {same.table.title} prints that figure: misnamed?",
            (claim.location, same.row.location),
            expected=same.row.label,
            actual=name,
            severity=Severity.WARNING,
        )
    return UNLISTED.finding(
        f"{what}列出金额{claim.amount.text()}，但任何表格中都没有这一科目",
        f"The narrative gives {claim.amount.text()} for {name} ({level}), an item no table lists",
        (claim.location,),
        expected="表中的科目",
        actual=name,
    )


def _other_edition(name: str, level: str, lines: list[_Line], year: int) -> tuple[Concept, _Line, str] | None:
    """A national code of the level that bore this name in some edition, printed in the tables under the
    name of the filing's year: (the version so named, the table line, the year's name)."""
    printed = _core(name)
    for scheme in _SCHEMES:
        index = scheme_index(scheme)
        for concept in index.concepts():
            if len(concept.code) != CODE_LENGTH[level] or _core(concept.name) != printed:
                continue
            current = lookup(concept.code, year, scheme) or index.lookup(concept.code)
            if current is None:
                continue
            line = next(
                (ln for ln in lines if ln.row.code == concept.code or fits(current.name, ln.name)), None
            )
            if line:
                return concept, line, current.name
    return None


def _same_figure(claim: Claim, level: str, lines: list[_Line]) -> _Line | None:
    """A line of the named level (or an uncoded one) printing the claim's figure."""
    assert claim.amount is not None
    for line in lines:
        if line.row.code and len(line.row.code) != CODE_LENGTH[level]:
            continue
        for cell in line.row.cells.values():
            if cell.amount and compare_restated(claim.amount, cell.amount) is Agreement.EQUAL:
                return line
    return None
