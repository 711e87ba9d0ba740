"""Fuzz the readers and the CLI with inputs the project has not seen, through the command line.

Each input is written to a fresh folder and checked by `python -m budget_graph validate … --format json`
in a subprocess (cwd: this checkout), with a time limit. A run fails the harness when:

- its exit status is not 0, 1 or 2, or it ran out of time (over 10 s is reported as slow);
- stderr holds a traceback, or the report an internal error (`内部错误`);
- a file it could not read gives more than one line on stderr, or no entry naming it;
- a damaged input (cut short, bytes flipped, figures garbled) gives an error-level finding its original
  does not give (by rule and figures): an error resting on a table read in doubt. Such runs are listed as
  `new errors` to look at: a garbled figure the reader took for a number is a bug, a figure it may
  rightly read (a dash for 0) is not, and a text garbled with one (`00012`, `-`, `12\u200b3`, full-width
  digits) is held to no promise but a clean run;
- an input that only re-encodes the original (GB18030, UTF-16, CRLF…) gives other findings than it.

Inputs: the bundled sample (lines dropped, columns shifted, figures replaced by garbage, re-encoded, as
a web page with broken tables), corpus PDFs (cut at many offsets, bits flipped, streams rewritten, the
xref damaged, pages dropped, doubled, moved or alone, encrypted, turned into pictures), their
`pdftotext -layout` text, workbooks (the Shanghai templates damaged, cells garbled; an .xls cut short and
its bytes damaged), the sample as a Word document (cut, its XML damaged, a figure garbled), files of one kind
named as another, folders mixing good and bad files, and `load --store` given a bad file.

Deterministic for a seed. One process at a time (the machine is shared).

    python scripts/fuzz_inputs.py [--seed N] [--count N] [--only KIND...] [--keep DIR]

`--count` scales the number of random mutants of each kind; `--keep` keeps every failing input there.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from budget_graph.model import is_number, prints_nothing  # noqa: E402
from budget_graph.read.source import visible  # noqa: E402
from tests.synthetic_pdf import mapped_text_pdf  # noqa: E402
from tests.test_text_forms import as_html_page  # noqa: E402
from tests.word_documents import as_blocks, write_docx  # noqa: E402

SAMPLE = ROOT / "samples" / "luohu-2024.md"
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()
TEMPLATES = (ROOT / ".." / "shared" / "data" / "shanghai-budget-templates-xlsx").resolve()
OLD_WORKBOOK = ROOT / "tests" / "data" / "workbooks" / "整本.xls"  # a filing in Excel's old format
TIME_LIMIT = 60.0
SLOW = 10.0

# What a case promises about its findings, against its original's.
SAME = "same"  # a re-encoding: the original's findings exactly
NO_NEW_ERRORS = "no new errors"  # damaged: no error the original does not give
ANY = "any"  # a real edit (a line dropped): any findings, only a clean run


@dataclass
class Case:
    kind: str
    name: str
    files: dict[str, bytes]  # file name → content, written in the case's folder
    promise: str = ANY
    original: str | None = None  # the key of the original's findings
    bad: tuple[str, ...] = ()  # files that must be named as unreadable (folder cases)


@dataclass
class Outcome:
    case: Case
    status: int | None
    seconds: float
    problems: list[str] = field(default_factory=list)


# ---- running -------------------------------------------------------------------------------------


def run_cli(args: list[str], cwd: Path = ROOT) -> tuple[int | None, str, str, float]:
    start = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "budget_graph", *args],
            cwd=cwd,
            capture_output=True,
            timeout=TIME_LIMIT,
            env=_environment(),
        )
    except subprocess.TimeoutExpired:
        return None, "", "", time.monotonic() - start
    out, err = (stream.decode("utf-8", "replace") for stream in (done.stdout, done.stderr))
    return done.returncode, out, err, time.monotonic() - start


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def error_figures(report: dict) -> Counter[tuple]:
    """The errors by rule and figures: a damaged glyph in a title or a label (a quotation mark lost) changes
    a finding's words and fingerprint, not the error."""
    return Counter(
        (finding["rule"], finding.get("expected"), finding.get("actual"))
        for filing in report["filings"]
        for finding in filing["findings"]
        if finding["severity"] == "error"
    )


def all_fingerprints(report: dict) -> Counter[str]:
    return Counter(
        (finding["fingerprint"], finding["severity"])
        for filing in report["filings"]
        for finding in filing["findings"]
    )


def check_run(case: Case, folder: Path, originals: dict[str, dict]) -> Outcome:
    paths = [str(folder / name) for name in case.files]
    status, out, err, seconds = run_cli(["validate", *paths, "--format", "json"])
    outcome = Outcome(case, status, seconds)
    problems = outcome.problems
    if status is None:
        problems.append(f"no answer in {TIME_LIMIT:.0f} s")
        return outcome
    if seconds > SLOW:
        problems.append(f"slow: {seconds:.1f} s")
    if status not in (0, 1, 2):
        problems.append(f"exit status {status}")
    if "Traceback" in err:
        problems.append("traceback on stderr: " + err.strip().splitlines()[-1])
    try:
        report = json.loads(out)
    except ValueError:
        problems.append(f"no JSON report (status {status}): {err.strip()[:200]}")
        return outcome
    problems += _unchecked_problems(case, report, err, len(paths))
    problems += _finding_problems(case, report, originals)
    return outcome


def _unchecked_problems(case: Case, report: dict, err: str, files: int) -> list[str]:
    problems = []
    for entry in report["unchecked"]:
        if "内部错误" in entry["error"] or "internal error" in entry["error"]:
            problems.append("internal error: " + entry["error"])
    named = {Path(source).name for entry in report["unchecked"] for source in entry["source"]}
    problems += [f"bad file not named: {name}" for name in case.bad if name not in named]
    # one file not read: its one line; a batch names its bad files in the report (and a summary table)
    if files == 1 and report["unchecked"] and len(err.strip().splitlines()) != 1:
        problems.append(f"stderr of a file not read is {len(err.strip().splitlines())} lines")
    return problems


def _finding_problems(case: Case, report: dict, originals: dict[str, dict]) -> list[str]:
    if case.original is None or case.promise == ANY or case.original not in originals:
        return []
    original = originals[case.original]
    if case.promise == SAME:
        if all_fingerprints(report) != all_fingerprints(original) or report["unchecked"]:
            return [f"findings differ from the original's: {report['summary']} vs {original['summary']}"]
        return []
    new = error_figures(report) - error_figures(original)
    if not new:
        return []
    messages = [
        f"{finding['rule']} {finding['message'][:120]}"
        for filing in report["filings"]
        for finding in filing["findings"]
        if finding["severity"] == "error"
        and (finding["rule"], finding.get("expected"), finding.get("actual")) in new
    ]
    return [f"new errors: {len(messages)}: " + " | ".join(messages[:3])]


# ---- text cases ----------------------------------------------------------------------------------

GARBAGE = [
    "1,2,3", "—", "-", "1.2.3", "１２３．４５", "（123）", "12,345.678", "nan", "NaN", "inf", "1e5",
    "9" * 400, "-0", "+5", "1 234.56", "12.34.", ".5", "5.", "１,２３４", "½", "٣٤٥", "〇", "一百",
    "12%", "$12", "1_000", "0x1F", "(1,234.00)", "−12.5", "12.5-", "#VALUE!", "1,,000", ",", ".",
    "00012", "1.0e-3", "12\u200b3", "1\u00a0234", "1,234.5.6", "-.", "--5", "∞", "12万", "壹佰",
]  # fmt: skip
NUMBER = re.compile(r"(?<![\w.,])-?\d[\d,]*(?:\.\d+)?(?![\w.,])")


def _garble(rng: random.Random, lines: list[str], tabbed: bool) -> tuple[str, bool]:
    """A figure replaced by garbage: in a table row (tabbed) or anywhere; and whether the garbage reads
    as a figure after all ('00012', '-', '12\u200b3'): then the edit is a real one."""
    places = [i for i, line in enumerate(lines) if NUMBER.search(line) and (not tabbed or "\t" in line)]
    at = rng.choice(places)
    found = rng.choice(list(NUMBER.finditer(lines[at])))
    token = rng.choice(GARBAGE)
    lines[at] = lines[at][: found.start()] + token + lines[at][found.end() :]
    return f"line {at + 1}: {found.group()!r} → {token!r}", is_number(visible(token)) or prints_nothing(token)


def _drop_lines(rng: random.Random, lines: list[str]) -> str:
    at, count = rng.randrange(len(lines)), rng.randint(1, 20)
    del lines[at : at + count]
    return f"drop lines {at + 1}+{count}"


def _shift_columns(rng: random.Random, lines: list[str]) -> str:
    """A tab put in or taken out of a table row: its cells one column off."""
    rows = [i for i, line in enumerate(lines) if "\t" in line]
    at = rng.choice(rows)
    tabs = [m.start() for m in re.finditer("\t", lines[at])]
    place = rng.choice(tabs)
    line = lines[at]
    lines[at] = line[:place] + line[place + 1 :] if rng.random() < 0.5 else line[:place] + "\t" + line[place:]
    return f"a column shifted in line {at + 1}"


def text_edits(
    rng: random.Random, text: str, count: int, prefix: str, suffix: str, original: str
) -> Iterator[Case]:
    """Random mutants of a text: garbled figures promise no new error; dropped lines and shifted columns
    are real edits (any findings, a clean run)."""
    tabbed = "\t" in text
    for index in range(count):
        lines = text.split("\n")
        roll = rng.random()
        if roll < 0.6:
            garbled = [_garble(rng, lines, tabbed) for _ in range(rng.randint(1, 3))]
            done = [what for what, _ in garbled]
            promise = ANY if any(figure for _, figure in garbled) else NO_NEW_ERRORS
        else:
            edit = _shift_columns if tabbed and roll < 0.8 else _drop_lines
            done = [edit(rng, lines) for _ in range(rng.randint(1, 3))]
            promise = ANY
        data = "\n".join(lines).encode("utf-8")
        yield Case(prefix, f"{prefix} {index}: " + "; ".join(done), {f"m{suffix}": data}, promise, original)


def encodings(text: str, original: str) -> Iterator[Case]:
    """The same text as other editors save it: the same findings."""
    forms: dict[str, bytes] = {
        "GB18030": text.encode("gb18030"),
        "UTF-8 with BOM": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "UTF-16 LE with BOM": text.encode("utf-16"),
        "UTF-16 BE with BOM": b"\xfe\xff" + text.encode("utf-16-be"),
        "CRLF": text.replace("\n", "\r\n").encode("utf-8"),
        "CRLF GB18030": text.replace("\n", "\r\n").encode("gb18030"),
        "trailing spaces": "\n".join(line + "  " for line in text.split("\n")).encode("utf-8"),
    }
    with contextlib.suppress(UnicodeEncodeError):  # GBK lacks a few characters GB18030 has
        forms["GBK"] = text.encode("gbk")
    for name, data in forms.items():
        yield Case("encoding", f"encoding: {name}", {"m.md": data}, SAME, original)
    odd = {
        "CR only": text.replace("\n", "\r").encode("utf-8"),
        "UTF-16 LE without BOM": text.encode("utf-16-le"),
        "UTF-32 with BOM": text.encode("utf-32"),
        "UTF-8 read as Latin-1 and saved again": text.encode("utf-8").decode("latin-1").encode("utf-8"),
        "NUL after every line": text.replace("\n", "\x00\n").encode("utf-8"),
        "UTF-16 cut at an odd byte": text.encode("utf-16")[:20001],
    }
    for name, data in odd.items():
        yield Case("encoding", f"encoding: {name}", {"m.md": data}, NO_NEW_ERRORS, original)


def odd_texts(rng: random.Random) -> Iterator[Case]:
    """Files that are no filing, or are at a size or shape no filing has."""
    sample = SAMPLE.read_text(encoding="utf-8")
    forms: dict[str, tuple[str, bytes]] = {
        "empty": ("m.md", b""),
        "blank lines": ("m.md", b"\n \n\t\n" * 100),
        "random bytes": ("m.md", rng.randbytes(5000)),
        "PNG named .md": ("m.md", b"\x89PNG\r\n\x1a\n" + rng.randbytes(3000)),
        "zip named .txt": ("m.txt", _zip({"a.txt": b"hello"})),
        "a news article": ("m.md", ("今日天气晴，气温二十度。市民出行踊跃。\n" * 50).encode()),
        "a title alone": ("m.md", "# 深圳市罗湖区企业服务中心2024年部门预算\n".encode()),
        "one huge line": ("m.md", ("预算" * 1_500_000).encode()),
        "one huge line of figures": ("m.md", ("\t1,234.56" * 300_000).encode()),
        "a row of 100,000 cells": ("m.md", (sample[:3000] + "\n合计" + "\t1.00" * 100_000 + "\n").encode()),
        "100,000 tab lines": ("m.md", ("表一：收支总表\n" + "\t\t\n" * 100_000).encode()),
        "the sample fifty times": ("m.md", ("\n".join([sample] * 50)).encode()),
        "the sample with a NUL in the middle": ("m.md", (sample[:5000] + "\x00" + sample[5000:]).encode()),
        "a PDF named .md": ("m.md", mapped_text_pdf(["hello"])),
        "HTML nested 5,000 deep": ("m.html", ("<div>" * 5000 + "预算" + "</div>" * 5000).encode()),
        "tables nested 300 deep": ("m.html", ("<table><tr><td>" * 300 + "1" + "</td></tr></table>" * 300).encode()),
    }  # fmt: skip
    for name, (file, data) in forms.items():
        yield Case("odd text", f"odd text: {name}", {file: data})


def html_cases(rng: random.Random, count: int) -> Iterator[Case]:
    """The sample as a web page, its tables broken: spans beyond the table, zero, negative or huge,
    tables nested in cells, rows outside a table, tags left open."""
    page = as_html_page(tuple(SAMPLE.read_text(encoding="utf-8").split("\n")))
    edits: list[tuple[str, Callable[[str], str]]] = [
        ("colspan 1000 on a header", lambda s: s.replace("<th>", '<th colspan="1000">', 1)),
        ("rowspan 100000 on a cell", lambda s: s.replace("<td>", '<td rowspan="100000">', 3)),
        ("colspan 0", lambda s: s.replace("<td>", '<td colspan="0">', 5)),
        ("colspan -3", lambda s: s.replace("<td>", '<td colspan="-3">', 5)),
        ("colspan abc", lambda s: s.replace("<td>", '<td colspan="abc">', 5)),
        ("rowspan 10^30", lambda s: s.replace("<td>", '<td rowspan="1' + "0" * 30 + '">', 2)),
        ("colspan 2.5", lambda s: s.replace("<td>", '<td colspan="2.5">', 5)),
        ("nested table", lambda s: s.replace("<td>", "<td><table><tr><td>1</td><td>2</td></tr></table>", 4)),
        ("no </table>", lambda s: s.replace("</table>", "")),
        ("no <tr>", lambda s: s.replace("<tr>", "")),
        ("td outside a table", lambda s: s.replace("<table>", "", 2)),
        ("surrogate entities", lambda s: s.replace("<td>", "<td>&#xD800;&#0;", 5)),
        ("charset gbk declared, utf-8 given", lambda s: s.replace('charset="utf-8"', 'charset="gbk"')),
        ("th everywhere", lambda s: s.replace("<td>", "<th>").replace("</td>", "</th>")),
        ("empty cells", lambda s: re.sub(r"<td>[^<]*</td>", "<td></td>", s)),
    ]
    for name, edit in edits:
        # emptied cells print empty tables: the narrative's figures they lack are real errors of that page
        promise = ANY if name == "empty cells" else NO_NEW_ERRORS
        yield Case("html", f"html: {name}", {"m.html": edit(page).encode("utf-8")}, promise, "html")
    cells = [m.span() for m in re.finditer(r"<t[dh][^>]*>", page)]
    for index in range(count):
        spans = []
        text = page
        for start, end in sorted(rng.sample(cells, 3), reverse=True):
            attribute = rng.choice(["colspan", "rowspan"])
            value = rng.choice(["2", "5", "50", "0", "-1", ""])
            text = text[: end - 1] + f' {attribute}="{value}"' + text[end - 1 :]
            spans.append(f"{attribute}={value!r} at {start}")
        yield Case(
            "html", f"html {index}: " + ", ".join(spans), {"m.html": text.encode()}, NO_NEW_ERRORS, "html"
        )


# ---- PDF cases -----------------------------------------------------------------------------------


def _pdf_pages(data: bytes, order: list[int]) -> bytes:
    source = pdfium.PdfDocument(data)
    made = pdfium.PdfDocument.new()
    if order:
        made.import_pages(source, order)
    buffer = io.BytesIO()
    made.save(buffer)
    made.close()
    source.close()
    return buffer.getvalue()


def _page_count(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    count = len(document)
    document.close()
    return count


def _blank_pdf(pages: int) -> bytes:
    made = pdfium.PdfDocument.new()
    for _ in range(pages):
        made.new_page(595, 842)
    buffer = io.BytesIO()
    made.save(buffer)
    made.close()
    return buffer.getvalue()


def _streams(data: bytes) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        if end > match.end() + 16:
            spans.append((match.end(), end))
    return spans


def _content_edit(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A Flate stream inflated, a few numbers in it changed (text moved, a glyph swapped), deflated
    again: the file's offsets no longer hold, as a careless editor leaves them."""
    for _ in range(20):
        begin, end = rng.choice(_streams(data))
        try:
            plain = zlib.decompress(data[begin:end].rstrip(b"\r\n"))
        except zlib.error:
            continue
        numbers = list(re.finditer(rb"-?\d+(?:\.\d+)?", plain))
        if not numbers:
            continue
        changed = plain
        for found in sorted(rng.sample(numbers, min(5, len(numbers))), key=lambda m: -m.start()):
            new = str(rng.choice([0, 1, 7, 99, 400, -50])).encode()
            changed = changed[: found.start()] + new + changed[found.end() :]
        return data[:begin] + zlib.compress(changed) + b"\n" + data[end:], f"numbers of stream at {begin}"
    return data, "no stream inflated"


def _xref_damage(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    choices: list[tuple[str, Callable[[bytes], bytes]]] = [
        ("startxref 0", lambda d: re.sub(rb"startxref\s+\d+", b"startxref\n0", d)),
        ("startxref far", lambda d: re.sub(rb"startxref\s+\d+", b"startxref\n99999999", d)),
        ("xref table blanked", lambda d: re.sub(rb"\d{10} \d{5} [nf]", b"0000000000 00000 n", d)),
        ("no trailer", lambda d: d.replace(b"trailer", b"xxxxxxx")),
        ("no %%EOF", lambda d: d.replace(b"%%EOF", b"")),
        ("offsets shifted", lambda d: d[:9] + b"% padding\n" + d[9:]),
    ]
    name, edit = rng.choice(choices)
    return edit(data), name


def pdf_cases(rng: random.Random, path: Path, count: int, key: str) -> Iterator[Case]:
    data = path.read_bytes()
    pages = _page_count(data)
    for fraction in (0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999):
        cut = int(len(data) * fraction)
        yield Case("pdf cut", f"{key} cut at byte {cut}", {"m.pdf": data[:cut]}, NO_NEW_ERRORS, key)
    for index in range(count):
        roll = rng.random()
        if roll < 0.35:
            flipped = bytearray(data)
            for _ in range(rng.randint(1, 6)):
                begin, end = rng.choice(_streams(data))
                flipped[rng.randrange(begin, end)] ^= 1 << rng.randrange(8)
            yield Case(
                "pdf bits", f"{key} {index}: bits flipped", {"m.pdf": bytes(flipped)}, NO_NEW_ERRORS, key
            )
        elif roll < 0.65:
            edited, done = _content_edit(rng, data)
            # digits in a stream are positions and glyph codes too: the page may print other figures
            yield Case("pdf stream", f"{key} {index}: {done}", {"m.pdf": edited})
        elif roll < 0.8:
            edited, done = _xref_damage(rng, data)
            yield Case("pdf xref", f"{key} {index}: {done}", {"m.pdf": edited}, NO_NEW_ERRORS, key)
        else:
            order = list(range(pages))
            rng.shuffle(order)
            order = order[: rng.randint(1, pages)] + ([order[0]] if rng.random() < 0.5 else [])
            yield Case("pdf pages", f"{key} {index}: pages {order}", {"m.pdf": _pdf_pages(data, order)})
    for page in range(pages):
        yield Case("pdf page alone", f"{key} page {page + 1} alone", {"m.pdf": _pdf_pages(data, [page])})


def ghostscript(path: Path, *options: str) -> bytes | None:
    """The PDF rewritten by ghostscript with these options (None when gs is absent or fails)."""
    if shutil.which("gs") is None:
        return None
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        out = Path(folder) / "out.pdf"
        done = subprocess.run(
            ["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", *options, "-o", str(out), str(path)],
            capture_output=True,
            timeout=300,
        )
        return out.read_bytes() if done.returncode == 0 and out.exists() else None


def whole_pdf_cases(path: Path) -> Iterator[Case]:
    """A PDF as a whole made otherwise: encrypted, only pictures, no pages, too many pages, not a filing."""
    made = {
        "encrypted with a user password": ghostscript(
            path, "-sDEVICE=pdfwrite", "-sOwnerPassword=owner", "-sUserPassword=user", "-dEncryptionR=3",
            "-dKeyLength=128",
        ),
        "encrypted with an owner password only": ghostscript(
            path, "-sDEVICE=pdfwrite", "-sOwnerPassword=owner", "-dEncryptionR=3", "-dKeyLength=128",
            "-dPermissions=-3904",
        ),
        "pictures only": ghostscript(path, "-sDEVICE=pdfimage24", "-r60"),
        "no page": _blank_pdf(0),
        "one blank page": _blank_pdf(1),
        "2,001 blank pages": _blank_pdf(2001),
        "not a filing": mapped_text_pdf(["Quarterly newsletter", "The weather was fine and 12 people came."]),
        "a Chinese page that is not a filing": mapped_text_pdf(["今日新闻", "今天共有 1,234 人参加了活动，增长 12.5%。"]),
        "a filing's title alone": mapped_text_pdf(["上海市普陀区财政局2025年部门预算"]),
        "HTML named .pdf": b"<html><body><table><tr><td>1</td></tr></table></body></html>",
        "zip named .pdf": _zip({"a": b"b"}),
    }  # fmt: skip
    for name, data in made.items():
        if data is not None:
            yield Case("whole pdf", f"{path.name}: {name}", {"m.pdf": data})


# ---- workbook cases ------------------------------------------------------------------------------


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _unzipped(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _garbled_book(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Figures of the workbook's sheets replaced in its XML by garbage, errors or odd values."""
    parts = _unzipped(data)
    sheets = [name for name in parts if name.startswith("xl/worksheets/sheet")]
    name = rng.choice(sheets)
    xml = parts[name].decode("utf-8")
    # a cell's own figure, not a text cell's index into the shared strings (t="s": the text is the edit)
    values = list(re.finditer(r'<c (?![^>]*t="s")[^>]*>(?:<f>[^<]*</f>)?<v>(-?[\d.E+-]+)</v>', xml))
    if not values:
        return data, f"{name}: no figure"
    done = []
    for found in sorted(rng.sample(values, min(4, len(values))), key=lambda m: -m.start()):
        new = rng.choice(["1E+308", "-1E+308", "NaN", "INF", "1e-320", "", "abc", "99999999999999999999"])
        xml = xml[: found.start(1)] + new + xml[found.end(1) :]
        done.append(new)
    parts[name] = xml.encode("utf-8")
    return _zip(parts), f"{name}: figures → {done}"


def xlsx_cases(rng: random.Random, path: Path, count: int, key: str) -> Iterator[Case]:
    data = path.read_bytes()
    parts = _unzipped(data)
    for fraction in (0.05, 0.5, 0.95):
        cut = int(len(data) * fraction)
        yield Case("xlsx", f"{key} cut at byte {cut}", {"m.xlsx": data[:cut]}, NO_NEW_ERRORS, key)
    sheet = next(name for name in parts if name.startswith("xl/worksheets/sheet"))
    made = {
        "a zip of garbage": _zip({"garbage.bin": rng.randbytes(2000)}),
        "OLE (encrypted workbook) header": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(4000),
        "random bytes": rng.randbytes(5000),
        "no workbook.xml": _zip({k: v for k, v in parts.items() if k != "xl/workbook.xml"}),
        "no shared strings": _zip({k: v for k, v in parts.items() if k != "xl/sharedStrings.xml"}),
        "a sheet of garbage XML": _zip({**parts, sheet: b"<worksheet><sheetData><row><c"}),
        "a sheet of random bytes": _zip({**parts, sheet: rng.randbytes(3000)}),
        "every sheet empty": _zip(
            {k: (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
                 if k.startswith("xl/worksheets/sheet") else v) for k, v in parts.items()}
        ),
        "a merge beyond the sheet": _zip({**parts, sheet: _with_merge(parts[sheet], "A1:XFD1048576")}),
        "a cell at XFD1048576": _zip({**parts, sheet: _with_far_cell(parts[sheet])}),
        "a PDF named .xlsx": mapped_text_pdf(["x"]),
    }  # fmt: skip
    for name, made_data in made.items():
        yield Case("xlsx", f"{key}: {name}", {"m.xlsx": made_data})
    for index in range(count):
        if rng.random() < 0.5:
            garbled, done = _garbled_book(rng, data)
            yield Case("xlsx", f"{key} {index}: {done}", {"m.xlsx": garbled}, NO_NEW_ERRORS, key)
        else:
            flipped = bytearray(data)
            for _ in range(rng.randint(1, 4)):
                flipped[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            yield Case("xlsx", f"{key} {index}: bits flipped", {"m.xlsx": bytes(flipped)}, NO_NEW_ERRORS, key)


def xls_cases(rng: random.Random, path: Path, count: int, key: str) -> Iterator[Case]:
    """An .xls (BIFF8 in an OLE file): cut short, bits flipped, a run of its bytes overwritten. Its
    numbers are binary, so damage may make another valid figure: held to a clean run only."""
    data = path.read_bytes()
    for fraction in (0.05, 0.5, 0.95):
        cut = int(len(data) * fraction)
        yield Case("xls", f"{key} cut at byte {cut}", {"m.xls": data[:cut]}, NO_NEW_ERRORS, key)
    yield Case("xls", f"{key} named .xlsx", {"m.xlsx": data}, NO_NEW_ERRORS, key)
    for index in range(count):
        damaged = bytearray(data)
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 4)):
                damaged[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            done = "bits flipped"
        else:
            start, length = rng.randrange(len(data)), rng.randint(2, 64)
            damaged[start : start + length] = rng.randbytes(len(damaged[start : start + length]))
            done = f"bytes {start}+{length} overwritten"
        yield Case("xls", f"{key} {index}: {done}", {"m.xls": bytes(damaged)}, ANY, key)


def docx_cases(rng: random.Random, count: int, key: str) -> Iterator[Case]:
    """The sample as a Word document: cut short, bits flipped, its XML damaged, its parts missing."""
    with tempfile.TemporaryDirectory() as scratch:
        data = write_docx(
            Path(scratch) / "s.docx", as_blocks(list(SAMPLE.read_text(encoding="utf-8").split("\n")))
        )
        data = data.read_bytes()
    parts = _unzipped(data)
    for fraction in (0.05, 0.5, 0.95):
        cut = int(len(data) * fraction)
        yield Case("docx", f"{key} cut at byte {cut}", {"m.docx": data[:cut]}, NO_NEW_ERRORS, key)
    body = parts["word/document.xml"]
    made = {
        "no document.xml": _zip({k: v for k, v in parts.items() if k != "word/document.xml"}),
        "no styles": _zip({k: v for k, v in parts.items() if k != "word/styles.xml"}),
        "styles of garbage": _zip({**parts, "word/styles.xml": rng.randbytes(500)}),
        "a body cut in half": _zip({**parts, "word/document.xml": body[: len(body) // 2]}),
        "a .doc (OLE) named .docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(4000),
        "an xlsx named .docx": TEMPLATES.joinpath("department_budget_template.xlsx").read_bytes()
        if TEMPLATES.is_dir()
        else _zip({"xl/workbook.xml": b"<workbook/>"}),
    }
    for name, made_data in made.items():
        yield Case("docx", f"{key}: {name}", {"m.docx": made_data})
    for index in range(count):
        if rng.random() < 0.5:  # a cell's figure garbled in the XML, as a damaged save would
            figures = list(re.finditer(rb">(\d[\d,]*\.\d\d)<", body))
            hit = rng.choice(figures)
            garbage = rng.choice([b"", b"-", b"1O.00", b"12 3", hit.group(1) + b"0", b"&#8203;"])
            garbled = body[: hit.start(1)] + garbage + body[hit.end(1) :]
            yield Case(
                "docx",
                f"{key} {index}: a figure → {garbage!r}",
                {"m.docx": _zip({**parts, "word/document.xml": garbled})},
                ANY,
                key,
            )
        else:
            flipped = bytearray(data)
            for _ in range(rng.randint(1, 4)):
                flipped[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            yield Case("docx", f"{key} {index}: bits flipped", {"m.docx": bytes(flipped)}, NO_NEW_ERRORS, key)


def _with_merge(xml: bytes, ranged: str) -> bytes:
    merge = f'<mergeCells count="1"><mergeCell ref="{ranged}"/></mergeCells>'.encode()
    if b"<mergeCells" in xml:
        return re.sub(rb"<mergeCells[^>]*>", b'<mergeCells count="99">' + merge[19:-14], xml, count=1)
    return xml.replace(b"</sheetData>", b"</sheetData>" + merge, 1)


def _with_far_cell(xml: bytes) -> bytes:
    return xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>', 1
    )


# ---- folders and the store -----------------------------------------------------------------------


def folder_cases(rng: random.Random, pdf: Path) -> Iterator[Case]:
    """Good and bad files in one run: every good one reported, every bad one named."""
    good = {"good.md": SAMPLE.read_bytes(), "good.pdf": pdf.read_bytes()}
    bad = {
        "empty.md": b"",
        "garbage.pdf": rng.randbytes(3000),
        "cut.pdf": pdf.read_bytes()[:5000],
        "garbage.xlsx": rng.randbytes(3000),
        "news.md": "今日天气晴。\n".encode() * 30,
    }
    yield Case("folder", "good and bad files", {**good, **bad}, bad=tuple(bad))


def store_check(folder: Path, pdf: Path) -> list[str]:
    """`load --store` of good and bad files: the bad named, nothing of them stored, the store answers."""
    (folder / "good.md").write_bytes(SAMPLE.read_bytes())
    (folder / "cut.pdf").write_bytes(pdf.read_bytes()[:4000])
    (folder / "empty.md").write_bytes(b"")
    store = folder / "store"
    problems = []
    for files in (["cut.pdf"], ["good.md", "cut.pdf", "empty.md"], ["empty.md"]):
        status, _, err, _ = run_cli(["load", *[str(folder / f) for f in files], "--store", str(store)])
        if status != 2 or "Traceback" in err:
            problems.append(f"load {files}: status {status}, stderr {err.strip()[-300:]!r}")
    status, out, err, _ = run_cli(
        [
            "query",
            "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a bg:Filing }",
            "--store",
            str(store),
            "--format",
            "csv",
        ]
    )
    if status != 0 or "Traceback" in err:
        problems.append(f"query after bad loads: status {status}, stderr {err.strip()[-300:]!r}")
    elif out.split() != ["n", "1"]:
        problems.append(f"the store holds other than the one good filing: {out.strip()[:300]!r}")
    return problems


# ---- the run -------------------------------------------------------------------------------------


def corpus_pdfs() -> list[Path]:
    return sorted(CORPUS.rglob("*.pdf"), key=lambda path: (path.stat().st_size, str(path)))


def laid_out(path: Path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True)
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def originals(work: Path) -> dict[str, Path]:
    """The unmutated inputs whose findings the mutants are held to, by key."""
    found = {"sample": SAMPLE}
    html = work / "original.html"
    html.write_text(as_html_page(tuple(SAMPLE.read_text(encoding="utf-8").split("\n"))), encoding="utf-8")
    found["html"] = html
    pdfs = corpus_pdfs()
    if pdfs:
        found["small pdf"] = pdfs[0]
        found["jiangsu pdf"] = next((p for p in pdfs if "省检察院" in p.name), pdfs[len(pdfs) // 2])
        text = laid_out(pdfs[0])
        if text is not None:
            (work / "original.txt").write_text(text, encoding="utf-8")
            found["laid out"] = work / "original.txt"
    for template in sorted(TEMPLATES.glob("*.xlsx"))[:1]:
        found["workbook"] = template
    found["old workbook"] = OLD_WORKBOOK
    return found


def cases(rng: random.Random, count: int, sources: dict[str, Path]) -> Iterator[Case]:
    sample = SAMPLE.read_text(encoding="utf-8")
    yield from encodings(sample, "sample")
    yield from odd_texts(rng)
    yield from text_edits(rng, sample, 4 * count, "text", ".md", "sample")
    yield from html_cases(rng, count)
    if "laid out" in sources:
        text = sources["laid out"].read_text(encoding="utf-8")
        yield from text_edits(rng, text, 2 * count, "laid-out text", ".txt", "laid out")
    for key in ("small pdf", "jiangsu pdf"):
        if key in sources:
            yield from pdf_cases(rng, sources[key], 2 * count, key)
    if "small pdf" in sources:
        yield from whole_pdf_cases(sources["small pdf"])
        yield from folder_cases(rng, sources["small pdf"])
    if "workbook" in sources:
        yield from xlsx_cases(rng, sources["workbook"], count, "workbook")
    yield from xls_cases(rng, sources["old workbook"], count, "old workbook")
    yield from docx_cases(rng, count, "sample")


def summary(outcomes: list[Outcome], store_problems: list[str]) -> int:
    statuses = Counter(outcome.status for outcome in outcomes)
    by_kind = Counter(outcome.case.kind for outcome in outcomes)
    failed = [outcome for outcome in outcomes if outcome.problems]
    slowest = max(outcomes, key=lambda outcome: outcome.seconds)
    print(f"\ninputs tried: {len(outcomes)}  ({', '.join(f'{k}: {n}' for k, n in sorted(by_kind.items()))})")
    print(f"exit statuses: {dict(sorted(statuses.items(), key=str))}")
    print(f"slowest: {slowest.seconds:.1f} s ({slowest.case.name})")
    print(f"store with bad files: {'ok' if not store_problems else '; '.join(store_problems)}")
    print(f"runs with problems: {len(failed)}")
    for outcome in failed:
        print(
            f"  [{outcome.case.kind}] {outcome.case.name} → {outcome.status}: {'; '.join(outcome.problems)}"
        )
    return 1 if failed or store_problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--count", type=int, default=10, help="random mutants of each kind (scaled per kind)")
    parser.add_argument("--only", nargs="*", help="kinds of case to run (e.g. 'pdf cut' html)")
    parser.add_argument("--keep", type=Path, help="keep each failing input in this folder")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="fuzz-inputs-") as scratch:
        work = Path(scratch)
        sources = originals(work)
        reports = {key: _report(path) for key, path in sources.items()}
        outcomes = []
        for index, case in enumerate(cases(rng, args.count, sources)):
            if args.only and case.kind not in args.only:
                continue
            outcome = _run_case(case, work / f"case-{index}", reports, args.keep)
            print(
                f"{outcome.status!s:>4} {outcome.seconds:5.1f}s {'!' if outcome.problems else ' '} {case.name}"
            )
            outcomes.append(outcome)
        store_problems = [] if args.only else _store_run(work, sources)
    return summary(outcomes, store_problems)


def _report(path: Path) -> dict:
    status, out, err, _ = run_cli(["validate", str(path), "--format", "json"])
    if status not in (0, 1):
        raise SystemExit(f"the original {path} does not check: {status} {err}")
    return json.loads(out)


def _run_case(case: Case, folder: Path, reports: dict[str, dict], keep: Path | None) -> Outcome:
    folder.mkdir()
    for name, data in case.files.items():
        (folder / name).write_bytes(data)
    outcome = check_run(case, folder, reports)
    if outcome.problems and keep is not None:
        shutil.copytree(folder, keep / folder.name, dirs_exist_ok=True)
        (keep / folder.name / "CASE.txt").write_text(f"{case.name}\n{outcome.problems}\n", encoding="utf-8")
    shutil.rmtree(folder)
    return outcome


def _store_run(work: Path, sources: dict[str, Path]) -> list[str]:
    if "small pdf" not in sources:
        return []
    folder = work / "store-case"
    folder.mkdir()
    return store_check(folder, sources["small pdf"])


if __name__ == "__main__":
    sys.exit(main())
