"""A PDF whose compressed streams no longer inflate (bits flipped, a stream cut): pdfium reads past the
damage without a word and the page loses what came after it, so the reader says so and no error rests on
what it may have lost (found by scripts/fuzz_inputs.py)."""

from __future__ import annotations

import zlib
from pathlib import Path

from budget_graph.check.engine import check_filing
from budget_graph.read.pdf import read_pdf
from budget_graph.read.pdf_streams import damaged_streams

CONTENT = zlib.compress(b"BT /F1 12 Tf 72 720 Td (2024) Tj ET\n" * 50)


def _object(head: bytes, stream: bytes) -> bytes:
    return (
        b"4 0 obj\r<<"
        + head
        + b" /Length %d>>\r\nstream\r\n" % len(stream)
        + stream
        + b"\r\nendstream\rendobj\r"
    )


def _flipped(data: bytes, at: int, bit: int = 0) -> bytes:
    return data[:at] + bytes([data[at] ^ 1 << bit]) + data[at + 1 :]


def test_a_stream_that_fails_to_inflate_is_damage_a_picture_is_not_counted() -> None:
    assert damaged_streams(_object(b"/Filter /FlateDecode", CONTENT)) == 0
    assert damaged_streams(_object(b"/Filter /FlateDecode", _flipped(CONTENT, 20, 3))) == 1
    assert damaged_streams(_object(b"/Filter /FlateDecode", CONTENT[: len(CONTENT) // 2])) == 1  # cut short
    assert damaged_streams(_object(b"/Subtype /Image /Filter /FlateDecode", _flipped(CONTENT, 20, 3))) == 0


def test_a_font_program_is_not_counted_and_an_endstream_opens_no_stream() -> None:
    damaged = _flipped(CONTENT, 20, 3)
    for font in (b"/Length1 4000", b"/Subtype /CIDFontType0C", b"/Subtype/OpenType"):
        assert damaged_streams(_object(font + b" /Filter /FlateDecode", damaged)) == 0
    # a keyword not opening a stream, then an object text after an 'endstream' line: no stream there
    text = b"1 0 obj<</Filter /FlateDecode>>streamx\rendstream\r\n2 0 obj<<>>endobj endstream"
    assert damaged_streams(text + _object(b"/Filter /FlateDecode", CONTENT)) == 0


def test_an_encrypted_files_streams_are_not_taken_for_damage() -> None:
    # restricted by an owner password only, it opens without one: its streams inflate once decrypted
    cipher = _object(b"/Filter /FlateDecode", bytes(byte ^ 0x5A for byte in CONTENT))
    assert damaged_streams(cipher + b"trailer\r<</Size 5 /Root 1 0 R /Encrypt 3 0 R>>") == 0
    assert damaged_streams(cipher) == 1


def test_corpus_pdfs_have_no_damaged_streams(corpus: Path) -> None:
    assert {pdf.name: damaged_streams(pdf.read_bytes()) for pdf in corpus.rglob("*.pdf")} == {
        pdf.name: 0 for pdf in corpus.rglob("*.pdf")
    }


def test_a_table_lost_to_a_damaged_stream_is_no_error(tmp_path: Path, corpus: Path) -> None:
    # two bits flipped in two pages' content streams: the 收支总表 is lost, and was said missing (BG-C001)
    [original] = (corpus / "sh-putuo-caizhengju-2025-yusuan").glob("*.pdf")
    path = tmp_path / "damaged.pdf"
    path.write_bytes(_flipped(_flipped(original.read_bytes(), 20075, 7), 36821, 1))
    filing = read_pdf(path)
    assert any("streams are damaged" in diagnostic.message for diagnostic in filing.diagnostics)
    assert filing.tables and all(table.doubts for table in filing.tables)
    report = check_filing(filing)
    assert {f.rule for f in report.findings if f.rule == "BG-C001"} == {"BG-C001"}
    assert [f.rule for f in report.findings if f.severity.value == "error"] == []
