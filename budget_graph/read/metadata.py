"""Whose filing, which year, budget or final accounts, department or unit: read from what a file prints.

Every reader hands over the same evidence and it is weighed in one order: the cover (its title and
filer line), then headings that title the filing ('第二部分江苏省高级人民法院2018年度预算表'), then the
tables (their filer lines, and the unit, year and kind their titles name), and last the file's name,
said so in a note. A file that holds only the tables of a filing published as two files has no cover:
its tables' titles still name the unit ('2018年度江苏省高级人民法院收支预算总表' on every table), the
year and the kind, and whether it is a unit's or a department's ('2025年预算单位收入预算总表').
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import takewhile

from budget_graph.errors import InputError
from budget_graph.model import UNDATED, Diagnostic, Filing, Kind, Location
from budget_graph.model.units import unit_key
from budget_graph.read.layout import FILING_TITLE, TITLE_END, normalise, recognise_table, without_unit

# a line that is a filing's title and nothing else, the level left out or the 年 dropped:
# '第二部分江苏省高级人民法院2018年度预算表', '江苏省委办公厅2017年预算公开表格', '…2018度部门预算公开表'
_BARE_TITLE = re.compile(
    r"^(?P<unit>[^\d：:，。]*?)(?P<year>20\d{2})\s*年?度?(?P<after>)(?P<level>部门|单位)?(?P<kind>预算|决算)"
    r"(?:公开)?(?:表格?|文件)?$"
)
# the year first and no level: '2018年度江苏省高级人民法院预算公开' (a cover)
_YEAR_FIRST = re.compile(
    r"(?P<unit>)(?P<year>20\d{2})\s*年度?(?P<after>[^\d：:，。、]{2,40}?)(?P<level>部门|单位)?(?P<kind>预算|决算)"
)
_PART_TITLE = re.compile(r"^第[一二三四五六七八九十\d]+部分")
_PART_MARK = re.compile(r"^第[一二三四五六七八九十\d]+部分|^[一二三四五六七八九十]+、")
# a heading's words, a level ('市级'), a quoted term or a law's title ('“三公”经费', '根据《…》'): no name
_NOT_A_NAME = re.compile(r"部分|、|目录|^.{1,2}级$|^本?(部门|单位)$|[“”\"《》]|^根据|^关于")
# what every table's title shares that is no unit's name ('预算单位…', '收支…')
_NOT_A_TABLES_NAME = re.compile(r"^(预算|决算)?(部门|单位)|预算|决算|收支|表")
_YEAR = re.compile(r"(20\d{2})\s*年")
_TABLE_YEAR_AND_REST = re.compile(r"(20\d{2})\s*年度?(.*)$")
_LEVEL_WORD = re.compile(r"(?<=..)(部门|单位)$")  # what a table's own name opens with ('部门收支预算总表')
# '部门预算经济分类' is a classification's name, not the filer's level
_CLASSIFICATION = re.compile(r"部门(预算)?经济分类")
_SENTENCE = re.compile(r"[，,。；;：:]")
_MAX_HEADING = 40  # characters
# a line longer than this titles nothing; searched for a title, a line of millions of characters took 10 s
_LONGEST_TITLE = 300  # characters
_MIN_SHARED_TITLES = 3  # tables whose titles must share a unit's name before it is taken as the filer's


@dataclass(frozen=True)
class Evidence:
    """What a file prints that may say whose filing it is, each text normalised (the text reader's cover
    as printed, so that the unit keeps its own characters)."""

    cover: list[str]  # the first lines, where a cover prints the filing's title and filer line
    lines: list[str]  # every other line that may be a heading titling the filing
    titles: list[str]  # the tables' titles
    filers: list[str]  # the names the tables' filer lines give
    notes: list[str]  # the lines printed with the tables (a year may stand only there)
    stem: str  # the file's name, without its suffix


@dataclass(frozen=True)
class Metadata:
    unit: str
    year: int
    kind: Kind
    level: str  # "department" or "unit"
    notes: tuple[str, ...]  # what was taken from the file's name
    unit_from_name: bool = False  # the file prints no unit's name: its file name gave it

    def filing(self, source: str, **content) -> Filing:
        """A filing of `source` with these metadata, what was taken from the file name said in infos."""
        filing = Filing(
            sources=[source],
            unit=self.unit,
            year=self.year,
            kind=self.kind,
            level=self.level,
            unit_from_name=self.unit_from_name,
            **content,
        )
        filing.diagnostics.extend(Diagnostic("info", note, (Location(source),)) for note in self.notes)
        return filing


def filing_metadata(evidence: Evidence, filer_line: re.Pattern[str], source: str) -> Metadata:
    """Unit, year, kind and level; an InputError when the file names no unit, year or kind."""
    cover_titles = _cover_titles(evidence)
    headings = [line for line in evidence.lines if _is_heading(line)]
    title = next(iter(cover_titles), None) or next((m for m in map(FILING_TITLE.search, headings) if m), None)
    notes: list[str] = []
    unit = (
        _cover_filer(evidence, filer_line, cover_titles)
        or next(filter(None, map(_title_unit, cover_titles)), None)
        or _most_named(evidence.filers)
        or _titles_unit(evidence.titles)
    )
    year = int(title.group("year")) if title else _first_year([*evidence.titles, *evidence.notes])
    kind = _kind(title.group("kind")) if title else _kind("".join(evidence.titles))
    named = FILING_TITLE.search(normalise(evidence.stem)) or _BARE_TITLE.search(normalise(evidence.stem))
    from_name = not unit and named is not None and bool(unit := _title_unit(named))
    if from_name:
        notes.append(f"单位名称取自文件名 unit name taken from the file name: {unit}")
    if year is None and (stem_year := _stem_year(evidence.stem, named)):
        year = stem_year
        notes.append(f"年度取自文件名 year taken from the file name: {year}")
    if kind is None and (kind := _kind(evidence.stem)):
        word = "决算 final accounts" if kind is Kind.FINAL else "预算 budget"
        notes.append(f"预决算类别取自文件名 budget or final accounts taken from the file name: {word}")
    if kind is None and any(map(recognise_table, evidence.titles)):
        # a budget's forms ('部门收支总表', a file each): a final accounts' form names itself (…决算表)
        kind = Kind.BUDGET
        notes.append("预决算类别按表格式样推定为预算 budget, as the tables' forms are the budget's")
    if year is None and evidence.titles and kind is not None:
        year = UNDATED  # tables that print no year: the narrative they are paired with gives it
    in_parts = title is not None and _PART_TITLE.match(title.string) is not None
    if not unit and (evidence.titles or in_parts) and year is not None and kind is not None:
        # a tables file, or a narrative titled only in its own parts ('第二部分 2019年度部门预算表'), that
        # prints no unit's name anywhere: checked under its file name, and joined to the other half of its
        # filing (read.group_filings), whose name it then takes; a note naming a year's budget is no filing
        unit, from_name = evidence.stem, True
        notes.append(
            f"文件未印出单位名称，暂以文件名代替 the file prints no unit's name; its file name stands for it: {unit}"
        )
    if not unit or year is None or kind is None:
        raise no_filing(source)
    return Metadata(unit, year, kind, _level(title, evidence.titles), tuple(notes), from_name)


def _stem_year(stem: str, named: re.Match[str] | None) -> int | None:
    """The year a file's name gives: in its filing title ('…2018度部门预算公开表', a 年 left out), else
    any 'YYYY年'."""
    if named is not None:
        return int(named.group("year"))
    match = _YEAR.search(stem)
    return int(match.group(1)) if match else None


def no_filing(source: str) -> InputError:
    return InputError(
        f"不是预决算公开文件：找不到单位、年度或预决算类别 not a budget filing (no unit, year or kind): {source}"
    )


def _cover_filer(evidence: Evidence, filer_line: re.Pattern[str], titles: list[re.Match[str]]) -> str | None:
    """The name on the cover's filer line, with the line under it when the name wrapped there
    ('编制单位：中国共产党江苏省委员会' / '办公厅'): joined only when the cover's title or the tables'
    filer lines name the joined unit."""
    for index, match in enumerate(filer_line.match(without_unit(line)) for line in evidence.cover):
        if match and match.group(1):
            name, below = match.group(1), evidence.cover[index + 1 : index + 2]
            named = {unit_key(n) for n in [*filter(None, map(_title_unit, titles)), *evidence.filers]}
            return name + below[0] if below and unit_key(name + below[0]) in named else name
    return None


def _is_heading(line: str) -> bool:
    """A line that may title the filing: short, not a sentence, not a table's title."""
    return len(line) <= _MAX_HEADING and not _SENTENCE.search(line) and not TITLE_END.search(line)


def _cover_titles(evidence: Evidence) -> list[re.Match[str]]:
    """The filing's title on the cover (its lines run together, or one line), or a line that is nothing
    but the filing's title (a part's heading), most trusted first; a unit is taken only from these."""
    cover = [line for line in evidence.cover if len(line) <= _LONGEST_TITLE and not _names_a_table(line)]
    on_cover = ["".join(cover), *cover]
    lines = [line for line in evidence.lines if len(line) <= _LONGEST_TITLE]
    return [
        match
        for pattern, texts in (
            (FILING_TITLE, on_cover),
            (_YEAR_FIRST, on_cover),
            (_BARE_TITLE, [*cover, *lines]),
        )
        for match in map(pattern.search, texts)
        if match
    ]


def _names_a_table(line: str) -> bool:
    """A table's title ('表一：2019年度江苏省政协办公厅收支预算总表'): its unit is not the filing's title."""
    return bool(TITLE_END.search(line)) and recognise_table(line) is not None


def _title_unit(title: re.Match[str]) -> str | None:
    """The unit a title names before its year ('上海市普陀区财政局2025年部门预算') or after it."""
    return next(filter(None, map(_unit_name, (title.group("unit"), title.group("after")))), None)


def _unit_name(text: str) -> str | None:
    """A unit's name as a title prints it, without the part's number before it ('第二部分…'); not a
    heading's words nor a level ('市级')."""
    name = _PART_MARK.sub("", text.strip()).strip()
    return name if 2 <= len(name) <= 40 and not _NOT_A_NAME.search(name) else None


def _most_named(names: list[str]) -> str | None:
    counted = Counter(name for name in names if name)
    return counted.most_common(1)[0][0] if counted else None


def _titles_unit(titles: list[str]) -> str | None:
    """The name every table's title prints between its year and its own name, without the level word
    every table's own name opens with ('2017年度江苏省高级人民法院部门收支预算总表' … : not '…法院部门')."""
    rests = [m.group(2) for m in map(_TABLE_YEAR_AND_REST.search, titles) if m]
    if len(rests) < _MIN_SHARED_TITLES or len(rests) < len(titles) / 2:
        return None
    shared = "".join(
        chars[0] for chars in takewhile(lambda chars: len(set(chars)) == 1, zip(*rests, strict=False))
    )
    shared = _LEVEL_WORD.sub("", shared)
    return None if _NOT_A_TABLES_NAME.search(shared) else _unit_name(shared)


def _first_year(texts: list[str]) -> int | None:
    return next((int(m.group(1)) for m in map(_YEAR.search, texts) if m), None)


def _kind(text: str) -> Kind | None:
    """决算 or 预算 as named; else by the performance forms a file may hold alone: targets are set with
    the budget (绩效目标), evaluated against the final accounts (绩效自评)."""
    if "决算" in text or "绩效自评" in text:
        return Kind.FINAL
    return Kind.BUDGET if "预算" in text or "绩效目标" in text else None


def _level(title: re.Match[str] | None, titles: list[str]) -> str:
    """A unit's filing ('单位预算') or a department's, as the title says; without one, a unit's when the
    tables' titles name the unit and never the department ('预算单位收入预算总表')."""
    if title and title.group("level"):
        return "unit" if title.group("level") == "单位" else "department"
    words = _CLASSIFICATION.sub("", "".join(titles))
    return "unit" if "单位" in words and "部门" not in words else "department"
