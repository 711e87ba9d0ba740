"""The narrative of a PDF filing: table of contents, parts, headings and paragraphs, each with its page.

Parts start at '第N部分' headings, or — in layouts whose contents list numbers the parts '一、部门主要
职能' … — at a centred heading that names a part of the contents list. A paragraph starts at an
indented line, a heading, an enumerated item or a list's numbered row, and after a line that closes a sentence and was broken
early (it stops short of the margin by more than the next line's first piece needs) or stands apart by
space (paragraphs a word processor sets apart without indenting them); other lines, also across a page
break, run on. A numbered line near the margin is a heading only when the next line shows its break was
its own: the next line starts a paragraph, or its first piece would have fitted after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from budget_graph.model import Heading, NarrativePart, Paragraph, TocEntry
from budget_graph.read.layout import (
    CONTENTS_PAGE,
    ENUMERATOR,
    chinese_number,
    normalise,
    part_core,
    titled_table,
)
from budget_graph.read.pdf_flow import PageLine
from budget_graph.read.pdf_page import Line, first_piece

_TOC = re.compile(r"^目录$")
_PART = re.compile(r"^第([一二三四五六七八九十]+)部分\s*(.*)$")
_NUMBERED = re.compile(r"^([一二三四五六七八九十]+)、\s*(.*)$")
_ENTRY = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+\s*[.．、]|附)"
)
_HEADING_PUNCTUATION = re.compile(r"[。；;，,：:]")
_MAX_HEADING = 40  # characters
_INDENT = 0.8  # of the line height: a first-line indent
_CENTRED = 0.08  # of the page width: a centred heading's slack
# characters: the second line of a wrapped part heading ('…2017 年度' / '部门预算情况说明')
_WRAPPED_TAIL = 12
_PITCH_STEPS = 4  # lines a page needs before its line pitch is known
_SPACED = 0.3  # of the line height beyond the page's line pitch: space between paragraphs
_SHORT_HEADING = 8  # line heights short of the margin: a numbered line is a heading without more ado
# a row of a list printed without rules: its number, a space, a name ('1 上海市XX局（本级）'), not a
# figure's run-on ('12 万元', '2024 年')
_ROW_NUMBER = re.compile(r"^\d{1,2}\s+(?![年月日万亿元个人家项次%％.．,，])[^\d\s]")
_SENTENCE_CLOSE = re.compile(r"[。！？；!?;][”’」）)]?$")


@dataclass
class Narrative:
    toc: list[TocEntry]
    parts: list[NarrativePart]


def read_narrative(lines: list[PageLine], source: str, measured: bool = True) -> Narrative:
    toc_lines, body = _split_toc(lines)
    toc = _toc(toc_lines, source)
    return Narrative(toc, _parts(body, toc, source, measured))


def _split_toc(lines: list[PageLine]) -> tuple[list[PageLine], list[PageLine]]:
    """The contents list: from '目录' to the first heading it already listed, or to the end of its
    last page whose lines are all entries."""
    start = next((i for i, line in enumerate(lines) if _TOC.match(normalise(line.text))), None)
    if start is None:
        return [], lines
    seen_parts: set[str] = set()
    end = start + 1
    while end < len(lines):
        line = lines[end]
        text = normalise(line.text)
        part = _PART.match(text)
        if part and part.group(1) in seen_parts:
            break
        if part:
            seen_parts.add(part.group(1))
        if line.page != lines[end - 1].page and not _ENTRY.match(text):
            break
        end += 1
    return lines[start + 1 : end], lines[:start] + lines[end:]


def _toc(lines: list[PageLine], source: str) -> list[TocEntry]:
    has_parts = any(_PART.match(normalise(line.text)) for line in lines)
    entries: list[TocEntry] = []
    for line in lines:
        text = CONTENTS_PAGE.sub("", line.text).strip()
        flat = normalise(text)
        if not _ENTRY.match(flat):
            if entries:  # a wrapped entry
                entries[-1].title += flat
                entries[-1].kind = entries[-1].kind or titled_table(entries[-1].title)
            continue
        where = line.place(source)
        part = _PART.match(flat)
        numbered = _NUMBERED.match(flat)
        if part:
            entries.append(TocEntry(part.group(2), where, part=chinese_number(part.group(1))))
        elif numbered and not has_parts and titled_table(numbered.group(2)) is None:
            entries.append(TocEntry(numbered.group(2), where, part=chinese_number(numbered.group(1))))
        else:
            title = re.sub(_ENTRY, "", flat, count=1).strip()
            entries.append(TocEntry(title, where, kind=titled_table(title)))
    return entries


def _parts(lines: list[PageLine], toc: list[TocEntry], source: str, measured: bool) -> list[NarrativePart]:
    parts: list[NarrativePart] = []
    pages = _pages(lines, measured)
    previous: PageLine | None = None
    for line in lines:
        heading = _part_heading(line, toc)
        if heading is not None:
            number, title = heading
            parts.append(NarrativePart(number, title, line.place(source)))
        elif parts and _ends_heading(parts[-1], line, _wrapped_at_margin(previous, line, pages)):
            parts[-1].title += normalise(
                line.text
            )  # a part heading wrapped onto a second line ('…情况' / '说明')
        elif parts:
            _add_line(parts[-1], line, pages, source, measured, previous)
        previous = line
    return parts


def _ends_heading(part: NarrativePart, line: PageLine, wrapped: bool) -> bool:
    """The part's heading goes on under its first line, centred or wrapped at the margin (`wrapped`):
    short, no sentence, no item number (the part's first heading, '一、收支预算总表情况说明', starts
    with one)."""
    text = normalise(line.text)
    return (
        not part.paragraphs
        and not part.headings
        and (wrapped or _is_centred(line))
        and len(text) <= _WRAPPED_TAIL
        and not _HEADING_PUNCTUATION.search(text)
        and not _ENTRY.match(text)
    )


def _wrapped_at_margin(previous: PageLine | None, line: PageLine, pages: dict[int, _Page]) -> bool:
    """Does `line` go on from `previous`, which ran to the margin with no room for its first piece, at
    the same left edge (a heading set left and wrapped: '第三部分 …部门决算情况说' / '明')?"""
    if previous is None or previous.cells is not None or line.cells is not None:
        return False
    em = line.line.bottom - line.line.top
    return (
        previous.page == line.page
        and abs(line.line.x0 - previous.line.x0) < em
        and not _broke_early(previous, line, pages)
    )


def _part_heading(line: PageLine, toc: list[TocEntry]) -> tuple[int, str] | None:
    text = normalise(line.text)
    match = _PART.match(text)
    if match and len(text) <= _MAX_HEADING and not _HEADING_PUNCTUATION.search(text):
        return chinese_number(match.group(1)) or 0, match.group(2)
    if not _is_centred(line) or _HEADING_PUNCTUATION.search(text) or len(text) > _MAX_HEADING:
        return None
    for entry in toc:
        core = part_core(entry.title)
        if entry.part is not None and core and text.endswith(core):
            return entry.part, text
    return None


def _is_centred(line: PageLine) -> bool:
    middle = (line.line.x0 + line.line.x1) / 2
    return abs(middle - line.width / 2) < line.width * _CENTRED and line.line.x0 > line.width * 0.2


@dataclass(frozen=True)
class _Page:
    """Where a page's text lines start and end (most of them), and how far apart they stand."""

    left: float
    right: float
    pitch: float | None  # from one line's top to the next's inside a paragraph; None: too few lines


def _pages(lines: list[PageLine], measured: bool = True) -> dict[int, _Page]:
    """Each page's text block. A page with too few lines to measure (a heading under a page of tables)
    takes the block of the measured pages as wide as it: its lines' own ends say nothing of the margin.
    On a PDF's page the right margin is where its longest line ends: no line runs past it, and where
    each paragraph is a line (a page printed shrunk) most lines stop short of it. A converter's laid-out
    line may run past it, so there it is where most lines end."""
    by_page: dict[int, list[Line]] = {}
    widths: dict[int, float] = {}
    for line in lines:
        if line.cells is None:
            by_page.setdefault(line.page, []).append(line.line)
            widths[line.page] = round(line.width)
    pages = {}
    for page, on_page in by_page.items():
        lefts, rights = sorted(line.x0 for line in on_page), sorted(line.x1 for line in on_page)
        steps = sorted(_middle(b) - _middle(a) for a, b in pairwise(on_page) if b.top > a.top)
        pitch = steps[len(steps) // 4] if len(steps) >= _PITCH_STEPS else None
        pages[page] = _Page(
            lefts[len(lefts) // 4], rights[-1] if measured else rights[len(rights) * 3 // 4], pitch
        )
    for page, block in pages.items():
        if block.pitch is None:
            alike = [pages[p] for p in pages if pages[p].pitch is not None and widths[p] == widths[page]]
            if alike:
                left = sorted(a.left for a in alike)[len(alike) // 2]
                right = sorted(a.right for a in alike)[len(alike) // 2]
                pages[page] = _Page(left, right, None)
    return pages


def _add_line(
    part: NarrativePart,
    line: PageLine,
    pages: dict[int, _Page],
    source: str,
    measured: bool,
    previous: PageLine | None = None,
) -> None:
    box = (line.line.x0, line.line.top, line.line.x1, line.line.bottom) if measured else None
    where = line.place(source, box)
    last = part.paragraphs[-1] if part.paragraphs else None
    if line.cells is not None:  # a row of a grid in the narrative: a paragraph of tab-separated cells
        if last is not None and _is_heading_line(last):
            _to_heading(part)  # a numbered line over a grid titles it
        heading = part.headings[-1].text if part.headings else None
        part.paragraphs.append(Paragraph("\t".join(line.cells), where, heading=heading, starts=((0, where),)))
        return
    text = line.text.strip()
    flat = normalise(text)
    left, right = pages[line.page].left, pages[line.page].right
    em = line.line.bottom - line.line.top
    if _is_heading(flat) and line.line.x1 < right - _SHORT_HEADING * em:
        part.headings.append(Heading(flat, where))
        return
    broke_early = ends_sentence = spaced = False
    if last is not None and previous is not None and _follows(last, previous):
        broke_early = _broke_early(previous, line, pages)
        spaced = _spaced_apart(previous, line, pages)  # laid-out text: blank lines are a converter's guess
        closes = bool(_SENTENCE_CLOSE.search(previous.text.strip()))
        ends_sentence = closes and (broke_early or spaced)
    opens = bool(line.line.x0 - left > _INDENT * em or ENUMERATOR.match(flat) or _ROW_NUMBER.match(text))
    cut = _after_a_page_without_text(previous, line) and not opens
    starts_new = opens or ends_sentence or cut
    if last is not None and (starts_new or broke_early or (spaced and measured)) and _is_heading_line(last):
        # a numbered line near or at the margin is a heading when the next line starts a paragraph,
        # would have fitted after it, or stands apart below it: known only then ('8.“…（款）…养老支出'
        # over '（项）”0.96万元…' wraps; a heading filling a narrow page's line is set apart above its text)
        if _heading_tail(last, line):
            part.paragraphs.pop()
            part.headings.append(Heading(normalise(last.text + text), last.location))
            return
        _to_heading(part)
        last = part.paragraphs[-1] if part.paragraphs else None
    heading = part.headings[-1].text if part.headings else None
    if last is None or starts_new or last.heading != heading or "\t" in last.text:
        part.paragraphs.append(Paragraph(text, where, heading=heading, starts=((0, where),), cut=cut))
        return
    if len(last.starts) == 1 and line.line.x1 < right - 2 * em and _is_heading(normalise(last.text + text)):
        part.paragraphs.pop()  # a heading wrapped onto a short second line ('九、…培训费支出' / '预算情况说明')
        part.headings.append(Heading(normalise(last.text + text), last.location))
        return
    last.starts = (*last.starts, (len(last.text), where))
    last.text += text


def _after_a_page_without_text(previous: PageLine | None, line: PageLine) -> bool:
    """No sentence runs over a page without a line of text (printed as a picture or as outlines: not
    read), whose lost words would join the sentences round it into one: a paragraph that goes on after it
    is cut, its beginning lost with the page."""
    return previous is not None and line.page > previous.page + 1


def _is_heading_line(paragraph: Paragraph) -> bool:
    """A paragraph of one line that reads as a heading: numbered, short, no sentence."""
    return len(paragraph.starts) == 1 and _is_heading(normalise(paragraph.text))


def _heading_tail(heading: Paragraph, line: PageLine) -> bool:
    """Is the line the rest of a centred numbered heading wrapped at the margin: short, centred under it,
    no sentence, no number of its own ('七、一般公共预算财政拨款“三公”经费支出决算情况' / '说明')?"""
    text = normalise(line.text)
    return (
        _is_centred(line)
        and len(text) <= _WRAPPED_TAIL
        and not _HEADING_PUNCTUATION.search(text)
        and not ENUMERATOR.match(text)
        and _is_heading(normalise(heading.text) + text)
    )


def _to_heading(part: NarrativePart) -> None:
    last = part.paragraphs.pop()
    part.headings.append(Heading(normalise(last.text), last.location))


def _follows(last: Paragraph, previous: PageLine | None) -> bool:
    """Is `previous` the line that ended the paragraph `last` (not a heading, nor a grid's row)?"""
    return previous is not None and previous.cells is None and last.text.endswith(previous.text.strip())


def _broke_early(previous: PageLine, line: PageLine, pages: dict[int, _Page]) -> bool:
    """Did `previous` stop short of the margin by more than `line`'s first unbreakable piece needs? A
    line is broken that early only where a paragraph or a heading ends."""
    slack = 0.5 * (line.line.bottom - line.line.top)
    return pages[previous.page].right - previous.line.x1 > first_piece(line.line.chars) + slack


def _spaced_apart(previous: PageLine, line: PageLine, pages: dict[int, _Page]) -> bool:
    """Does `line` stand farther below `previous` than a paragraph's lines stand apart on their page
    (paragraphs set apart by space, the last line of one full)?"""
    pitch = pages[line.page].pitch
    spaced = _middle(line.line) - _middle(previous.line)  # glyph boxes of one size differ by font
    em = line.line.bottom - line.line.top
    return line.page == previous.page and pitch is not None and spaced > pitch + _SPACED * em


def _middle(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _is_heading(flat: str) -> bool:
    """'一、机关运行经费预算', '（二）一般公共预算财政拨款支出决算结构情况': numbered, short, no sentence."""
    return (
        bool(ENUMERATOR.match(flat)) and len(flat) <= _MAX_HEADING and not _HEADING_PUNCTUATION.search(flat)
    )
