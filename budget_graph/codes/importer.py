"""`codes import`: an official code list (CSV or XLSX of code/name rows) becomes an edition the checker uses.

XLSX is read with the standard library (zipfile + ElementTree): only the first sheet's cell values are needed.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from budget_graph.codes.index import bundled_index, clear_cache, imported_dir, scheme_of
from budget_graph.codes.names import same_name
from budget_graph.errors import InputError
from budget_graph.limits import CODE_LIST_SIZE, megabytes
from budget_graph.read.source import read_text_file

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CODE_HEADERS = ("科目编码", "编码", "代码", "code")
_NAME_HEADERS = ("科目名称", "名称", "name")


@dataclass
class ImportResult:
    scheme: str
    year: int
    path: Path
    rows: int
    new_codes: list[str]
    renamed: list[tuple[str, str, str]]  # code, bundled name, imported name


def read_table(path: Path) -> list[list[str]]:
    """The rows of a CSV (UTF-8 or GB18030) or of an XLSX file's first sheet, as text cells."""
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(path)
    text = read_text_file(path, CODE_LIST_SIZE)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel  # one column, or no delimiter the sniffer is sure of
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:  # a field over csv.field_size_limit(), an unclosed quote…
        raise InputError(f"CSV 文件无法读取 cannot read the CSV file {path}: {error}") from error


def _xlsx_rows(path: Path) -> list[list[str]]:
    try:
        with zipfile.ZipFile(path) as book:
            part = _Parts(book, path)
            shared = _shared_strings(part)
            sheet = ElementTree.fromstring(part.read(_first_sheet(part)))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, StopIteration) as error:
        raise InputError(
            f"不是可读取的 XLSX 工作簿 not a readable XLSX workbook: {path} ({type(error).__name__}: {error})"
        ) from error
    except OSError as error:
        raise InputError(f"无法读取文件 cannot read {path}: {error.strerror or error}") from error
    rows = []
    for row in sheet.iter(f"{_MAIN}row"):
        cells: dict[int, str] = {}
        for cell in row.iter(f"{_MAIN}c"):
            cells[_column_number(cell.get("r", ""), len(cells))] = _cell_text(cell, shared)
        rows.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
    return rows


class _Parts:
    """The workbook's parts, read within the code list size limit all together: a zip bomb (a small file
    that unzips to gigabytes) is refused by its declared sizes before anything is unzipped, and a part
    whose declared size lies is cut off at the limit while it is read."""

    def __init__(self, book: zipfile.ZipFile, path: Path) -> None:
        self.book, self.path = book, path
        self.left = CODE_LIST_SIZE.bytes()
        declared = sum(info.file_size for info in book.infolist())
        if declared > self.left:
            raise self._too_large(declared)

    def __contains__(self, name: str) -> bool:
        return name in self.book.namelist()

    def read(self, name: str) -> bytes:
        with self.book.open(name) as member:
            data = member.read(self.left + 1)
        if len(data) > self.left:
            raise self._too_large(CODE_LIST_SIZE.bytes() + 1)
        self.left -= len(data)
        return data

    def _too_large(self, size: int) -> InputError:
        return CODE_LIST_SIZE.exceeded(
            f"XLSX 解压后过大 the XLSX unzips too large: {self.path}", megabytes(size)
        )


def _shared_strings(book: _Parts) -> list[str]:
    if "xl/sharedStrings.xml" not in book:
        return []
    root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in item.iter(f"{_MAIN}t")) for item in root.iter(f"{_MAIN}si")]


def _first_sheet(book: _Parts) -> str:
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    first = next(workbook.iter(f"{_MAIN}sheet"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in rels if r.get("Id") == first.get(f"{_REL}id"))
    return target.lstrip("/") if target.startswith("/xl/") else f"xl/{target}"


def _column_number(reference: str, fallback: int) -> int:
    letters = re.match(r"[A-Z]+", reference)
    if not letters:
        return fallback
    number = 0
    for letter in letters.group():
        number = number * 26 + ord(letter) - 64
    return number - 1


def _cell_text(cell: ElementTree.Element, shared: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_MAIN}t")).strip()
    value = cell.findtext(f"{_MAIN}v") or ""
    if kind == "s" and value.isdigit():
        return shared[int(value)].strip()
    return value.strip().removesuffix(".0")


def code_rows(table: list[list[str]]) -> list[tuple[str, str]]:
    """(code, name) pairs: by the 科目编码/科目名称 header when there is one, else the first two columns."""
    code_col, name_col, start = 0, 1, 0
    for number, row in enumerate(table[:10]):
        headers = [cell.replace(" ", "") for cell in row]
        code_at = next((i for i, h in enumerate(headers) if h.lower() in _CODE_HEADERS), None)
        name_at = next((i for i, h in enumerate(headers) if h.lower() in _NAME_HEADERS), None)
        if code_at is not None and name_at is not None:
            code_col, name_col, start = code_at, name_at, number + 1
            break
    pairs = []
    for row in table[start:]:
        if len(row) <= max(code_col, name_col):
            continue
        code, name = row[code_col].replace(" ", ""), row[name_col].strip()
        if code and name and scheme_of(code):
            pairs.append((code, name))
    return pairs


def import_list(path: Path, scheme: str, year: int, replace: bool = False) -> list[ImportResult]:
    """Write the file's rows as the user's edition for `year`; an economic file may hold 3xx and 5xx rows."""
    if not path.exists():
        raise InputError(f"找不到文件 file not found: {path}")
    pairs = code_rows(read_table(path))
    by_scheme: dict[str, list[tuple[str, str]]] = {}
    for code, name in pairs:
        found = scheme_of(code)
        if found == scheme or (scheme == "economic" and found == "government-economic"):
            by_scheme.setdefault(found, []).append((code, name))
    if not by_scheme:
        raise InputError(
            f"未找到科目编码和科目名称 no {scheme} code/name rows found in {path} (expected 科目编码 and 科目名称 columns)"
        )
    results = [_write(target, rows, year, replace, path.name) for target, rows in sorted(by_scheme.items())]
    clear_cache()
    return results


def _write(scheme: str, rows: list[tuple[str, str]], year: int, replace: bool, origin: str) -> ImportResult:
    bundled = bundled_index(scheme)
    folder = imported_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for stale in (folder / f"{scheme}-{year}.tsv", folder / f"{scheme}-{year}-replace.tsv"):
        stale.unlink(missing_ok=True)
    target = folder / f"{scheme}-{year}{'-replace' if replace else ''}.tsv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "name", "source_text"])
        for code, name in rows:
            writer.writerow([code, name, f"imported from {origin} as the {year} edition"])
    new_codes, renamed = [], []
    for code, name in rows:
        known = bundled.lookup(code, year)
        if known is None:
            new_codes.append(code)
        elif not same_name(known.name, name):
            renamed.append((code, known.name, name))
    return ImportResult(scheme, year, target, len(rows), new_codes, renamed)
