"""BG-T: text hygiene — what a filled-in template leaves behind when it is not finished or was copied.

Template placeholders (上海市XX局, XXX万元), instruction text (（如持平作持平表述）) and alternatives left
standing (增加（减少）); years in headings and dates against the filing's year; the unit's name spelled
differently or replaced by another unit's; the table of contents against the tables present; a percentage
without its % sign; doubled punctuation. Read from the document model only, so the text and the PDF
readers are checked alike. Severity follows what a reader is misled about: a placeholder figure or a wrong
year in a title misleads (error); a stray instruction or a name spelled differently is untidy (warning).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from budget_graph.check.rules import Finding, Severity, rule
from budget_graph.model import Filing, Kind, Location, RowRole, Table, TableKind, TocEntry
from budget_graph.model.units import ACCOUNTS_NAMED

_TEMPLATE = "上海市2024年度部门决算模板（填写说明与占位符）"
_PUBLICATION = "财政部《地方预决算公开操作规程》（财预〔2016〕143号）；disclosure-rules.md A.5、H"

PLACEHOLDER = rule(
    id="BG-T001",
    title="模板占位符未替换",
    title_en="Template placeholder left in",
    severity=Severity.ERROR,
    basis=_PUBLICATION + "；" + _TEMPLATE + "：上海市XX局、XXX万元、XX%",
    checks="Runs of two or more X / Ｘ / × (not part of a Latin word or code, not inside 《》 or “”) in the "
    "narrative, headings, table titles, notes and rows. In a figure (XXX万元, XX%, XX辆) or a unit's name "
    "(上海市XX局, XX部门（单位）): error; elsewhere (主要原因：XXXXXXXX): warning.",
    why="A placeholder where a figure or the unit's name belongs leaves the reader without the figure or "
    "the filer: the template was published unfinished.",
    engine="python",
    fail_example="上海市XX局2024年度收入支出总计XXX万元。",
    pass_example="上海市普陀区财政局2024年度收入支出总计8,123.45万元；购置X光机1台。",
)

INSTRUCTION = rule(
    id="BG-T002",
    title="模板填写说明未删除",
    title_en="Template instruction text left in",
    severity=Severity.WARNING,
    basis=_PUBLICATION + "；" + _TEMPLATE + "：（如持平作持平表述）、按上述格式依次说明、（不涉及的不列）",
    checks="Instructions to whoever fills in the template: a bracketed note that tells how to fill in "
    "(…填写）, 作…表述）, 不列）, 不列举), 按上述格式, 此处填写 / 请填写, 作下述说明, 由主管部门…填写, 列明…数量/批次; "
    "notes to the drafter (（增加内容）, （此处…）); a reason left blank (主要原因是。, 主要原因：。).",
    why="Instruction text shows the narrative was not finished; the reader cannot tell which statements "
    "are the unit's own.",
    engine="python",
    fail_example="主要原因：压缩一般性支出。（如持平作持平表述）",
    pass_example="采购品目名称根据《政府采购品目分类目录》规定品目名称填写。（a note on how the table was compiled）",
)

ALTERNATIVE = rule(
    id="BG-T003",
    title="模板备选表述未选定",
    title_en="Template alternatives left in",
    severity=Severity.WARNING,
    basis=_PUBLICATION + "；" + _TEMPLATE + "：增加（减少）、增长（下降）、大于（小于）",
    checks="A direction word followed by its opposite in brackets or after a slash, either way round: "
    "增加（减少）, 减少（增加）, 增长（下降）, 下降（增长）, 大于（小于）, 增加/减少.",
    why="The sentence states both directions, so it states none; the reader cannot tell whether spending "
    "rose or fell.",
    engine="python",
    fail_example="收入支出总计增加（减少）120.00万元，增长（下降）3.5%。",
    pass_example="收入支出总计增加120.00万元，增长3.5%。",
)

HEADING_YEAR = rule(
    id="BG-T004",
    title="标题中的年度与文件年度不符",
    title_en="Heading or table title names another year than the filing's",
    severity=Severity.ERROR,
    basis=_PUBLICATION + "；" + _TEMPLATE + "：上海市XX局2024年度部门决算表",
    checks="Every year printed in a part title, heading, table title or table-of-contents entry is the "
    "filing's year — except inside 《》, in an explicit comparison (较 / 比 / 与…相比 / 上年 / 结转) and in "
    "headings about another year's execution or plans (执行, 回顾, 完成情况, 计划).",
    why="A table titled with another year reads as another year's budget: a copied table or title not "
    "updated.",
    engine="python",
    fail_example="2025年部门收入预算总表（in the 2024 budget）",
    pass_example="2024年部门收入预算总表",
)

BODY_YEAR = rule(
    id="BG-T005",
    title="正文日期与文件年度不符",
    title_en="Date in the text contradicts the filing's year",
    severity=Severity.WARNING,
    basis=_PUBLICATION + "；" + _TEMPLATE + "：截至2024年12月31日（决算）；disclosure-rules.md H",
    checks="截至 / 截止 dates of what the unit holds (车辆, 资产, 设备, 房屋): a budget for year Y states them as of "
    "a date in Y−1 (it is drawn up before Y begins); final accounts for Y as of Y年12月31日 (another year: "
    "warning; another day of Y: info). "
    "Sentences that name the filing ('2024年…部门预算收入', '本部门2025年无…') name its year.",
    why="A date of the wrong year is a sentence copied from another year's filing; its figures may be "
    "that year's too.",
    engine="python",
    fail_example="截至2024年12月31日，本部门共有车辆3辆（in the 2024 budget）",
    pass_example="截至2023年10月，本部门共有车辆1辆（in the 2024 budget）",
)

NAME_SPELLING = rule(
    id="BG-T006",
    title="单位名称写法不一致",
    title_en="Unit's name spelled differently",
    severity=Severity.WARNING,
    basis=_PUBLICATION + "；disclosure-rules.md H：单位名称前后一致",
    checks="Where a heading, a table's 单位名称 / 编制单位 or a sentence names the filing's unit, it spells it "
    "as the title does: 和 / 与, 部门 / 单位, 办公室 / 办公厅 swapped count; bracket widths, spaces and "
    "（本级） do not, nor do abbreviations (省检察院 for 江苏省人民检察院).",
    why="Two spellings of a unit's name make a reader (and a search) wonder whether two units are meant.",
    engine="python",
    fail_example="江苏省政协办公室2018年度财政拨款基本支出预算（title: 江苏省政协办公厅）",
    pass_example="深圳市罗湖区企业服务中心(本级)（title: 深圳市罗湖区企业服务中心（本级））",
)

OTHER_UNIT = rule(
    id="BG-T007",
    title="出现其他单位的名称",
    title_en="Another unit's name in place of the filing's",
    severity=Severity.ERROR,
    basis=_PUBLICATION + "；disclosure-rules.md H：标题名称与单位一致",
    checks="Where a title, a table's 单位名称 / 编制单位, a heading or a sentence names the unit whose filing "
    "it is, the name is the filing's unit (or an abbreviation of it). Another unit's name in a title or a "
    "table's 单位名称: error; in a heading or sentence: warning.",
    why="Another unit's name says the text or table was copied from that unit's filing: its figures may "
    "be that unit's.",
    engine="python",
    fail_example="单位名称:深圳市罗湖区投资推广署（filing of 深圳市罗湖区企业服务中心）",
    pass_example="单位名称:深圳市罗湖区企业服务中心(本级)",
)

TOC_MISSING = rule(
    id="BG-T008",
    title="目录所列表格缺失",
    title_en="Table listed in the table of contents is missing",
    severity=Severity.ERROR,
    basis=_PUBLICATION + "；disclosure-rules.md A.1–A.3（空表也应列出并说明）",
    checks="Every table the table of contents lists is present (matched by title, then by what the table "
    "is). Grouped filings (narrative and tables as two files) are checked as one.",
    why="A listed table that is not there is a table the reader is promised and cannot see; an empty table "
    "must still be published with its note.",
    engine="python",
    fail_example="目录：（十二）机关运行经费支出表 — no such table in the filing",
    pass_example="目录：（十二）上级专项转移支付支出表 — 表十二：上级专项转移支付支出表",
)

TOC_UNLISTED = rule(
    id="BG-T009",
    title="表格未列入目录",
    title_en="Table not listed in the table of contents",
    severity=Severity.WARNING,
    basis=_PUBLICATION + "；disclosure-rules.md H：目录与表格一致",
    checks="Every table of a known kind is listed in the table of contents, when the filing has one that "
    "lists tables (a table covered by a listed part, such as 绩效目标 forms under 八、绩效目标, counts as "
    "listed).",
    why="A reader who goes by the contents does not find the table.",
    engine="python",
    fail_example="表十四：部门整体支出绩效目标表 — not in 目录",
    pass_example="目录：（十四）部门整体支出绩效目标表",
)

TOC_ORDER = rule(
    id="BG-T010",
    title="目录与表格的标题或顺序不一致",
    title_en="Table of contents differs from the tables in title or order",
    severity=Severity.INFO,
    basis=_PUBLICATION + "；disclosure-rules.md H：目录与表格一致",
    checks="A listed table whose printed title differs from its entry (numbering, year, brackets and "
    "spaces aside), and tables printed in another order than listed.",
    why="Minor: the reader still finds the table, but the contents do not quite describe the document.",
    engine="python",
    fail_example="目录：项目支出总表 — 表五：项目支出汇总表",
    pass_example="目录：收支总表 — 表一：收支总表",
)

PERCENT_SIGN = rule(
    id="BG-T011",
    title="百分比缺少%号",
    title_en="Percentage without its % sign",
    severity=Severity.WARNING,
    basis=_PUBLICATION + "；disclosure-rules.md H",
    checks="A number right after 增长 / 下降 / 上升 / 降低 / 增幅 / 降幅 / 占比 / 占…（的）(not 占用 / 占有 / 占地), "
    "followed by punctuation with no % sign and no unit.",
    why="'增长12.5，' can be read as 12.5万元 or 12.5%; the reader has to guess.",
    engine="python",
    fail_example="较2023年预算减少10万元，下降50.0，主要原因是…",
    pass_example="较2023年预算减少10万元，下降50.0%，主要原因是…",
)

DOUBLED_PUNCTUATION = rule(
    id="BG-T012",
    title="标点重复",
    title_en="Doubled punctuation",
    severity=Severity.INFO,
    basis="《标点符号用法》（GB/T 15834—2011）；disclosure-rules.md H",
    checks="The same sentence punctuation twice in a row: 。。 ，， ；； 、、 ：：.",
    why="A typo, low in severity; runs of 。 in a table (。。。) are the template's own filler rows.",
    engine="python",
    fail_example="主要原因是力行节约，，压缩一般性工作经费",
    pass_example="主要原因是力行节约，压缩一般性工作经费",
)


EMPTY_NOTE_FUND = rule(
    id="BG-T013",
    title="空表说明所述资金与本表不符",
    title_en="An empty table's note names another fund",
    severity=Severity.WARNING,
    basis=_PUBLICATION + "；disclosure-rules.md A.3（没有数据的表格应当列出空表并说明）",
    checks="A note under the 政府性基金 or the 国有资本经营 table that says the unit has none (无 / 没有 …) "
    "names that table's own fund; a note that names only the other fund was copied from the table before.",
    why="The note is the reader's only explanation of the empty table: naming the other fund leaves this "
    "table unexplained and repeats what the other table's note says.",
    engine="python",
    fail_example="国有资本经营预算支出表 注：本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。",
    pass_example="国有资本经营预算支出表 注：本部门2025年无国有资本经营预算财政拨款安排的预算，故本表为空表。",
)


def check(filing: Filing) -> Iterator[Finding]:
    unit = _Unit.of(filing)
    for text in _rows(filing):  # a table's cells: only a placeholder figure or name matters there
        yield from _placeholders(text)
    for text in _texts(filing):
        yield from _placeholders(text)
        yield from _instructions(text)
        yield from _alternatives(text)
        yield from _percent_signs(text)
        yield from _doubled_punctuation(text)
        yield from _heading_years(text, filing)
        yield from _body_years(text, filing)
        yield from _unit_names(text, unit)
    for table in filing.tables:
        yield from _table_unit_name(table, unit)
        yield from _empty_note_fund(table)
    yield from _contents(filing)


# --- the texts a filing prints --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    """A run of printed text and where each character of it stands."""

    text: str
    role: str  # 'title' (part, table, TOC) | 'heading' | 'paragraph' | 'note' | 'row'
    where: Callable[[int], Location]


def _texts(filing: Filing) -> Iterator[_Text]:
    for entry in filing.toc:
        yield _fixed(entry.title, "title", entry.location)
    for part in filing.parts:
        yield _fixed(part.title, "title", part.location)
        for paragraph in part.paragraphs:
            yield _Text(paragraph.text, "paragraph", paragraph.location_at)
        for heading in part.headings:
            yield _fixed(heading.text, "heading", heading.location)
    for table in filing.tables:
        yield _fixed(table.title, "title", table.location)
        for note in table.notes:
            yield _fixed(note, "note", table.location)


def _rows(filing: Filing) -> Iterator[_Text]:
    for table in filing.tables:
        for row in table.rows:
            printed = "\t".join([row.label, *row.texts.values(), *(c.text for c in row.cells.values())])
            yield _fixed(printed, "row", row.location)


def _fixed(text: str, role: str, location: Location) -> _Text:
    return _Text(text, role, lambda _offset: location)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside 《…》 and “…”: titles and quoted names, where another year or 'XX' is the quote's own."""
    return [m.span() for m in _QUOTED.finditer(text)]


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


_QUOTED = re.compile(r"《[^《》]*》|“[^“”]*”")

# --- BG-T001 placeholders ---------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9Ａ-Ｚａ-ｚ])(?:[XＸ]{2,}|[×╳]{2,})(?![A-Za-z0-9Ａ-Ｚａ-ｚ])")
_FIGURE_AFTER = re.compile(r"\s*(?:万元|亿元|元|%|％|个|辆|人次|台|套|批|次|人|分|项|家|万)")
_ORGANISATION = "局|中心|研究所|研究院|部门|单位|委员会|委|办公室|办公厅|办|厅|院|所|署|处|站|队|馆|校|会"
_NAME_AFTER = re.compile(rf"(?:{_ORGANISATION})")
_PLACE_BEFORE = re.compile(r"(?:省|市|区|县)$")


def _placeholders(text: _Text) -> Iterator[Finding]:
    quoted = _quoted_spans(text.text)
    hits = [m for m in _PLACEHOLDER.finditer(text.text) if not _inside(m.start(), quoted)]
    if not hits:
        return
    serious = [m for m in hits if _stands_for_figure_or_name(text.text, m)]
    shown = serious or hits
    what = "；".join(dict.fromkeys(_excerpt(text.text, m.start(), m.end(), 4) for m in shown[:3]))
    if serious:
        message = f"模板占位符未替换（数字或单位名称）：{what}"
        message_en = f"template placeholder where a figure or the unit's name belongs: {what}"
    else:
        message = f"模板占位符未替换：{what}"
        message_en = f"template placeholder left in the text: {what}"
    yield PLACEHOLDER.finding(
        message,
        message_en,
        _places(text, [m.start() for m in shown]),
        expected="填写实际内容 the actual figure or name",
        actual=what,
        severity=Severity.ERROR if serious else Severity.WARNING,
    )


def _stands_for_figure_or_name(text: str, match: re.Match) -> bool:
    after, before = text[match.end() :], text[: match.start()]
    return bool(_FIGURE_AFTER.match(after) or _NAME_AFTER.match(after) or _PLACE_BEFORE.search(before))


def _excerpt(text: str, start: int, end: int, around: int) -> str:
    return text[max(0, start - around) : end + around].replace("\t", " ").strip()


def _places(text: _Text, offsets: list[int]) -> list[Location]:
    return list(dict.fromkeys(text.where(offset) for offset in offsets))


# --- BG-T002 instructions, BG-T003 alternatives -----------------------------------------------------------------

_INSTRUCTION = re.compile(
    r"[（(][^（）()]{0,80}?(?:填写|填列|作[^（）()]{0,6}?表述|不列(?=[）)]|举)|本部分内容为)[^（）()]{0,80}?[）)]"
    r"|按上述格式|此处填写|请填写|作下述说明|由主管部门[^。]{0,40}?填写|列明[^。，；]{0,12}?(?:数量|批次|人次)"
    # notes to the drafter: （增加内容）, （此处说明…）
    r"|[（(]\s*(?:增加内容|此处)[^（）()]{0,40}?[）)]"
    # a reason left blank: 主要原因是。 / 主要原因：。
    r"|主要原因(?:是|为)?\s*[:：]?\s*(?=[。；;])"
)
_DIRECTIONS = {
    "增加": "减少",
    "增长": "下降",
    "上升": "下降",
    "提高": "降低",
    "大于": "小于",
    "高于": "低于",
    "超支": "节约",
}


def _both_ways(directions: dict[str, str]) -> dict[str, set[str]]:
    """Each word's opposites, either way round: a word may have several (下降 is 增长's and 上升's)."""
    opposites: dict[str, set[str]] = {}
    for word, other in directions.items():
        opposites.setdefault(word, set()).add(other)
        opposites.setdefault(other, set()).add(word)
    return opposites


_OPPOSITES = _both_ways(_DIRECTIONS)
_ALTERNATIVE = re.compile(
    rf"({'|'.join(sorted(_OPPOSITES, key=len, reverse=True))})\s*(?:[（(]\s*|/)"
    rf"({'|'.join(sorted(_OPPOSITES, key=len, reverse=True))})\s*[）)]?"
)


def _instructions(text: _Text) -> Iterator[Finding]:
    hits = list(_INSTRUCTION.finditer(text.text))
    if not hits:
        return
    what = "、".join(dict.fromkeys(_excerpt(text.text, m.start(), m.end(), 0) for m in hits[:3]))
    yield INSTRUCTION.finding(
        f"模板填写说明未删除：{what}",
        f"template instruction left in: {what}",
        _places(text, [m.start() for m in hits]),
        expected="删除填写说明 instruction removed",
        actual=what,
    )


def _alternatives(text: _Text) -> Iterator[Finding]:
    hits = [m for m in _ALTERNATIVE.finditer(text.text) if m.group(2) in _OPPOSITES[m.group(1)]]
    if not hits:
        return
    what = "、".join(dict.fromkeys(m.group(0) for m in hits[:4]))
    yield ALTERNATIVE.finding(
        f"备选表述未选定：{what}（应只保留实际的方向）",
        f"template alternatives left in: {what} (keep the one direction that applies)",
        _places(text, [m.start() for m in hits]),
        expected="增加 或 减少 one direction",
        actual=what,
    )


# --- BG-T011 percent signs, BG-T012 doubled punctuation -------------------------------------------------------

_BARE_PERCENT = re.compile(
    r"(?:增长|下降|上升|降低|增幅|降幅|占比|占(?![用有地])[^，。；：、\d%]{0,12}?)\s*(?:为|了|约)?\s*"
    r"(\d+(?:\.\d+)?)(?=\s*[，。；、）)]|$)"
)
_DOUBLED = re.compile(r"([。，；、：])\1+")


def _percent_signs(text: _Text) -> Iterator[Finding]:
    if text.role not in ("paragraph", "note"):
        return
    for match in _BARE_PERCENT.finditer(text.text):
        what = _excerpt(text.text, match.start(), match.end(1), 2)
        yield PERCENT_SIGN.finding(
            f"百分比缺少%号：“{what}”",
            f"percentage without its % sign: '{what}'",
            [text.where(match.start(1))],
            expected=f"{match.group(1)}%",
            actual=match.group(1),
        )


def _doubled_punctuation(text: _Text) -> Iterator[Finding]:
    for match in _DOUBLED.finditer(text.text):
        what = _excerpt(text.text, match.start(), match.end(), 4)
        yield DOUBLED_PUNCTUATION.finding(
            f"标点重复：“{what}”",
            f"doubled punctuation: '{what}'",
            [text.where(match.start())],
            expected=match.group(1),
            actual=match.group(0),
        )


# --- BG-T004, BG-T005 years -----------------------------------------------------------------------------------

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_COMPARISON_BEFORE = re.compile(r"(?:较|比|与|同|对比|相比|上年|以来|自|从|至|到|结转|结余|[—\-－~～])\s*$")
_OTHER_YEAR_HEADING = re.compile(r"执行|回顾|完成情况|总结|计划|展望|结转")
_DATE = re.compile(r"截[至止]\s*((?:19|20)\d{2})\s*年\s*(?:(\d{1,2})\s*月)?\s*(?:(\d{1,2})\s*日)?")
_HOLDINGS = re.compile(r"车辆|用车|资产|设备|房屋|土地")
_NAMES_FILING = re.compile(
    r"((?:19|20)\d{2})\s*年度?[^，。；、：\d]{0,40}?(?:部门|单位)(?:预算|决算)"
    r"|(?:本部门|本单位|我单位|我部门)\s*((?:19|20)\d{2})\s*年度?无"
)


def _heading_years(text: _Text, filing: Filing) -> Iterator[Finding]:
    if text.role not in ("title", "heading") or _OTHER_YEAR_HEADING.search(text.text):
        return
    quoted = _quoted_spans(text.text)
    for match in _YEAR.finditer(text.text):
        year = int(match.group(1))
        if year == filing.year or _inside(match.start(), quoted):
            continue
        if _COMPARISON_BEFORE.search(text.text[: match.start()]):
            continue
        yield HEADING_YEAR.finding(
            f"标题“{text.text}”的年度{year}年与文件年度{filing.year}年不符",
            f"heading '{text.text}' names {year}, the filing is for {filing.year}",
            [text.where(match.start())],
            expected=f"{filing.year}年",
            actual=f"{year}年",
        )


def _body_years(text: _Text, filing: Filing) -> Iterator[Finding]:
    if text.role not in ("paragraph", "note"):
        return
    for match in _DATE.finditer(text.text):
        if not _HOLDINGS.search(text.text, match.end(), match.end() + 60):
            continue  # a date of some event (整改完成…), not the date the unit's assets are stated at
        finding = _date_finding(text, match, filing)
        if finding:
            yield finding
    for match in _NAMES_FILING.finditer(text.text):
        year = int(match.group(1) or match.group(2))
        if year == filing.year or _COMPARISON_BEFORE.search(text.text[: match.start()]):
            continue
        what = match.group(0)
        yield BODY_YEAR.finding(
            f"“{what}”的年度{year}年与文件年度{filing.year}年不符",
            f"'{what}' names {year}, the filing is for {filing.year}",
            [text.where(match.start())],
            expected=f"{filing.year}年",
            actual=f"{year}年",
        )


def _date_finding(text: _Text, match: re.Match, filing: Filing) -> Finding | None:
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    final = filing.kind is Kind.FINAL
    expected_year = filing.year if final else filing.year - 1
    what = match.group(0).replace(" ", "")
    where = [text.where(match.start())]
    if year != expected_year:
        convention = (
            f"决算说明年末（{filing.year}年12月31日）的情况"
            if final
            else f"预算在{filing.year - 1}年编制，说明{filing.year - 1}年的情况"
        )
        return BODY_YEAR.finding(
            f"“{what}”与{filing.year}年度{'决算' if final else '预算'}不符：{convention}",
            f"'{what}' does not fit a {filing.year} {'final account' if final else 'budget'}: expected a date "
            f"in {expected_year}",
            where,
            expected=f"截至{expected_year}年…" if not final else f"截至{filing.year}年12月31日",
            actual=what,
        )
    if final and month and (int(month), int(day or 31)) != (12, 31):
        return BODY_YEAR.finding(
            f"决算说明的“{what}”不是年末（{filing.year}年12月31日）",
            f"final accounts state '{what}', not the year end ({filing.year}-12-31)",
            where,
            expected=f"截至{filing.year}年12月31日",
            actual=what,
            severity=Severity.INFO,
        )
    return None


# --- BG-T006, BG-T007 the unit's name ---------------------------------------------------------------------------

_VARIANTS = (("与", "和"), ("单位", "部门"), ("办公厅", "办公室"))
_NAME = rf"[^\s，。；：、“”（）()\d《》]{{1,30}}?(?:{_ORGANISATION})(?:[（(]本级[）)])?"
# a name where a sentence names the filer: at a clause's start (or after its year), before what the
# filing states about it
_NAMED_IN_SENTENCE = re.compile(
    rf"(?:^|(?<=[，。；：])|(?<=\d年)(?!度)|(?<=\d年度))\s*({_NAME})\s*"
    r"(?=(?:19|20)\d{2}\s*年|(?:部门|单位)(?:预算|决算)|预算收入|预算支出|共有车辆|包括|下设)"
)
_NAMED_IN_TITLE = re.compile(
    rf"^(?:(?:19|20)\d{{2}}\s*年度?)?\s*({_NAME})\s*"
    r"(?:(?:19|20)\d{2}\s*年度?)?\s*(?:(?:部门|单位)(?:预算|决算)|概况)"
)
_PLACE = re.compile(r"^[^省市\d]{1,3}[省市]")  # 江苏省, 上海市, 深圳市: where a unit's full name begins


def canonical(name: str) -> str:
    """Widths folded, spaces dropped, '(本级)' or '(汇总)' dropped: the forms that name no other unit."""
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    return ACCOUNTS_NAMED.sub("", folded)


def _variant_key(name: str) -> str:
    key = canonical(name)
    for variant, common in _VARIANTS:
        key = key.replace(variant, common)
    return key


# a name's administrative levels: the province or city, then the district or county under it
_LEVELS = re.compile(r"^(?P<top>[^省市区县]{2,8}?(?:省|自治区|市))(?P<district>[^省市区县]{1,6}?(?:区|县))?")


def _abbreviates(short: str, full: str) -> bool:
    """省检察院 abbreviates 江苏省人民检察院: its characters stand in order in the full name. A name that
    keeps the city but drops the district (上海市财政局 in the filing of 上海市普陀区财政局) is the city's own
    body, another unit, not an abbreviation."""
    rest = iter(full)
    if not all(char in rest for char in short):
        return False
    levels, short_levels = _LEVELS.match(full), _LEVELS.match(short)
    if levels and levels.group("district") and short_levels:
        return short_levels.group("top") != levels.group("top") or levels.group("district") in short
    return True


@dataclass(frozen=True)
class _Unit:
    """The filing's unit, and the units it consolidates (a table's 预算单位 rows), which its text may name."""

    name: str
    members: frozenset[str]

    @classmethod
    def of(cls, filing: Filing) -> _Unit:
        rows = (row for table in filing.tables for row in table.rows if row.role is RowRole.UNIT)
        return cls(filing.unit, frozenset(canonical(row.label) for row in rows))


def _compare_name(printed: str, unit: _Unit) -> str:
    """'same' | 'spelling' (a variant of the unit's name) | 'other' (another unit) | 'unknown'.

    Another unit is only named so when the name is a full one, opening with the unit's own province or
    city (上海市普陀区…): a clause that merely mentions a body (主要是省财政厅…) is not a unit's name."""
    name, own = canonical(printed), canonical(unit.name)
    if name == own or name in unit.members or _abbreviates(name, own):
        return "same"
    variant, own_variant = _variant_key(printed), _variant_key(unit.name)
    if variant == own_variant or _abbreviates(variant, own_variant):
        return "spelling"
    place = _PLACE.match(own)
    if place and name.startswith(place.group(0)) and not _PLACEHOLDER.search(name + own):
        return "other"
    return "unknown"


def _unit_names(text: _Text, unit: _Unit) -> Iterator[Finding]:
    if text.role in ("title", "heading"):
        match = _NAMED_IN_TITLE.match(text.text)
        matches = [match] if match else []
    elif text.role == "paragraph":
        matches = list(_NAMED_IN_SENTENCE.finditer(text.text))
    else:
        return
    for match in matches:
        finding = _name_finding(match.group(1), unit, [text.where(match.start(1))], text.role == "title")
        if finding:
            yield finding


def _table_unit_name(table: Table, unit: _Unit) -> Iterator[Finding]:
    if table.unit_name:
        place = table.location.at(row="单位名称")
        finding = _name_finding(table.unit_name, unit, [place], in_title=True)
        if finding:
            yield finding


def _name_finding(printed: str, unit: _Unit, places: list[Location], in_title: bool) -> Finding | None:
    verdict = _compare_name(printed, unit)
    if verdict == "spelling":
        return NAME_SPELLING.finding(
            f"单位名称写作“{printed}”，与标题中的“{unit.name}”不一致",
            f"the unit's name is spelled '{printed}', the title has '{unit.name}'",
            places,
            expected=unit.name,
            actual=printed,
        )
    if verdict == "other":
        return OTHER_UNIT.finding(
            f"此处应为本单位“{unit.name}”，却写作“{printed}”",
            f"'{printed}' stands where the filing's unit '{unit.name}' belongs",
            places,
            expected=unit.name,
            actual=printed,
            severity=Severity.ERROR if in_title else Severity.WARNING,
        )
    return None


# --- BG-T013 the fund an empty table's note names ------------------------------------------------------------------

_OWN_FUND = {TableKind.GovernmentFundBudget: "政府性基金", TableKind.StateCapitalBudget: "国有资本经营"}
_FUNDS = re.compile("|".join(_OWN_FUND.values()))
_NONE = re.compile(r"无|没有")


def _empty_note_fund(table: Table) -> Iterator[Finding]:
    own = _OWN_FUND.get(table.kind)
    if own is None:
        return
    for note in table.notes:
        named = sorted(set(_FUNDS.findall(note)))
        if named and own not in named and _NONE.search(note):
            yield EMPTY_NOTE_FUND.finding(
                f"“{table.title}”的说明讲的是{'、'.join(named)}预算，本表是{own}预算表：{note}",
                f"the note under '{table.title}' is about the {'/'.join(named)} budget, the table is the "
                f"{own} table: {note}",
                [table.location.at(row="注")],
                expected=own,
                actual="、".join(named),
            )


# --- BG-T008 … BG-T010 the table of contents --------------------------------------------------------------------

_NUMBERING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．]|附?表[一二三四五六七八九十\d]+"
    r"|公开\d+表)[、.．:：\s]*"
)


def _title_key(title: str) -> str:
    """A table's title without its number, year, brackets' widths and spaces."""
    text = _NUMBERING.sub("", unicodedata.normalize("NFKC", title))
    text = re.sub(r"(?:19|20)\d{2}\s*年度?", "", text)
    return re.sub(r"[\s“”\"]", "", text).rstrip("。.")


def _contents(filing: Filing) -> Iterator[Finding]:
    listed = [
        e for e in filing.toc if e.part is None and (e.kind is not None or _title_key(e.title).endswith("表"))
    ]
    if not listed or not filing.tables:  # no table at all is BG-C001's to report, not the contents'
        return
    pairs, missing, unlisted = _pair(listed, filing.tables)
    for entry in missing:
        yield TOC_MISSING.finding(
            f"目录列出“{entry.title}”，但文件中没有这张表",
            f"the table of contents lists '{entry.title}', which the filing does not contain",
            [entry.location],
            expected=entry.title,
            actual="（无此表）",
        )
    parts = [_title_key(e.title) for e in filing.toc if e.part is not None or e.kind is None]
    for table in unlisted:
        if table.kind is None or any(part and part in _title_key(table.title) for part in parts):
            continue
        yield TOC_UNLISTED.finding(
            f"“{table.title}”未列入目录",
            f"'{table.title}' is not listed in the table of contents",
            [table.location],
            expected=table.title,
            actual="（目录中无此表）",
        )
    yield from _titles_and_order(pairs)


def _pair(listed: list[TocEntry], tables: list[Table]) -> tuple[list, list[TocEntry], list[Table]]:
    """Entries to tables: by title, then by what the table is, then by one title holding the other (a
    table the reader did not recognise still pairs by its title); each table used once."""
    free = list(tables)
    pairs: dict[int, Table] = {}
    for matches in (
        lambda e, t: _title_key(e.title) == _title_key(t.title),
        lambda e, t: e.kind is not None and e.kind is t.kind,
        lambda e, t: _title_key(e.title) in _title_key(t.title) or _title_key(t.title) in _title_key(e.title),
    ):
        for index, entry in enumerate(listed):
            if index in pairs:
                continue
            table = next((t for t in free if matches(entry, t)), None)
            if table is not None:
                pairs[index] = table
                free.remove(table)
    ordered = [(listed[i], pairs[i]) for i in sorted(pairs)]
    missing = [e for i, e in enumerate(listed) if i not in pairs]
    return ordered, missing, free


def _titles_and_order(pairs: list[tuple[TocEntry, Table]]) -> Iterator[Finding]:
    for entry, table in pairs:
        if _title_key(entry.title) != _title_key(table.title):
            yield TOC_ORDER.finding(
                f"目录中的“{entry.title}”与表题“{table.title}”不一致",
                f"the contents list '{entry.title}', the table is titled '{table.title}'",
                [entry.location, table.location],
                expected=entry.title,
                actual=table.title,
            )
    positions = [table.number for _, table in pairs if table.number is not None]
    if positions != sorted(positions):
        first = next(i for i in range(1, len(positions)) if positions[i] < positions[i - 1])
        entry, table = next((e, t) for e, t in pairs if t.number == positions[first])
        yield TOC_ORDER.finding(
            f"表格的排列顺序与目录不一致（自“{table.title}”起）",
            f"the tables are printed in another order than the contents list them (from '{table.title}')",
            [entry.location, table.location],
            expected="目录顺序 the contents' order",
            actual=f"表{positions[first]}",
        )
