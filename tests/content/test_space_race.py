"""The real talk keeps to its brief: five sections from the article, quotes
taken verbatim from it, a checked timeline and every layout that
content/space_race.yaml promises to exercise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deckgen.outline import load

REPO = Path(__file__).resolve().parents[2]
ARTICLE = REPO.parent / "shared" / "article" / "space-race.txt"


@pytest.fixture(scope="module")
def outline():
    return load(REPO / "content" / "space_race.yaml")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


def test_sections_follow_the_article(outline):
    assert [s.id for s in outline.sections] == [
        "origins",
        "collaboration",
        "iss",
        "benefits",
        "conclusion",
    ]
    for s in outline.sections:
        assert s.summary and s.notes and s.quote, s.id
        assert 3 <= len(s.points) <= 6, s.id
        assert len(" ".join(p.plain for p in s.notes).split(".")) > 3, s.id


def test_source_and_photo_credit(outline):
    assert outline.source.title.plain.startswith("The Space Race: Paving the Way")
    assert "History & Culture" in outline.source.publisher.plain
    assert "Felix Mittermeier on Pexels" in outline.source.publisher.plain
    assert outline.source.url is None  # the article gives none
    assert outline.language == "en"


def test_quotes_are_verbatim():
    if not ARTICLE.exists():
        pytest.skip(f"the source article is not at {ARTICLE}")
    article = squash(ARTICLE.read_text(encoding="utf-8"))
    for s in load(REPO / "content" / "space_race.yaml").sections:
        assert squash(s.quote.text.plain) in article, s.id
        assert "History & Culture" in s.quote.by.plain


def test_explicit_slides_exercise_layouts(outline):
    layouts = {sl.layout for s in outline.sections for sl in s.slides or ()}
    assert {"two-column", "statement", "timeline", "image", "quote", "bullets"} <= layouts
    assert sum(s.slides is None for s in outline.sections) >= 3  # others from points


def test_names_also_in_russian(outline):
    text = (
        " ".join(p.plain for s in outline.sections for p in (*s.summary, *s.notes))
        + " ".join(
            t.plain
            for s in outline.sections
            for sl in s.slides or ()
            for col in (sl.left, sl.right)
            if col
            for t in [col.heading] + [p.text for p in col.points]
        )
        + " ".join(
            e.title.plain + (e.text.plain if e.text else "") for e in outline.timeline.events
        )
    )
    for name in ("Юрий Гагарин", "«Союз", "Валентина Терешкова", "«Мир»"):
        assert name in text, name


# Checked dates: (date, end, group, section, a word of the title).
KEY_DATES = [
    ("1957-10-04", None, "ussr", "origins", "Sputnik 1"),
    ("1958-01-31", None, "usa", "origins", "Explorer 1"),
    ("1959-09-13", None, "ussr", "origins", "Luna 2"),
    ("1961-04-12", None, "ussr", "origins", "Vostok 1"),
    ("1962-02-20", None, "usa", "origins", "Friendship 7"),
    ("1963-06-16", None, "ussr", "origins", "Vostok 6"),
    ("1965-03-18", None, "ussr", "origins", "Voskhod 2"),
    ("1969-07-20", None, "usa", "origins", "Apollo 11"),
    ("1971-04-19", None, "ussr", "iss", "Salyut 1"),
    ("1972-05-24", None, "intl", "collaboration", "agreement"),
    ("1975-07-17", "1975-07-19", "intl", "collaboration", "Apollo–Soyuz"),
    ("1986-02-20", None, "ussr", "iss", "Mir"),
    ("1994-02-03", "1998-06-12", "intl", "iss", "Shuttle–Mir"),
    ("1995-06-29", None, "intl", "iss", "Mir"),
    ("1998-11-20", None, "ussr", "iss", "Zarya"),
    ("1998-12-04", None, "usa", "iss", "Unity"),
    ("2000-11-02", None, "intl", "iss", "Expedition 1"),
    ("2020-05-30", None, "usa", "conclusion", "Demo-2"),
]


@pytest.mark.parametrize("date,end,group,section,word", KEY_DATES, ids=[k[4] for k in KEY_DATES])
def test_key_dates(outline, date, end, group, section, word):
    matches = [e for e in outline.timeline.events if str(e.date) == date and word in e.title.plain]
    assert len(matches) == 1, f"{date} {word}"
    event = matches[0]
    assert (str(event.end) if event.end else None, event.group, event.section) == (
        end,
        group,
        section,
    )


def test_timeline_shape(outline):
    timeline = outline.timeline
    assert len(timeline.events) >= 16
    assert str(timeline.events[0].date) == "1957-10-04"
    assert timeline.events[-1].date.year >= 2020
    assert {g.id: g.label.plain for g in timeline.groups} == {
        "usa": "USA",
        "ussr": "USSR / Russia",
        "intl": "International",
    }
    assert len(timeline.eras) >= 3
    eras = sorted(timeline.eras, key=lambda e: e.start)
    for a, b in zip(eras, eras[1:], strict=False):
        assert a.end < b.start, "eras overlap"
    apollo_soyuz = next(e for e in timeline.events if str(e.date) == "1975-07-17")
    assert "1972" in apollo_soyuz.text.plain and "1975" in apollo_soyuz.text.plain


def test_references_and_outputs(outline):
    assert any("History & Culture" in r.text.plain for r in outline.references)
    assert all(r.url is None or r.url.startswith("https://") for r in outline.references)
    options = {b: {k: o.value for k, o in opts.items()} for b, opts in outline.outputs.items()}
    assert options == {
        "pptx": {"aspect": "16:9"},
        "handout": {"paper": "A4", "mode": "article"},
        "poster": {"size": "A2", "orientation": "landscape"},
    }


def test_pictures_are_credited_illustrations(outline):
    images = [outline.cover, *(s.image for s in outline.sections if s.image)]
    assert len(images) >= 3
    for image in images:
        assert image.alt.startswith("Illustration:")
        assert image.credit.plain == "Illustration: deckgen contributors"
