"""`deckgen check --a11y`: the accessibility report over the outline and the
laid-out outputs (deckgen.a11y), located at the outline's lines."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import deckgen
from deckgen.a11y import audit
from deckgen.backends.base import Job
from deckgen.backends.slides_pdf import SlidesPdfBackend
from deckgen.layout.deck.model import Box, Picture, TextBox

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "space_race.yaml"
FAULTS = ROOT / "tests" / "fixtures" / "outlines" / "a11y-faults.yaml"


def _report(path: Path) -> list[deckgen.Diagnostic]:
    report = deckgen.check([path], a11y=True)
    assert not report.errors
    return report.warnings


def test_the_sample_talk_is_clean():
    assert _report(SAMPLE) == []


def test_the_report_replaces_the_layout_warnings():
    plain = deckgen.check([SAMPLE])
    assert plain.warnings  # text shrunk to fit and such: not accessibility problems
    assert not any("accessibility" in d.message for d in plain.warnings)


# (line, words of the message) for each deliberate fault of the fixture
FAULT_LINES = [
    (5, "contrast"),  # theme_overrides colors.text: grey on white (the poster's cards)
    (15, "is its file name"),
    (20, "repeats its caption"),
    (28, "bare URL"),
    (29, "is also the title of the slide at line 25"),
    # (34, "under 18 pt") is gone: since issue 10 timeline cards stay >= 18 pt
    # (dates >= 16 pt bold) whatever min_body_size says
    (41, "only their colour tells them apart"),  # a 7th group, 6 marker shapes
]


@pytest.mark.parametrize(("line", "words"), FAULT_LINES)
def test_each_deliberate_fault_is_reported_at_its_line(line, words):
    found = _report(FAULTS)
    assert all(d.message.startswith("accessibility: ") for d in found)
    at = [d for d in found if d.location.line == line and words in d.message]
    assert at, "\n".join(str(d) for d in found)


def test_the_fixture_lines_are_where_the_faults_are():
    lines = FAULTS.read_text(encoding="utf-8").splitlines()
    assert "colors:" in lines[4] and "text:" in lines[5]
    assert "src: images/orbit-small.png" in lines[14]  # the picture starts here
    assert "src: images/leaf.png" in lines[19]
    assert "https://example.org" in lines[27]


def _deck():
    outline = deckgen.load(SAMPLE)
    return outline, SlidesPdfBackend().layout(Job(outline, deckgen.resolve_theme(outline), {}))


def test_a_slide_without_a_title_is_reported_at_its_line():
    outline, deck = _deck()
    slides = list(deck.slides)
    slides[4] = dataclasses.replace(slides[4], title="")
    found = audit(outline, dataclasses.replace(deck, slides=tuple(slides)))
    (d,) = [d for d in found if "no title" in d.message]
    assert d.location == deck.slides[4].location and "slide 5" in d.message


def test_content_above_the_title_is_a_reading_order_problem():
    outline, deck = _deck()
    slides = list(deck.slides)
    i = next(k for k, s in enumerate(slides) if s.kind == "bullets")
    picture = Picture(Box(10, 0, 40, 10), SAMPLE, "a small logo", name="Logo")
    slides[i] = dataclasses.replace(slides[i], elements=(*slides[i].elements, picture))
    found = audit(outline, dataclasses.replace(deck, slides=tuple(slides)))
    assert [d.message for d in found if "reading order" in d.message] == [
        f"accessibility: slide {i + 1}: Logo sits above the title, "
        "so the reading order differs from what is seen"
    ]


def test_low_contrast_slide_text_is_reported():
    outline, deck = _deck()
    slides = list(deck.slides)
    i = next(k for k, s in enumerate(slides) if s.kind == "bullets")
    els = [
        dataclasses.replace(
            e, paragraphs=tuple(dataclasses.replace(p, color="#CCCCCC") for p in e.paragraphs)
        )
        if isinstance(e, TextBox) and e.role == "body"
        else e
        for e in slides[i].elements
    ]
    slides[i] = dataclasses.replace(slides[i], elements=tuple(els))
    found = audit(outline, dataclasses.replace(deck, slides=tuple(slides)))
    assert any(f"slide {i + 1}: Body has contrast" in d.message for d in found)


def test_cli_strict_exits_1_on_the_faults_and_0_on_the_sample():
    def run(path: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "deckgen", "check", "--a11y", "--strict", "-q", str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    bad = run(FAULTS)
    assert bad.returncode == 1
    assert "a11y-faults.yaml:15:11: " in bad.stderr + bad.stdout
    good = run(SAMPLE)
    assert good.returncode == 0, good.stderr
