"""A web page printed to PDF by a browser engine, as a site's visitor prints a disclosure: Chromium
(headless `--print-to-pdf`) or WeasyPrint. Tests skip when the engine, or a font with Chinese glyphs,
is absent (.ci/run installs Chromium and such a font; WeasyPrint comes with the test extras)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PRINTERS = ("chromium", "weasyprint")


def print_page(page: Path, target: Path, printer: str) -> None:
    if printer == "chromium":
        command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]
        subprocess.run([*command, f"--print-to-pdf={target}", page.as_uri()], check=True, capture_output=True)
    else:
        import weasyprint

        weasyprint.HTML(filename=str(page)).write_pdf(target, presentational_hints=True)


def _chinese_font() -> bool:
    """Does fontconfig know a font with Chinese glyphs (without one, a printed page has no text)?"""
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(listed.stdout.strip())


def skip_unless_printer(printer: str) -> None:
    """Skip the test when `printer` cannot print a Chinese page here."""
    if not _chinese_font():
        pytest.skip("no font with Chinese glyphs")
    if printer == "chromium" and shutil.which("chromium") is None:
        pytest.skip("chromium absent")
    if printer == "weasyprint":
        try:
            import weasyprint  # noqa: F401
        except (ImportError, OSError):  # OSError: the pango library it draws with is absent
            pytest.skip("weasyprint absent")
