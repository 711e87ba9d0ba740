"""The README's first command, as a user runs it: the installed package on the bundled sample."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_validate_the_sample_finds_its_one_error(tmp_path: Path, sample_path: Path) -> None:
    # run from elsewhere, so the installed package (its shapes, ontology, code lists) is the one used
    result = subprocess.run(
        [sys.executable, "-m", "budget_graph", "validate", str(sample_path), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    [filing] = report["filings"]
    assert (filing["unit"], filing["year"], filing["kind"], filing["level"]) == (
        "深圳市罗湖区企业服务中心（本级）",
        2024,
        "budget",
        "department",
    )
    errors = [f for f in filing["findings"] if f["severity"] == "error"]
    assert [(e["rule"], e["locations"][0]["line"]) for e in errors] == [("BG-Y001", 97)]
    assert "6.06亿元" in errors[0]["message"] and errors[0]["message_en"]
    # the contract's fields (the report may grow others: extend, don't rename)
    assert {key: report["summary"][key] for key in ("filings", "errors", "warnings")} == {
        "filings": 1,
        "errors": 1,
        "warnings": 0,
    }
    rounding = [f for f in filing["findings"] if "四舍五入" in f["message"]]
    assert rounding and all(f["severity"] == "info" for f in rounding)


def test_every_package_is_shipped() -> None:
    """pyproject lists the packages by hand (ontology/, shapes/, queries/ are mapped in): none forgotten."""
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "budget_graph").rglob("__init__.py")
    }
    assert found <= listed, found - listed
