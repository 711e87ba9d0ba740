"""Make the office files kept in tests/data: .xls workbooks (tests/data/workbooks) from the test's own
xlsx workbooks with LibreOffice, and encrypted xlsx and docx files.

The xls tests compare each old-format workbook with the xlsx it was saved from: the same tables, cells,
claims and findings. Writing BIFF8 takes office software (no well-kept Python library writes it), so
the files are made here once and kept; run this again when the workbooks in
tests/test_workbook_reader.py change. It needs LibreOffice and its Python bridge
(`apt-get install libreoffice-calc-nogui python3-uno`): the saving runs under the system Python,
which has the bridge, as `python3 scripts/make_office_fixtures.py --save SRC DST [PASSWORD]`. The
encrypted xlsx and docx are made with msoffcrypto-tool (`pip install msoffcrypto-tool`), as Office
encrypts them.

    python scripts/make_office_fixtures.py
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "workbooks"
WORD = ROOT / "tests" / "data" / "word"
PORT = 2002


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.test_workbook_reader import _income_book, far_book, whole_book
    from tests.word_documents import write_docx

    FIXTURES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        whole, far = whole_book(Path(scratch) / "整本.xlsx"), far_book(Path(scratch) / "远.xlsx")
        income = _income_book(Path(scratch) / "收入.xlsx")
        for source, target, password in [
            (whole, "整本.xls", ""),
            (income, "收入.xls", ""),
            (far, "远.xls", ""),
            (whole, "加密.xls", "secret"),
        ]:
            command = ["/usr/bin/python3", __file__, "--save", str(source), str(FIXTURES / target), password]
            subprocess.run(command, check=True, timeout=120)
            print(FIXTURES / target)
        encrypt(whole, FIXTURES / "加密.xlsx", "secret")
        print(FIXTURES / "加密.xlsx")
        WORD.mkdir(parents=True, exist_ok=True)
        document = write_docx(Path(scratch) / "说明.docx", ["2024年部门预算", "第一部分 部门概况"])
        encrypt(document, WORD / "加密.docx", "secret")
        print(WORD / "加密.docx")


def encrypt(source: Path, target: Path, password: str) -> None:
    """An xlsx or docx encrypted as Office encrypts it: an OLE file holding the zip as an
    EncryptedPackage."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as plain, target.open("wb") as locked:
        OOXMLFile(plain).encrypt(password, locked)


def save(source: str, target: str, password: str) -> None:
    """Open `source` in LibreOffice and save it as an .xls at `target`, encrypted if a password is given."""
    import uno  # LibreOffice's bridge: the system Python's python3-uno
    from com.sun.star.beans import PropertyValue

    def properties(**values: object) -> tuple:
        return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())

    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", f"--accept=socket,port={PORT};urp;"]
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):  # LibreOffice takes a few seconds to listen
        try:
            context = resolver.resolve(f"uno:socket,port={PORT};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source), "_blank", 0, properties(Hidden=True)
    )
    options = {"FilterName": "MS Excel 97"}
    if password:
        options["Password"] = password
    document.storeToURL(uno.systemPathToFileUrl(target), properties(**options))
    document.close(True)
    with contextlib.suppress(Exception):  # the bridge may close before terminate() answers
        desktop.terminate()
    office.wait(timeout=60)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--save"]:
        save(*sys.argv[2:5])
    else:
        main()
