"""Byte-identical builds for every backend, honouring SOURCE_DATE_EPOCH.

Each build is a real `deckgen build` process (a fresh interpreter: no cache
shared between the builds compared), of two outlines that between them use
every output: the deck, the handout in both modes, the poster and its tiles,
the deck as PDF.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml

from tests.hardening.conftest import CONTENT
from tests.hardening.harness import ALL_FORMATS


def _talks(folder: Path) -> list[Path]:
    tree = yaml.safe_load((CONTENT / "space_race.yaml").read_text(encoding="utf-8"))
    tree["sections"] = tree["sections"][:2]
    keep = {s["id"] for s in tree["sections"]}
    tree["timeline"]["events"] = [
        e for e in tree["timeline"]["events"] if e.get("section") in (None, *keep)
    ][:10]
    shutil.copytree(CONTENT / "images", folder / "images")
    article = folder / "talk.yaml"
    article.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), "utf-8")
    tree["outputs"] = {
        "handout": {"mode": "slides", "speaker_notes": True},
        "poster": {"tile": "A4", "size": "A1"},
    }
    slides = folder / "talk-slides-mode.yaml"
    slides.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), "utf-8")
    return [article, slides]


def _start(outlines: list[str], out: Path, cwd: Path, epoch: str | None = None):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [
        sys.executable,
        "-m",
        "deckgen",
        "build",
        *outlines,
        "-o",
        str(out),
        "-f",
        ",".join(ALL_FORMATS),
    ]
    child = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    return child, out


def _finish(started) -> dict:
    child, out = started
    _, stderr = child.communicate(timeout=600)
    assert child.returncode == 0, stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_builds_are_byte_identical_wherever_they_run_and_only_dates_follow_the_epoch(tmp_path):
    first = tmp_path / "a" / "talk"
    second = tmp_path / "b" / "somewhere" / "much" / "deeper" / "talk"
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    names = [p.name for p in _talks(first)]
    _talks(second)

    # relative paths from the outline's folder; absolute paths from elsewhere;
    # and the deck alone under two SOURCE_DATE_EPOCHs (all four build at once)
    builds = [
        _start(names, tmp_path / "out1", cwd=first),
        _start([str(second / n) for n in names], tmp_path / "out2", cwd=tmp_path),
        _start(names[:1], tmp_path / "out3", cwd=first, epoch="1700000000"),
        _start(names[:1], tmp_path / "out4", cwd=first, epoch="1800000000"),
    ]
    one, two, early, late = (_finish(b) for b in builds)
    assert len(one) == 9, sorted(one)  # 4 outputs of each outline, and the tiles
    for name in one:
        assert one[name] == two[name], f"{name} differs between two builds"

    # a different SOURCE_DATE_EPOCH changes the dates and nothing else
    changed = [n for n in early if early[n] != late[n]]
    assert changed, "SOURCE_DATE_EPOCH changed nothing"
    for name in early:
        assert _without_dates(name, early[name]) == _without_dates(name, late[name]), name
    assert b"2023" in _dates(early["talk.pptx"]) and b"2027" in _dates(late["talk.pptx"])
    assert b"D:2023" in early["talk-handout.pdf"] and b"D:2027" in late["talk-handout.pdf"]


_PDF_DATE = re.compile(rb"D:\d{14}[^)]*")
_PDF_ID = re.compile(rb"/ID\s*\[<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\]")
_XMP_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")


def _dates(pptx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        return z.read("docProps/core.xml")


def _without_dates(name: str, data: bytes) -> object:
    if name.endswith(".pptx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            # member contents only: the zip's own time stamps are dates too
            return [(i.filename, _XMP_DATE.sub(b"DATE", z.read(i))) for i in z.infolist()]
    # the document ID is a digest that includes the dates
    return _PDF_ID.sub(b"/ID[]", _XMP_DATE.sub(b"DATE", _PDF_DATE.sub(b"D:DATE", data)))
