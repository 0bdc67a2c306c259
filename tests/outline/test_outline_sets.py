"""`--set KEY=VALUE` changes the outline before it is checked."""

from __future__ import annotations

from deckgen.outline import load

BASE = """
title: A talk
sections:
  - &one {title: One, points: [a]}
  - *one
outputs:
  pptx: {aspect: "16:9"}
"""


def test_sets_replace_and_create(write):
    outline = load(
        write(BASE),
        [
            "title=New title",
            "sections.1.title=no",
            "outputs.poster.size=A1",
            "outputs.pptx.aspect=4:3",
            "theme_overrides.colors.accent=#C8102E",
            "subtitle=**Bold** move",
            "date=2026-11-25",
        ],
    )
    assert outline.title.plain == "New title"
    assert [s.title.plain for s in outline.sections] == ["One", "no"]  # the alias is not shared
    assert outline.outputs["poster"]["size"].value == "A1"
    assert outline.outputs["pptx"]["aspect"].value == "4:3"
    assert str(outline.outputs["poster"]["size"].location) == "--set:3:21"
    assert outline.theme_overrides == {"colors": {"accent": "#C8102E"}}
    assert str(outline.theme_overrides_locations["colors.accent"]) == "--set:5:31"
    assert outline.subtitle.runs[0].bold
    assert outline.date == "2026-11-25"


def test_set_values_read_as_yaml_when_bracketed_or_quoted(write):
    outline = load(write(BASE), ["sections.0.points=[x, '**y**']", "author='  spaced  '"])
    assert [p.text.plain for p in outline.sections[0].points] == ["x", "y"]
    assert outline.author.plain == "spaced"


def test_malformed_sets(problems):
    assert problems(BASE, ("nokey", "=x", "sections.5.title=x", "title.deeper=x")) == [
        "--set:1:1: error: --set: expected KEY=VALUE with a dotted KEY "
        "(e.g. outputs.poster.size=A1), got 'nokey'",
        "--set:2:1: error: --set: expected KEY=VALUE with a dotted KEY "
        "(e.g. outputs.poster.size=A1), got '=x'",
        "--set:3:1: error: --set sections.5.title: '5' is not an index of this list (0 to 1)",
        "--set:4:1: error: --set title.deeper: 'deeper': the value there is text, "
        "not a mapping or a list",
    ]


def test_a_set_that_breaks_the_outline_points_at_the_set(problems):
    assert problems(BASE, ("title=[a, b]", "sections.0.pionts=x")) == [
        "--set:1:7: error: title: expected text, got a list",
        "--set:2:12: error: sections[0]: unknown key 'pionts', did you mean 'points'?",
    ]


def test_malformed_yaml_in_a_set(problems):
    (msg,) = problems(BASE, ("title=[a, b",))
    assert msg.startswith("--set:1:")
    assert "malformed YAML" in msg
