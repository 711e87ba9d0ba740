"""Narrative claims: every figure a narrative part states, what it is about, and its change statement.

Pure text → Claims, shared by every reader. A paragraph is first cleaned of conversion debris (markup,
full-width digits, spaces inside and around numbers) while remembering where each character came from,
so a claim keeps the line or page of its figure. Then it is read as a run of events in text order:
enumerated items (（一）, 1., 一、 …) that name what the figures under them are about, figures
('33,654.29万元'), counts ('8 个项目绩效目标'), '其中' (the figures after it are parts of the one before)
and change statements ('较2023年年初预算减少61,203.26万元，减少64.5%', '与上年预算持平'), which belong
to the figure stated before them. Reasons ('主要原因是…') are explanations, not statements of the
filing's figures, and are skipped. A figure labelled with an earlier year than the others
('2022年当年预算执行数为1.48万元') is the base of a change, not a current figure.

A final account's (决算) narrative states each line's actual against its budget: '年初预算为1560.05万元，支出
决算为1511.89万元，完成年初预算的96.91%。决算数小于预算数的主要原因：…'. There the 决算-labelled figure is the
claim's amount, and the budget figure, the completion rate ('预算执行率为96.91%' too), the difference from the
budget ('比年初预算减少48.16万元，下降3.09%'), the comparison word and the reason stated with it go into its
BudgetComparison (read only when the filing is a 决算: a budget's '预算数' is its own figure).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from budget_graph.model import (
    Amount,
    BudgetComparison,
    BudgetDifference,
    Claim,
    Direction,
    Filing,
    Kind,
    Location,
    NarrativePart,
    Paragraph,
    Unit,
    parse_amount,
)
from budget_graph.read.layout import ENUMERATOR

_DIRECTIONS = {
    Direction.INCREASE: ("增加", "增长", "上升", "提高", "增幅", "增"),
    Direction.DECREASE: ("减少", "下降", "降低", "降幅", "减幅", "减"),
    Direction.UNCHANGED: ("基本持平", "保持不变", "保持一致", "持平", "一致", "不变", "相同"),
}
_DIRECTION_OF = {word: direction for direction, words in _DIRECTIONS.items() for word in words}
_WORDS = "|".join(sorted(_DIRECTION_OF, key=len, reverse=True))
_PERCENT_WORDS = "|".join(w for w in sorted(_DIRECTION_OF, key=len, reverse=True) if len(w) == 2)

# ASCII digits (the text is width-folded): another script's ('٣٤٥') is a font's broken map, no figure
_NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_AMOUNT = re.compile(rf"(?<![\d.,])(?P<number>{_NUMBER})(?P<unit>亿元|万元|元)")
_COUNT = re.compile(
    r"(?<![\d.,])(?P<count>\d+)(?P<unit>个|项|家)"
    r"(?!以上|以下|以内|左右|工作日|月|小时|次)(?P<noun>[\u4e00-\u9fff“”]{2,20}?)(?=[，,。；;：:、和及的]|$)"
)
_GENERIC = re.compile(r"(?:预算|支出|收入|合计|总计|总额|金额)+")  # a figure's label, not what it is about
_BARE_LABEL = 2  # characters: a label this short ('支出') says nothing of what the figure is about
_TOPIC = re.compile(r"(说明|情况|概况)$")  # a narrative section's heading, not a line's name
# '较2023年年初预算减少61,203.26万元，减少64.5%', '与上年相比，财政拨款收、支总计各增加2228.78万元，增长10.15%',
# '比2022年预算执行数增加77.70%', '与2023年预算保持一致', '同比下降3.2%', '较上年增长20%，增加200.00万元',
# '…增加200.00万元，增长率为20%'. Placeholders ('增加（减少）XXX') and phrases ('相比增加的原因') carry no
# statement; nor does a negative figure ('增加-63.16万元'): its sign against its word is not read.
_CHANGE = re.compile(
    r"(?:(?:较|比|与)(?P<base>(?:\d{4}年度?|上一?年度?|去年|同期)[^，,。；;：:增减持保下降提上相]{0,16}?)"
    r"(?:(?:相比|相较|比较)[，,]?(?P<restated>[^，,。；;：:增减持保下降提上]{0,20}?))?|同比)"
    rf"(?P<word>{_WORDS})了?(?![（(的])"
    rf"(?:(?P<change>{_NUMBER})(?P<unit>亿元|万元|元))?"
    rf"(?:[，,]?(?:同比)?(?P<percent_word>{_PERCENT_WORDS})?(?:率|幅度)?(?:了|为|达)?(?P<percent>{_NUMBER})%)?"
    # the amount after the rate: '增长20%，增加200.00万元', '增长20%（增加200.00万元）'
    rf"(?:(?<=%)[，,（(](?:{_WORDS})了?(?P<change_after>{_NUMBER})(?P<unit_after>亿元|万元|元)[）)]?)?"
)
# the rest of the changes a '分别' lists: '…分别比上年增加10.00万元和减少73.14万元', '分别增长5%、10%'
_EACH_MORE = re.compile(
    rf"(?:、|和|及|与|，|,)(?P<word>{_WORDS})?了?(?:(?P<change>{_NUMBER})(?P<unit>亿元|万元|元)|(?P<percent>{_NUMBER})%)"
)
# a comparison goes on for other figures after its first, in its sentence: '与2023年度相比，基本支出增加10.00万元，
# 增长0.43%；项目支出减少73.14万元，下降10.81%' — each clause names its figure and its change on the same base
_CHANGE_GOES_ON = re.compile(
    rf"[；;，,](?P<restated>[^，,。；;：:、\d增减持保下降提上]{{2,20}}?)(?P<word>{_WORDS})了?(?![（(的])"
    rf"(?:(?P<change>{_NUMBER})(?P<unit>亿元|万元|元))?"
    rf"(?:[，,]?(?P<percent_word>{_PERCENT_WORDS})?(?:率|幅度)?(?:了|为|达)?(?P<percent>{_NUMBER})%)?"
)
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_FULL_STOP = re.compile(r"[。！？!?]")
_RUN_ON_STOP = re.compile(r"[。；;！？!?：:]$")
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?]")
_REASON = re.compile(r"主要原因|原因是|原因为|主要是(?!用于)")
_REASON_GOES_ON = re.compile(r"[二三四五六七八九十]是|其次|同时|另外|此外")
_PARTS_FOLLOW = re.compile(r"其中")
_LIST_GOES_ON = re.compile(r"[；;]\s*$")  # a paragraph ending so: its list goes on in the next
# the money a reason's figure is: '45.96万元结转资金', '700万元培训费收入' (not '0万元填报')
_NOUN_AFTER = re.compile(
    r"[\u4e00-\u9fff“”（）]{0,10}?(?:资金|经费|收入|支出|费|款|补贴|金)(?=[，,。；;：:、）)]|$)"
)
_CONTAINS = re.compile(r"(?:包含|包括|含有|其中|含)$")
_YEAR = re.compile(r"(\d{4})年度?")
_SELF = re.compile(r"^(?:本部门|本单位|我单位|我部门|本中心|我中心|本局|我局)")
_LEADING = re.compile(
    r"^(?:[、，,；;：:]|其中|具体包括|主要包括|包括|含|共有|涉及|另有|以及|和|及|即|分别为|全年|纳入.*?的|.*安排的)"
)
_TRAILING = re.compile(r"(?:为|是|共有|共计|达|分别为|数|安排|预算|执行|年初|当年|全年|科目|共)$")
_LIMIT_BEFORE = re.compile(r"(?:不超过|不低于|不少于|不高于|超过|低于|达到|控制在|约|≥|≤|<|>|＜|＞)$")
_LIMIT_AFTER = re.compile(r"(?:[（(]含[）)])?(?:以上|以下|以内|左右|/)")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_DEBRIS = re.compile(
    r"<math>(?P<math>.*?)</math>|\$(?P<tex>[^$]*)\$|</?p>|</?br\s*/?>|(?P<space>\s+)|[（(][^（()）]{0,12}下同[）)]"
)
_TEX = (("\\geq", "≥"), ("\\leq", "≤"), ("\\ge", "≥"), ("\\le", "≤"), ("\\%", "%"), ("\\times", "×"))
# 决算 statements: the label just before a figure, the completion rate, the comparison of actual and budget
_BUDGET_NAMES = "年初预算|全年预算|调整预算|预算"
_BUDGET_LABEL = re.compile(rf"(?P<label>{_BUDGET_NAMES})数?(?:为|是)?$")
_ACTUAL_LABEL = re.compile(r"(?:支出)?决算数?(?:为|是)?$")
_COMPLETION = re.compile(rf"(?:完成|为|达到?|占)(?P<label>{_BUDGET_NAMES})数?的?(?P<percent>{_NUMBER})%")
# a figure's share of a base: '占本年支出合计的99.21%', '占“三公”经费的15.70%', '占79.49%' (of the '其中' parent);
# not 占用 / 占有 / 占地
_SHARE = re.compile(rf"占(?![用有地])(?P<base>[^，,。；;：:%\d占]{{0,24}}?)的?(?P<percent>{_NUMBER})%")
# shares of the figures listed before, in their order: '基本支出…、项目支出…，分别占4.28%和95.72%'
_SHARES_EACH = re.compile(
    rf"分别占(?![用有地])(?P<base>[^，,。；;：:%\d占]{{0,24}}?)的?"
    rf"(?P<percents>(?:{_NUMBER})%(?:(?:、|和|及|与|，|,)(?:{_NUMBER})%)+)"
)
# '决算数小于预算数', '决算数与年初预算数基本持平'; a placeholder ('决算数大于（小于）预算数') states nothing
_COMPARISON = re.compile(
    rf"决算数?(?:(?P<word>大于|小于|高于|低于|超出|超过|等于|未完成|未达到)(?P<label>{_BUDGET_NAMES})"
    rf"|与(?P<label_eq>{_BUDGET_NAMES})数?(?P<word_eq>基本持平|持平|相等|一致|相同))"
)
# the actual against a budget in amount (and rate): '支出决算为1511.89万元，比年初预算减少48.16万元，下降3.09%'
_DIFFERENCE = re.compile(
    rf"(?:决算数?)?(?:比|较)(?P<label>{_BUDGET_NAMES})数?(?P<word>增加|减少|超支|节约|节支|多|少)了?"
    rf"(?P<number>{_NUMBER})(?P<unit>亿元|万元|元)"
    rf"(?:[，,]?(?P<percent_word>{_PERCENT_WORDS})(?:率|幅度)?(?:了|为|达)?(?P<percent>{_NUMBER})%)?"
)
_DIFFERENCE_DIRECTION = {
    **dict.fromkeys(("增加", "超支", "多"), Direction.INCREASE),
    **dict.fromkeys(("减少", "节约", "节支", "少"), Direction.DECREASE),
}
# a completion rate not naming its budget: '预算执行率为96.9%', '执行率96.9%'
_EXECUTION_RATE = re.compile(rf"(?P<label>{_BUDGET_NAMES})?数?执行率(?:为|是|达到?)?(?P<percent>{_NUMBER})%")
_CAUSE = re.compile(r"由于|因为")
_TABLE_AMOUNT_HEADER = re.compile(r"预算数|预算金额|金额|资金|预算")
_TABLE_NAME_HEADER = re.compile(r"项目名称|项目")


@dataclass
class _Clean:
    """Normalised text and, for each of its characters, the offset it came from in the paragraph."""

    text: str
    origins: list[int]

    def origin(self, index: int) -> int:
        return self.origins[min(index, len(self.origins) - 1)] if self.origins else 0


def normalise(text: str) -> _Clean:
    """Drop markup and spaces, fold full-width digits; '30,415.30 万元' and '３０,４１５.３０万元' read alike."""
    out: list[str] = []
    origins: list[int] = []

    def keep(start: int, end: int) -> None:  # the folding maps one character to one
        out.append(text[start:end].translate(_FULLWIDTH))
        origins.extend(range(start, end))

    position = 0
    for match in _DEBRIS.finditer(text):
        keep(position, match.start())
        debris = _debris_text(match, text)
        out.append(debris)
        origins.extend([match.start()] * len(debris))
        position = match.end()
    keep(position, len(text))
    folded = "".join(out)
    # '30，415.30' (a full-width thousands separator) is one number
    folded = re.sub(r"(?<=\d)，(?=\d{3}(?:\D|$))", ",", folded)
    return _Clean(folded, origins)


def _debris_text(match: re.Match[str], text: str) -> str:
    if match.group("space") is not None:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return " " if before.isascii() and before.isalpha() and after.isascii() and after.isalpha() else ""
    formula = match.group("math") if match.group("math") is not None else match.group("tex")
    if formula is None:
        return ""
    for command, symbol in _TEX:
        formula = formula.replace(command, symbol)
    return re.sub(r"\s+", "", formula)


@dataclass
class _Item:
    """An enumerated item: its level among the part's enumerator styles and what it is about."""

    level: int
    heading: str
    name: str


@dataclass
class _Reading:
    """What reading a part has gathered so far."""

    part: int
    unit_names: tuple[str, ...]
    claims: list[Claim] = field(default_factory=list)
    years: dict[int, int] = field(default_factory=dict)  # id(claim) → year its lead names
    reasons: set[int] = field(default_factory=set)  # id(claim) of figures stated inside reasons
    offsets: dict[int, int] = field(
        default_factory=dict
    )  # id(claim) → where its figure stands in its paragraph
    styles: list[str] = field(default_factory=list)  # enumerator styles, outermost first
    items: list[_Item] = field(default_factory=list)  # open items, outermost first
    parents: list[_Parent] = field(default_factory=list)  # '其中' parents, innermost last
    heading: str | None = None  # the heading the paragraphs read so far stand under
    under_heading: bool = False  # the paragraph being read is the first under its heading
    item_here: bool = False  # the open item was opened in the paragraph being read
    table: tuple[int, int, Unit] | None = None  # (name column, amount column, unit) of a tab table
    final: bool = False  # a 决算's narrative: figures labelled 决算 / 预算 are read as BudgetComparisons
    statement: Claim | None = None  # the 决算 statement the last 决算 figure, rate or comparison was about


@dataclass
class _Parent:
    """A figure whose parts follow '其中'. It holds for the items under it: those of the item it was said in
    (level), or, when it ends a paragraph and enumerated items follow, those items and their siblings."""

    subject: str
    level: float
    carries: bool  # goes on past its paragraph ('…2.65 万元，其中：' ending the paragraph)
    # goes on past its paragraph to the list's end: its paragraph ends in '；' with the list's first item
    # ('…合计28849.38万元，其中：基本支出17123.19万元，占59.35%；' over '项目支出…，占40.01%；')
    to_list_end: bool = False
    pending: bool = False  # carries, and the next paragraph has not yet said whether items follow
    until: int | None = (
        None  # where a bracket round its parts closes ('运行费2.65万元（其中：…）'), if one does
    )


# the parts that state figures: 编制说明, 预算情况说明 (not 职能, 名词解释)
_STATING = re.compile(r"说明|情况")


def stating_parts(parts: list[NarrativePart]) -> list[NarrativePart]:
    """The parts whose figures are read as claims: those titled 说明 or 情况. When no title says so (its
    end lost where the heading wrapped, or worded otherwise), the parts whose own headings do
    ('一、收支预算总表情况说明'), so a narrative's figures are never left unchecked for its title alone."""
    titled = [part for part in parts if _STATING.search(part.title) and part.paragraphs]
    return titled or [
        part
        for part in parts
        if part.paragraphs and any(_STATING.search(heading.text) for heading in part.headings)
    ]


def stated_claims(filing: Filing) -> list[Claim]:
    """The figures the narrative states, from the parts that state figures: what every reader adds."""
    final = filing.kind is Kind.FINAL
    return [
        claim
        for part in stating_parts(filing.parts)
        for claim in extract_claims(part.number, part.paragraphs, filing.unit, final=final)
    ]


def extract_claims(
    part: int, paragraphs: list[Paragraph], unit_name: str, final: bool = False
) -> list[Claim]:
    """Every figure, count and change statement of one narrative part, in text order; `final` for a 决算."""
    reading = _Reading(part, _unit_variants(unit_name), final=final)
    for paragraph in _join_page_splits(paragraphs):
        if _is_table_row(paragraph.text):
            _read_table_rows(reading, paragraph)
            continue
        reading.table = None
        _read_paragraph(reading, paragraph)
    return _settle_earlier_years(reading)


def _is_table_row(text: str) -> bool:
    return "\t" in text or text.count("|") >= 2


def _join_page_splits(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A paragraph that stops mid-sentence ('…比上年预算减少' | '30.8万元，…') runs on into the next, unless
    that starts an item or it is a heading; the joined paragraph keeps where each piece was printed."""
    joined: list[Paragraph] = []
    for paragraph in paragraphs:
        previous = joined[-1] if joined else None
        if previous and not paragraph.cut and _runs_on(previous.text) and not _starts_item(paragraph.text):
            starts = paragraph.starts or ((0, paragraph.location),)
            shifted = tuple((offset + len(previous.text), place) for offset, place in starts)
            joined[-1] = Paragraph(
                previous.text + paragraph.text,
                previous.location,
                previous.heading,
                (*(previous.starts or ((0, previous.location),)), *shifted),
            )
        else:
            joined.append(paragraph)
    return joined


def _runs_on(text: str) -> bool:
    stripped = text.rstrip()
    if not stripped or _is_table_row(text) or _RUN_ON_STOP.search(stripped):
        return False
    return not (_starts_item(stripped) and not _CLAUSE_END.search(stripped))  # an enumerated heading


def _starts_item(text: str) -> bool:
    stripped = text.lstrip()
    return bool(ENUMERATOR.match(stripped)) or _is_table_row(text) or stripped.startswith("#")


def _unit_variants(unit_name: str) -> tuple[str, ...]:
    if not unit_name:
        return ()
    name = normalise(unit_name).text
    variants = {name, name.replace("(", "（").replace(")", "）"), name.replace("（", "(").replace("）", ")")}
    variants |= {re.sub(r"[（(]本级[）)]", "", v) for v in variants}
    return tuple(sorted(variants, key=len, reverse=True))


# --- tables inside a part ('项目名称\t预算数（万元）\t绩效目标' and its rows) -----------------------------


def _read_table_rows(reading: _Reading, paragraph: Paragraph) -> None:
    offset = 0
    for line in paragraph.text.split("\n"):
        cells = [normalise(c).text for c in re.split(r"\t|\|", line)]
        _read_table_row(reading, paragraph, cells, line, offset)
        offset += len(line) + 1


def _read_table_row(
    reading: _Reading, paragraph: Paragraph, cells: list[str], line: str, offset: int
) -> None:
    header = _table_header(cells)
    if header:
        reading.table = header
        return
    if reading.table is None:
        return
    name_at, amount_at, unit = reading.table
    if max(name_at, amount_at) >= len(cells) or not cells[name_at]:
        return  # a wrapped cell continuing the row above
    amount = parse_amount(cells[amount_at], unit)
    if amount is None:
        return
    subject = _clean_subject(cells[name_at], reading.unit_names).subject
    location = paragraph.location_at(offset + max(0, line.find(cells[name_at][:1])))
    section = _section(reading, paragraph)
    text = f"{cells[name_at]} {cells[amount_at]}"
    reading.claims.append(Claim(subject, location, text, reading.part, amount=amount, section=section))


def _table_header(cells: list[str]) -> tuple[int, int, Unit] | None:
    """(name column, amount column, unit) when the cells are a header naming an amount column and its unit."""
    amount_at = next(
        (
            i
            for i, c in enumerate(cells)
            if len(c) <= 15 and _TABLE_AMOUNT_HEADER.search(c) and Unit.from_text(c)
        ),
        None,
    )
    if amount_at is None or any(parse_amount(c, Unit.WAN) for c in cells):
        return None
    name_at = next((i for i, c in enumerate(cells) if i != amount_at and _TABLE_NAME_HEADER.search(c)), 0)
    return name_at, amount_at, Unit.from_text(cells[amount_at]) or Unit.WAN


# --- running text ---------------------------------------------------------------------------------------


@dataclass
class _Event:
    start: int
    end: int
    kind: str  # 'item' | 'amount' | 'count' | 'change' | 'parts' | 'reason' (a figure inside a reason)
    match: re.Match[str] | None = None
    base: str | None = None  # a change going on from an earlier comparison: that comparison's base
    more: list[re.Match[str]] = field(default_factory=list)  # the rest of the changes a '分别' lists


def _read_paragraph(reading: _Reading, paragraph: Paragraph) -> None:
    clean = normalise(paragraph.text)
    boundary = 0
    first_claim = len(reading.claims)
    reading.under_heading = paragraph.heading != reading.heading
    if reading.under_heading:  # a new heading closes the items and their '其中'
        reading.heading, reading.items, reading.parents = paragraph.heading, [], []
        reading.statement = None
    reading.parents = [p for p in reading.parents if p.carries and not paragraph.cut]
    if paragraph.cut:
        reading.statement = None
    reading.item_here = False
    starts_item = bool(ENUMERATOR.match(clean.text))
    for parent in reading.parents:
        parent.pending = parent.pending and starts_item  # settled by the item that opens (see _open_item)
    lost = _SENTENCE_END.search(clean.text) if paragraph.cut else None
    for event in _events(clean.text, reading.final):
        if paragraph.cut and (lost is None or event.start < lost.end()):
            continue  # the sentence's subject was on the page not read
        reading.parents = [p for p in reading.parents if p.until is None or event.start < p.until]
        if event.kind in _FINAL_EVENTS:
            _FINAL_EVENTS[event.kind](reading, paragraph, clean, event)
        elif event.kind == "item":
            reading.statement = None
            _open_item(reading, clean.text, event)
        elif event.kind == "parts":
            _parts_follow(reading, first_claim, clean.text, event)
        elif event.kind == "change":
            reading.statement = None
            _attach_change(reading, paragraph, clean, event, first_claim)
        elif event.kind == "changes":
            reading.statement = None
            _attach_changes_each(reading, paragraph, clean, event, first_claim)
        elif event.kind == "reason":
            _add_reason_figure(reading, paragraph, clean, event)
        elif event.kind == "share":
            _add_share(reading, paragraph, clean, event, first_claim)
        elif event.kind == "shares":
            _add_shares_each(reading, paragraph, clean, event, first_claim)
        else:
            _add_figure(reading, paragraph, clean, event, boundary)
        boundary = event.end
    if not _LIST_GOES_ON.search(clean.text):  # a list carried past its first paragraph ends with it
        reading.parents = [p for p in reading.parents if not p.to_list_end]


def _events(text: str, final: bool = False) -> list[_Event]:
    skipped = list(_reason_spans(text))
    events: list[_Event] = list(_final_events(text, skipped)) if final else []
    for match in _CHANGE.finditer(text):
        if not _inside(match.start(), skipped) and text.endswith("分别", 0, match.start()):
            more = list(_more_changes(text, match.end()))
            end = more[-1].end() if more else match.end()
            events.append(_Event(match.start(), end, "changes", match, more=more))
        elif not _inside(match.start(), skipped):
            events.append(_Event(match.start(), match.end(), "change", match))
            if match.group("restated"):
                events.extend(_changes_going_on(text, match, skipped))
    changes = [(e.start, e.end) for e in events]
    for kind, pattern in (("amount", _AMOUNT), ("count", _COUNT)):
        for match in pattern.finditer(text):
            if _inside(match.start(), changes) or _is_limit(text, match):
                continue
            in_reason = _inside(match.start(), skipped)
            if not (in_reason and kind == "count"):
                events.append(_Event(match.start(), match.end(), "reason" if in_reason else kind, match))
    taken = skipped + changes
    for match in _SHARES_EACH.finditer(text):
        if not _inside(match.start(), taken):
            events.append(_Event(match.start(), match.end(), "shares", match))
    taken += [(e.start, e.end) for e in events if e.kind == "shares"]
    for match in _SHARE.finditer(text):
        if not _inside(match.start(), taken):
            events.append(_Event(match.start(), match.end(), "share", match))
    for match in _PARTS_FOLLOW.finditer(text):
        if not _inside(match.start(), taken):
            events.append(_Event(match.start(), match.end(), "parts"))
    for start in _item_starts(text):
        events.append(_Event(start, start, "item"))
    return sorted(events, key=lambda e: (e.start, e.kind != "item"))


def _more_changes(text: str, at: int) -> Iterator[re.Match[str]]:
    """The changes listed after the first of '分别比上年增加10.00万元和减少73.14万元'."""
    while match := _EACH_MORE.match(text, at):
        yield match
        at = match.end()


def _changes_going_on(text: str, lead: re.Match[str], skipped: list[tuple[int, int]]) -> Iterator[_Event]:
    """The clauses after a comparison that names its figure, to its sentence's end, each naming another figure
    and its change (with an amount or a rate) on the lead's base."""
    stop = _FULL_STOP.search(text, lead.end())
    end = stop.start() if stop else len(text)
    at = lead.end()
    while (match := _CHANGE_GOES_ON.match(text, at, end)) and (
        match.group("change") or match.group("percent")
    ):
        if _inside(match.start(), skipped):
            return
        yield _Event(match.start(), match.end(), "change", match, base=lead.group("base"))
        at = match.end()


def _reason_spans(text: str) -> Iterator[tuple[int, int]]:
    """'主要原因是…' to the end of its sentence, and the sentences that go on with it ('；二是…')."""
    for match in _REASON.finditer(text):
        end = match.end()
        while True:
            stop = _SENTENCE_END.search(text, end)
            if not stop:
                end = len(text)
                break
            end = stop.end()
            if not _REASON_GOES_ON.match(text, end):
                break
        yield match.start(), end


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _is_limit(text: str, match: re.Match[str]) -> bool:
    """'不超过600万元', '5000万元以上', '5000元/个/年': a target or a rate, not a stated figure."""
    return bool(_LIMIT_BEFORE.search(text[: match.start()]) or _LIMIT_AFTER.match(text, match.end()))


def _item_starts(text: str) -> Iterator[int]:
    """Enumerators at the start of the paragraph or of a sentence."""
    for match in ENUMERATOR.finditer(text):
        if (
            match.start() == 0
            or _SENTENCE_END.match(text, match.start() - 1)
            or text[match.start() - 1] in "：:"
        ):
            yield match.start()


def _style(enumerator: str) -> str:
    if enumerator[0] in "（(":
        return "(1)" if enumerator[1].isdigit() else "(一)"
    return "1." if enumerator[0].isdigit() else "一、"


def _open_item(reading: _Reading, text: str, event: _Event) -> None:
    enumerator = ENUMERATOR.match(text, event.start)
    assert enumerator is not None
    style = _style(enumerator.group())
    if style not in reading.styles:
        reading.styles.append(style)
    level = reading.styles.index(style)
    rest = text[enumerator.end() :]
    name_end = min(
        (m.start() for m in (_AMOUNT.search(rest), _CLAUSE_END.search(rest), _YEAR.search(rest)) if m),
        default=len(rest),
    )
    name = _clean_subject(rest[:name_end], reading.unit_names).subject
    reading.items = [i for i in reading.items if i.level < level]
    reading.items.append(_Item(level, enumerator.group() + name, name))
    reading.item_here = True
    for parent in reading.parents:
        if parent.pending:  # the parts are these items: keep it for their siblings
            parent.level, parent.pending = level - 0.5, False
    reading.parents = [p for p in reading.parents if p.level < level]


def _parts_follow(reading: _Reading, first_claim: int, text: str, event: _Event) -> None:
    """'X万元，其中：' — the figures after it are parts of X, in the following paragraphs too when the
    paragraph ends with it, up to the bracket's close when in brackets ('公务用车购置及运行费2.65万元（其中：
    购置费0万元，运行费2.65万元），公务接待费0.50万元': 公务接待费 is no part of it); a '其中' with no figure
    before it says nothing."""
    if len(reading.claims) > first_claim and reading.claims[-1].amount is not None:
        level = reading.items[-1].level if reading.items else -1
        ends_paragraph = not text[event.end :].strip("：:")
        until = _bracket_close(text, event.start)
        # its parts fill the paragraph, and go on in the next ('…，占59.35%；'); not those in brackets
        to_list_end = not ends_paragraph and until is None and bool(_LIST_GOES_ON.search(text))
        parent = _Parent(reading.claims[-1].subject, level, ends_paragraph or to_list_end, ends_paragraph)
        parent.to_list_end, parent.until = to_list_end, until
        reading.parents.append(parent)


_OPENING, _CLOSING = "（(", "）)"


def _bracket_close(text: str, at: int) -> int | None:
    """Where the bracket open at `at` closes, or None when `at` stands in no bracket (or its close is lost)."""
    depth = 0
    for index in range(at - 1, -1, -1):  # an open bracket before `at` that closes after it
        depth += (text[index] in _CLOSING) - (text[index] in _OPENING)
        if depth < 0:
            break
    else:
        return None
    depth = 0
    for index in range(at, len(text)):
        depth += (text[index] in _OPENING) - (text[index] in _CLOSING)
        if depth < 0:
            return index
    return None


def _section(reading: _Reading, paragraph: Paragraph) -> str | None:
    return reading.items[0].heading if reading.items else paragraph.heading


def _add_figure(reading: _Reading, paragraph: Paragraph, clean: _Clean, event: _Event, boundary: int) -> None:
    match = event.match
    assert match is not None
    location = paragraph.location_at(clean.origin(match.start()))
    sentence = _sentence(clean.text, match.start(), match.end())
    parent = reading.parents[-1].subject if reading.parents else None
    section = _section(reading, paragraph)
    if event.kind == "count":
        subject = _clean_subject(match.group("noun"), reading.unit_names).subject
        reading.claims.append(
            Claim(
                subject,
                location,
                sentence,
                reading.part,
                parent=parent,
                section=section,
                count=int(match.group("count")),
                count_unit=match.group("unit"),
            )
        )
        return
    lead_start = _lead_start(clean.text, boundary, match.start())
    if reading.final and _add_final_figure(reading, paragraph, clean, match, lead_start):
        return
    cleaned = _clean_subject(clean.text[lead_start : match.start()], reading.unit_names)
    subject = cleaned.subject
    if cleaned.label_only or _GENERIC.fullmatch(subject):
        subject = _named_before(clean.text, lead_start, reading, subject) or subject
    amount = parse_amount(match.group("number"), Unit(match.group("unit")))
    claim = Claim(
        subject or cleaned.label,
        location,
        sentence,
        reading.part,
        amount=amount,
        parent=parent,
        section=section,
    )
    if parent == claim.subject:
        claim.parent = None
    reading.claims.append(claim)
    reading.offsets[id(claim)] = match.start()
    if cleaned.year is not None and cleaned.label_only:
        reading.years[id(claim)] = cleaned.year


def _add_share(
    reading: _Reading, paragraph: Paragraph, clean: _Clean, event: _Event, first_claim: int
) -> None:
    """'占本年支出合计的99.21%' is the share of the last figure stated before it in its paragraph; '占71.73%' with no
    base named, in a list a figure opens ('支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，
    占71.73%；…'), is a share of that figure (a '其中' parent says so itself)."""
    match = event.match
    assert match is not None
    stated = [
        c for c in reading.claims[first_claim:] if c.amount is not None and id(c) not in reading.reasons
    ]
    if not stated or stated[-1].share is not None:
        return
    _set_share(reading, paragraph, clean, match, stated, stated[-1], match.group("percent"))


def _add_shares_each(
    reading: _Reading, paragraph: Paragraph, clean: _Clean, event: _Event, first_claim: int
) -> None:
    """'A…万元、B…万元，分别占4.28%和95.72%': each share is that of the figure in the same place of those the
    sentence states before it; none when it states fewer figures than shares."""
    match = event.match
    assert match is not None
    stated = _stated_in_sentence(reading, clean.text, match.start(), first_claim)
    percents = re.findall(_NUMBER, match.group("percents"))
    if len(stated) < len(percents):
        return
    for target, percent in zip(stated[-len(percents) :], percents, strict=True):
        if target.share is None:
            _set_share(reading, paragraph, clean, match, stated, target, percent)


def _stated_in_sentence(reading: _Reading, text: str, at: int, first_claim: int) -> list[Claim]:
    """The figures of this paragraph stated in the sentence before `at` (a list's items end in '；')."""
    begin = max((m.end() for m in _FULL_STOP.finditer(text, 0, at)), default=0)
    return [
        c
        for c in reading.claims[first_claim:]
        if c.amount is not None and id(c) not in reading.reasons and reading.offsets.get(id(c), -1) >= begin
    ]


def _set_share(
    reading: _Reading,
    paragraph: Paragraph,
    clean: _Clean,
    match: re.Match[str],
    stated: list[Claim],
    target: Claim,
    percent: str,
) -> None:
    target.share = Decimal(percent)
    target.share_base = match.group("base") or _list_head(clean.text, reading, stated, target)
    target.share_location = _place(paragraph, clean, match.start())
    _quote(target, clean.text, match)


# a sentence naming what its list is of before its first figure: '2023年度“三公”经费财政拨款支出决算中，因公出国
# （境）费支出决算0.00万元，占0.00%；…' (the Ministry's 决算 words)
_AMONG = re.compile(r"(?:\d{4}年度?)?(?P<base>[^，,；;：:。]{2,}?)(?:决算|预算)?数?中[，,]")


def _list_head(text: str, reading: _Reading, stated: list[Claim], target: Claim) -> str:
    """The subject of the figure whose sentence opens, with a colon, the list the target stands in, or
    what the sentence says its list is among ('…决算中，'); '' if none."""
    if target.parent or id(target) not in reading.offsets:
        return ""
    at = reading.offsets[id(target)]
    sentence = max(
        (m.end() for m in _FULL_STOP.finditer(text, 0, at)), default=0
    )  # a list's items end in '；'
    colon = max((m.start() for m in re.finditer("[：:]", text[sentence:at])), default=-1)
    if colon < 0:
        among = _AMONG.match(text[sentence:at].lstrip())
        return among.group("base") if among and among.group("base") != "其" else ""
    colon += sentence
    heads = [c for c in stated if sentence <= reading.offsets.get(id(c), -1) < colon]
    return heads[-1].subject if heads else ""


def _add_reason_figure(reading: _Reading, paragraph: Paragraph, clean: _Clean, event: _Event) -> None:
    """A figure inside a reason names what it is after it ('预算中包含45.96万元结转资金'); it is a part of the
    item's budget when the reason says the budget contains it. Never the item's own figure, never a change's."""
    match = event.match
    assert match is not None
    noun = _NOUN_AFTER.match(clean.text, match.end())
    if not noun:
        return
    item = reading.items[-1].name if reading.items else None
    contained = _CONTAINS.search(clean.text, max(0, match.start() - 4), match.start())
    claim = Claim(
        noun.group(),
        paragraph.location_at(clean.origin(match.start())),
        _sentence(clean.text, match.start(), match.end()),
        reading.part,
        amount=parse_amount(match.group("number"), Unit(match.group("unit"))),
        parent=item if contained else None,
        section=_section(reading, paragraph),
    )
    reading.claims.append(claim)
    reading.reasons.add(id(claim))


# --- 决算 statements --------------------------------------------------------------------------------------


def _final_events(text: str, skipped: list[tuple[int, int]]) -> Iterator[_Event]:
    """Completion rates and comparisons (outside reasons), and where each reason for a variance starts."""
    for kind, pattern in (
        ("completion", _COMPLETION),
        ("completion", _EXECUTION_RATE),
        ("comparison", _COMPARISON),
        ("difference", _DIFFERENCE),
    ):
        for match in pattern.finditer(text):
            if not _inside(match.start(), skipped):
                yield _Event(match.start(), match.end(), kind, match)
    for start, end in skipped:
        yield _Event(start, end, "because")
    for match in _CAUSE.finditer(text):
        if not _inside(match.start(), skipped):
            yield _Event(match.start(), match.end(), "because")


def _add_final_figure(
    reading: _Reading, paragraph: Paragraph, clean: _Clean, match: re.Match[str], lead_start: int
) -> bool:
    """A figure labelled 决算 or 预算 ('年初预算为1560.05万元，支出决算为1511.89万元'): one side of a statement,
    the other side of the statement its sentence opened, or a new statement. False for any other figure."""
    lead = clean.text[lead_start : match.start()]
    actual = _ACTUAL_LABEL.search(lead) if "决算" in lead else None
    budget = None if actual else _BUDGET_LABEL.search(lead)
    if not (actual or budget):
        return False
    amount = parse_amount(match.group("number"), Unit(match.group("unit")))
    location = paragraph.location_at(clean.origin(match.start()))
    sentence = _sentence(clean.text, match.start(), match.end())
    statement = reading.statement if reading.statement and reading.statement.text == sentence else None
    if statement and actual and statement.amount is None:
        statement.amount, statement.location = amount, location
        return True
    comparison = statement.versus_budget if statement else None
    if comparison and budget and comparison.budget is None:
        comparison.budget, comparison.budget_label, comparison.budget_location = (
            amount,
            budget.group("label"),
            location,
        )
        return True
    label = actual or budget
    assert label is not None
    subject = _clean_subject(lead[: label.start()], reading.unit_names).subject
    subject = subject or _named_before(clean.text, lead_start, reading) or label.group().rstrip("为是")
    comparison = BudgetComparison() if actual else BudgetComparison(amount, budget.group("label"), location)
    parent = reading.parents[-1].subject if reading.parents else None
    claim = Claim(
        subject,
        location,
        sentence,
        reading.part,
        amount=amount if actual else None,
        parent=parent if parent != subject else None,
        section=_section(reading, paragraph),
        versus_budget=comparison,
    )
    reading.claims.append(claim)
    reading.offsets[id(claim)] = match.start()
    reading.statement = claim
    return True


def _add_completion(reading: _Reading, paragraph: Paragraph, clean: _Clean, event: _Event) -> None:
    """'完成年初预算的98.20%' is the rate of the statement just made."""
    statement, match = reading.statement, event.match
    assert match is not None
    if statement is None or statement.versus_budget is None or statement.versus_budget.completion is not None:
        return
    comparison = statement.versus_budget
    comparison.completion = Decimal(match.group("percent"))
    comparison.completion_label = match.group("label")
    comparison.completion_location = _place(paragraph, clean, match.start())
    _quote(statement, clean.text, match)


def _add_comparison(reading: _Reading, paragraph: Paragraph, clean: _Clean, event: _Event) -> None:
    """'决算数小于预算数' compares the statement just made, or the one it names ('“三公”经费支出决算数小于预算数')."""
    match = event.match
    assert match is not None
    named = _named_in_clause(reading, clean.text, match.start())
    statement = _statement_named(reading, named) if named else reading.statement
    if statement is None or statement.versus_budget is None or statement.versus_budget.word is not None:
        return
    statement.versus_budget.word = match.group("word") or match.group("word_eq")
    statement.versus_budget.word_location = _place(paragraph, clean, match.start())
    reading.statement = statement
    _quote(statement, clean.text, match)


def _add_difference(reading: _Reading, paragraph: Paragraph, clean: _Clean, event: _Event) -> None:
    """'比年初预算减少48.16万元，下降3.09%' is the difference of the statement just made, unless the clause names
    another figure ('其中基本支出比年初预算减少…')."""
    statement, match = reading.statement, event.match
    assert match is not None
    comparison = statement.versus_budget if statement else None
    if statement is None or comparison is None or comparison.difference is not None:
        return
    named = _named_in_clause(reading, clean.text, match.start())
    if named and _statement_key(named) != _statement_key(statement.subject):
        return
    percent_word = match.group("percent_word")
    comparison.difference = BudgetDifference(
        parse_amount(match.group("number"), Unit(match.group("unit"))),
        _DIFFERENCE_DIRECTION[match.group("word")],
        match.group("word"),
        match.group("label"),
        _place(paragraph, clean, match.start()),
        Decimal(match.group("percent")) if match.group("percent") else None,
        _DIRECTION_OF[percent_word] if percent_word else None,
        percent_word,
    )
    _quote(statement, clean.text, match)


def _named_in_clause(reading: _Reading, text: str, at: int) -> str:
    """What the clause names before `at` ('“三公”经费支出' of '“三公”经费支出决算数小于预算数'); '' when nothing."""
    begin = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
    return _clean_subject(text[begin:at], reading.unit_names).subject


def _statement_named(reading: _Reading, named: str) -> Claim | None:
    wanted = _statement_key(named)
    found = (c for c in reversed(reading.claims) if c.versus_budget and _statement_key(c.subject) == wanted)
    return next(found, reading.statement)


def _statement_key(subject: str) -> str:
    """'“三公”经费财政拨款支出' and '“三公”经费支出' name one statement."""
    return re.sub(r"[“”\"]|财政拨款|支出|经费", "", subject)


def _add_reason(reading: _Reading, paragraph: Paragraph, clean: _Clean, event: _Event) -> None:
    """A reason given after a statement explains its variance."""
    statement = reading.statement
    if statement is None or statement.versus_budget is None or statement.versus_budget.reason is not None:
        return
    stop = _SENTENCE_END.search(clean.text, event.start)
    statement.versus_budget.reason = clean.text[event.start : stop.end() if stop else len(clean.text)]


def _place(paragraph: Paragraph, clean: _Clean, offset: int) -> Location:
    return paragraph.location_at(clean.origin(offset))


def _quote(claim: Claim, text: str, match: re.Match[str]) -> None:
    """A figure of the claim stated in a later sentence ('…3894.09万元，主要用于…。与上年相比增加878.93万元，
    增长30%。') is quoted with it, in the claim's text and where the claim's place quotes it."""
    later = _sentence(text, match.start(), match.end())
    if match.group() not in claim.text:
        claim.text += later
    excerpt = claim.location.excerpt
    if excerpt and _bare(match.group()) not in _bare(excerpt):  # a line of text input holds it already
        claim.location = claim.location.at(excerpt=excerpt + later)


def _bare(text: str) -> str:
    return "".join(text.split())


_FINAL_EVENTS = {
    "completion": _add_completion,
    "comparison": _add_comparison,
    "difference": _add_difference,
    "because": _add_reason,
}


def _named_before(text: str, lead_start: int, reading: _Reading, label: str = "") -> str | None:
    """What a figure with only a label ('支出', '2024年预算数') is about: the clause before it when that ends
    with a colon ('住房公积金(项):支出1,073.77万元'), else the item this paragraph opened ('2. 公务接待费。2024年
    预算数0.50万元'), else, opening the first paragraph under an item's heading printed on a line of its
    own ('1．…行政运行（项）' / '支出8072.29万元…'), that item when the label is a bare word (not '收入支出总计')
    and the heading names a line, not a topic ('一、收入支出决算总体情况说明'): an item opened paragraphs
    before may not be what a bare label is about."""
    if lead_start and text[lead_start - 1] in "：:":
        begin = max((m.end() for m in _CLAUSE_END.finditer(text, 0, lead_start - 1)), default=0)
        named = _clean_subject(text[begin : lead_start - 1], reading.unit_names).subject
        if named:
            return named
    if reading.items and reading.item_here:
        return reading.items[-1].name
    heading = reading.heading or ""
    item = ENUMERATOR.match(heading)
    if reading.under_heading and item and not lead_start and len(_bare(label)) <= _BARE_LABEL:
        named = _clean_subject(heading[item.end() :], reading.unit_names).subject
        return named if named and not _TOPIC.search(named) else None
    return None


def _lead_start(text: str, boundary: int, start: int) -> int:
    ends = [m.end() for m in _CLAUSE_END.finditer(text, boundary, start)]
    return max([boundary, *ends])


def _sentence(text: str, start: int, end: int) -> str:
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    return text[begin : stop.end() if stop else len(text)]


@dataclass
class _Subject:
    subject: str
    label: str  # what was left before the period words were stripped ('预算'), for a lead with no name
    year: int | None
    label_only: bool  # the lead only named a period or a kind of figure ('2024年预算数')


def _clean_subject(lead: str, unit_names: tuple[str, ...]) -> _Subject:
    """'2024年深圳市…（本级）部门预算收入' → '部门预算收入'; '2024年预算数' → '' (label only, year 2024)."""
    text = ENUMERATOR.sub("", lead, count=1) if ENUMERATOR.match(lead) else lead
    for name in unit_names:
        text = text.replace(name, "")
    year = _YEAR.search(text)
    text = _YEAR.sub("", text)
    text = _strip(_SELF, text)
    text = _strip(_LEADING, text)
    label = text
    text = _strip(_TRAILING, text)
    if re.fullmatch(r"“[^“”]*”", text):
        text = text[1:-1]
    text = re.sub(r"(?<=[类购])项目$", "", text)
    return _Subject(text, label or text, int(year.group(1)) if year else None, not text)


def _strip(pattern: re.Pattern[str], text: str) -> str:
    while True:
        stripped = pattern.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


# --- change statements ----------------------------------------------------------------------------------


def _attach_change(
    reading: _Reading, paragraph: Paragraph, clean: _Clean, event: _Event, first_claim: int
) -> None:
    """The change belongs to the figure it names ('与上年相比，基本支出增加…'), else to the last figure stated
    before it; a figure labelled with the base year is its base."""
    match = event.match
    assert match is not None
    base_label = event.base if event.base is not None else match.group("base")
    base_year = _YEAR.search(base_label or "")
    year = int(base_year.group(1)) if base_year else None
    base = _base_claim(reading, first_claim, year)
    candidates = [
        c for c in reading.claims if c is not base and c.amount is not None and id(c) not in reading.reasons
    ]
    target = _named_figure(reading, candidates, match.group("restated"))
    if target is None and event.base is None and candidates:
        target = candidates[-1]  # a clause going on names its figure: it is that figure's or no one's
    if target is None or target.change_direction is not None:
        return
    word = match.group("word")
    _set_change(target, word, _change_amount(match), match.group("percent"), match.group("percent_word"))
    target.base_label, target.base_year = base_label, year
    if base is not None:
        target.base_amount = base.amount
        reading.claims.remove(base)
        del reading.years[id(base)]
    _quote(target, clean.text, match)


def _set_change(
    target: Claim, word: str, change: Amount | None, percent: str | None, percent_word: str | None
) -> None:
    percent_word = percent_word or (word if percent else None)
    target.change = change
    target.change_word = word
    target.change_direction = _DIRECTION_OF[word]
    target.percent = Decimal(percent) if percent else None
    target.percent_word = percent_word
    target.percent_direction = _DIRECTION_OF[percent_word] if percent_word else None


def _attach_changes_each(
    reading: _Reading, paragraph: Paragraph, clean: _Clean, event: _Event, first_claim: int
) -> None:
    """'基本支出…、项目支出…，分别比上年增加10.00万元和减少73.14万元': each change is that of the figure in the
    same place of those the sentence states before it; none when it states fewer figures than changes, or
    when the first gives an amount and a rate (which of the rest are whose is then a guess)."""
    lead = event.match
    assert lead is not None
    if (lead.group("percent") and _change_amount(lead)) or lead.group("change_after"):
        return
    items = [(lead.group("word"), _change_amount(lead), lead.group("percent"))]
    for more in event.more:
        items.append((more.group("word") or items[-1][0], _more_amount(more), more.group("percent")))
    stated = _stated_in_sentence(reading, clean.text, lead.start(), first_claim)
    if len(stated) < len(items) or any(c.change_direction is not None for c in stated[-len(items) :]):
        return
    base_year = _YEAR.search(lead.group("base") or "")
    for target, (word, change, percent) in zip(stated[-len(items) :], items, strict=True):
        _set_change(target, word, change, percent, None)
        target.base_label = lead.group("base")
        target.base_year = int(base_year.group(1)) if base_year else None
        _quote(target, clean.text, lead)


def _more_amount(match: re.Match[str]) -> Amount | None:
    return parse_amount(match.group("change"), Unit(match.group("unit"))) if match.group("change") else None


def _named_figure(reading: _Reading, candidates: list[Claim], named: str | None) -> Claim | None:
    """The latest figure whose subject is the one a comparison names ('收入总计', '基本支出'), if it names one."""
    cleaned = _clean_subject(named or "", reading.unit_names).subject.strip("“”")
    if len(cleaned) <= 2:  # '支出' alone names no one figure
        return None
    return next(
        (
            c
            for c in reversed(candidates)
            if (subject := c.subject.strip("“”")) and (subject.endswith(cleaned) or cleaned.endswith(subject))
        ),
        None,
    )


def _change_amount(match: re.Match[str]):
    """The amount of change, stated before the rate or after it."""
    for number, unit in (("change", "unit"), ("change_after", "unit_after")):
        if match.group(number):
            return parse_amount(match.group(number), Unit(match.group(unit)))
    return None


def _base_claim(reading: _Reading, first_claim: int, year: int | None) -> Claim | None:
    """A figure of this paragraph labelled only with the base year ('2022年当年预算执行数为1.48万元')."""
    if year is None:
        return None
    return next((c for c in reversed(reading.claims[first_claim:]) if reading.years.get(id(c)) == year), None)


def _settle_earlier_years(reading: _Reading) -> list[Claim]:
    """A figure labelled with an earlier year than the part's others is that year's figure (a base), not current."""
    years = [reading.years[id(c)] for c in reading.claims if id(c) in reading.years]
    if not years:
        return reading.claims
    latest = max(years)
    settled = []
    for claim in reading.claims:
        year = reading.years.get(id(claim))
        if year is not None and year < latest and claim.change_direction is None:
            claim = replace(
                claim, amount=None, base_amount=claim.amount, base_year=year, base_label=f"{year}年"
            )
        settled.append(claim)
    return settled
