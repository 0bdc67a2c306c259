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


# --- check, then use: a file swapped for a link after the outline was loaded -------


def _secret(tmp_path):
    """A picture outside the outline's folder, recognisable by its colour."""
    import io

    from PIL import Image

    secret = tmp_path / "elsewhere" / "secret.png"
    secret.parent.mkdir(exist_ok=True)
    out = io.BytesIO()
    Image.new("RGB", (37, 23), (1, 2, 3)).save(out, "PNG")
    secret.write_bytes(out.getvalue())
    return secret


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_picture_swapped_for_a_link_out_after_loading_is_not_read(tmp_path, what):
    import deckgen.build
    from deckgen import images

    images._normalise.cache_clear()
    folder = tmp_path / "talk"
    outline = talk(folder)
    secret = _secret(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "talk.pptx").write_bytes(b"earlier")

    def swap(step):
        if step.stage == "layout" and not (folder / "moved").exists():
            (folder / "images").rename(folder / "moved")
            if what == "file":
                (folder / "images").mkdir()
                (folder / "images" / "leaf.png").symlink_to(secret)
            else:
                (folder / "images").symlink_to(secret.parent, target_is_directory=True)
                (secret.parent / "leaf.png").write_bytes(secret.read_bytes())

    report = deckgen.build.build([outline], formats=["pptx", "handout"], out_dir=out, progress=swap)
    assert not report.ok
    assert any("the outline's folder" in d.message for d in report.errors), [
        str(d) for d in report.errors
    ]
    assert snapshot(out) == {"talk.pptx": b"earlier"}


def test_a_template_swapped_for_a_link_out_after_loading_is_not_read(tmp_path, capsys):
    import deckgen.build

    folder = tmp_path / "talk"
    outline = talk(folder)
    status, _ = run(capsys, "build", outline, "-o", tmp_path / "first", "-f", "pptx")
    assert status == 0
    outline.write_text(TALK + "outputs:\n  pptx: {template: t.pptx}\n")
    shutil.copy(tmp_path / "first" / "talk.pptx", folder / "t.pptx")
    shutil.copy(folder / "t.pptx", tmp_path / "elsewhere.pptx")

    def swap(step):
        if step.stage == "layout":
            (folder / "t.pptx").unlink()
            (folder / "t.pptx").symlink_to(tmp_path / "elsewhere.pptx")

    report = deckgen.build.build(
        [outline], formats=["pptx"], out_dir=tmp_path / "out", progress=swap
    )
    assert not report.ok
    assert report.errors[0].location.line == 7
    assert "the outline's folder" in report.errors[0].message
