"""Theme files, logos, templates and pictures are read only from inside the
outline's folder (or the installed themes), through links too, and only once."""

from __future__ import annotations

import shutil

import pytest

from tests.hardening import pictures
from tests.hardening.conftest import FIXTURES
from tests.hardening.hostile import TALK, run, snapshot, talk

EXTENDS = {
    "parent": "../elsewhere/theme.yaml",
    "deep-parent": "themes/../../elsewhere/theme.yaml",
    "absolute": "{outside}/theme.yaml",
    "proc": "/proc/self/cwd/elsewhere/theme.yaml",
    "symlinked-file": "link.yaml",
    "symlinked-folder": "linked/theme.yaml",
}


@pytest.fixture
def outside(tmp_path, monkeypatch):
    """A theme (with a logo and a footer) outside the outline's folder."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(FIXTURES / "images" / "leaf.png", elsewhere / "secret.png")
    (elsewhere / "theme.yaml").write_text(
        "extends: default\nlogo: secret.png\nfooter: SECRET FOOTER\n"
    )
    monkeypatch.chdir(tmp_path)  # /proc/self/cwd leads here
    return elsewhere


@pytest.mark.parametrize("how", sorted(EXTENDS))
def test_extends_never_leaves_the_outline_folder(tmp_path, capsys, outside, how):
    folder = tmp_path / "talk"
    outline = talk(folder, TALK + "theme: mine.yaml\n")
    (folder / "link.yaml").symlink_to(outside / "theme.yaml")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    ref = EXTENDS[how].format(outside=outside)
    (folder / "mine.yaml").write_text(f"# my theme\nextends: '{ref}'\n")
    out = tmp_path / "out"
    status, err = run(capsys, "build", outline, "-o", out, "-f", "pptx")
    assert status == 1, err
    assert "mine.yaml:2:" in err and "leads out of the outline's folder" in err
    assert snapshot(out) == {}


def test_extends_inside_the_folder_and_by_name_still_work(tmp_path, capsys):
    folder = tmp_path / "talk"
    outline = talk(folder, TALK + "theme: themes/mine.yaml\n")
    (folder / "themes").mkdir()
    (folder / "base.yaml").write_text("extends: midnight\nfooter: inside\n")
    (folder / "themes" / "mine.yaml").write_text("extends: ../base.yaml\n")
    status, err = run(capsys, "build", outline, "-o", tmp_path / "out", "-f", "pptx")
    assert status == 0, err


LOGOS = {
    "truncated-png": pictures.truncated_png,
    "truncated-jpeg": pictures.truncated_jpeg,
    "pixel-bomb": pictures.bomb_png,
    "header-only": pictures.header_only_png,
}


@pytest.mark.parametrize("how", sorted(LOGOS))
def test_a_broken_logo_is_a_located_error(tmp_path, capsys, how):
    folder = tmp_path / "talk"
    outline = talk(folder, TALK + "theme: mine.yaml\n")
    suffix = ".jpg" if "jpeg" in how else ".png"
    (folder / f"logo{suffix}").write_bytes(LOGOS[how]())
    (folder / "mine.yaml").write_text(f"extends: default\n\nlogo: logo{suffix}\n")
    out = tmp_path / "out"
    status, err = run(capsys, "build", outline, "-o", out, "-f", "pptx,handout,poster")
    assert status == 1, err
    assert "mine.yaml:3:7: error:" in err, err
    assert snapshot(out) == {}
