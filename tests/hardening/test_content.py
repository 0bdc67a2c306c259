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


def _jpeg_with_exif(exif: bytes) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 50, 50)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def _ifd(*entries: bytes) -> bytes:
    import struct

    head = b"Exif\x00\x00II*\x00" + struct.pack("<IH", 8, len(entries))
    return head + b"".join(entries) + b"\0\0\0\0"


def _entry(tag: int, kind: int, count: int, value: bytes) -> bytes:
    import struct

    return struct.pack("<HHI", tag, kind, count) + value


EXIF = {
    "orientation-text": (_ifd(_entry(0x0112, 2, 4, b"six\0")), "EXIF orientation 'six'"),
    "orientation-99": (_ifd(_entry(0x0112, 3, 1, b"\x63\0\0\0")), "EXIF orientation 99"),
    "tag-past-the-end": (_ifd(_entry(0x010F, 2, 400, b"\xa0\x0f\0\0")), "decoder warns"),
    "corrupt": (b"Exif\x00\x00MM\x00*\xff\xff\xff\xff" + b"\x01" * 10, "decoder warns"),
}


@pytest.mark.parametrize("case", sorted(EXIF))
def test_odd_exif_is_a_warning_at_the_picture(tmp_path, capsys, case):
    exif, said = EXIF[case]
    folder = tmp_path / "talk"
    outline = talk(folder, "title: T\nsections:\n  - title: S\n    image: {src: odd.jpg, alt: a}\n")
    (folder / "odd.jpg").write_bytes(_jpeg_with_exif(exif))
    status, err = run(capsys, "build", outline, "-o", tmp_path / "out", "-f", ALL)
    assert status == 0, err
    assert "talk.yaml:4:18: warning: sections[0].image.src: 'odd.jpg':" in err, err
    assert said in err, err
    assert "UserWarning" not in err and "warnings.warn" not in err
    status, err = run(capsys, "build", outline, "-o", tmp_path / "out", "-f", ALL, "--strict")
    assert status == 1, err


ALL = "pptx,handout,poster,slides-pdf"
