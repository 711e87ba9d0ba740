"""Read a department's budget in the Ministry of Finance's forms (tests/national_forms.py), or its final
accounts (`--accounts`: tests/national_accounts.py), made up from a seed, in every variant of its forms and
every way it reaches a reader, and say what was read.

Each variant is set as a web page and read; printed by Chromium and by WeasyPrint (with and without
rules) and read; and each print's `pdftotext -layout` text read. For each it prints the tables read as
the page reads them (of those with rows), the tables in doubt and the error findings (the filing agrees
with itself, so every error is a reading's). What the sweeps found is in docs/unseen-filings.md ("The
Ministry of Finance's forms, made up from a seed").

Not a test: it needs Chromium, WeasyPrint, pdftotext and a font with Chinese glyphs, and takes a few
minutes. tests/test_national_forms.py holds the findings to it.

    python scripts/sweep_national_forms.py OUT [--accounts] [--seed 7] [--only NAME ...]
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
from tests import national_accounts, national_forms
from tests.national_accounts import AccountsForm
from tests.national_forms import Form
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
    "by-purpose": Form(by_purpose=True),
}
ACCOUNTS = {
    "ministry": AccountsForm(),
    "yuan": AccountsForm(yuan=True),
    "codes-split": AccountsForm(split_codes=True),
    "unnumbered": AccountsForm(numbers=False, numbering="表{n}"),
    "unit-in-titles": AccountsForm(unit_in_titles=True, zero="0.00"),
    "in-table": AccountsForm(in_table=True, thead=True),
    "figures-left": AccountsForm(figures_left=True, split_codes=True),
    "a5": AccountsForm(paper="A5", thead=True),
    "landscape": AccountsForm(paper="A4 landscape"),
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
    parser.add_argument("--accounts", action="store_true", help="the final accounts' forms (部门决算)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", nargs="*", choices=sorted({*FORMS, *ACCOUNTS}))
    args = parser.parse_args()
    forms = ACCOUNTS if args.accounts else FORMS
    module = national_accounts if args.accounts else national_forms
    figures = (national_accounts.make_accounts if args.accounts else national_forms.make_budget)(args.seed)
    laid_out = shutil.which("pdftotext") is not None
    for name in args.only or forms:
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        page = folder / "budget.html"
        page.write_text(module.as_html(figures, forms[name]), encoding="utf-8")
        original = read_file(page)
        print(f"{name}: web page: {summary(original, original)}")
        for rules in (True, False):
            html = page if rules else folder / "bare.html"
            if not rules:
                bare = replace(forms[name], rules=False)
                html.write_text(module.as_html(figures, bare), encoding="utf-8")
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
