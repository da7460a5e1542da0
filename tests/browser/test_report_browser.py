"""The inspector report in a real browser: Debian's headless chromium, driven over the Chrome
DevTools protocol through ``--remote-debugging-pipe`` (JSON messages ended by a NUL byte on
file descriptors 3 and 4), so no websocket client or selenium is needed.

The test clicks the verdict filter with real mouse events, checks which rows are visible,
follows an operand link, checks a hostile document ran no script, and saves screenshots to
``out/screenshots/`` for a person to look at. Skipped where ``/usr/bin/chromium`` is absent
(``make test-browser`` installs it).
"""
from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from recount.pipeline import report

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "out" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (make test-browser)"),
]


class Browser:
    """A headless chromium and one page, spoken to over the DevTools pipe."""

    def __init__(self, profile: Path, width: int = 1280, height: int = 1000):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_pipes():  # in the child: the protocol wants our pipes on fds 3 and 4
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.process = subprocess.Popen(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipes, close_fds=False,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, session: bool = False, timeout: float = 20, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.call("Page.navigate", session=True, url=url)
        deadline = time.monotonic() + 20
        while self.evaluate("document.readyState") != "complete":
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load")
            time.sleep(0.05)

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the first element matching ``selector``."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", session=True, type=kind, x=box[0], y=box[1],
                      button="left", clickCount=1)

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", session=True, format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    page = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield page
    page.close()


@pytest.fixture(scope="module")
def report_page(tmp_path_factory, corpus_dir):
    """A report over a ``recount run`` of three corpus documents, one with an inconsistency."""
    import pandas as pd

    from recount.pipeline import columns as C
    from recount.pipeline.run import run

    folder = tmp_path_factory.mktemp("docs")
    for name in ("vi_007_ha_noi_2022.txt", "vi_002_toan_quoc_2024_so_bo.txt", "vi_018_toan_quoc_2024.txt"):
        shutil.copy(corpus_dir / "docs" / name, folder / name)
    run_dir = tmp_path_factory.mktemp("run")
    run([str(folder)], str(run_dir), jobs=1, quiet=True, time_budget=None)
    checks = pd.read_parquet(run_dir / C.CHECKS)
    out = tmp_path_factory.mktemp("report") / "report.html"
    report.write_report(run_dir, out)
    return out, checks[C.VERDICT].tolist()


VISIBLE_VERDICTS = ("Array.from(document.querySelectorAll('tr.check'))"
                    ".filter(r => r.offsetParent !== null).map(r => r.dataset.verdict)")


def test_browser_filter_shows_only_the_clicked_verdict(browser, report_page):
    path, verdicts = report_page
    inconsistent = verdicts.count("inconsistent")
    assert inconsistent > 0
    browser.open(path.as_uri())
    assert sorted(browser.evaluate(VISIBLE_VERDICTS)) == sorted(verdicts)
    assert browser.evaluate("document.getElementById('shown-count').textContent") == \
        f"{len(verdicts)} of {len(verdicts)} checks shown"
    browser.screenshot(SCREENSHOTS / "report-all.png")

    browser.click('button[data-filter="inconsistent"]')
    assert browser.evaluate(VISIBLE_VERDICTS) == ["inconsistent"] * inconsistent
    # a document with no inconsistency says so instead of showing an empty table
    notes = browser.evaluate("Array.from(document.querySelectorAll('table.checks')).map("
                             "t => [t.querySelectorAll('tr.check:not([hidden])').length,"
                             " t.querySelector('tr.none-shown').offsetParent !== null])")
    assert notes and all((n == 0) == note_visible for n, note_visible in notes)
    assert browser.evaluate("document.querySelector('button[data-filter=inconsistent]')"
                            ".getAttribute('aria-pressed')") == "true"
    browser.evaluate("window.scrollTo(0, 0)")
    browser.screenshot(SCREENSHOTS / "report-inconsistent.png")

    browser.click('button[data-filter="consistent"]')
    assert set(browser.evaluate(VISIBLE_VERDICTS)) == {"consistent"}
    browser.click('button[data-filter="all"]')
    assert len(browser.evaluate(VISIBLE_VERDICTS)) == len(verdicts)


def test_browser_filter_applies_from_the_address(browser, report_page):
    path, verdicts = report_page
    browser.open(path.as_uri() + "#verdict=unverifiable")
    assert browser.evaluate(VISIBLE_VERDICTS) == ["unverifiable"] * verdicts.count("unverifiable")


def test_browser_operand_link_scrolls_to_its_highlighted_figure(browser, report_page):
    path, _ = report_page
    browser.open(path.as_uri())
    browser.click('button[data-filter="inconsistent"]')
    selector = 'tr.check[data-verdict="inconsistent"] a.operand'
    href = browser.evaluate(f"document.querySelector({json.dumps(selector)}).getAttribute('href')")
    browser.click(selector)
    time.sleep(0.2)
    assert browser.evaluate("location.hash") == href
    # the figure the link names is the :target the CSS rings, on screen below the sticky header
    inside = browser.evaluate(
        f"(() => {{ const e = document.getElementById({json.dumps(href[1:])});"
        " const r = e.getBoundingClientRect();"
        " const header = document.querySelector('header.top').getBoundingClientRect();"
        " return [e.matches(':target'), r.top >= header.bottom && r.bottom <= innerHeight]; })()")
    assert inside == [True, True]
    # following the link keeps the filter the reader chose
    assert set(browser.evaluate(VISIBLE_VERDICTS)) == {"inconsistent"}
    browser.screenshot(SCREENSHOTS / "report-operand.png")


def test_browser_hostile_text_runs_no_script(browser, tmp_path):
    source = tmp_path / "hostile.txt"
    source.write_text(
        "Báo cáo <script>window.owned = 1</script><img src=x onerror=\"window.owned = 2\">\n"
        "Đã thi hành xong 289 việc trên tổng số 327 việc có điều kiện, đạt tỷ lệ 88,38%.\n",
        encoding="utf-8")
    out = tmp_path / "hostile.html"
    report.write_report(source, out)
    browser.open(out.as_uri())
    time.sleep(0.2)
    assert browser.evaluate("typeof window.owned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('div.text img, div.text script').length") == 0
    assert "<script>window.owned = 1</script>" in browser.evaluate("document.querySelector('div.text').textContent")
    browser.screenshot(SCREENSHOTS / "report-hostile.png")
