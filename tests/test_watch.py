"""`deckgen watch`: a rebuild within 2 s of a save, one line each; a broken
save reports located errors and keeps the earlier files; Ctrl-C exits 130."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from deckgen.starter import write_starter
from deckgen.watch import Inputs, inputs_of

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loop_support import Running  # noqa: E402


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    write_starter(tmp_path)
    return tmp_path / "talk.yaml"


def _save(path: Path, old: str, new: str) -> float:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return time.monotonic()


def test_rebuilds_on_save_and_keeps_files_on_a_broken_save(talk):
    run = Running("watch", "talk.yaml", "-f", "html,pptx", "-o", "build", cwd=talk.parent)
    try:
        run.wait_for("built html,pptx (2 files)", timeout=60)
        html = talk.parent / "build" / "talk.html"
        first = html.read_bytes()

        saved = _save(talk, "title: My First Talk", "title: My Edited Talk")
        when, line = run.wait_for("built html,pptx")
        assert "after talk.yaml" in line and line.endswith(" s")
        assert when - saved <= 2.0, f"rebuilt {when - saved:.2f} s after the save"
        edited = html.read_bytes()
        assert edited != first and b"My Edited Talk" in edited
        stamp = html.stat().st_mtime_ns

        _save(talk, "  - id: start", "  - id: [start")  # a broken save
        _, error = run.wait_for("error:")
        assert "talk.yaml:" in error  # located: FILE:LINE:COLUMN
        _, line = run.wait_for("errors: html,pptx not rebuilt, earlier files kept")
        assert html.read_bytes() == edited and html.stat().st_mtime_ns == stamp

        _save(talk, "  - id: [start", "  - id: start")  # and it recovers
        run.wait_for("built html,pptx (2 files)")
        assert run.interrupt() == 130
        assert run.wait_for("interrupted", timeout=5)
    finally:
        run.kill()


def test_a_file_that_is_no_input_rebuilds_nothing(talk):
    inputs = inputs_of(talk, None, ())
    assert talk.resolve() in inputs.common
    assert (talk.parent / "images" / "picture.png").resolve() in inputs.common
    assert any(p.name == "default.yaml" for p in inputs.common)  # the theme
    assert inputs.formats_for({talk.parent / "README.md"}, ["pptx", "html"]) == []
    assert inputs.formats_for({talk.resolve()}, ["pptx", "poster"]) == ["pptx", "poster"]


def test_a_template_rebuilds_only_the_outputs_that_show_the_deck(tmp_path):
    template = tmp_path / "t.potx"
    inputs = Inputs(frozenset({tmp_path / "talk.yaml"}), template)
    assert inputs.formats_for({template}, ["pptx", "poster", "html", "handout"]) == [
        "pptx",
        "html",
        "handout",
    ]
