"""`deckgen preview`: the page on 127.0.0.1, reloading after each good save,
showing the located errors of a broken one, and recovering."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from deckgen.preview import HOST, PreviewServer
from deckgen.starter import write_starter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from loop_support import Running  # noqa: E402


def test_serves_on_loopback_only(tmp_path):
    page = tmp_path / "talk.html"
    page.write_text("<!DOCTYPE html><html><body><p>hi</p></body></html>")
    server = PreviewServer(page, 0)
    try:
        assert HOST == "127.0.0.1" and server.httpd.server_address[0] == "127.0.0.1"
        body = server.page_bytes().decode()
        assert body.index("<p>hi</p>") < body.index("EventSource") < body.index("</body>")
        assert page.read_text().count("EventSource") == 0  # the file itself is left alone
    finally:
        server.close()


@pytest.mark.browser
def test_reloads_after_an_edit_and_survives_a_broken_one(page, tmp_path):
    from playwright.sync_api import expect

    write_starter(tmp_path)
    talk = tmp_path / "talk.yaml"
    run = Running("preview", "talk.yaml", "--port", "0", cwd=tmp_path)
    try:
        _, line = run.wait_for("serving http://127.0.0.1:", timeout=60)
        url = re.search(r"http://\S+/", line).group(0)
        page.goto(url)
        assert page.locator("h1").inner_text() == "My First Talk"

        talk.write_text(talk.read_text().replace("My First Talk", "My Edited Talk"))
        expect(page.locator("h1")).to_have_text("My Edited Talk", timeout=15000)

        text = talk.read_text()
        talk.write_text(text.replace("  - id: start", "  - id: [start"))
        errors = page.locator(".deckgen-errors")
        errors.wait_for(state="visible", timeout=15000)
        assert re.search(r"talk\.yaml:\d+:\d+: error:", errors.inner_text())
        assert page.locator("h1").inner_text() == "My Edited Talk"  # the last good page stays
        page.screenshot(path=str(tmp_path / "broken-save.png"))

        talk.write_text(text.replace("My Edited Talk", "My Mended Talk"))
        expect(page.locator("h1")).to_have_text("My Mended Talk", timeout=15000)
        assert page.locator(".deckgen-errors").count() == 0
        assert run.interrupt() == 130
    finally:
        run.kill()
