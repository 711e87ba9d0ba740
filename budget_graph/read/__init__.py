"""Readers: one per input format, each producing the same document model (a Filing)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from budget_graph.errors import InputError
from budget_graph.model import UNDATED, Amount, Claim, Diagnostic, Filing, Location, TableKind
from budget_graph.model.units import same_unit

TEXT_SUFFIXES = {".md", ".txt", ".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
WORD_SUFFIXES = {".docx", ".doc"}  # Word, in which many departments write the narrative
WORKBOOK_SUFFIXES = {".xlsx", ".xls"}  # Excel 2007 on, and the older .xls (BIFF8) many sites still publish
_TABLES_PART = re.compile(r"[预决]算表|公开表|附表")
_YEAR_WORD = re.compile(r"20\d{2}\s*年度?")


def find_sources(paths: list[str]) -> list[Path]:
    """Files named, and the filings inside folders named; a clear error when there are none."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise InputError(f"找不到文件 file not found: {name}")
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and _may_be_filing(p))
            if not inside:
                raise InputError(f"文件夹中没有预决算文件 no filings in folder: {name}")
            found.extend(inside)
        else:
            found.append(path)
    return found


def _may_be_filing(path: Path) -> bool:
    """In a folder: every PDF, workbook and Word document, and the text files whose title names a budget or
    final accounts (a PROVENANCE.txt or notes beside the filings are not filings)."""
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES | WORKBOOK_SUFFIXES | WORD_SUFFIXES:
        return True
    if suffix not in TEXT_SUFFIXES:
        return False
    from budget_graph.read.text import looks_like_filing

    return looks_like_filing(path)


def read_paths(paths: list[str]) -> list[Filing]:
    """Read every source named into filings (files of one filing are grouped into one), in this
    process; batch.read_many does the same over both cores."""
    read = [filing for path in find_sources(paths) for filing in read_undated(path)]
    return [dated(filing) for filing in group_filings(read)]


def group_filings(filings: list[Filing]) -> list[Filing]:
    """Files of one filing become one: the same unit (however each file names it: same_unit), year,
    kind and level, and nothing in two of them (Jiangsu publishes the 说明 and the 公开表 as two PDFs);
    then the two halves left alone in one folder (_halves_in_folder)."""
    grouped: list[Filing] = []
    for filing in filings:
        partner = next((other for other in grouped if _complement(other, filing)), None)
        if partner is None:
            grouped.append(filing)
        else:
            _absorb(partner, filing)
    for pairs in (_halves_by_figures, _halves_in_folder, _weak_halves):
        for narrative, tables in pairs(grouped):
            _absorb(narrative, tables)  # says the two names, and the year an undated one takes
            if narrative.unit_from_name:  # the name the other file prints
                narrative.unit, narrative.unit_from_name = tables.unit, tables.unit_from_name
            grouped.remove(tables)
    return grouped


def _halves_by_figures(filings: list[Filing]) -> list[tuple[Filing, Filing]]:
    """A narrative without its tables and tables without their narrative, of one year, kind and level,
    are one filing when the figures the narrative states stand in those tables: at least MATCHED of them,
    and twice as many as in any other tables file, and no other narrative matches those tables as well.
    Files named apart (a narrative without a cover, '附件1.pdf'; '省政协办公厅' and '江苏省政协办公厅')
    are joined this way; a department's narrative and another's tables share no run of exact figures."""
    narratives = [f for f in filings if _narrative_parts(f) and not f.tables]
    tables = [f for f in filings if f.tables]  # the parts printed after the tables may be there too
    stated = [_stated(narrative) for narrative in narratives]
    printed = [_Printed.of(table) for table in tables]
    scores = {
        (i, j): sum(map(printed[j].holds, stated[i]))
        for i, narrative in enumerate(narratives)
        for j, table in enumerate(tables)
        if _same_filing_kind(narrative, table) and _apart(narrative, table)
    }
    return [
        (narratives[i], tables[j])
        for (i, j), score in scores.items()
        if score >= MATCHED
        and all(score >= 2 * other for (a, b), other in scores.items() if (a == i) != (b == j))
    ]


MATCHED = 3  # figures of a narrative found in a tables file that make the two one filing
_PRECISE = Decimal("0.001")  # a stated figure narrower than this share of itself (not '约1.2亿元') counts


def _stated(narrative: Filing) -> set[Amount]:
    """The figures the narrative states, each once, printed precisely."""
    return {
        claim.amount
        for claim in narrative.claims
        if claim.amount
        and claim.amount.value > 0
        and claim.amount.half_step_yuan <= _PRECISE * claim.amount.yuan
    }


@dataclass(frozen=True)
class _Printed:
    """A tables file's figures other than zero (yuan, with their rounding radii), in order."""

    figures: list[tuple[Decimal, Decimal]]
    values: list[Decimal]
    widest: Decimal  # the largest radius: how far off a figure's value may lie

    @classmethod
    def of(cls, tables: Filing) -> _Printed:
        figures = sorted(
            (amount.yuan, amount.half_step_yuan)
            for table in tables.tables
            for row in table.rows
            for cell in row.cells.values()
            if (amount := cell.amount) is not None and amount.value
        )
        widest = max((half for _, half in figures), default=Decimal(0))
        return cls(figures, [value for value, _ in figures], widest)

    def holds(self, amount: Amount) -> bool:
        """Does a table print this figure, within the rounding of the two printings?"""
        reach = amount.half_step_yuan + self.widest
        low = bisect_left(self.values, amount.yuan - reach)
        high = bisect_right(self.values, amount.yuan + reach)
        return any(
            abs(value - amount.yuan) <= amount.half_step_yuan + half for value, half in self.figures[low:high]
        )


def _weak_halves(filings: list[Filing]) -> list[tuple[Filing, Filing]]:
    """Tables that print no year (read.metadata: UNDATED) or no unit's name (their file name stands for
    it), and a filing that names both, of their kind and level (and year, if they print one) in their
    folder and holding none of their tables — a narrative, with tables of its own or not: tables
    published a file each. One filing when it is the only such filing naming the same unit (in a name
    or in the tables' titles), else when its narrative states their figures (as in _halves_by_figures),
    else when it is the only filing of that kind and year in the folder (a folder of many departments'
    files pairs nothing so)."""
    pairs = []
    for tables in [f for f in filings if f.tables and _weak(f)]:
        beside = [
            f
            for f in filings
            if not _weak(f)
            and (f.kind, f.level) == (tables.kind, tables.level)
            and tables.year in (UNDATED, f.year)
            and _folders(f) == _folders(tables)
        ]
        candidates = [f for f in beside if _apart(f, tables)]
        named = [f for f in candidates if _names_unit(tables, f.unit)]
        printed = _Printed.of(tables)
        scores = [sum(map(printed.holds, _stated(f))) for f in candidates]
        best = max(range(len(candidates)), key=scores.__getitem__, default=None)
        stated = best is not None and scores[best] >= MATCHED
        if len(named) == 1:
            pairs.append((named[0], tables))
        elif stated and all(scores[best] >= 2 * score for i, score in enumerate(scores) if i != best):
            pairs.append((candidates[best], tables))
        elif len(beside) == 1 and candidates:
            pairs.append((candidates[0], tables))
    return pairs


def _weak(filing: Filing) -> bool:
    return filing.year == UNDATED or filing.unit_from_name


def _names_unit(tables: Filing, unit: str) -> bool:
    """Do the tables name this unit: in their own name, or in every title ('2017年度江苏省高级人民法院…表')?"""
    if not tables.unit_from_name:
        return same_unit(tables.unit, unit)
    return all(unit in table.title for table in tables.tables)


def _folders(filing: Filing) -> set[Path]:
    return {Path(source).parent for source in filing.sources}


def dated(filing: Filing) -> Filing:
    """The filing, unless it is tables printing no year that found no narrative to take it from."""
    if filing.year == UNDATED:
        from budget_graph.read.metadata import no_filing

        raise no_filing(filing.sources[0])
    return filing


def _same_filing_kind(a: Filing, b: Filing) -> bool:
    return (a.year, a.kind, a.level) == (b.year, b.kind, b.level)


def _halves_in_folder(filings: list[Filing]) -> list[tuple[Filing, Filing]]:
    """A narrative without its tables and tables without their narrative, the only two files of their
    year and kind in one folder, are one filing when one of them prints no unit's name (its file name
    gave one: '2017年度部门预算公开表.pdf' names none): a folder of many departments' files pairs nothing
    this way, nor do two files that name two units."""
    by_folder: dict[tuple, list[Filing]] = {}
    for filing in filings:
        folders = {Path(source).parent for source in filing.sources}
        if len(folders) == 1:
            by_folder.setdefault((folders.pop(), filing.year, filing.kind), []).append(filing)
    pairs = []
    for group in by_folder.values():
        if len(group) == 2:
            narrative, tables = sorted(group, key=lambda filing: len(filing.tables))
            halves = _narrative_parts(narrative) and len(tables.tables) > len(narrative.tables)
            if halves and _apart(*group) and (narrative.unit_from_name or tables.unit_from_name):
                pairs.append((narrative, tables))
    return pairs


def _complement(a: Filing, b: Filing) -> bool:
    """Two files of one filing: no narrative part and no table in both. A 说明 may carry a table of its
    own (the “三公” table in its text), a tables file the parts printed after the tables (第三部分情况说明,
    名词解释); two filings of one unit and year each hold the same tables."""
    return same_unit(a.unit, b.unit) and _same_filing_kind(a, b) and _apart(a, b)


def _apart(a: Filing, b: Filing) -> bool:
    """No narrative part and no table in both, nor a file: the filings of a compilation were told apart
    in their file (read/compilation.py). A table is its kind and its title without number and year: two
    of one kind are two tables when titled apart (Jiangsu's 支出预算总表 and 财政拨款支出预算表, published a
    file each)."""
    return (
        not set(a.sources) & set(b.sources)
        and not _narrative_parts(a) & _narrative_parts(b)
        and not _tables_of(a) & _tables_of(b)
    )


def _narrative_parts(filing: Filing) -> set[int]:
    """The numbers of its parts but the one that heads the tables ('第二部分 2019年度部门预算表'), which
    both files may print: the 说明 to say the tables follow in their own file, the tables file over them."""
    return {part.number for part in filing.parts if not _TABLES_PART.search(part.title)}


def _tables_of(filing: Filing) -> set[tuple[TableKind, str]]:
    return {(table.kind, _title_core(table.title)) for table in filing.tables if table.kind is not None}


def _title_core(title: str) -> str:
    """'公开05表 2019年度财政拨款支出预算表（功能科目）' → '财政拨款支出预算表(功能科目)'."""
    from budget_graph.read.pdf_flow import bare_title

    return _YEAR_WORD.sub("", bare_title(title)).replace(" ", "")


def _absorb(into: Filing, other: Filing) -> None:
    if other.year == UNDATED:
        into.diagnostics.append(
            Diagnostic(
                "info",
                f"表格文件未印出年度，取其说明文件的年度 the tables file prints no year; its narrative's is "
                f"taken: {into.year}",
                tuple(Location(source) for source in other.sources),
            )
        )
    if other.unit != into.unit:
        into.diagnostics.append(
            Diagnostic(
                "info",
                f"同一单位的两个文件名称不同，按同一单位合并：{into.unit} / {other.unit} "
                f"two files name one unit differently, read as one filing",
                tuple(Location(source) for source in (*into.sources, *other.sources)),
            )
        )
    into.sources.extend(other.sources)
    printed = {part.number for part in into.parts}
    added = [part for part in other.parts if part.number not in printed]  # the tables' part once
    into.parts = sorted([*into.parts, *added], key=lambda part: part.number)
    into.tables.extend(other.tables)
    into.claims.extend(
        _named_off(claim, into.unit) if other.unit_from_name else claim for claim in other.claims
    )
    into.indicators.extend(other.indicators)
    into.toc = into.toc or other.toc
    into.diagnostics.extend(other.diagnostics)
    into.unread.extend(other.unread)
    into.page_sizes.update(other.page_sizes)
    into.page_turns.update(other.page_turns)


def _named_off(claim: Claim, unit: str) -> Claim:
    """A claim of a file read under its file name keeps the unit's name its subject opens with
    ('上海市XX局财政拨款收入支出总计'): taken off, as the reader takes off the name of a unit it knows."""
    subject, parent = (
        text[len(unit) :] if text and text.startswith(unit) and len(text) > len(unit) else text
        for text in (claim.subject, claim.parent)
    )
    return replace(claim, subject=subject, parent=parent)


def read_filings(path: Path | str, undated: bool = False) -> list[Filing]:
    """Every filing a file holds: one, or each of a compilation's (a PDF or its laid-out text:
    read/compilation.py). `undated`: keep tables that print no year, for group_filings to pair with
    their narrative (see dated); otherwise such a file is no filing."""
    path = Path(path)
    if path.suffix.lower() in PDF_SUFFIXES:
        from budget_graph.read.pdf import read_pdf_filings

        filings = read_pdf_filings(path)
    elif path.suffix.lower() in WORKBOOK_SUFFIXES | WORD_SUFFIXES:
        filings = [_read_one(path)]
    else:
        from budget_graph.read.text import read_text_filings

        filings = read_text_filings(path)
    return filings if undated else [dated(filing) for filing in filings]


def read_undated(path: Path | str) -> list[Filing]:
    """The filings a file holds, tables printing no year kept: what a run reads before grouping."""
    return read_filings(path, undated=True)


def read_file(path: Path | str) -> Filing:
    """The file as one filing."""
    return dated(_read_one(Path(path)))


def _read_one(path: Path) -> Filing:
    if path.suffix.lower() in PDF_SUFFIXES:
        from budget_graph.read.pdf import read_pdf

        return read_pdf(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from budget_graph.read.workbook import read_workbook

        return read_workbook(path)
    if path.suffix.lower() in WORD_SUFFIXES:
        from budget_graph.read.docx import read_word

        return read_word(path)
    from budget_graph.read.text import read_text

    return read_text(path)
