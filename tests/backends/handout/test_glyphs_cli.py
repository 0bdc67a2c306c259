"""A character no theme font covers stops the build with its outline line."""

import subprocess
import sys

from deckgen.backends.base import Job
from deckgen.backends.handout import HandoutBackend
from deckgen.errors import FontError
from deckgen.outline import load
from deckgen.theme import resolve

OUTLINE = """\
title: Glyphs
sections:
  - title: Fine
    points:
      - All good here
  - title: "Linear B: \U00010000"
    summary: Plain text.
"""


def test_missing_glyph_names_the_line(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    outline = load(path)
    try:
        HandoutBackend().layout(Job(outline, resolve(outline), {"mode": "article"}))
    except FontError as err:
        diag = err.diagnostics[0]
        assert diag.location.line == 6
        assert "sections[1].title" in diag.message and "U+10000" in diag.message
    else:
        raise AssertionError("a missing glyph must be an error")


def test_cli_exits_1_and_writes_nothing(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "deckgen", "build", str(path), "-f", "handout", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "talk.yaml:6:" in proc.stderr and "U+10000" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (out / "talk-handout.pdf").exists()
