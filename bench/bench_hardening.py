"""Bounded time for big outlines (issue 6: "every build finishes in bounded
time"): a whole build, every output, of a 5,000-event timeline and of a
2,000-section outline. The issues set no figure for these; the targets here
are the hardening bound (a minute), and the table shows how far below it
the builds stay. The outline is written untimed; the time is the driver's
build (load, theme, layout and render of every backend, atomic write).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from harness import Case

import deckgen.build

FORMATS = ("pptx", "handout", "poster", "slides-pdf")
_FOLDER = Path(tempfile.mkdtemp(prefix="deckgen-bench-"))


def events(n: int) -> dict:
    groups = ("usa", "ussr", "intl")
    evs = [
        {
            "date": f"{1900 + i * 7 % 120}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "title": f"Event {i}",
            "group": groups[i % 3],
        }
        for i in range(n)
    ]
    return {
        "title": "A dense timeline",
        "timeline": {"groups": {g: g.upper() for g in groups}, "events": evs},
        "sections": [
            {
                "title": "All of it",
                "points": ["Every event"],
                "slides": [{"layout": "timeline", "title": "Every event"}],
            }
        ],
    }


def sections(n: int) -> dict:
    return {
        "title": "Many sections",
        "sections": [
            {
                "title": f"Section {i}",
                "summary": "Some words of a summary here. " * 12,
                "points": [f"Point {j} of section {i}" for j in range(4)],
                "notes": "Speaker notes. " * 20,
            }
            for i in range(n)
        ],
    }


def _setup(name: str, tree: dict) -> None:
    path = _FOLDER / f"{name}.yaml"
    path.write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")


def _build(name: str) -> None:
    out = _FOLDER / f"out-{name}"
    report = deckgen.build.build([_FOLDER / f"{name}.yaml"], formats=FORMATS, out_dir=out)
    if not report.ok:
        raise AssertionError("; ".join(str(d) for d in report.errors[:3]))
    shutil.rmtree(out)


def cases() -> list[Case]:
    return [
        Case(
            name="build: 5,000-event timeline, every output",
            target=60.0,
            source="issue 6: every build finishes in bounded time",
            setup=lambda: _setup("events", events(5000)),
            run=lambda: _build("events"),
            repeat=1,
        ),
        Case(
            name="build: 2,000 sections, every output",
            target=60.0,
            source="issue 6: every build finishes in bounded time",
            setup=lambda: _setup("sections", sections(2000)),
            run=lambda: _build("sections"),
            repeat=1,
        ),
    ]
