"""Opening a source file: bytes to text, with one clear error for anything that is not a readable file."""

from __future__ import annotations

from pathlib import Path

from budget_graph.errors import InputError


def read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except IsADirectoryError as error:
        raise InputError(f"这是文件夹而不是文件 is a folder, not a file: {path}") from error
    except OSError as error:
        raise InputError(f"无法读取文件 cannot read {path}: {error.strerror}") from error
    if not data.strip():
        raise InputError(f"文件为空 file is empty: {path}")
    return data


def read_text_file(path: Path) -> str:
    """The file as text (UTF-8, or GB18030 as Chinese Windows tools save it); binary files are refused."""
    data = read_bytes(path)
    if b"\x00" in data[:8192]:
        raise InputError(f"不是文本文件（二进制内容） not a text file (binary content): {path}")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"无法识别文件编码 cannot decode the text of {path} (neither UTF-8 nor GB18030)")
