"""An upload taken in: its files written to a temporary folder, within the size limit, or refused.

The size is checked twice: the declared Content-Length before a byte is read (a 300 MB upload is refused
at once), and the bytes as they arrive (a chunked body declares none). A body found too large on the way
is read on to its end, within a few seconds, and dropped, so that the browser, still sending, receives
the refusal instead of a reset connection. A body that takes longer than BUDGET_GRAPH_UPLOAD_SECONDS to
arrive is refused (408): a client trickling it would hold a connection and a folder.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.types import Message

from budget_graph.limits import UPLOAD_SIZE, UPLOAD_TIME, megabytes
from budget_graph.read import PDF_SUFFIXES, TEXT_SUFFIXES, WORD_SUFFIXES, WORKBOOK_SUFFIXES

ACCEPTED = sorted(PDF_SUFFIXES | TEXT_SUFFIXES | WORKBOOK_SUFFIXES | WORD_SUFFIXES)
MAX_FILES = 50
DRAIN_SECONDS = 5.0
_UNSAFE = re.compile(r'[\x00-\x1f/\\:*?"<>|]')


class Refused(Exception):
    """An upload not taken in: the status and the officer's message (Chinese, then English)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class _Counted:
    """The request's body, counted as it arrives; past `limit` bytes the parser gets no more."""

    receive: object
    limit: int
    seen: list[int]

    async def __call__(self) -> Message:
        message = await self.receive()  # type: ignore[operator]
        self.seen[0] += len(message.get("body", b""))
        if self.seen[0] > self.limit:
            raise _TooLarge
        return message


class _TooLarge(Exception):
    pass


async def receive_files(request: Request, folder: Path) -> list[Path]:
    """The uploaded files (form field `files`), each written into `folder` under its own name."""
    limit = UPLOAD_SIZE.bytes()
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "multipart/form-data":
        raise Refused(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "请以表单上传文件 send the files as multipart/form-data"
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(megabytes(int(declared)))
    seen = [0]
    counted = Request(request.scope, _Counted(request.receive, limit, seen))
    seconds = UPLOAD_TIME.value()
    try:
        async with asyncio.timeout(seconds), counted.form(max_files=MAX_FILES, max_fields=MAX_FILES) as form:
            uploads = [item for item in form.getlist("files") if isinstance(item, UploadFile)]
            if not uploads:
                raise Refused(HTTPStatus.BAD_REQUEST, "没有收到文件 no file received")
            return [await _keep(upload, folder, index) for index, upload in enumerate(uploads)]
    except _TooLarge:
        await _drain(request)
        raise _too_large(f"> {megabytes(limit)}") from None
    except TimeoutError:
        raise Refused(
            HTTPStatus.REQUEST_TIMEOUT,
            str(UPLOAD_TIME.exceeded("上传超时 upload too slow", f"{megabytes(seen[0])} in {seconds} s")),
        ) from None


def _too_large(amount: str) -> Refused:
    return Refused(
        HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
        str(UPLOAD_SIZE.exceeded("上传文件过大 upload too large", amount)),
    )


async def _keep(upload: UploadFile, folder: Path, index: int) -> Path:
    name = _safe_name(upload.filename or "")
    if Path(name).suffix.lower() not in ACCEPTED:
        raise Refused(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            f"不是预决算文件 not a filing: {name or '(no name)'} — 可上传 accepted: {' '.join(ACCEPTED)}",
        )
    path = folder / name
    if path.exists():  # two files of one name stay two files
        path = folder / f"{path.stem}-{index + 1}{path.suffix}"
    with path.open("wb") as out:
        await asyncio.to_thread(shutil.copyfileobj, upload.file, out)
    return path


def _safe_name(name: str) -> str:
    """The file's own name, with nothing that could lead out of the folder."""
    return _UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .") or "upload"


async def _drain(request: Request) -> None:
    """The rest of a refused body, read and dropped, for a few seconds at most."""
    try:
        async with asyncio.timeout(DRAIN_SECONDS):
            while True:
                message = await request.receive()
                if message["type"] != "http.request" or not message.get("more_body"):
                    return
    except TimeoutError:
        return
