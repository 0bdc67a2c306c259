"""Good outlines load into the right model; YAML's implicit typing is tamed."""

from __future__ import annotations

from pathlib import Path

import pytest

import deckgen.outline
from deckgen.errors import OutlineError
from deckgen.outline import load
from deckgen.outline.model import Date, Run

REPO = Path(__file__).resolve().parents[2]

FULL = """
format: 1
title: "The *Space* Race"
subtitle: From rivalry to the ISS
author: A. Lecturer
date: 2026-11-25
language: en-GB
theme: midnight
theme_overrides:
  colors:
    accent: "#C8102E"
  slide: {title_size: 40}
source:
  title: The Space Race
  publisher: History & Culture
  url: https://example.org/space-race
cover: {src: images/pic.png, alt: The Earth from orbit, credit: Photo by X on Pexels}
sections:
  - id: origins
    title: Origins
    summary: |
      First paragraph,
      still the first.

      Second **paragraph**.
    points:
      - A Cold War contest
      - text: Shock in the *United States*
        points: [Seen as a show of prowess, Юрий Гагарин]
    notes: Read this aloud.
    image: {src: ./images/pic.png, alt: Sputnik, caption: The first satellite}
    quote: {text: "Poyekhali!", by: Yuri Gagarin}
  - title: Competition turns into collaboration
    quote: A bare quote.
    slides:
      - layout: two-column
        title: Then and now
        left: {heading: Then, points: [Rivals]}
        right: {heading: Now, points: [Partners]}
      - {layout: statement, text: "One *big* sentence."}
      - {layout: timeline, title: Key dates}
      - {layout: bullets, title: Points, points: [a, b], image: {src: images/pic.png, alt: x}}
      - {layout: image, title: Picture, image: {src: images/pic.png, alt: x}}
      - {layout: quote, quote: {text: Q, by: B}}
  - title: Competition turns into collaboration
    points: [same title, derived id gets -2]
timeline:
  title: Key dates
  groups:
    usa: USA
    ussr: {label: USSR, color: "#cc0000"}
  eras:
    - {start: 1957, end: 1975-07, label: Space Race, color: "#EEEEEE"}
  events:
    - {date: 1969-07-20, title: Apollo 11, group: usa}
    - {date: 1957-10-04, title: Sputnik 1, group: ussr, section: origins}
    - {date: 1969, title: Year only, text: "Listed *after* Apollo 11"}
    - date: 1975-7-17
      end: 1975-07-19
      title: Apollo–Soyuz
      section: competition-turns-into-collaboration
references:
  - {text: NASA history, url: "https://history.nasa.gov"}
  - A plain book reference
  - {text: Write to us, url: "mailto:someone@example.org"}
outputs:
  pptx: {aspect: "4:3"}
  handout:
  poster: {size: A1, tile: A4}
"""


def test_full_outline_builds_the_model(write):
    path = write(FULL)
    outline = load(path)
    assert outline.path == path.absolute()
    assert outline.stem == "talk"
    assert outline.title.runs == (Run("The "), Run("Space", italic=True), Run(" Race"))
    assert outline.date == "2026-11-25"
    assert outline.language == "en-GB"
    assert outline.theme == "midnight"
    assert outline.theme_location.line == 7
    assert outline.theme_overrides == {
        "colors": {"accent": "#C8102E"},
        "slide": {"title_size": "40"},
    }
    assert outline.theme_overrides_locations["colors.accent"].line == 10
    assert outline.theme_overrides_node.get("slide").get("title_size").location.line == 11
    assert outline.source.url == "https://example.org/space-race"
    assert outline.cover.src == (path.parent / "images" / "pic.png").resolve()
    assert outline.cover.credit.plain == "Photo by X on Pexels"

    first, second, third = outline.sections
    assert first.id == "origins"
    assert [p.plain for p in first.summary] == [
        "First paragraph, still the first.",
        "Second paragraph.",
    ]
    assert first.summary[1].runs[1] == Run("paragraph", bold=True)
    assert first.points[1].text.runs[1] == Run("United States", italic=True)
    assert [t.plain for t in first.points[1].points] == [
        "Seen as a show of prowess",
        "Юрий Гагарин",
    ]
    assert first.image.caption.plain == "The first satellite"
    assert first.quote.by.plain == "Yuri Gagarin"
    assert first.slides is None
    assert first.location.line == 18

    assert second.id == "competition-turns-into-collaboration"
    assert second.quote.text.plain == "A bare quote." and second.quote.by is None
    assert [s.layout for s in second.slides] == [
        "two-column",
        "statement",
        "timeline",
        "bullets",
        "image",
        "quote",
    ]
    assert second.slides[0].left.heading.plain == "Then"
    assert second.slides[0].right.points[0].text.plain == "Partners"
    assert second.slides[1].title is None
    assert second.slides[3].image.alt == "x"
    assert third.id == "competition-turns-into-collaboration-2"

    timeline = outline.timeline
    assert [e.title.plain for e in timeline.events] == [
        "Sputnik 1",
        "Year only",
        "Apollo 11",
        "Apollo–Soyuz",
    ]
    assert timeline.events[0].date == Date(1957, 10, 4)
    assert timeline.events[3].date == Date(1975, 7, 17)
    assert timeline.events[3].end == Date(1975, 7, 19)
    assert timeline.events[3].section == "competition-turns-into-collaboration"
    assert [(g.id, g.label.plain, g.color) for g in timeline.groups] == [
        ("usa", "USA", None),
        ("ussr", "USSR", "#CC0000"),
    ]
    assert timeline.eras[0].end == Date(1975, 7)
    assert [(r.text.plain, r.url) for r in outline.references] == [
        ("NASA history", "https://history.nasa.gov"),
        ("A plain book reference", None),
        ("Write to us", "mailto:someone@example.org"),
    ]
    assert {k: {o: v.value for o, v in opts.items()} for k, opts in outline.outputs.items()} == {
        "pptx": {"aspect": "4:3"},
        "handout": {},
        "poster": {"size": "A1", "tile": "A4"},
    }
    assert outline.outputs["poster"]["size"].location.line == 68
    assert outline.outputs_locations["handout"].line == 67


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("no", "no"),
        ("1.10", "1.10"),
        ("on", "on"),
        ("2023-02-30", "2023-02-30"),
        ("~x", "~x"),
        ("0x1F", "0x1F"),
        ("1e3", "1e3"),
        ("'yes'", "yes"),
        ("12:30", "12:30"),
    ],
)
def test_titles_stay_text(write, written, expected):
    outline = load(
        write(f"title: {written}\nsections:\n  - title: {written}\n    points: [{written}]\n")
    )
    assert outline.title.plain == expected
    assert outline.sections[0].title.plain == expected
    assert outline.sections[0].points[0].text.plain == expected


def test_language_no_is_norwegian(write):
    outline = load(write("title: T\nlanguage: no\nsections: [{title: S, points: [a]}]\n"))
    assert outline.language == "no"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2026-11-25", "2026-11-25"),
        ("2026-1-5", "2026-1-5"),
        ("'25 November 2026'", "25 November 2026"),
        ("2026", "2026"),
        ("Autumn term", "Autumn term"),
    ],
)
def test_date_shown_as_written(write, written, shown):
    outline = load(write(f"title: T\ndate: {written}\nsections: [{{title: S, points: [a]}}]\n"))
    assert outline.date == shown


def test_defaults(write):
    outline = load(write("title: T\nsections: [{title: Überblick, summary: x}]\n"))
    assert outline.format == 1
    assert outline.language == "en"
    assert outline.theme is None
    assert outline.timeline is None
    assert outline.outputs == {}
    assert outline.theme_overrides == {}
    assert outline.sections[0].id == "uberblick"


def test_cyrillic_titles_give_readable_ids(write):
    outline = load(
        write(
            "title: Т\nsections:\n  - {title: Юрий Гагарин, points: [a]}\n"
            "  - {title: 日本, points: [b]}\n"
        )
    )
    assert [s.id for s in outline.sections] == ["yuriy-gagarin", "section-2"]


def test_explicit_id_wins_over_a_derived_one(write):
    outline = load(
        write(
            "title: T\nsections:\n  - {title: Intro, points: [a]}\n"
            "  - {id: intro, title: Other, points: [b]}\n"
        )
    )
    assert [s.id for s in outline.sections] == ["intro-2", "intro"]


def test_events_sorted_stably(write):
    outline = load(
        write(
            "title: T\nsections: [{title: S, points: [a]}]\ntimeline:\n  events:\n"
            "    - {date: 1961-04-12, title: B}\n    - {date: 1957, title: A}\n"
            "    - {date: 1961-04-12, title: C}\n    - {date: 1961-04, title: D}\n"
        )
    )
    assert [e.title.plain for e in outline.timeline.events] == ["A", "D", "B", "C"]


def test_merge_keys_and_aliases_work(write):
    outline = load(
        write(
            """
            title: T
            sections:
              - &base {title: S, points: [a]}
              - <<: *base
                id: other
            """
        )
    )
    assert [s.id for s in outline.sections] == ["s", "other"]


def test_load_exports():
    assert deckgen.outline.__all__ == ["load"]


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in (REPO / "tests" / "fixtures" / "outlines").glob("*.yaml")),
)
def test_fixture_outlines_load(name):
    load(REPO / "tests" / "fixtures" / "outlines" / name)


def test_space_race_loads():
    path = REPO / "content" / "space_race.yaml"
    if not path.exists():
        pytest.skip("content/space_race.yaml not written yet")
    outline = load(path)
    assert len(outline.sections) == 5
    assert len(outline.timeline.events) >= 14
    events = [e.date.first_day for e in outline.timeline.events]
    assert events == sorted(events)


def test_missing_outline_file(tmp_path):
    with pytest.raises(OutlineError, match="cannot read the file"):
        load(tmp_path / "nope.yaml")


def test_years_of_ancient_history_load(write):
    # The contract accepts an int year; a lecture on antiquity needs years < 1000.
    path = write(
        """
        title: Ancient astronomy
        sections:
          - {id: greeks, title: Greeks, points: [Aristarchus]}
        timeline:
          events:
            - {date: 362, title: A year of three digits}
            - {date: 150-03, title: Ptolemy at work}
            - {date: 1543, title: Copernicus}
        """
    )
    events = load(path).timeline.events
    assert [str(e.date) for e in events] == ["0150-03", "0362", "1543"]
