"""The `html` backend's file: one self-contained page drawn from the talk's deck."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

import deckgen
import deckgen.theme
from deckgen.backends import registry
from deckgen.backends.html.page import render_page, section_of_slides
from deckgen.build import DEFAULT_FORMATS, build
from deckgen.layout.common.plan import plan_talk
from deckgen.layout.deck.model import Box

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "content" / "space_race.yaml"
CYRILLIC = ROOT / "tests" / "fixtures" / "outlines" / "cyrillic.yaml"


@pytest.fixture(scope="module")
def talk():
    outline = deckgen.load(SAMPLE)
    return plan_talk(outline, deckgen.theme.resolve(outline))


@pytest.fixture(scope="module")
def html(talk) -> str:
    return render_page(talk, talk.deck)


def test_registered_like_the_built_ins_and_opt_in():
    assert "html" in registry.names()
    assert registry.load("html").name == "html"
    assert "html" not in DEFAULT_FORMATS


def test_build_writes_talk_html_byte_identical_twice(tmp_path):
    first = build([SAMPLE], formats=["html"], out_dir=tmp_path / "a")
    second = build([SAMPLE], formats=["html"], out_dir=tmp_path / "b")
    assert first.ok and second.ok
    assert [p.name for p in first.written] == ["space_race.html"]
    assert first.written[0].read_bytes() == second.written[0].read_bytes()


def test_one_svg_slide_per_deck_slide_with_its_title(talk, html):
    slides = re.findall(r'<section class="slide" id="slide-(\d+)"', html)
    assert len(slides) == len(talk.deck.slides)
    assert html.count('<svg class="slide-svg"') == len(talk.deck.slides)
    for slide in talk.deck.slides:
        if slide.title:
            assert _esc(slide.title) in html


def test_self_contained_nothing_loaded_from_elsewhere(html):
    # every src/href that loads something is a data: URI or an in-page reference
    for attr in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert attr.startswith(("data:", "#", "http://", "https://", "mailto:")), attr
    loaded = re.findall(r'<(?:img|image|script|link|iframe)\b[^>]*?(?:src|href)="([^"]*)"', html)
    assert loaded and all(u.startswith(("data:", "#")) for u in loaded)
    assert "url(http" not in html and "@import" not in html
    assert re.search(r"@font-face\{font-family:\"dg-Arimo\"", html)
    assert "default-src 'none'" in html  # the browser is told so too


def test_accessible_structure(talk, html):
    assert '<html lang="en">' in html
    for landmark in ("<header", "<nav", "<main>", "<footer"):
        assert landmark in html
    assert html.count("<h1>") == 1
    # every picture of the talk keeps its alternative text
    assert _esc(talk.outline.cover.alt) in html
    for section in talk.outline.sections:
        if section.image:
            assert _esc(section.image.alt) in html
    assert 'aria-live="polite"' in html  # the slide counter is announced


def test_notes_timeline_and_handout_text(talk, html):
    outline = talk.outline
    first_note = next(s for s in talk.deck.slides if s.notes).notes[0]
    assert _esc(first_note.runs[0].text[:40]) in html
    assert html.count('class="zoom-level"') == 4  # 1x, 2x, 4x, 8x
    for event in outline.timeline.events:
        assert _esc(event.title.plain) in html
    for section in outline.sections:
        assert f'id="handout-{section.id}"' in html
        for para in section.summary:
            assert _esc(para.runs[0].text[:30]) in html


def test_every_slide_of_a_section_is_found_for_the_contents(talk):
    owners = section_of_slides(talk.outline, talk.deck)
    found = {o for o in owners if o is not None}
    assert found == set(range(len(talk.outline.sections)))


def test_language_of_the_outline(tmp_path):
    report = build([CYRILLIC], formats=["html"], out_dir=tmp_path)
    assert report.ok
    text = report.written[0].read_text(encoding="utf-8")
    assert re.search(r'<html lang="ru', text)


@dataclass(frozen=True)
class _Chart:
    """An element kind this backend does not know (a later version's block)."""

    box: Box


def test_unknown_element_kinds_are_skipped(talk):
    deck = talk.deck
    slide = deck.slides[1]
    odd = replace(slide, elements=(*slide.elements, _Chart(Box(0, 0, 10, 10))))  # type: ignore[arg-type]
    html = render_page(talk, replace(deck, slides=(deck.slides[0], odd, *deck.slides[2:])))
    assert html.count('<svg class="slide-svg"') == len(deck.slides)


def _esc(text: str) -> str:
    from html import escape

    return escape(text)


def test_tables_code_charts_and_equations_are_drawn(tmp_path):
    from deckgen.starter import write_starter

    write_starter(tmp_path)
    report = build([tmp_path / "talk.yaml"], formats=["html"], out_dir=tmp_path / "build")
    assert report.ok and report.diagnostics == []
    text = report.written[0].read_text(encoding="utf-8")
    assert 'role="table"' in text and 'role="columnheader"' in text
    assert ">Geostationary<" in text
    assert ">def</tspan>" in text and 'font-family="dg-JetBrains-Mono"' in text
    assert re.search(r'<svg x="[\d.]+" y="[\d.]+" role="img" aria-label="[^"]*East', text)
    assert 'aria-label="v = \\sqrt{\\frac{\\mu}{r}}"' in text
    assert '@font-face{font-family:"dg-JetBrains-Mono"' in text


def test_inline_math_scripts_are_raised_and_lowered_as_in_the_pdfs(tmp_path):
    # 'E_k = \frac{1}{2} m v^2' on a slide and in the handout text: the
    # scripts smaller and shifted, not set full size on the baseline
    fixture = Path(__file__).parents[2] / "fixtures" / "outlines" / "blocks.yaml"
    report = build([fixture], formats=["html"], out_dir=tmp_path)
    assert report.ok
    text = report.written[0].read_text(encoding="utf-8")
    shifts = [float(v) for v in re.findall(r'baseline-shift="(-?[\d.]+)em"', text)]
    assert any(v > 0 for v in shifts) and any(v < 0 for v in shifts), shifts
    assert "<sup>2</sup>" in text and "<sub>k</sub>" in text
