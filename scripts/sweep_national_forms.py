"""Read a department's budget in the Ministry of Finance's forms (tests/national_forms.py), made up from a
seed, in every variant of its forms and every way it reaches a reader, and say what was read.

Each variant is set as a web page and read; printed by Chromium and by WeasyPrint (with and without
rules) and read; and each print's `pdftotext -layout` text read. For each it prints the tables read as
the page reads them (of those with rows), the tables in doubt and the error findings (the filing agrees
with itself, so every error is a reading's). What the sweeps found is in docs/unseen-filings.md ("The
Ministry of Finance's forms, made up from a seed").

Not a test: it needs Chromium, WeasyPrint, pdftotext and a font with Chinese glyphs, and takes a few
minutes. tests/test_national_forms.py holds the findings to it.

    python scripts/sweep_national_forms.py OUT [--seed 7] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from budget_graph.check.engine import check_filing
from budget_graph.model import Filing
from budget_graph.read import read_file
from tests.national_forms import Form, as_html, make_budget
from tests.printing import PRINTERS, print_page
from tests.tables import reading

FORMS = {
    "ministry": Form(),
    "yuan": Form(yuan=True),
    "codes-split": Form(split_codes=True),
    "unit-in-titles": Form(unit_in_titles=True, numbering="表{cn}"),
    "numbered-gk": Form(numbering="公开{n:02d}表"),
    "change": Form(change=True),
    "basic-sides": Form(basic_sides=True),
    "three-public-one-year": Form(three_public_years=1),
    "by-unit": Form(by_unit=True, zero="-"),
    "in-table": Form(in_table=True, thead=True),
    "procurement": Form(procurement="items"),
    "figures-left": Form(figures_left=True, change=True, split_codes=True),
    "a5": Form(paper="A5", thead=True),
    "landscape": Form(paper="A4 landscape", basic_sides=True),
}


def summary(read: Filing, page: Filing) -> str:
    same = sum(
        reading(a)[1:] == reading(b)[1:] for a, b in zip(read.tables, page.tables, strict=False) if b.rows
    )
    errors = [f for f in check_filing(read).findings if f.severity.value == "error"]
    doubts = sum(1 for table in read.tables if table.doubts)
    shown = " | ".join(f"{f.rule} {f.actual}" for f in errors[:3])
    return f"tables {len(read.tables)}, as the page {same}, in doubt {doubts}, errors {len(errors)} {shown}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", nargs="*", choices=list(FORMS), default=list(FORMS))
    args = parser.parse_args()
    laid_out = shutil.which("pdftotext") is not None
    for name in args.only:
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        page = folder / "budget.html"
        page.write_text(as_html(make_budget(args.seed), FORMS[name]), encoding="utf-8")
        original = read_file(page)
        print(f"{name}: web page: {summary(original, original)}")
        for rules in (True, False):
            html = page if rules else folder / "bare.html"
            if not rules:
                bare = replace(FORMS[name], rules=False)
                html.write_text(as_html(make_budget(args.seed), bare), encoding="utf-8")
            for printer in PRINTERS:
                pdf = folder / f"{printer}{'' if rules else '-bare'}.pdf"
                print_page(html, pdf, printer)
                print(f"  {pdf.stem}: {summary(read_file(pdf), original)}")
                if laid_out and rules:
                    text = pdf.with_suffix(".txt")
                    subprocess.run(["pdftotext", "-layout", str(pdf), str(text)], check=True)
                    print(f"  {pdf.stem} laid out: {summary(read_file(text), original)}")


if __name__ == "__main__":
    main()
