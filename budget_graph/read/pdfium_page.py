"""One PDF page read through pdfium: its visible characters and its ruling lines (pdf_page.PageLayout).

pdfium gives one box per glyph (WPS exports make one text object per glyph); pdf_page groups them into
words and lines. Text that is not visible is dropped: characters outside the page box or outside their
text object's clip path (some exports hide overflowing narrative there and print it again on the
next page; a sheet's cell cuts its text at its edge), both kept apart (PageLayout.cut_off, .clipped:
read/pdf._not_shown), text drawn in an invisible render mode, and a watermark's: text drawn at a slant (across
the page, or a seal's ring of characters; a filing's own text runs along the page's edges) or see-through.

Everything is measured in the stored frame (where pdfium gives glyph boxes, paths and clip paths;
inside a form XObject, through its matrix), then turned as a viewer shows the page (/Rotate), or
so that its text reads left to right when nearly all of it runs another way.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from budget_graph.read.pdf_page import Char, PageLayout, Rule
from budget_graph.read.source import as_printed

_INVISIBLE_MODE = 3  # PDF text render mode 3: neither filled nor stroked
_SEE_THROUGH = 128  # fill opacity (of 255) below which text is a watermark's, not the filing's
_WATERMARK_SIZE = 16.0  # points: a see-through glyph this tall is a watermark's (text is set smaller)
_CLIP_SLACK = 1.0  # points: glyph centres on a clip edge stay visible
_RULE_THICKNESS = 2.5  # points: a filled rectangle thinner than this is a ruling line
_AXIS_SLACK = 0.8  # points: a segment this close to level or plumb counts as a rule
_FORM_DEPTH = 4  # nested form XObjects searched for ruling lines and text drawn in them
_BLANKS = frozenset(chr(code) for code in range(0x3001) if chr(code).isspace())
_UNSEEN = object()
_COPY_CELL = 4.0  # points: a grid's cell, at least the distance a copy of fake bold type lies aside
_GLYPH_SEGMENTS = 8  # a filled path with as many segments (curves, a stroke's turns) may be a glyph
_TWO_BOXES = 8  # segments: a filled path of fewer draws one box at most
_GLYPH_SIZE = 40.0  # points: and no larger than a heading's character
_REPLACEMENT = "\ufffd"
_TURN_SAMPLE = 16  # glyphs sampled for the text's direction: pdfium's angle is slow to ask
_TURN_SHARE = 0.9  # of them running one way turn the page
_TURN_SLACK = 0.1  # of a quarter turn: italics' shear still counts as upright
_SLANT = math.tan(_TURN_SLACK * math.pi / 2)  # a baseline turned further off the axes is slanted
_BAND = 10.0  # points: glyphs are looked up by the band of the page they reach into
_MIN_GLYPH = 1.0  # points: a text object smaller than this either way holds no glyph to read
_APART = 2000.0  # points: text objects read apart are moved this far from the page and each other
_ROW = 64  # text objects read apart to a row of them
_Origin = tuple[float, float]  # the crop box's top left in PDF user space: (0, 0) of a page read


def read_page(page: pdfium.PdfPage, number: int) -> PageLayout:
    """The page as a viewer shows it: top-down coordinates from the top left of its crop box, turned
    by the page's /Rotate (A3 tables are often stored as portrait pages shown turned a quarter) —
    or, when nearly all its text runs another way (drawn turned, shown sideways), turned so that
    its text reads left to right."""
    left, bottom, right, top = page.get_cropbox()
    drawing = _drawing(page, (left, top))
    crop = (left, bottom, right, top)
    textpage = page.get_textpage()
    read: set[bytes] = set()  # the text objects the text page holds characters of
    cut_off: list[Char] = []
    clipped: list[Char] = []
    try:
        chars = _visible_chars(textpage, crop, drawing.text_forms, read, cut_off=cut_off, clipped=clipped)
        quarters = _text_turn(textpage)
        # a page showing no text may hold text it does not show: a scan's recognised text under its picture
        hidden = 0 if chars else sum(c not in _BLANKS for c in _page_text(textpage.raw))
    finally:
        textpage.close()
    if left_out := _left_out(drawing, read):
        chars += _read_apart(page, left_out, crop, drawing.text_forms)
    chars = _once(chars)
    rules = _outside_glyphs(drawing.rules, chars)
    if quarters is None:
        quarters = page.get_rotation() // 90 % 4
    turn = _Turn(quarters, right - left, top - bottom)
    if turn.quarters:  # read unturned first: clip paths and glyph boxes are in the stored frame
        chars, rules = [turn.char(c) for c in chars], [turn.rule(r) for r in rules]
        cut_off, clipped = [turn.char(c) for c in cut_off], [turn.char(c) for c in clipped]
    width, height = turn.size()
    picture = _picture_share(drawing, (left, bottom, right, top))
    return PageLayout(
        number, width, height, chars, rules, quarters, picture, drawing.outlines, hidden, cut_off, clipped
    )


def _left_out(drawing: _Drawing, read: set[bytes]) -> list:
    """The text objects, a glyph's size or more, of which the text page holds no character but blanks
    (the few objects of blanks alone are read apart to no avail)."""
    left_out = []
    box = [ctypes.c_float() for _ in range(4)]  # made once: asked of every object left out
    x0, y0, x1, y1 = (ctypes.byref(v) for v in box)
    for obj in drawing.texts:
        if (key := bytes(obj)) not in read and pdfium_c.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
            left, bottom, right, top = (v.value for v in box)
            if (form := drawing.text_forms.get(key)) is not None:
                left, bottom, right, top = _box_on(form, (left, bottom, right, top))
            if min(right - left, top - bottom) >= _MIN_GLYPH:
                left_out.append(obj)
    return left_out


def _read_apart(
    page: pdfium.PdfPage,
    objects: list,
    crop: tuple[float, float, float, float],
    text_forms: dict[bytes, pdfium.PdfMatrix],
) -> list[Char]:
    """The characters of text objects pdfium's text page left out. It leaves out an object holding the
    same characters as one of the five before it when their boxes overlap across the page and their
    origins stand close along it, to drop type printed twice; on a page stored turned, a glyph
    repeating the one before it, its box reaching into that one's, is left out so ('99.92%' read
    '9.92%', '上海市XX局' read '上海市X局'). Each such object is moved apart from the page and every
    other, read on a text page of its own, and put back; copies of type printed twice then go as all
    others do (_once).
    """
    steps = [(_APART * (1 + i % _ROW), _APART * (1 + i // _ROW)) for i in range(len(objects))]
    shifts: dict[bytes, tuple[float, float]] = {}
    for obj, (dx, dy) in zip(objects, steps, strict=True):
        form = text_forms.get(bytes(obj))
        before = _bounds(obj, form)
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, dx, dy)
        after = _bounds(obj, form)
        shifts[bytes(obj)] = after[0] - before[0], after[1] - before[1]  # in page space
    textpage = page.get_textpage()
    try:
        return _visible_chars(textpage, crop, text_forms, set(), shifts)
    finally:
        textpage.close()
        for obj, (dx, dy) in zip(objects, steps, strict=True):
            pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, -dx, -dy)


def _once(chars: list[Char]) -> list[Char]:
    """Each glyph once: a producer that fakes bold type prints the text again a fraction of a point
    aside, and its glyphs would be read twice ('收收入入'). A character printed over the same character,
    less than a third of its width and height aside, is such a copy (two alike side by side stand a
    whole glyph apart)."""
    if len({(c.text, c.x0 // _COPY_CELL, c.top // _COPY_CELL) for c in chars}) == len(chars):
        return chars  # nearly every page: no two alike in a cell (copies share theirs most of the time)
    seen: dict[tuple[str, float, float], list[Char]] = {}
    kept = []
    for char in chars:
        x, y = char.x0 // _COPY_CELL, char.top // _COPY_CELL
        near = (seen.get((char.text, x + dx, y + dy), ()) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
        if any(_copy(char, other) for others in near for other in others):
            continue
        seen.setdefault((char.text, x, y), []).append(char)
        kept.append(char)
    return kept


def _copy(char: Char, of: Char) -> bool:
    width = min(char.x1 - char.x0, of.x1 - of.x0)
    height = min(char.bottom - char.top, of.bottom - of.top)
    return abs(char.x0 - of.x0) < width / 3 and abs(char.top - of.top) < height / 3


def _outside_glyphs(rules: list[Rule], chars: list[Char]) -> list[Rule]:
    """The rules but the strokes of glyph outlines: a producer that cannot keep stroked text as text
    (outlined, fake-bold headings) draws each glyph's outline as a path beside the text, and its straight
    edges are no ruling lines. A rule that fits inside one glyph's box is such an edge: a table's rules
    run past the glyphs they separate."""
    tallest = max((max(c.bottom - c.top, c.x1 - c.x0) for c in chars), default=0.0)
    if all(r.end - r.start > tallest for r in rules):
        return rules  # nearly every page: no rule short enough to be a glyph's edge
    bands: dict[int, list[Char]] = {}  # glyphs by the bands of height _BAND they reach into
    for char in chars:
        for band in range(
            int((char.top - _CLIP_SLACK) // _BAND), int((char.bottom + _CLIP_SLACK) // _BAND) + 1
        ):
            bands.setdefault(band, []).append(char)

    def in_a_glyph(rule: Rule) -> bool:
        middle = rule.pos if rule.horizontal else (rule.start + rule.end) / 2
        return any(_in_glyph(rule, c) for c in bands.get(int(middle // _BAND), ()))

    return [r for r in rules if r.end - r.start > tallest or not in_a_glyph(r)]


def _in_glyph(rule: Rule, char: Char) -> bool:
    along = (char.x0, char.x1) if rule.horizontal else (char.top, char.bottom)
    across = (char.top, char.bottom) if rule.horizontal else (char.x0, char.x1)
    return (
        across[0] - _CLIP_SLACK <= rule.pos <= across[1] + _CLIP_SLACK
        and along[0] - _CLIP_SLACK <= rule.start
        and rule.end <= along[1] + _CLIP_SLACK
    )


def _picture_share(drawing: _Drawing, crop: tuple[float, float, float, float]) -> float:
    """The share of the page (its crop box) its largest picture covers."""
    left, bottom, right, top = crop
    areas = [
        max(0.0, min(x1, right) - max(x0, left)) * max(0.0, min(y1, top) - max(y0, bottom))
        for x0, y0, x1, y1 in drawing.pictures
    ]
    return max(areas, default=0.0) / ((right - left) * (top - bottom) or 1.0)


def _text_turn(textpage: pdfium.PdfTextPage) -> int | None:
    """Quarter turns clockwise that set the page's text upright, when a sample of its glyphs nearly
    all run one way (None: no text, or no one way: a few turned labels do not turn a page)."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    votes = [0, 0, 0, 0]
    for i in range(0, count, -(-count // _TURN_SAMPLE) or 1):  # at most _TURN_SAMPLE, spread out
        if pdfium_c.FPDFText_GetUnicode(raw, i) > 32:
            # pdfium's angle runs clockwise in PDF space (y up): text drawn a quarter turn
            # anticlockwise, to be shown upright by /Rotate 90, has 270°
            quarter = pdfium_c.FPDFText_GetCharAngle(raw, i) / (math.pi / 2)
            if abs(quarter - round(quarter)) < _TURN_SLACK:  # not a slanted watermark
                votes[round(quarter) % 4] += 1
    most = max(votes)
    if most == 0 or most < _TURN_SHARE * sum(votes):
        return None
    return -votes.index(most) % 4


@dataclass(frozen=True)
class _Turn:
    """Quarter turns clockwise of a page's unturned top-down frame (`width` × `height`), as /Rotate
    turns the page on screen."""

    quarters: int
    width: float
    height: float

    def size(self) -> tuple[float, float]:
        return (self.height, self.width) if self.quarters % 2 else (self.width, self.height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.quarters == 1:  # the unturned left edge becomes the top
            return self.height - y, x
        if self.quarters == 2:
            return self.width - x, self.height - y
        if self.quarters == 3:
            return y, self.width - x
        return x, y

    def char(self, char: Char) -> Char:
        (ax, ay), (bx, by) = self.point(char.x0, char.top), self.point(char.x1, char.bottom)
        cx, cy = self.point(char.cx, char.cy)
        return Char(char.text, min(ax, bx), max(ax, bx), min(ay, by), max(ay, by), cx, cy)

    def rule(self, rule: Rule) -> Rule:
        ends = (rule.start, rule.end) if rule.horizontal else (rule.pos, rule.pos)
        across = (rule.pos, rule.pos) if rule.horizontal else (rule.start, rule.end)
        (ax, ay), (bx, by) = self.point(ends[0], across[0]), self.point(ends[1], across[1])
        if rule.horizontal != bool(self.quarters % 2):
            return Rule(True, ay, min(ax, bx), max(ax, bx))
        return Rule(False, ax, min(ay, by), max(ay, by))


def _visible_chars(
    textpage: pdfium.PdfTextPage,
    crop: tuple[float, float, float, float],
    text_forms: dict[bytes, pdfium.PdfMatrix],
    read: set[bytes],
    shifts: dict[bytes, tuple[float, float]] | None = None,
    cut_off: list[Char] | None = None,
    clipped: list[Char] | None = None,
) -> list[Char]:
    """The visible characters of a text page (see the module's docstring); `read` gathers the text
    objects it holds characters of, but blanks. With `shifts`: only the characters of the objects moved so far
    aside (in page space) to be read apart (_read_apart), measured where they stood. `cut_off` gathers the
    characters the page's edge cuts off: printed past it, level with the page or beside it (a table wider
    than its page runs off its side, its last rows off its foot), which no viewer shows.
    `clipped` gathers the characters their clip path hides (a cell's text cut at the cell's edge)."""
    left, bottom, right, top = crop  # y is flipped at the crop box's top
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()  # the loose box: the font's full height, so a line's glyphs align
    # out-parameters made once: asked for every text object (every glyph, in WPS exports)
    matrix, fill = pdfium_c.FS_MATRIX(), tuple(ctypes.c_uint() for _ in range(4))
    objects: dict[bytes, tuple[float, float, float, float] | bool | None] = {}
    clips: dict[tuple, tuple[float, float, float, float] | None] = {}
    chars: list[Char] = []
    # bound once: this loop runs for every glyph of the document
    loose_box, object_of = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetTextObject
    get_matrix, get_fill = pdfium_c.FPDFText_GetMatrix, pdfium_c.FPDFPageObj_GetFillColor
    for i, text in enumerate(_page_text(raw)):
        if text in _BLANKS:  # pdfium's generated separators are all blanks
            continue
        obj = object_of(raw, i)
        key = bytes(obj)  # the pointer's value: cheaper than ctypes.cast
        read.add(key)
        if text < " ":  # a control character: pdfium's own separator, or a glyph a broken map calls one
            if not obj:
                continue
            text = _REPLACEMENT  # garbling said (read/pdf.py), never a character a cell silently loses
        loose_box(raw, i, box)
        x0, x1, y0, y1 = box.left, box.right, box.bottom, box.top
        if shifts is not None:
            if key not in shifts:
                continue
            dx, dy = shifts[key]
            x0, x1, y0, y1 = x0 - dx, x1 - dx, y0 - dy, y1 - dy
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        across, along = left <= cx <= right, bottom <= cy <= top
        if not (across and along) and (cut_off is None or not (across or along)):
            continue
        clip = objects.get(key, _UNSEEN)
        if clip is _UNSEEN:
            # a watermark's: at a slant (its first glyph's baseline, from its matrix: pdfium's angle
            # counts an italic's shear in), or see-through and larger than text is set. Inline: asked
            # for every object, a glyph each in WPS exports
            get_matrix(raw, i, matrix)
            a, b = abs(matrix.a), abs(matrix.b)
            large = y1 - y0 > _WATERMARK_SIZE
            if min(a, b) > _SLANT * max(a, b) or (
                large and get_fill(obj, *fill) and fill[3].value < _SEE_THROUGH
            ):
                clip = objects[key] = False
            else:
                clip = objects[key] = _object_clip(obj, clips, text_forms.get(key))
        if clip is False:
            continue
        char = Char(text, x0 - left, x1 - left, top - y1, top - y0, cx - left, top - cy)
        if clip and not _inside(clip, cx, cy):
            if clipped is not None and across and along:
                clipped.append(char)
        elif across and along:
            chars.append(char)
        elif cut_off is not None:
            cut_off.append(char)
    return chars


def _page_text(raw) -> str:
    """Each glyph's character, by its index: the page's text in one call when it has one unit per glyph
    (it has, but for characters outside UTF-16's first plane), else glyph by glyph; each read as
    printed (source.as_printed)."""
    count = pdfium_c.FPDFText_CountChars(raw)
    units = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(raw, 0, count, units)
    text = bytes(units)[: 2 * count].decode("utf-16-le", "surrogatepass")
    if len(text) != count:
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    return as_printed(text)


def _object_clip(
    obj, clips: dict, form: pdfium.PdfMatrix | None
) -> tuple[float, float, float, float] | bool | None:
    """The clip box of a text object in page space (None: unclipped; False: invisible); `form`: the
    matrix of the form XObject it is drawn in, whose space pdfium gives its clip path in.

    Objects share their clip path's data; the address of its first point identifies it, so each
    distinct clip path is measured once per page (WPS exports have one object per glyph).
    """
    if not obj:
        return None
    if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == _INVISIBLE_MODE:
        return False
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    count = pdfium_c.FPDFClipPath_CountPaths(clip)
    key = (
        count,
        bytes(pdfium_c.FPDFClipPath_GetPathSegment(clip, 0, 0)),
        bytes(pdfium_c.FPDFClipPath_GetPathSegment(clip, count - 1, 0)),
    )
    if key not in clips:
        clips[key] = _clip_box(clip, count)
    box = clips[key]
    return box if box is None or form is None else _box_on(form, box)


def _box_on(
    matrix: pdfium.PdfMatrix, box: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """The bounding box of `box` mapped by `matrix`."""
    (ax, ay), (bx, by) = matrix.on_point(box[0], box[1]), matrix.on_point(box[2], box[3])
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _clip_box(clip, count: int) -> tuple[float, float, float, float] | None:
    """Intersection of the bounding boxes of a clip path's subpaths (page coordinates)."""
    box = None
    for k in range(count):
        points = [
            _point(pdfium_c.FPDFClipPath_GetPathSegment(clip, k, s))
            for s in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, k))
        ]
        if not points:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        sub = (min(xs), min(ys), max(xs), max(ys))
        box = (
            sub
            if box is None
            else (max(box[0], sub[0]), max(box[1], sub[1]), min(box[2], sub[2]), min(box[3], sub[3]))
        )
    return box


def _inside(box: tuple[float, float, float, float], x: float, y: float) -> bool:
    return (
        box[0] - _CLIP_SLACK <= x <= box[2] + _CLIP_SLACK
        and box[1] - _CLIP_SLACK <= y <= box[3] + _CLIP_SLACK
    )


def _point(segment) -> tuple[float, float]:
    x, y = ctypes.c_float(), ctypes.c_float()
    pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
    return x.value, y.value


@dataclass
class _Drawing:
    """What the page's object tree gives: its ruling lines (from `origin`, the crop box's top left),
    its text objects, and the matrix of the form XObject each text object nested in one is drawn in."""

    origin: _Origin
    rules: list[Rule] = field(default_factory=list)
    text_forms: dict[bytes, pdfium.PdfMatrix] = field(default_factory=dict)
    texts: list = field(default_factory=list)  # every text object, in the order they are drawn
    pictures: list[tuple[float, float, float, float]] = field(default_factory=list)  # image boxes, PDF space
    outlines: int = 0  # filled paths shaped like glyphs


def _drawing(page: pdfium.PdfPage, origin: _Origin) -> _Drawing:
    """Level and plumb strokes, and thin filled rectangles, of every path object on the page."""
    drawing = _Drawing(origin)
    raw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        _visit(pdfium_c.FPDFPage_GetObject(raw, i), drawing, None, depth=0)
    return drawing


def _visit(obj, drawing: _Drawing, form: pdfium.PdfMatrix | None, depth: int) -> None:
    """`form`: the matrix from the space of the form XObject `obj` is drawn in to the page's."""
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
        rules = _path_rules(obj, drawing.origin, form)
        drawing.rules.extend(rules)
        drawing.outlines += not rules and _glyph_outline(obj, form)
    elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
        drawing.texts.append(obj)
        if form is not None:
            drawing.text_forms[bytes(obj)] = form
    elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
        drawing.pictures.append(_bounds(obj, form))
    elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
        inner = _matrix(obj, form)
        for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _visit(pdfium_c.FPDFFormObj_GetObject(obj, i), drawing, inner, depth + 1)


def _path_rules(obj, origin: _Origin, form: pdfium.PdfMatrix | None) -> list[Rule]:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    if stroke.value:
        return _stroke_rules(obj, _matrix(obj, form), origin)
    if not fill.value:
        return []
    thin = _thin_box_rule(obj, origin, form)
    if thin or pdfium_c.FPDFPath_CountSegments(obj) < _TWO_BOXES:
        return thin  # nearly every filled path: one box, a rule or not
    boxes = _rectangles(obj, _matrix(obj, form))
    return [rule for box in boxes for rule in _box_rules(box, boxes, origin)] if boxes else []


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF space


def _rectangles(raw, matrix: pdfium.PdfMatrix) -> list[Box] | None:
    """The subpaths of a path as level rectangles, page space; None when any is of another shape."""
    boxes: list[Box] = []
    points: list[tuple[float, float]] = []
    for s in range(pdfium_c.FPDFPath_CountSegments(raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(raw, s)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            return None
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO and points:
            boxes.append(_rectangle(points))
            points = []
        points.append(matrix.on_point(*_point(segment)))
    if points:
        boxes.append(_rectangle(points))
    return None if None in boxes else boxes


def _rectangle(points: list[tuple[float, float]]) -> Box | None:
    """The box a closed run of points draws, when it is a level rectangle."""
    xs, ys = sorted(x for x, _ in points), sorted(y for _, y in points)
    if len(points) not in (4, 5):
        return None
    if any(abs(x - xs[0]) > _AXIS_SLACK and abs(x - xs[-1]) > _AXIS_SLACK for x in xs):
        return None
    if any(abs(y - ys[0]) > _AXIS_SLACK and abs(y - ys[-1]) > _AXIS_SLACK for y in ys):
        return None
    return xs[0], ys[0], xs[-1], ys[-1]


def _box_rules(box: Box, boxes: list[Box], origin: _Origin) -> list[Rule]:
    """The rules one rectangle of a path draws: itself when thin (a path of many thin rectangles: a
    table's rules drawn at once), or a frame's four sides when a rectangle just inside it is cut out
    (a browser draws a cell's border as a ring filled even-odd)."""
    left, top = origin
    x0, y0, x1, y1 = box
    if min(x1 - x0, y1 - y0) <= _RULE_THICKNESS:
        return _thin_box_rule_at(box, origin)
    for a0, b0, a1, b1 in boxes:
        gaps = (a0 - x0, b0 - y0, x1 - a1, y1 - b1)
        if (a0, b0, a1, b1) != box and all(0 <= gap <= _RULE_THICKNESS for gap in gaps):
            return [
                Rule(True, top - (y1 + b1) / 2, x0 - left, x1 - left),
                Rule(True, top - (y0 + b0) / 2, x0 - left, x1 - left),
                Rule(False, (x0 + a0) / 2 - left, top - y1, top - y0),
                Rule(False, (x1 + a1) / 2 - left, top - y1, top - y0),
            ]
    return []


def _glyph_outline(obj, form: pdfium.PdfMatrix | None) -> bool:
    """A filled path of a glyph's size and intricacy: text a producer drew as outlines (a table pasted
    as a vector picture, text printed "as curves"), which holds no characters to read."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    if not fill.value or pdfium_c.FPDFPath_CountSegments(obj) < _GLYPH_SEGMENTS:
        return False
    x0, y0, x1, y1 = _bounds(obj, form)
    return max(x1 - x0, y1 - y0) <= _GLYPH_SIZE


def _matrix(obj, form: pdfium.PdfMatrix | None) -> pdfium.PdfMatrix:
    """The object's matrix, into page space through the form it is drawn in."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
    own = pdfium.PdfMatrix.from_raw(matrix)
    return own if form is None else own.multiply(form)


def _bounds(obj, form: pdfium.PdfMatrix | None) -> tuple[float, float, float, float]:
    """An object's bounding box in page space (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (x0, y0, x1, y1)))
    box = x0.value, y0.value, x1.value, y1.value
    return box if form is None else _box_on(form, box)  # bounds are in the form's space


def _thin_box_rule(obj, origin: _Origin, form: pdfium.PdfMatrix | None) -> list[Rule]:
    return _thin_box_rule_at(_bounds(obj, form), origin)


def _thin_box_rule_at(box: Box, origin: _Origin) -> list[Rule]:
    left, top = origin
    x0, y0, x1, y1 = box
    x0, x1 = x0 - left, x1 - left
    if y1 - y0 <= _RULE_THICKNESS and x1 - x0 > y1 - y0:
        return [Rule(True, top - (y0 + y1) / 2, x0, x1)]
    if x1 - x0 <= _RULE_THICKNESS and y1 - y0 > x1 - x0:
        return [Rule(False, (x0 + x1) / 2, top - y1, top - y0)]
    return []


def _stroke_rules(raw, matrix: pdfium.PdfMatrix, origin: _Origin) -> list[Rule]:
    rules: list[Rule] = []
    start = last = None
    for s in range(pdfium_c.FPDFPath_CountSegments(raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(raw, s)
        point = matrix.on_point(*_point(segment))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and last is not None:
            rules.extend(_segment_rule(last, point, origin))
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            rules.extend(_segment_rule(point, start, origin))
        last = point
    return rules


def _segment_rule(a: tuple[float, float], b: tuple[float, float], origin: _Origin) -> list[Rule]:
    left, top = origin
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) <= _AXIS_SLACK and abs(ax - bx) > _AXIS_SLACK:
        return [Rule(True, top - (ay + by) / 2, min(ax, bx) - left, max(ax, bx) - left)]
    if abs(ax - bx) <= _AXIS_SLACK and abs(ay - by) > _AXIS_SLACK:
        return [Rule(False, (ax + bx) / 2 - left, top - max(ay, by), top - min(ay, by))]
    return []
