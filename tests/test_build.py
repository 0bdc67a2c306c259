"""The build driver, with scripted outlines and fake backends (see conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import deckgen
from deckgen.build import DEFAULT_FORMATS, Step, build, check, parse_formats
from deckgen.errors import BackendError


def files(folder: Path) -> dict[str, bytes]:
    """Every file in `folder`, hidden temporaries included."""
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def messages(report) -> list[str]:
    return [str(d) for d in report.diagnostics]


def test_builds_with_defaults_filled_in(site, outlines):
    site.add_backend("fake")
    talk = outlines.add()
    report = build([talk], formats="fake", out_dir="out")
    assert report.ok, messages(report)
    assert report.written == [Path("out/talk-fake.txt")]
    assert files(Path("out")) == {
        "talk-fake.txt": b"fake of A talk v1\ncolor=True\ncopies=1\nsize=A4\n"
    }


def test_options_are_converted_aliases_and_case_folded(site, outlines):
    site.add_backend("fake")
    given = {"size": ("big", 4), "copies": ("3", 5), "color": ("no", 6)}
    talk = outlines.add(outputs={"fake": given})
    report = build([talk], formats=["fake"], out_dir="out")
    assert report.ok, messages(report)
    assert Path("out/talk-fake.txt").read_text().splitlines()[1:] == [
        "color=False",
        "copies=3",
        "size=A3",
    ]
    other = outlines.add("other.yaml", outputs={"fake": {"size": ("a3", 4)}})
    build([other], formats=["fake"], out_dir="out")
    assert "size=A3" in Path("out/other-fake.txt").read_text()


def test_unknown_option_is_an_error_at_its_line_with_a_suggestion(site, outlines):
    site.add_backend("fake")
    talk = outlines.add(outputs={"fake": {"sise": ("A3", 12)}})
    report = build([talk], formats="fake", out_dir="out")
    assert not report.ok
    [error] = report.diagnostics
    assert error.severity == "error"
    assert (error.location.line, error.location.column) == (12, 5)
    assert "outputs.fake.sise: unknown option 'sise'" in error.message
    assert "did you mean 'size'?" in error.message
    assert "size, copies, color" in error.message
    assert files(Path("out")) == {}


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("size", "A5", "'A5' is not one of A4, A3, big"),
        ("copies", "many", "expected a whole number, got 'many'"),
        ("color", "maybe", "expected true or false, got 'maybe'"),
        ("size", ["A4"], "expected text, got a list"),
    ],
)
def test_bad_option_values_name_what_is_allowed(site, outlines, option, value, expected):
    site.add_backend("fake")
    talk = outlines.add(outputs={"fake": {option: (value, 9)}})
    report = build([talk], formats="fake", out_dir="out")
    [error] = report.diagnostics
    assert error.location.line == 9
    assert error.message == f"outputs.fake.{option}: {expected}"
    assert not Path("out").exists()


def test_every_option_problem_is_reported_at_once(site, outlines):
    site.add_backend("fake")
    talk = outlines.add(outputs={"fake": {"size": ("A9", 3), "copies": ("x", 4), "zap": (1, 5)}})
    report = build([talk], formats="fake", out_dir="out")
    assert [d.location.line for d in report.diagnostics] == [3, 4, 5]


def test_outputs_for_a_backend_not_installed_is_a_warning(site, outlines):
    site.add_backend("fake")
    talk = outlines.add(outputs={"fak": {"size": ("A3", 4)}})
    report = build([talk], formats="fake", out_dir="out")
    assert report.ok
    [warning] = report.diagnostics
    assert warning.severity == "warning"
    assert warning.location.line == 20
    assert "outputs.fak: no backend 'fak' is installed" in warning.message
    assert "did you mean 'fake'?" in warning.message
    assert Path("out/talk-fake.txt").exists()


def test_strict_turns_warnings_into_failure_and_writes_nothing(site, outlines):
    site.add_backend("fake", warnings=("text shrunk to 18 pt",))
    talk = outlines.add()
    relaxed = check([talk], formats="fake")
    assert relaxed.ok and [d.severity for d in relaxed.diagnostics] == ["warning"]
    report = build([talk], formats="fake", out_dir="out", strict=True)
    assert not report.ok
    assert report.written == []
    assert not Path("out").exists()


def test_check_lays_out_but_writes_nothing(site, outlines):
    site.add_backend("fake", warnings=("point split over two slides",))
    talk = outlines.add()
    report = check([talk], formats="fake")
    assert report.ok
    assert [d.message for d in report.diagnostics] == ["point split over two slides"]
    assert [stage for stage, _, _ in report.outlines[0].timings] == ["load", "theme", "layout"]
    assert report.written == []
    assert sorted(p.name for p in Path.cwd().iterdir()) == ["site", "talks"]


def test_a_failing_backend_leaves_every_earlier_output_byte_identical(site, outlines):
    site.add_backend("good")
    site.add_backend("bad", render_error="the poster cannot hold 400 events")
    talk = outlines.add(outputs={"good": {"copies": (1, 3)}})
    assert build([talk], formats="good", out_dir="out").ok
    before = files(Path("out"))

    # The same outline now gives different bytes for `good`, but `bad` fails.
    talk = outlines.add(outputs={"good": {"copies": (2, 3)}})
    report = build([talk], formats="good,bad", out_dir="out")
    assert not report.ok
    assert messages(report) == [f"{talk}:3:1: error: the poster cannot hold 400 events"]
    assert files(Path("out")) == before  # untouched, and no temporary file

    report = build([talk], formats="good", out_dir="out")
    assert report.ok and b"copies=2" in files(Path("out"))["talk-good.txt"]


def test_a_crashing_backend_propagates_and_writes_nothing(site, outlines):
    site.add_backend("good")
    site.add_backend("buggy", crash=True)
    talk = outlines.add()
    with pytest.raises(ZeroDivisionError):
        build([talk], formats="good,buggy", out_dir="out")
    assert files(Path("out")) == {}


def test_one_bad_outline_does_not_stop_the_others(site, outlines):
    site.add_backend("fake")
    broken = outlines.add("broken.yaml", error=(3, 7, "title: expected text, got a list"))
    fine = outlines.add("fine.yaml")
    report = build([broken, fine], formats="fake", out_dir="out")
    assert not report.ok
    assert messages(report) == [f"{broken}:3:7: error: title: expected text, got a list"]
    assert report.written == [Path("out/fine-fake.txt")]


def test_layout_errors_of_every_backend_are_collected(site, outlines):
    site.add_backend("one", layout_error="point too long for any slide")
    site.add_backend("two", layout_error="event too long for the poster")
    site.add_backend("fine")
    talk = outlines.add()
    report = build([talk], formats="one,two,fine", out_dir="out")
    assert [d.message for d in report.diagnostics] == [
        "point too long for any slide",
        "event too long for the poster",
    ]
    assert not Path("out").exists()


def test_the_same_problem_from_two_backends_is_reported_once(site, outlines):
    site.add_backend("one", warnings=("image is low resolution",))
    site.add_backend("two", warnings=("image is low resolution",))
    report = check([outlines.add()], formats="one,two")
    assert len(report.diagnostics) == 1


def test_unknown_theme_override_is_reported_not_raised(site, outlines):
    site.add_backend("fake")
    report = build([outlines.add()], formats="fake", theme="nosuch", out_dir="out")
    assert messages(report) == ["<command line>:0:0: error: unknown theme 'nosuch'"]


def test_unknown_backend_stops_the_build_and_lists_the_installed(site, outlines):
    site.add_backend("poster-a0")
    with pytest.raises(BackendError) as info:
        build([outlines.add()], formats="postr-a0", out_dir="out")
    message = info.value.diagnostics[0].message
    assert "unknown backend 'postr-a0'; did you mean 'poster-a0'?" in message
    assert "poster-a0" in message.split("installed:")[1]


def test_two_outputs_with_one_name_are_refused(site, outlines):
    site.add_backend("fake")
    # A second backend that writes the very same file name as `fake`.
    source = Path(site.root / f"{site.add_backend('twin')}.py")
    source.write_text(source.read_text().replace("{self.name}.txt", "fake.txt"))
    report = build([outlines.add()], formats="fake,twin", out_dir="out")
    assert [d.message for d in report.errors] == ["two outputs share a file name: talk-fake.txt"]
    assert files(Path("out")) == {}


def test_progress_reports_each_step(site, outlines):
    site.add_backend("fake")
    talk = outlines.add()
    steps: list[Step] = []
    build([talk], formats="fake", out_dir="out", progress=steps.append)
    assert [(s.stage, s.backend) for s in steps] == [
        ("load", None),
        ("theme", None),
        ("layout", "fake"),
        ("render", "fake"),
        ("write", None),
    ]
    assert {s.outline for s in steps} == {talk}


def test_formats():
    assert DEFAULT_FORMATS == ("pptx", "handout", "poster")
    assert parse_formats(None) == ["pptx", "handout", "poster"]
    assert parse_formats(" pptx, poster,pptx ,") == ["pptx", "poster"]
    with pytest.raises(BackendError, match="no output format"):
        parse_formats(" , ")


def test_deckgen_build_is_both_the_function_and_the_module(site, outlines):
    import deckgen.build as module

    site.add_backend("fake")
    assert module.build is build
    assert deckgen.build is module
    report = deckgen.build([outlines.add()], formats="fake", out_dir="out")
    assert report.ok and report.written


def test_two_outlines_with_one_name_do_not_overwrite_each_other(site, outlines):
    site.add_backend("fake")
    first = outlines.add("talk.yaml")
    (outlines.folder / "b").mkdir()
    second = outlines.add("b/talk.yaml")
    report = build([first, second], formats="fake", out_dir="out")
    assert report.written == [Path("out/talk-fake.txt")]
    [error] = report.errors
    assert error.location.file == str(second)
    assert error.message.startswith(f"its outputs would overwrite those of {first}")
    assert check([first, second], formats="fake").ok  # checking writes nothing: no clash


def test_options_of_a_backend_not_built_are_checked_too(site, outlines):
    site.add_backend("fake")
    site.add_backend("other")
    talk = outlines.add(outputs={"other": {"sise": ("A3", 8)}})
    report = build([talk], formats="fake", out_dir="out")
    [error] = report.errors
    assert error.location.line == 8
    assert error.message.startswith("outputs.other.sise: unknown option 'sise'")
    assert not Path("out").exists()


def test_options_of_a_broken_backend_not_built_are_a_warning(site, outlines):
    site.add_backend("fake")
    site.add_backend("broken", source="raise ImportError('half installed')\n")
    talk = outlines.add(outputs={"broken": {"size": ("A3", 8)}})
    report = build([talk], formats="fake", out_dir="out")
    assert report.ok
    [warning] = report.warnings
    assert warning.location.line == 20
    assert warning.message.startswith("outputs.broken: options not checked, because backend")
    assert "cannot be imported: ImportError: half installed" in warning.message
    assert report.written == [Path("out/talk-fake.txt")]


def test_an_outline_name_with_control_characters_is_refused(site, outlines):
    site.add_backend("fake")
    talk = outlines.add("talk\x1b[31m.yaml")
    report = build([talk], formats="fake", out_dir="out")
    [error] = report.errors
    assert "file name has control characters" in error.message
    assert not Path("out").exists()
