"""The `html` output opened in headless Chromium: every section and slide is
there, the keyboard navigates, the notes and the timeline's zoom work, and
no request leaves the file."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

import deckgen
import deckgen.theme
from deckgen.build import build
from deckgen.layout.common.plan import plan_talk

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "content" / "space_race.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html")
    report = build([SAMPLE], formats=["html"], out_dir=out)
    assert report.ok, report.diagnostics
    return out / "space_race.html"


def _outside(url: str) -> bool:
    return not url.startswith(("data:", "file:"))


def _open(page, path: Path) -> list[str]:
    """Open the page; every request that is not the file itself or a data:
    URI is recorded and refused."""
    left: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith("data:") or url == path.as_uri():
            r.continue_()
        else:
            left.append(url)
            r.abort()

    page.route("**/*", route)
    # and whatever the route does not see (file: and data: stay inside the file)
    page.on("request", lambda req: _outside(req.url) and left.append(req.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return left


def test_every_section_and_slide_is_in_the_page(page, built):
    left = _open(page, built)
    outline = deckgen.load(SAMPLE)
    slides = page.locator("section.slide")
    deck = plan_talk(outline, deckgen.theme.resolve(outline)).deck
    assert slides.count() == len(deck.slides)
    nav = page.locator("nav.contents").inner_text()
    handout = page.locator("#handout").inner_text()
    for section in outline.sections:
        assert section.title.plain in nav
        assert section.title.plain in handout
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main").count() == 1 and page.locator("nav").count() == 1
    assert page.locator("h1").count() == 1
    # every picture drawn has its alternative text
    for g in page.locator("g[role=img]").all():
        assert (g.get_attribute("aria-label") or "").strip()
    for img in page.locator("img").all():
        assert (img.get_attribute("alt") or "").strip()
    assert left == []


def test_keyboard_moves_through_the_slides_and_shows_notes(page, built, tmp_path):
    _open(page, built)
    counter = page.locator(".counter")
    total = page.locator("section.slide").count()
    assert counter.inner_text() == f"1 / {total}"
    assert page.locator("section.slide:visible").count() == 1
    page.keyboard.press("ArrowRight")
    page.keyboard.press("PageDown")
    assert counter.inner_text() == f"3 / {total}"
    page.keyboard.press("ArrowLeft")
    assert counter.inner_text() == f"2 / {total}"
    page.keyboard.press("End")
    assert counter.inner_text() == f"{total} / {total}"
    page.keyboard.press("Home")
    assert counter.inner_text() == f"1 / {total}"
    assert page.locator("#slide-1").is_visible() and not page.locator("#slide-2").is_visible()
    # a slide with notes: N shows them, N again hides them
    with_notes = page.locator("section.slide:has(aside.notes)").first
    index = int(re.sub(r"\D", "", with_notes.get_attribute("id")))
    for _ in range(index - 1):
        page.keyboard.press("ArrowRight")
    notes = with_notes.locator("aside.notes")
    assert not notes.is_visible()
    page.keyboard.press("n")
    assert notes.is_visible()
    assert page.locator(".notes-toggle").get_attribute("aria-pressed") == "true"
    page.screenshot(path=str(tmp_path / "slide-with-notes.png"))
    page.keyboard.press("n")
    assert not notes.is_visible()
    # the buttons are reachable by Tab, in reading order
    order = page.evaluate(
        "Array.from(document.querySelectorAll('a[href], button, [tabindex]'))"
        ".map(e => e.className || e.tagName)"
    )
    assert order.index("prev") < order.index("next") < order.index("notes-toggle")
    assert order.index("notes-toggle") < order.index("zoom-in") < order.index("timeline-scroll")


def test_timeline_zooms_and_scrolls(page, built, tmp_path):
    _open(page, built)
    scroller = page.locator(".timeline-scroll")
    scroller.scroll_into_view_if_needed()
    width_1 = page.evaluate("document.querySelector('.timeline-scroll').scrollWidth")
    page.locator(".zoom-in").click()
    page.locator(".zoom-in").click()
    assert page.locator(".zoom-value").inner_text() == "4×"
    width_4 = page.evaluate("document.querySelector('.timeline-scroll').scrollWidth")
    assert width_4 > 3 * width_1
    scroller.focus()
    page.keyboard.press("-")
    assert page.locator(".zoom-value").inner_text() == "2×"
    # arrows inside the timeline scroll it, and leave the slides alone
    before = page.locator(".counter").inner_text()
    page.keyboard.press("ArrowRight")
    assert page.locator(".counter").inner_text() == before
    page.screenshot(path=str(tmp_path / "timeline.png"))


def test_the_page_looks_like_the_deck(page, built, tmp_path):
    """A screenshot of the first slide: the title is drawn in the theme's
    colours (dark text on a light slide), not blank."""
    _open(page, built)
    shot = page.locator("#slide-1 svg").screenshot(path=str(tmp_path / "slide-1.png"))
    img = Image.open(io.BytesIO(shot)).convert("RGB")
    colours = img.getcolors(maxcolors=1_000_000) or []
    dark = sum(n for n, (r, g, b) in colours if r + g + b < 150)
    assert dark > 0.01 * img.width * img.height  # the title's text and the picture
