"""Pictures are checked before use: accepted and drawn upright in the right
colours by every backend, or refused with a message naming the line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.hardening import pictures as P
from tests.hardening.harness import build_and_check

OUTLINE = """\
title: Pictures
cover:
  src: images/{name}
  alt: the cover
sections:
  - title: One
    points: [A point]
    image:
      src: images/{name}
      alt: a picture
      caption: A caption
"""
COVER_LINE, SECTION_LINE = 3, 9


def _outline(folder: Path, name: str, data: bytes) -> Path:
    (folder / "images").mkdir(parents=True, exist_ok=True)
    (folder / "images" / name).write_bytes(data)
    path = folder / "talk.yaml"
    path.write_text(OUTLINE.format(name=name), encoding="utf-8")
    return path


def _drawn(path: Path) -> list[Image.Image]:
    """Every picture embedded in an output file, decoded."""
    if path.suffix == ".pptx":
        with zipfile.ZipFile(path) as z:
            return [
                Image.open(io.BytesIO(z.read(n)))
                for n in z.namelist()
                if n.startswith("ppt/media/")
            ]
    found = []
    for page in PdfReader(path).pages:
        found += [image.image for image in page.images]
    return found


def _looks_right(img: Image.Image, name: str) -> None:
    assert img.size == (P.W, P.H), f"{name}: drawn {img.size[0]}x{img.size[1]}, on its side?"
    rgb = img.convert("RGB")
    left, right = rgb.getpixel((2, P.H // 2)), rgb.getpixel((P.W - 3, P.H // 2))
    if name.startswith("grey16-mid"):  # 0x6000 of 0xFFFF: 8-bit 96, not clipped to white
        assert all(80 <= v <= 110 for v in left + right), (name, left, right)
        return
    if name.startswith("grey"):
        assert sum(left) < sum(right) - 300, (name, left, right)
        return
    assert left[0] > 200 and left[1] < 60 and left[2] < 60, f"{name}: left not red: {left}"
    if "alpha" not in name:  # a transparent half may decode as black
        assert min(right) > 200, f"{name}: right not white: {right}"


@pytest.mark.parametrize("name", sorted(P.ACCEPTED))
def test_accepted_pictures_are_drawn_upright_in_their_colours(tmp_path, name):
    path = _outline(tmp_path / "talk", name, P.ACCEPTED[name]())
    report = build_and_check(path, tmp_path / "out")
    assert report.ok, [str(d) for d in report.errors]
    for output in report.written:
        pictures = [p for p in _drawn(output) if p.size != (1, 1)]
        assert pictures, f"{output.name}: no picture drawn"
        for picture in pictures:
            _looks_right(picture, name)


@pytest.mark.parametrize("name", sorted(P.REFUSED))
def test_refused_pictures_name_their_line(tmp_path, name):
    make, says = P.REFUSED[name]
    path = _outline(tmp_path / "talk", name, make())
    report = build_and_check(path, tmp_path / "out")
    assert not report.ok
    lines = sorted({d.location.line for d in report.errors})
    assert lines == [COVER_LINE, SECTION_LINE], [str(d) for d in report.errors]
    for d in report.errors:
        assert d.location.file == str(path)
        assert says.casefold() in d.message.casefold(), str(d)
        assert name in d.message, str(d)


def test_a_decompression_bomb_is_refused_without_decoding_it(tmp_path, monkeypatch):
    """The pixel count is read from the header; nothing is decoded."""
    from PIL import ImageFile

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("a bomb was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    path = _outline(tmp_path / "talk", "bomb.png", P.bomb_png())
    report = build_and_check(path, tmp_path / "out", formats=("pptx",))
    assert not report.ok and "too large" in report.errors[0].message
