"""`outputs.<backend>:` options checked against a backend's OptionSpecs."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.backends.base import OptionSpec
from deckgen.backends.options import validate
from deckgen.errors import Location
from deckgen.outline.model import Option

SPECS = (
    OptionSpec("size", default="A2", choices=("A3", "A2", "ARCH-D"), aliases={"24x36in": "ARCH-D"}),
    OptionSpec("per_page", kind="int", default=3, choices=(1, 2, 3, 4, 6)),
    OptionSpec("scale", kind="number", default=1.0),
    OptionSpec("notes", kind="bool", default=False),
    OptionSpec("template", kind="path"),
)


def check(folder: Path, **given) -> tuple[dict, list[str]]:
    options = {k: Option(v, Location("t.yaml", n, 3)) for n, (k, v) in enumerate(given.items(), 1)}
    values, errors = validate("poster", SPECS, options, folder)
    return values, [f"{e.location.line}: {e.message}" for e in errors]


def test_defaults(tmp_path):
    assert check(tmp_path) == (
        {"size": "A2", "per_page": 3, "scale": 1.0, "notes": False, "template": None},
        [],
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"size": "a3"}, {"size": "A3"}),
        ({"size": "24X36IN"}, {"size": "ARCH-D"}),
        ({"per_page": 6}, {"per_page": 6}),
        ({"per_page": "4"}, {"per_page": 4}),
        ({"scale": "1.5"}, {"scale": 1.5}),
        ({"scale": 2}, {"scale": 2.0}),
        ({"notes": "yes"}, {"notes": True}),
        ({"notes": True}, {"notes": True}),
    ],
)
def test_values_are_converted(tmp_path, given, expected):
    values, errors = check(tmp_path, **given)
    assert errors == []
    assert {k: values[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"per_page": 5}, "outputs.poster.per_page: 5 is not one of 1, 2, 3, 4, 6"),
        ({"per_page": True}, "outputs.poster.per_page: expected a whole number, got True"),
        ({"scale": "nan"}, "outputs.poster.scale: expected a number, got 'nan'"),
        ({"notes": 1}, "outputs.poster.notes: expected true or false, got 1"),
        ({"size": {"w": 1}}, "outputs.poster.size: expected text, got a mapping"),
        ({"size": "A1"}, "outputs.poster.size: 'A1' is not one of A3, A2, ARCH-D, 24x36in"),
        (
            {"sise": "A3"},
            "outputs.poster.sise: unknown option 'sise' for backend 'poster'; did you mean "
            "'size'? (its options: size, per_page, scale, notes, template)",
        ),
    ],
)
def test_bad_values(tmp_path, given, message):
    assert check(tmp_path, **given)[1] == [f"1: {message}"]


def test_path_options_stay_inside_the_outline_folder(tmp_path):
    talk = tmp_path / "talk"
    (talk / "templates").mkdir(parents=True)
    (talk / "templates" / "uni.potx").write_bytes(b"x")
    (tmp_path / "outside.potx").write_bytes(b"x")
    (talk / "link.potx").symlink_to(tmp_path / "outside.potx")

    values, errors = check(talk, template="templates/uni.potx")
    assert errors == [] and values["template"] == talk.resolve() / "templates" / "uni.potx"
    for value, problem in [
        ("../outside.potx", "'../outside.potx' leaves the outline's folder"),
        ("link.potx", "'link.potx' leaves the outline's folder"),
        (str(tmp_path / "outside.potx"), "is an absolute path"),
        ("https://example.org/t.potx", "is a URL"),
        ("templates/missing.potx", "file 'templates/missing.potx' not found"),
        ("", "expected a file path"),
    ]:
        [error] = check(talk, template=value)[1]
        assert problem in error, (value, error)


def test_every_problem_is_reported(tmp_path):
    _, errors = check(tmp_path, size="B5", per_page="x", colour="red")
    assert [e.split(":")[0] for e in errors] == ["1", "2", "3"]


# --- typed settings: made once from the validated values --------------------


def builtin(name: str):
    from deckgen.backends import registry

    return registry.load(name)


def typed(name: str, folder: Path, **given):
    from deckgen.backends.options import settings_for

    backend = builtin(name)
    options = {k: Option(v, Location("t.yaml", n, 3)) for n, (k, v) in enumerate(given.items(), 1)}
    values, errors = validate(name, backend.options, options, folder)
    assert errors == []
    return settings_for(backend, values)


def test_defaults_make_the_default_settings(tmp_path):
    from deckgen.layout.handout.options import HandoutOptions
    from deckgen.layout.poster.model import PosterOptions

    assert typed("handout", tmp_path) == HandoutOptions()
    assert typed("poster", tmp_path) == PosterOptions()


def test_settings_carry_the_validated_values_typed(tmp_path):
    from deckgen.layout.handout.options import HandoutOptions
    from deckgen.layout.poster.model import PosterOptions

    poster = typed("poster", tmp_path, size="24x36in", orientation="Portrait", tile="none")
    assert poster == PosterOptions(size="ARCH-D", orientation="portrait", tile=None)
    assert typed("poster", tmp_path, tile="letter", bleed="yes").tile == "Letter"
    handout = typed("handout", tmp_path, mode="Slides", slides_per_page="4", paper="letter")
    assert handout == HandoutOptions(paper="Letter", mode="slides", slides_per_page=4)


def test_the_deck_options_are_typed_for_the_talk(tmp_path):
    from deckgen.layout.deck.options import DeckOptions
    from deckgen.templates import PPTX_OPTIONS

    (tmp_path / "uni.potx").write_bytes(b"x")
    given = {"aspect": Option("4:3"), "template": Option("uni.potx")}
    values, errors = validate("pptx", PPTX_OPTIONS, given, tmp_path)
    assert errors == [] and builtin("pptx").options == PPTX_OPTIONS
    assert DeckOptions.from_values(values) == DeckOptions("4:3", (tmp_path / "uni.potx").resolve())
    assert DeckOptions.from_values({}) == DeckOptions("16:9", None)


def test_a_backend_without_settings_reads_its_options_mapping():
    from deckgen.backends.options import settings_for

    class Plugin:
        options = SPECS

    assert settings_for(Plugin(), {"size": "A3"}) is None


def test_a_bad_value_for_an_output_not_built_is_still_reported_at_its_line(tmp_path):
    from deckgen.build import build

    talk = tmp_path / "talk.yaml"
    talk.write_text(
        "title: T\nsections:\n  - title: S\n    points: [p]\n"
        "outputs:\n  handout:\n    slides_per_page: 5\n",
        encoding="utf-8",
    )
    report = build([talk], formats="poster", out_dir=tmp_path / "out")
    [error] = report.errors
    assert (error.location.line, error.location.column) == (7, 22)
    assert error.message.startswith("outputs.handout.slides_per_page: 5 is not one of")
    assert report.written == []
