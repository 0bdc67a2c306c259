"""Helpers: write a small outline into tmp_path and load it."""

from __future__ import annotations

import struct
import textwrap
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from deckgen.outline import load


def tiny_png() -> bytes:
    """A valid 1x1 PNG, made here so that tests need no binary fixtures."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str], Path]:
    """write(yaml_text) -> path of talk.yaml (text is dedented; images/pic.png exists)."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "pic.png").write_bytes(tiny_png())

    def _write(text: str, name: str = "talk.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def problems(write) -> Callable[..., list[str]]:
    """problems(yaml_text, sets=()) -> the error lines, with the folder stripped."""

    def _problems(text: str, sets: tuple[str, ...] = ()) -> list[str]:
        path = write(text)
        with pytest.raises(OutlineError) as info:
            load(path, sets)
        prefix = str(path.parent) + "/"
        return [str(d).replace(prefix, "") for d in info.value.diagnostics]

    return _problems
