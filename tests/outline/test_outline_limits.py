"""Hostile outlines are refused with a located message, never a hang or a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from deckgen.outline import load


def test_alias_bomb(problems):
    lines = ["title: T", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    lines.append("sections: [{title: S, points: *j}]")
    (msg,) = problems("\n".join(lines) + "\n")
    assert "alias bomb" in msg


def test_deep_nesting(problems):
    (msg,) = problems("title: T\nsections: " + "[" * 5000 + "]" * 5000 + "\n")
    assert msg.startswith("talk.yaml:2:")
    assert "nest" in msg


@pytest.mark.parametrize(
    ("bad", "code"), [("\x07", "0007"), ("\x1b", "001B"), ("\ufffe", "FFFE"), ("\x85", "0085")]
)
def test_control_characters_refused_with_their_line(write, bad, code):
    path = write(f"title: T\nsections:\n  - title: Pasted{bad}text\n    points: [a]\n")
    with pytest.raises(OutlineError) as info:
        load(path)
    (diag,) = info.value.diagnostics
    assert (diag.location.line, diag.location.column) == (3, 18)
    assert f"U+{code}" in diag.message


def test_lone_surrogate_escape_refused(problems):
    (msg,) = problems('title: "T\\ud800"\nsections: [{title: S, points: [a]}]\n')
    assert msg.startswith("talk.yaml:1:")


def test_huge_outline_refused(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    with path.open("w") as f:
        f.write("title: T\nsections:\n")
        line = "  - {title: Section, points: [" + "x" * 200 + "]}\n"
        f.write(line * (11 * 1024 * 1024 // len(line)))
    with pytest.raises(OutlineError, match="larger than 10 MB"):
        load(path)


def test_not_utf8(write, tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Café\nsections: [{title: S, points: [a]}]\n".encode("latin-1"))
    with pytest.raises(OutlineError) as info:
        load(path)
    assert str(info.value.diagnostics[0].location).endswith("latin1.yaml:1:11")


def test_problems_capped(problems):
    text = "title: T\nsections:\n" + "".join(f"  - {{title: S{i}, x: 1}}\n" for i in range(300))
    msgs = problems(text)
    assert len(msgs) == 201
    assert msgs[-1].endswith("error: outline: ... and 400 more problems")
