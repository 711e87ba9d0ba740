"""`budget-graph serve`: the workbench over HTTP — a filing uploaded gives the same report as `validate`,
with its downloads; uploads too large, of the wrong kind or not filings are refused with a message; the
files do not outlive their report; with --store the SPARQL endpoint answers as before."""

from __future__ import annotations

import json
import re
import socket
import time
import urllib.parse

import pytest
from click.testing import CliRunner

from budget_graph.cli import main
from budget_graph.workbench.results import Results
from tests.serving import COUNT, make_store
from tests.workbench_server import call, file_of, serving, upload

_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*https?://""", re.I)


@pytest.fixture(scope="module")
def spool(tmp_path_factory):
    """The server's temporary folder (TMPDIR): where uploads live while they are checked."""
    return tmp_path_factory.mktemp("spool")


@pytest.fixture(scope="module")
def workbench(spool):
    with serving(env={"TMPDIR": str(spool)}) as base:
        yield base


def test_the_page_is_chinese_first_with_a_file_input_and_no_external_asset(workbench) -> None:
    status, body, headers = call(workbench, headers={"Accept": "text/html"})
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert '<html lang="zh-CN">' in page and "预决算公开检查" in page
    assert '<input id="files" type="file" name="files" multiple' in page and "100 MB" in page
    assert not _EXTERNAL.search(page)


def test_an_upload_gives_the_report_validate_gives_with_its_downloads(
    workbench, sample_path, tmp_path
) -> None:
    CliRunner().invoke(
        main, ["validate", str(sample_path), "--format", "json", "-o", str(tmp_path / "r.json")]
    )
    expected = json.loads((tmp_path / "r.json").read_text("utf-8"))
    status, answer = upload(workbench, file_of(sample_path))
    assert status == 200, answer
    assert answer["counts"]["error"] == sum(
        f["severity"] == "error" for filing in expected["filings"] for f in filing["findings"]
    )
    assert answer["counts"]["error"] > 0 and answer["filings"][0]["year"] == 2024
    report = json.loads(call(workbench + answer["downloads"]["report.json"].lstrip("/"))[1])
    assert [f["fingerprint"] for f in report["filings"][0]["findings"]] == [
        f["fingerprint"] for f in expected["filings"][0]["findings"]
    ]
    assert report["filings"][0]["source"] == ["luohu-2024.md"]  # the temporary folder is left out
    status, html, headers = call(workbench + answer["downloads"]["report.html"].lstrip("/"))
    assert status == 200 and headers["content-disposition"] == 'attachment; filename="report.html"'
    assert b"<code>luohu-2024.md</code>" in html and b"/tmp" not in html
    csv = call(workbench + answer["downloads"]["findings.csv"].lstrip("/"))[1]
    assert csv.startswith("\ufeff".encode()) and b"BG-" in csv


def test_the_files_are_deleted_once_the_report_is_made(workbench, spool, sample_path) -> None:
    assert upload(workbench, file_of(sample_path))[0] == 200
    assert not [p for p in spool.iterdir() if p.name.startswith("budget-graph-upload-")]


def test_a_report_unknown_or_expired_is_404(workbench) -> None:
    status, body, _ = call(workbench + "reports/no-such-id/report.html")
    assert status == 404 and "已过期" in json.loads(body)["error"]


def test_reports_expire_and_only_the_newest_are_kept() -> None:
    kept = Results(keep_seconds=3600, keep_reports=2)
    first, second, third = (kept.add({"report.html": str(n)}) for n in range(3))
    assert kept.get(first, "report.html") is None and kept.get(third, "report.html") == "2"
    assert kept.get(second, "report.html") == "1"
    expired = Results(keep_seconds=0.01)
    key = expired.add({"report.html": "x"})
    time.sleep(0.05)
    assert expired.get(key, "report.html") is None


def test_a_file_of_another_kind_is_refused_with_415(workbench) -> None:
    status, answer = upload(workbench, ("photo.png", b"\x89PNG"))
    assert status == 415 and "不是预决算文件 not a filing: photo.png" in answer["error"]


def test_a_text_that_is_no_filing_is_refused_with_422(workbench, spool) -> None:
    status, answer = upload(workbench, ("notes.txt", "会议纪要，与预算无关。".encode()))
    assert status == 422 and "未能检查 nothing could be checked" in answer["error"]
    assert "notes.txt" in answer["error"] and str(spool) not in answer["error"]


def test_a_form_without_files_is_400_and_a_plain_body_415(workbench) -> None:
    assert upload(workbench)[0] == 400
    assert call(workbench + "check", b"x", {"Content-Type": "text/plain"})[0] == 415


def _raw(base: str, head: bytes, body_chunks=()) -> bytes:
    """What the server answers to a request sent as raw bytes (the body possibly in chunks)."""
    port = urllib.parse.urlsplit(base).port
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head)
        for chunk in body_chunks:
            sock.sendall(chunk)
        answer = b""
        while data := sock.recv(65536):
            answer += data
    return answer


def test_a_300_mb_upload_is_refused_at_once_without_sending_it(workbench) -> None:
    head = (
        b"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
        b"Content-Length: 314572800\r\n\r\n--b\r\n"
    )
    answer = _raw(workbench, head).decode()
    assert answer.startswith("HTTP/1.1 413 ")
    error = json.loads(answer.split("\r\n\r\n", 1)[1])["error"]
    assert "上传文件过大 upload too large (300.0 MB) — 上限 limit 100 MB" in error
    assert "BUDGET_GRAPH_MAX_UPLOAD_MB" in error


@pytest.fixture(scope="module")
def small_workbench():
    with serving(env={"BUDGET_GRAPH_MAX_UPLOAD_MB": "1"}) as base:
        yield base


def _chunked(parts: list[bytes]) -> list[bytes]:
    return [b"%x\r\n%s\r\n" % (len(part), part) for part in parts] + [b"0\r\n\r\n"]


def test_a_chunked_body_over_the_limit_is_refused_as_it_arrives(small_workbench) -> None:
    head = (
        b"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    part = b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
    answer = _raw(small_workbench, head, _chunked([part] + [b"x" * 65536] * 20)).decode()  # 1.25 MB
    assert answer.startswith("HTTP/1.1 413 ")
    assert "上限 limit 1 MB" in answer.split("\r\n\r\n", 1)[1]


def test_under_a_lowered_limit_a_filing_still_passes(small_workbench, sample_path) -> None:
    status, answer = upload(small_workbench, file_of(sample_path))
    assert status == 200 and answer["counts"]["error"] > 0


def test_a_limit_that_is_no_number_stops_serve_with_one_line(monkeypatch) -> None:
    monkeypatch.setenv("BUDGET_GRAPH_MAX_UPLOAD_MB", "lots")
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 2 and "BUDGET_GRAPH_MAX_UPLOAD_MB" in result.output


# --- with --store: the endpoint as before, and a query page ---


@pytest.fixture(scope="module")
def with_store(tmp_path_factory):
    store = make_store(tmp_path_factory.mktemp("served") / "store")
    with serving("--store", str(store)) as base:
        yield base


def test_with_a_store_sparql_answers_and_the_page_is_still_there(with_store) -> None:
    query = urllib.parse.urlencode({"query": COUNT})
    for path in ("sparql", ""):
        status, body, headers = call(
            f"{with_store}{path}?{query}",
            headers={"Accept": "text/csv", "Origin": "https://elsewhere.example"},
        )
        assert (status, body) == (200, b"n\r\n300\r\n") and headers["access-control-allow-origin"] == "*"
    assert (
        b"sparql-service-description#Service" in call(with_store, headers={"Accept": "text/turtle"})[1]
    )  # / as before
    page = call(with_store, headers={"Accept": "text/html,*/*;q=0.8"})[1].decode()
    assert "预决算公开检查" in page and 'href="/query"' in page
    query_page = call(with_store + "query")[1].decode()
    assert '<form id="query" method="post" action="/sparql">' in query_page


def test_without_a_store_there_is_no_endpoint_and_uploads_are_not_cors_open(workbench, with_store) -> None:
    assert call(workbench + "sparql")[0] == 404
    status, _, headers = call(
        with_store + "check",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert status == 405 and "access-control-allow-origin" not in headers


def _named(base: str, host: str) -> str:
    head = f"GET / HTTP/1.1\r\nHost: {host}\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
    return _raw(base, head.encode()).decode("utf-8", "replace")


def test_only_requests_naming_this_machine_are_answered(workbench) -> None:
    # DNS rebinding: a page at attacker.example whose name now points at 127.0.0.1 sends its own name
    port = urllib.parse.urlsplit(workbench).port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "LOCALHOST"):
        assert _named(workbench, host).startswith("HTTP/1.1 200 "), host
    refused = _named(workbench, f"attacker.example:{port}")
    assert refused.startswith("HTTP/1.1 421 ")
    assert "不应答此主机名" in refused and "'attacker.example'" in refused and "--allow-host" in refused


def test_a_name_allowed_is_answered() -> None:
    with serving("--allow-host", "budget.example") as base:
        assert _named(base, "budget.example:80").startswith("HTTP/1.1 200 ")
        assert _named(base, "other.example").startswith("HTTP/1.1 421 ")


def test_the_names_answered_follow_the_address_listened_on() -> None:
    from budget_graph.store.server import LOOPBACK, host_name, served_hosts

    assert served_hosts("127.0.0.1") == LOOPBACK
    assert served_hosts("0.0.0.0") is None  # every address, no name given: the officer chose to open it
    assert served_hosts("0.0.0.0", ("Budget.Example",)) == LOOPBACK | {"budget.example"}
    assert served_hosts("192.168.1.5") == {"192.168.1.5"}
    assert [host_name(h) for h in ("[::1]:7878", "Example.org:80", "example.org")] == [
        "::1",
        "example.org",
        "example.org",
    ]


def test_an_upload_that_trickles_in_is_refused_after_its_time() -> None:
    head = (
        b"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
        b"Content-Length: 100000\r\n\r\n"
    )
    part = b'--b\r\nContent-Disposition: form-data; name="files"; filename="slow.txt"\r\n\r\nx'
    with serving(env={"BUDGET_GRAPH_UPLOAD_SECONDS": "1"}) as base:
        started = time.monotonic()
        answer = _raw(base, head, [part]).decode()  # the rest of the body never comes
        assert time.monotonic() - started < 20
    assert answer.startswith("HTTP/1.1 408 ")
    error = json.loads(answer.split("\r\n\r\n", 1)[1])["error"]
    assert "上传超时 upload too slow" in error and "BUDGET_GRAPH_UPLOAD_SECONDS" in error
