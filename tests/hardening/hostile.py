"""Helpers of the round-two hardening tests: a small talk folder, the command
line run in-process, and a snapshot of a folder to compare after a refusal."""

from __future__ import annotations

import shutil
from pathlib import Path

from deckgen.cli import main
from tests.hardening.conftest import FIXTURES

TALK = """\
title: Hostile inputs
sections:
  - title: One
    points: [a point]
    image: {src: images/leaf.png, alt: a leaf}
"""


def talk(folder: Path, text: str = TALK, name: str = "talk.yaml") -> Path:
    """An outline in `folder`, with the fixture pictures beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "images").exists():
        shutil.copytree(FIXTURES / "images", folder / "images")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (names relative to it) with its bytes."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def run(capsys, *argv: str) -> tuple[int, str]:
    """`deckgen ARGV` in this process: (exit status, standard error)."""
    status = main([str(a) for a in argv])
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    assert status != 70, err
    return status, err
