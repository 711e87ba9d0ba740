"""Bad input gets one line on stderr and exit status 2, no traceback.

Misuse (a path that does not exist, a folder without filings) gets no report at all; a file that
cannot be read is named in the report too, beside the filings that could (tests/test_batch_isolation.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _validate(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "budget_graph", "validate", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # this tree's code, run from elsewhere
        timeout=120,
    )


def _one_line(result: subprocess.CompletedProcess, words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert words in lines[0]


def _assert_refused(result: subprocess.CompletedProcess, words: str) -> None:
    _one_line(result, words)
    assert result.stdout == ""


def _assert_unreadable(result: subprocess.CompletedProcess, words: str) -> None:
    """One line on stderr, and the report says the same: no filing, one file not checked."""
    _one_line(result, words)
    assert "未能检查 not checked (1)" in result.stdout and words in result.stdout
    assert result.stdout.splitlines()[-1].startswith("共 0 份文件")


def test_missing_file(tmp_path: Path) -> None:
    _assert_refused(_validate("nope.md", cwd=tmp_path), "file not found")


def test_folder_without_filings(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    _assert_refused(_validate("empty", cwd=tmp_path), "no filings in folder")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_text("  \n\n", encoding="utf-8")
    _assert_unreadable(_validate("empty.md", cwd=tmp_path), "file is empty")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_bytes(bytes(range(256)) * 8)
    _assert_unreadable(_validate("data.txt", cwd=tmp_path), "not a text file")


def test_text_that_is_not_a_filing(tmp_path: Path) -> None:
    (tmp_path / "poem.md").write_text("# 静夜思\n\n床前明月光，疑是地上霜。\n", encoding="utf-8")
    _assert_unreadable(_validate("poem.md", cwd=tmp_path), "not a budget filing")


def test_a_bad_file_beside_a_good_one_is_named_in_the_report_file(tmp_path: Path, sample_path: Path) -> None:
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    result = _validate(str(sample_path), "empty.md", "--format", "json", "-o", "report.out", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    report = json.loads((tmp_path / "report.out").read_text(encoding="utf-8"))
    assert [filing["source"] for filing in report["filings"]] == [[str(sample_path)]]
    assert report["unchecked"] == [{"source": ["empty.md"], "error": "文件为空 file is empty: empty.md"}]


def test_misuse_is_status_2(tmp_path: Path) -> None:
    result = _validate("--format", "xml", "x.md", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_folder_skips_text_files_that_are_not_filings(tmp_path: Path, sample_path: Path) -> None:
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / "luohu.md").write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "batch" / "PROVENANCE.txt").write_text(
        "source: 罗湖区政府网站\npath: 2024年深圳市罗湖区企业服务中心部门预算.pdf\n", encoding="utf-8"
    )
    result = _validate("batch", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1 and '"filings": 1' in result.stdout, result.stderr
