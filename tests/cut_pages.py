"""A real filing with one table page cut in two: the rows below a cut move to a page added after it, as a
word processor breaks a table that no longer fits — with no title and no header on the added page, or
with what stands above the table's rows printed again (its title and header, as a repeated header row
does); the page's foot, its number, stays on both. Made in the test from corpus PDFs with pdfium's page
objects."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_TEXT, _PATH = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH
_EDGE = float("inf")  # a band open to the page's side
_ON_CUT = 2.0  # points: a vertical rule this near a column cut is the column line there


class CannotCut(Exception):
    """Something printed across the cut that cannot be split (a text object spanning it)."""


@dataclass(frozen=True)
class Cut:
    page: int  # 1-based
    at: float  # PDF points from the page's foot: what is above stays, what is below moves on
    foot: float  # what lies wholly below this stays where it is on both pages (the page number)
    rise: float  # how far the moved rows go up on the added page
    repeat: tuple[float, float] | None = (
        None  # what lies wholly in this band is printed again on the added page
    )


def cut_page(source: Path, target: Path, cut: Cut) -> Path:
    whole, out = pdfium.PdfDocument(source), pdfium.PdfDocument.new()
    try:
        index = cut.page - 1
        out.import_pages(whole, [*range(index + 1), index, *range(index + 1, len(whole))])
        _keep(out[index], cut, upper=True)
        _keep(out[index + 1], cut, upper=False)
        out.save(target)
    finally:
        out.close()
        whole.close()
    return target


def _keep(page: pdfium.PdfPage, cut: Cut, upper: bool) -> None:
    """Leave on `page` what lies above the cut (upper) or below it, moved up, and the page's foot."""
    for obj in list(page.get_objects(max_depth=1)):
        _, y0, _, y1 = obj.get_bounds()
        if y1 < cut.foot or (not upper and cut.repeat and cut.repeat[0] <= y0 and y1 <= cut.repeat[1]):
            continue
        side_above, side_below = y0 >= cut.at - 0.5, y1 <= cut.at + 0.5
        if side_above and side_below:  # a rule on the cut: on both pages
            keep = True
        elif side_above or side_below:
            keep = side_above == upper
            if not keep and side_above and obj.type == _PATH and cut.repeat:
                _again_in_band(page, obj, cut.repeat)  # a rule running down from the header
        elif obj.type == _PATH:
            _add_clamped(
                page, obj, (cut.at, y1) if upper else (max(y0, cut.foot), cut.at), cut.rise * (not upper)
            )
            if not upper and cut.repeat:
                _again_in_band(page, obj, cut.repeat)
            keep = False
        else:
            raise CannotCut(f"an object of type {obj.type} spans the cut on page {cut.page}")
        if not keep:
            page.remove_obj(obj)
        elif not upper:
            _moved(obj, 0, cut.rise)
    page.gen_content()


def _again_in_band(page: pdfium.PdfPage, obj: pdfium.PdfObject, band: tuple[float, float]) -> None:
    """A path's part inside the band printed again on the added page, where it stands."""
    _, y0, _, y1 = obj.get_bounds()
    if y0 < band[1] and y1 > band[0]:
        _add_clamped(page, obj, (max(y0, band[0]), min(y1, band[1])), 0)


def _add_clamped(
    page: pdfium.PdfPage,
    obj: pdfium.PdfObject,
    span: tuple[float, float],
    rise: float,
    across: tuple[float, float] = (-_EDGE, _EDGE),
    shift: float = 0.0,
) -> None:
    """The part of a path (a table's rule or frame) within `span` (from the page's foot) and `across` (from
    its left side), as a new path in page space, moved `rise` up and `shift` right."""
    (low, high), (left, right) = span, across
    matrix = obj.get_matrix()
    points = []
    for s in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, s)
        x, y = ctypes.c_float(), ctypes.c_float()
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        px, py = matrix.on_point(x.value, y.value)
        move = pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO
        points.append(
            (
                move,
                min(max(px, left), right) + shift,
                min(max(py, low), high) + rise,
                bool(pdfium_c.FPDFPathSegment_GetClose(segment)),
            )
        )
    path = pdfium_c.FPDFPageObj_CreateNewPath(points[0][1], points[0][2])
    for move, x, y, close in points[1:]:
        (pdfium_c.FPDFPath_MoveTo if move else pdfium_c.FPDFPath_LineTo)(path, x, y)
        if close:
            pdfium_c.FPDFPath_Close(path)
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
    pdfium_c.FPDFPath_SetDrawMode(path, fill.value, stroke.value)
    width = ctypes.c_float()
    pdfium_c.FPDFPageObj_GetStrokeWidth(obj.raw, ctypes.byref(width))
    pdfium_c.FPDFPageObj_SetStrokeWidth(path, width.value * abs(matrix.a or 1))
    for get, put in (
        (pdfium_c.FPDFPageObj_GetStrokeColor, pdfium_c.FPDFPageObj_SetStrokeColor),
        (pdfium_c.FPDFPageObj_GetFillColor, pdfium_c.FPDFPageObj_SetFillColor),
    ):
        rgba = [ctypes.c_uint() for _ in range(4)]
        get(obj.raw, *(ctypes.byref(c) for c in rgba))
        put(path, *(c.value for c in rgba))
    pdfium_c.FPDFPage_InsertObject(page.raw, path)


def split_columns(
    source: Path, target: Path, page: int, at: float, margin: float = 50.0, labels: float | None = None
) -> Path:
    """A wide table printed over two pages by its columns (a spreadsheet printed 'over, then down'): what
    lies left of `at` (PDF points; a column line, where a spreadsheet breaks its pages) stays on page
    `page`, what lies right of it moves to a page added after it, shifted to the left margin; a rule or
    frame across the cut is drawn on both, each its part, and a column line on the cut on both (the first
    page's right frame, the added one's left); a text across it (a title) stays on the first; the page's
    foot stays on both. `labels`: what lies left of this x (the rows' labels) is printed again on the
    added page, as a spreadsheet repeats its print titles, and the moved columns follow it there."""
    whole, out = pdfium.PdfDocument(source), pdfium.PdfDocument.new()
    try:
        index = page - 1
        out.import_pages(whole, [*range(index + 1), index, *range(index + 1, len(whole))])
        _keep_columns(out[index], [(-_EDGE, at, 0.0)], across=at)
        again = [(-_EDGE, labels, 0.0)] if labels is not None else []
        _keep_columns(out[index + 1], [*again, (at, _EDGE, (margin if labels is None else labels) - at)])
        out.save(target)
    finally:
        out.close()
        whole.close()
    return target


_Band = tuple[float, float, float]  # from x, to x, and how far what lies between moves right


def _keep_columns(page: pdfium.PdfPage, bands: list[_Band], across: float | None = None) -> None:
    """Leave on `page` what lies in the bands (each moved by its shift) and the page's foot: a text
    wholly inside one, or `across` that x (a title over the cut); a path's part in each band it
    reaches."""
    for obj in list(page.get_objects(max_depth=1)):
        x0, y0, x1, y1 = obj.get_bounds()
        if y1 < 60:  # the page's foot (its number) stays on both
            continue
        inside = next((band for band in bands if _within(x0, x1, band)), None)
        if inside is not None:
            _moved(obj, inside[2], 0)
            continue
        if obj.type == _PATH:
            for left, right, shift in bands:
                if x0 < right and x1 > left:
                    _add_clamped(page, obj, (y0, y1), 0, (left, right), shift)
        elif across is not None and x0 < across < x1:
            continue
        page.remove_obj(obj)
    page.gen_content()


def _within(x0: float, x1: float, band: _Band) -> bool:
    # a column line drawn beside the cut (a cell's border, a stroke's width off the grid's line) is on it
    slack = _ON_CUT if x1 - x0 < _ON_CUT else 0.5
    return band[0] - slack <= x0 and x1 <= band[1] + slack


def _moved(obj: pdfium.PdfObject, right: float, up: float) -> None:
    """The object and the clip it is drawn under moved."""
    if right or up:
        obj.transform(pdfium.PdfMatrix().translate(right, up))
        pdfium_c.FPDFPageObj_TransformClipPath(obj.raw, 1, 0, 0, 1, right, up)
