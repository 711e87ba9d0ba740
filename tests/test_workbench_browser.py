"""The workbench and the HTML report in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by Selenium. A corpus PDF uploaded through the page's file input gives a report in
which every error finding shows its figures boxed on the page image; a report saved by `validate --format
html` shows the same offline; an upload over the limit or of the wrong kind is refused in the page.

Screenshots go to test-artefacts/ (ignored by git) for a person to look at after a run."""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from budget_graph.cli import main
from tests.conftest import ROOT
from tests.workbench_server import serving

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support import expected_conditions as shown  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

WANLI = "sh-putuo-wanli-jiedao-2023-yusuan"
ARTEFACTS = ROOT / "test-artefacts"
CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="chromium and chromium-driver (Debian) are absent"
)


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def workbench():
    with serving() as base:
        yield base


@pytest.fixture(scope="module")
def wanli_pdf(corpus) -> Path:
    pdfs = sorted((corpus / WANLI).glob("*.pdf"))
    if not pdfs:
        pytest.skip(f"{WANLI} is absent")
    return pdfs[0]


def _screenshot(driver: WebDriver, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTEFACTS / name))


def _error_groups_with_boxes(driver: WebDriver) -> list[tuple[WebElement, list[WebElement]]]:
    """Each error group of the report on screen, with its boxes that the browser shows (drawn, not empty)."""
    groups = driver.find_elements(By.CSS_SELECTOR, "article.group.error")
    return [
        (group, [box for box in group.find_elements(By.CSS_SELECTOR, "rect.box") if _drawn(box)])
        for group in groups
    ]


def _drawn(box: WebElement) -> bool:
    return box.is_displayed() and box.size["width"] > 0 and box.size["height"] > 0


def _errors(report: dict) -> list[dict]:
    return [f for filing in report["filings"] for f in filing["findings"] if f["severity"] == "error"]


def _assert_every_error_is_boxed(driver: WebDriver, report: dict) -> None:
    errors = _errors(report)
    shown_errors = driver.find_elements(By.CSS_SELECTOR, "div.finding.error")
    assert errors and len(shown_errors) == len(errors)
    text = driver.find_element(By.TAG_NAME, "body").text
    assert all(error["message"] in text for error in errors)
    groups = _error_groups_with_boxes(driver)
    assert groups and all(boxes for _, boxes in groups)
    for group, boxes in groups:  # each box sits on its page image, inside the picture
        picture = group.find_element(By.CSS_SELECTOR, "figure.page svg").rect
        for box in boxes:
            assert picture["x"] <= box.rect["x"] and box.rect["x"] + box.rect["width"] <= (
                picture["x"] + picture["width"] + 1
            )


def test_a_corpus_pdf_uploaded_through_the_page_shows_every_error_boxed(
    browser, workbench, wanli_pdf
) -> None:
    browser.get(workbench)
    assert "预决算公开检查" in browser.title
    started = time.monotonic()
    browser.find_element(By.ID, "files").send_keys(str(wanli_pdf))
    WebDriverWait(browser, 180).until(shown.visibility_of_element_located((By.ID, "downloads")))
    seconds = time.monotonic() - started
    status = browser.find_element(By.ID, "status").text
    assert status.startswith("完成 done in") and "错误 errors" in status
    json_link = browser.find_element(By.ID, "get-json").get_attribute("href")
    with urllib.request.urlopen(json_link, timeout=30) as answer:
        report = json.load(answer)
    assert report["filings"][0]["source"] == [wanli_pdf.name]
    frame = browser.find_element(By.ID, "report")
    WebDriverWait(browser, 60).until(shown.frame_to_be_available_and_switch_to_it(frame))
    WebDriverWait(browser, 60).until(shown.presence_of_element_located((By.CSS_SELECTOR, "footer")))
    _assert_every_error_is_boxed(browser, report)
    first_box = _error_groups_with_boxes(browser)[0][1][0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", first_box)
    browser.switch_to.default_content()
    _screenshot(browser, "workbench-wanli.png")
    print(f"upload to report in the browser: {seconds:.1f} s")  # shown with pytest -s


def test_a_saved_html_report_shows_every_error_boxed_offline(browser, wanli_pdf, tmp_path) -> None:
    runner = CliRunner()
    runner.invoke(main, ["validate", str(wanli_pdf), "--format", "json", "-o", str(tmp_path / "r.json")])
    runner.invoke(main, ["validate", str(wanli_pdf), "--format", "html", "-o", str(tmp_path / "r.html")])
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    browser.get((tmp_path / "r.html").as_uri())
    _assert_every_error_is_boxed(browser, report)
    _screenshot(browser, "report-offline-wanli.png")


def test_a_text_report_marks_its_lines_offline(browser, sample_path, tmp_path) -> None:
    CliRunner().invoke(
        main, ["validate", str(sample_path), "--format", "html", "-o", str(tmp_path / "r.html")]
    )
    browser.get((tmp_path / "r.html").as_uri())
    groups = browser.find_elements(By.CSS_SELECTOR, "article.group.error")
    assert groups and all(g.find_elements(By.CSS_SELECTOR, "mark") for g in groups)
    assert not browser.find_elements(By.CSS_SELECTOR, "rect.box")  # text has no page to box on


def test_a_300_mb_file_is_refused_in_the_page_before_it_is_sent(browser, workbench, tmp_path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as out:  # sparse: 300 MB on the file system, nothing on the disk or in memory
        out.truncate(300 * 1024 * 1024)
    browser.get(workbench)
    browser.find_element(By.ID, "files").send_keys(str(big))
    refused = WebDriverWait(browser, 30).until(shown.visibility_of_element_located((By.ID, "refused")))
    assert "上传文件过大 upload too large (300.0 MB) — 上限 limit 100 MB" in refused.text
    assert "BUDGET_GRAPH_MAX_UPLOAD_MB" in refused.text
    assert not browser.find_element(By.ID, "report").is_displayed()
    _screenshot(browser, "workbench-too-large.png")


def test_the_servers_refusal_shows_in_the_page_with_its_status(browser, workbench, tmp_path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要，与预算无关。", encoding="utf-8")
    browser.get(workbench)
    browser.find_element(By.ID, "files").send_keys(str(notes))
    refused = WebDriverWait(browser, 60).until(shown.visibility_of_element_located((By.ID, "refused")))
    assert "未能检查 nothing could be checked" in refused.text and "(HTTP 422)" in refused.text
    assert "notes.txt" in refused.text and not browser.find_element(By.ID, "downloads").is_displayed()
