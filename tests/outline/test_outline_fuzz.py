"""Mutated outlines either load or fail with located diagnostics; nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.errors import OutlineError
from deckgen.outline import load

BASE = """\
title: "The *Space* Race"
date: 2026-11-25
sections:
  - id: origins
    title: Origins
    summary: |
      First [paragraph](https://example.org).

      Second **one**.
    points:
      - A point
      - text: Nested
        points: [a, b]
    quote: {text: Q, by: B}
  - title: Two
    slides:
      - {layout: statement, text: Big}
      - {layout: timeline, title: Dates}
timeline:
  groups: {usa: USA, ussr: {label: USSR, color: "#CC0000"}}
  eras: [{start: 1957, end: 1975, label: Race}]
  events:
    - {date: 1957-10-04, title: Sputnik, group: ussr, section: origins}
    - {date: 1969-07, end: 1969-08, title: Apollo, group: usa}
references:
  - {text: Book, url: "https://example.org"}
outputs:
  poster: {size: A1}
"""

_PIECES = st.sampled_from(
    [
        "",
        " ",
        "\n",
        "- ",
        ": ",
        "[",
        "]",
        "{",
        "}",
        "*",
        "&a ",
        "*a",
        "!!str ",
        "!x ",
        "'",
        '"',
        "#",
        "\t",
        "~",
        "null",
        "2023-02-30",
        "<<: *a\n",
        "\x01",
        "---\n",
        "\\",
        "é",
        "Ю",
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.integers(0, len(BASE)), st.integers(0, 3), _PIECES), max_size=4))
def test_mutated_outlines(tmp_path: Path, edits):
    text = BASE
    for at, cut, piece in edits:
        at = min(at, len(text))
        text = text[:at] + piece + text[at + cut :]
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load(path)
    except OutlineError as e:
        for d in e.diagnostics:
            assert d.location.file == str(path)
            assert d.location.line >= 1 and d.location.column >= 1, str(d)
            assert ": " in d.message, str(d)


def test_base_outline_loads(tmp_path: Path):
    path = tmp_path / "base.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert load(path).timeline.events[0].title.plain == "Sputnik"
