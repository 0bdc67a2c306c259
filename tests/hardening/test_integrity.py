"""All outputs of an outline are replaced together or not at all, and never
over one of the build's own inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import deckgen.writer
from deckgen.writer import TEMP_SUFFIX
from tests.hardening.hostile import run, snapshot, talk

FORMATS = "pptx,handout"


def _earlier(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in ("talk.pptx", "talk-handout.pdf"):
        (out / name).write_bytes(b"earlier " + name.encode())


@pytest.mark.parametrize("blocked", ["talk.pptx", "talk-handout.pdf"])
def test_a_folder_in_the_way_of_one_output_changes_none(tmp_path, capsys, blocked):
    outline = talk(tmp_path / "talk")
    out = tmp_path / "out"
    _earlier(out)
    (out / blocked).unlink()
    (out / blocked).mkdir()
    before = snapshot(out)
    status, err = run(capsys, "build", outline, "-o", out, "-f", FORMATS)
    assert status == 1
    assert f"{blocked}: error: cannot replace the file: a folder" in err
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["talk-handout.pdf", "talk.pptx"]


def test_a_failed_rename_puts_back_the_outputs_already_replaced(tmp_path, capsys, monkeypatch):
    outline = talk(tmp_path / "talk")
    out = tmp_path / "out"
    _earlier(out)
    before = snapshot(out)
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(Path(dst).name)
        if len(calls) == 2:  # the second output's rename
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(deckgen.writer.os, "replace", flaky)
    status, err = run(capsys, "build", outline, "-o", out, "-f", FORMATS)
    assert status == 1, err
    assert "cannot replace the file: No space left on device" in err
    assert snapshot(out) == before  # the first output was put back
    assert not [p for p in out.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_a_failed_rename_removes_a_new_output_that_had_no_earlier_file(
    tmp_path, capsys, monkeypatch
):
    outline = talk(tmp_path / "talk")
    out = tmp_path / "out"
    out.mkdir()
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(deckgen.writer.os, "replace", flaky)
    status, _ = run(capsys, "build", outline, "-o", out, "-f", FORMATS)
    assert status == 1
    assert list(out.iterdir()) == []


def test_success_leaves_no_kept_copy_behind(tmp_path, capsys):
    outline = talk(tmp_path / "talk")
    out = tmp_path / "out"
    _earlier(out)
    status, _ = run(capsys, "build", outline, "-o", out, "-f", FORMATS)
    assert status == 0
    assert sorted(p.name for p in out.iterdir()) == ["talk-handout.pdf", "talk.pptx"]
    assert not (out / "talk.pptx").read_bytes().startswith(b"earlier")


def test_an_output_over_the_template_is_a_usage_error(tmp_path, capsys):
    folder = tmp_path / "talk"
    outline = talk(folder)
    status, _ = run(capsys, "build", outline, "-o", folder, "-f", "pptx")
    assert status == 0  # talk.pptx now lies beside the outline: use it as the template
    outline.write_text(outline.read_text() + "outputs:\n  pptx: {template: talk.pptx}\n")
    before = snapshot(folder)
    status, err = run(capsys, "build", outline, "-o", folder, "-f", "pptx,handout")
    assert status == 2, err
    assert "would overwrite the input" in err and "talk.pptx" in err
    assert snapshot(folder) == before


@pytest.mark.parametrize("how", ["symlink", "hardlink"])
def test_an_output_that_is_a_picture_or_the_outline_is_a_usage_error(tmp_path, capsys, how):
    folder = tmp_path / "talk"
    outline = talk(folder)
    out = tmp_path / "out"
    out.mkdir()
    link = os.symlink if how == "symlink" else os.link
    link(folder / "images" / "leaf.png", out / "talk.pptx")
    link(outline, out / "talk-handout.pdf")
    before = snapshot(folder)
    status, err = run(capsys, "build", outline, "-o", out, "-f", FORMATS)
    assert status == 2, err
    assert "would overwrite the input" in err
    assert snapshot(folder) == before
