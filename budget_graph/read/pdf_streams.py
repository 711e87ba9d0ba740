"""A PDF's compressed streams that no longer inflate: damage pdfium reads past without a word.

A flipped bit or a cut inside a Flate stream ends pdfium's inflating it there: a page's content stream
loses its later text (a table, or the rows after a point), a font its map, and the page is drawn and
read as if that were all it held. pdfium says nothing of it, so the file's streams are inflated here
(under 0.1 s a MB, a small part of reading the file): a stream that stops short or fails its check is
damage, and what the reader took from the file may be incomplete. Pictures are left out: damage to them
loses no text.
An encrypted file's streams (a PDF restricted by an owner password opens without one) are left alone:
they inflate only once pdfium has decrypted them.
"""

from __future__ import annotations

import re
import zlib

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_HEAD = 2000  # bytes before a stream searched for its dictionary
_END = b"endstream"
_ENCRYPTED = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")  # the trailer's encryption dictionary


def damaged_streams(data: bytes) -> int:
    """How many of the PDF's Flate streams (pictures aside) fail to inflate to their end."""
    if _ENCRYPTED.search(data):
        return 0
    return sum(1 for start, end in _flate_streams(data) if not _inflates(data[start:end]))


def _flate_streams(data: bytes) -> list[tuple[int, int]]:
    """Where each Flate stream's bytes start and end, pictures aside (by the dictionary before it)."""
    found = []
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - _HEAD) : match.start()]
        head = head[head.rfind(b"obj") + 1 :]  # its own object's dictionary, not the one before it
        end = data.find(_END, match.end())
        if end > 0 and b"/FlateDecode" in head and b"/Image" not in head:
            found.append((match.end(), end))
    return found


def _inflates(stream: bytes) -> bool:
    inflater = zlib.decompressobj()
    try:
        inflater.decompress(stream)
    except zlib.error:
        return False
    return inflater.eof  # a stream cut short never reaches the end of its compressed data
