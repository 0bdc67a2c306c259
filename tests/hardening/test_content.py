"""Ordinary content, however long, never ends in an internal error: the
handout paginates any paragraph, note or quote, splitting it across pages."""

from __future__ import annotations

import time

import pytest
from pypdf import PdfReader

from tests.hardening.hostile import run, talk

WORDS = "word " * 6000  # one paragraph of about ten pages


def _outline(section: str, handout: str = "{speaker_notes: true}") -> str:
    return (
        "title: Long content\nsections:\n  - title: S\n"
        + section
        + f"outputs:\n  handout: {handout}\n"
    )


CASES = {
    "one-long-note": f'    points: [a]\n    notes: "{WORDS}"\n',
    "long-quote": f'    quote: {{text: "{WORDS}", by: someone}}\n',
    "long-summary": f'    summary: "{WORDS}"\n',
    "long-point": f'    points: ["{WORDS}"]\n',
    "long-word-note": f'    points: [a]\n    notes: "{"x" * 20000}"\n',
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_long_paragraph_is_paginated(tmp_path, capsys, case):
    outline = talk(tmp_path / "talk", _outline(CASES[case]))
    out = tmp_path / "out"
    status, err = run(capsys, "build", outline, "-o", out, "-f", "handout")
    assert status in (0, 1), err  # 1: refused with a located error, never 70
    if status == 1:
        assert "talk.yaml:" in err, err
        return
    assert len(PdfReader(out / "talk-handout.pdf").pages) >= 3


def test_a_megabyte_of_notes_builds_every_output_in_seconds(tmp_path, capsys):
    lines = "".join("      " + "lorem ipsum dolor sit amet " * 4 + "\n" for _ in range(9500))
    outline = talk(tmp_path / "talk", _outline("    points: [a]\n    notes: |\n" + lines))
    assert outline.stat().st_size > 1_000_000
    start = time.monotonic()
    status, err = run(capsys, "build", outline, "-o", tmp_path / "out", "-f", "pptx,handout")
    assert status == 0, err
    assert time.monotonic() - start < 60
    reader = PdfReader(tmp_path / "out" / "talk-handout.pdf")
    assert len(reader.pages) > 100
    last = reader.pages[-1].extract_text()
    assert "lorem ipsum" in last  # the notes run to the end, nothing dropped
