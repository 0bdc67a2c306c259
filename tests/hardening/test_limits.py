"""Limits, through the whole build: hostile YAML refused quickly, bad
characters refused at their line wherever they hide (outline, theme file,
--set, options), a 10 MB outline handled or refused, big outlines built in
bounded time."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import deckgen.build
from tests.hardening.harness import ALL_FORMATS, build_and_check

OK = "title: T\nsections:\n  - title: S\n    points: [p]\n"


def _write(tmp_path: Path, text: str | bytes, name: str = "talk.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def _refused_at(report, line: int) -> str:
    assert not report.ok
    assert [d.location.line for d in report.errors][:1] == [line], [str(d) for d in report.errors]
    return report.errors[0].message


# --- hostile YAML -----------------------------------------------------------------


def _laughs(levels: int, width: int) -> str:
    lines = ["title: T", "a0: &a0 [lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    lines.append(f"sections: [{{title: S, points: *a{levels - 1}}}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [
        _laughs(10, 10),  # a billion laughs: 10^9 strings
        _laughs(40, 2),  # 2^40, narrow and deep
        "title: T\nsections: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "title: T\nsections:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)),
        "title: T\nsections: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n",
        "&a [*a]\n",
    ],
    ids=[
        "billion-laughs",
        "deep-aliases",
        "deep-flow-lists",
        "deep-block-lists",
        "deep-flow-maps",
        "self-alias",
    ],
)
def test_hostile_yaml_is_refused_quickly(tmp_path, text):
    path = _write(tmp_path, text)
    start = time.process_time()
    report = build_and_check(path, tmp_path / "out")
    assert not report.ok
    assert time.process_time() - start < 10  # CPU seconds; expanding it would take hours


# --- characters -------------------------------------------------------------------

BAD = {
    "bell": "\x07",
    "escape": "\x1b[31m",
    "nul": "\x00",
    "del": "\x7f",
    "c1": "\x85",
    "U+FFFE": "\ufffe",
    "U+FFFF": "\uffff",
    "lone-surrogate": "\ud800",
}


@pytest.mark.parametrize("what", sorted(BAD))
@pytest.mark.parametrize(
    ("place", "template", "line"),
    [
        ("title", "title: 'A{bad}B'\nsections: [{{title: S, points: [p]}}]\n", 1),
        ("point", "title: T\nsections:\n  - title: S\n    points:\n      - 'x{bad}y'\n", 5),
        (
            "notes",
            "title: T\nsections:\n  - title: S\n    points: [p]\n    notes: |\n"
            "      fine\n      x{bad}y\n",
            7,
        ),
        (
            "event",
            "title: T\nsections: [{{title: S, points: [p]}}]\ntimeline:\n  events:\n"
            "    - {{date: 1957, title: 'S{bad}'}}\n",
            5,
        ),
        (
            "override",
            "title: T\nsections: [{{title: S, points: [p]}}]\ntheme_overrides:\n"
            "  footer: 'x{bad}'\n",
            4,
        ),
        (
            "option",
            "title: T\nsections: [{{title: S, points: [p]}}]\noutputs:\n"
            "  poster: {{size: 'A2{bad}'}}\n",
            4,
        ),
    ],
)
def test_bad_characters_are_refused_at_their_line(tmp_path, what, place, template, line):
    path = _write(tmp_path, template.format(bad=BAD[what]))
    report = build_and_check(path, tmp_path / "out")
    _refused_at(report, line)


@pytest.mark.parametrize("what", ["bell", "U+FFFE", "lone-surrogate", "nul"])
def test_bad_characters_in_a_theme_file_and_in_set(tmp_path, what):
    bad = BAD[what]
    theme = _write(tmp_path, f"extends: default\n\nfooter: 'a{bad}b'\n", "mine.yaml")
    path = _write(tmp_path, OK + "theme: mine.yaml\n")
    report = build_and_check(path, tmp_path / "a")
    assert not report.ok
    assert (report.errors[0].location.file, report.errors[0].location.line) == (str(theme), 3)

    path = _write(tmp_path, OK)
    report = build_and_check(path, tmp_path / "b", sets=(f"title=x{bad}y",))
    assert not report.ok
    assert report.errors[0].location.file.startswith("--set"), str(report.errors[0])


def test_invalid_utf8_and_encoded_surrogates_are_refused_at_their_line(tmp_path):
    for i, raw in enumerate([b"\xff\xfe", b"\xed\xa0\x80", b"\xc0\xaf", b"\xe2\x82"]):
        path = _write(
            tmp_path,
            b"title: T\nsections:\n  - title: S" + raw + b"\n    points: [p]\n",
            f"t{i}.yaml",
        )
        _refused_at(build_and_check(path, tmp_path / f"out{i}"), 3)


def test_a_byte_order_mark_and_crlf_are_fine(tmp_path):
    path = _write(tmp_path, b"\xef\xbb\xbf" + OK.replace("\n", "\r\n").encode())
    assert build_and_check(path, tmp_path / "out").ok


# --- size ---------------------------------------------------------------------------


def test_an_outline_over_10_mb_is_refused_by_the_cli_with_a_message(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("w") as f:
        f.write(OK)
        f.write("# padding\n" * (1024 * 1024 + 10))
    done = subprocess.run(
        [sys.executable, "-m", "deckgen", "build", str(path), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "10 MB" in done.stderr and "Traceback" not in done.stderr
    assert f"{path}:" in done.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_an_outline_just_under_10_mb_is_handled(tmp_path):
    """Most of it a comment: read, checked and built like any other."""
    path = tmp_path / "big.yaml"
    with path.open("w") as f:
        f.write(OK)
        f.write("# " + "padding " * 80 + "\n" * 1)
        f.write(("# " + "x" * 97 + "\n") * 99_000)
    assert 9_500_000 < path.stat().st_size < 10 * 1024 * 1024
    report = build_and_check(path, tmp_path / "out")
    assert report.ok, [str(d) for d in report.errors]


@pytest.mark.slow
def test_an_outline_of_10_mb_of_text_is_handled_or_refused(tmp_path):
    """9.5 MB of real content (speaker notes and summaries): bounded either way."""
    sections = [
        {
            "title": f"S{i}",
            "summary": "Words of a summary. " * 200,
            "points": ["A point"],
            "notes": "Notes to read. " * 300,
        }
        for i in range(1100)
    ]
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump({"title": "Big", "sections": sections}))
    assert path.stat().st_size > 9_000_000
    start = time.process_time()
    report = build_and_check(path, tmp_path / "out")
    print(
        f"10 MB outline: {'built' if report.ok else 'refused'} "
        f"in {time.process_time() - start:.0f} CPU s"
    )


# --- bounded time -------------------------------------------------------------------


def _events(n: int) -> dict:
    events = [
        {
            "date": f"{1900 + i * 7 % 120}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "title": f"Event {i}",
            "group": ("usa", "ussr", "intl")[i % 3],
        }
        for i in range(n)
    ]
    return {
        "title": "Dense",
        "timeline": {"groups": {"usa": "USA", "ussr": "USSR", "intl": "Intl"}, "events": events},
        "sections": [
            {
                "title": "S",
                "points": ["p"],
                "slides": [{"layout": "timeline", "title": "All of it"}],
            }
        ],
    }


def _sections(n: int) -> dict:
    return {
        "title": "Many",
        "sections": [
            {
                "title": f"Section {i}",
                "summary": "Some words here. " * 20,
                "points": [f"Point {j} of section {i}" for j in range(4)],
                "notes": "Notes " * 30,
            }
            for i in range(n)
        ],
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make", "n", "cpu_seconds"),
    [(_events, 5000, 600), (_sections, 2000, 600)],
    ids=["5000-events", "2000-sections"],
)
def test_big_outlines_build_in_bounded_time(tmp_path, make, n, cpu_seconds):
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump(make(n), sort_keys=False))
    start = time.process_time()
    report = deckgen.build.build([path], formats=ALL_FORMATS, out_dir=tmp_path / "out")
    spent = time.process_time() - start
    assert report.ok or all(d.location.line >= 1 for d in report.errors)
    assert spent < cpu_seconds, f"{n}: {spent:.0f} CPU s"


# --- dates at the ends of the calendar -------------------------------------------


def test_dates_at_the_ends_of_the_calendar_build_every_output(tmp_path):
    """Years 0001 and 9999 are valid dates; nothing may compute a year 10000."""
    path = _write(
        tmp_path,
        "title: T\nsections:\n  - title: S\n    points: [p]\n"
        "    slides: [{layout: timeline, title: Ends}]\n"
        "timeline:\n  eras: [{start: 9990, end: 9999-12, label: Last}]\n  events:\n"
        "    - {date: 9999-12-31, title: Last day}\n"
        "    - {date: 9999, end: 9999-12, title: Last year}\n"
        "    - {date: '0001', title: First year}\n"
        "    - {date: 0001-01-01, end: 9999-12-31, title: Everything}\n",
    )
    for mode, tile in (("article", "A4"), ("slides", "Letter")):
        sets = (f"outputs.handout.mode={mode}", f"outputs.poster.tile={tile}")
        report = build_and_check(path, tmp_path / mode, sets=sets)
        assert report.ok, [str(d) for d in report.errors]
