"""Opening a source file: bytes to text, with one clear error for anything that is not a readable file."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from budget_graph.errors import InputError
from budget_graph.limits import TEXT_SIZE, Limit, megabytes

# an OLE compound file: an old .xls or .doc, or an xlsx or docx Office encrypted
OLE_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# the one stream an encrypted xlsx or docx holds its zip in (the file's directory names are UTF-16)
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

# UTF-16 as Windows tools save 'Unicode' text: known by its byte order mark, not guessed
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def read_bytes(path: Path, limit: Limit = TEXT_SIZE) -> bytes:
    """The file's bytes; refused before reading when it is larger than `limit`."""
    try:
        size = path.stat().st_size
        if size > limit.bytes():
            raise limit.exceeded(f"文件过大 file too large: {path}", megabytes(size))
        data = path.read_bytes()
    except IsADirectoryError as error:
        raise InputError(f"这是文件夹而不是文件 is a folder, not a file: {path}") from error
    except OSError as error:
        raise InputError(f"无法读取文件 cannot read {path}: {error.strerror}") from error
    if not data.strip():
        raise InputError(f"文件为空 file is empty: {path}")
    return data


def encrypted_office_file(data: bytes) -> bool:
    """An xlsx or docx Office encrypted with a password: an OLE file holding its zip as EncryptedPackage."""
    return data.startswith(OLE_FILE) and _ENCRYPTED_PACKAGE in data


def read_text_file(path: Path, limit: Limit = TEXT_SIZE) -> str:
    """The file as text (UTF-8, or GB18030 as Chinese Windows tools save it, or UTF-16 with its byte order
    mark), a carriage return alone a line's end as editors show it (old Mac tools end every line so: the
    file was one line), invisible characters dropped; binary files are refused."""
    return visible(_LONE_CR.sub("\n", _decoded(path, limit)))


_LONE_CR = re.compile(r"\r(?!\n)")
# Format characters no reader sees (zero-width spaces and joiners, the word joiner, a byte order mark
# inside the text, a soft hyphen, direction marks): pasted from web pages and editors, they sit inside
# figures ('12\u200b3') and words, so a figure would read as words and a name would not match its own
INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"  # a class's body
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def _lookalikes() -> dict[int, str]:
    """Radicals and compatibility ideographs a font's map to Unicode may name for the character a glyph
    prints (Word and WPS exports map 支 to ⽀ U+2F40, 车 to ⻋ U+2ECB): they look the same on the page, but
    no title, subject or sentence would match. Kangxi radicals and compatibility ideographs fold by
    Unicode's own compatibility mapping; of the supplement's radicals, those printed as whole characters;
    full-width digits to digits."""
    folds = {
        code: unicodedata.normalize("NFKC", chr(code))
        for block in (range(0x2F00, 0x2FD6), range(0xF900, 0xFB00))
        for code in block
    }
    radicals, characters = (
        "⺟⺠⻄⻅⻆⻉⻋⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
        "母民西见角贝车长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟",
    )
    folds.update((ord(radical), character) for radical, character in zip(radicals, characters, strict=True))
    # full-width digits, typed in a Chinese word processor: no year, code or figure pattern reads them
    folds.update((0xFF10 + digit, str(digit)) for digit in range(10))
    return {code: folded for code, folded in folds.items() if len(folded) == 1 and folded != chr(code)}


LOOKALIKES = _lookalikes()


def visible(text: str) -> str:
    """The text as a reader sees it: invisible format characters dropped, and the characters as printed."""
    return as_printed(_INVISIBLE.sub("", text))


def as_printed(text: str) -> str:
    """Lookalikes read as the characters they print, years in Chinese numerals in digits: one character
    for one, so that a PDF's text keeps its index into the page's glyphs."""
    return arabic_years(text.translate(LOOKALIKES))


# a year in Chinese numerals ('二〇二四年', '二○二五年度'): the same year as '2024年' to every pattern
_CHINESE_YEAR = re.compile(r"二[〇零○][〇零○一二三四五六七八九]{2}(?=\s*年)")
_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


def arabic_years(text: str) -> str:
    """Years in Chinese numerals written in digits, a digit for a numeral."""
    return _CHINESE_YEAR.sub(lambda year: year.group().translate(_CHINESE_DIGITS), text)


def _decoded(path: Path, limit: Limit) -> str:
    data = read_bytes(path, limit)
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(f"UTF-16 文本已损坏 damaged UTF-16 text: {path}") from error
    if b"\x00" in data[:8192]:
        raise InputError(f"不是文本文件（二进制内容） not a text file (binary content): {path}")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"无法识别文件编码 cannot decode the text of {path} (neither UTF-8 nor GB18030)")


def text_start(path: Path) -> str:
    """A glance at a file found in a folder: its start (up to the text size limit) as text, undecodable
    bytes replaced; '' when it cannot be read (reading it as a filing will say why)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(TEXT_SIZE.bytes())
    except OSError:
        return ""
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            return visible(data[len(bom) :].decode(encoding, errors="replace"))
    return visible(data.decode("utf-8", errors="replace"))
