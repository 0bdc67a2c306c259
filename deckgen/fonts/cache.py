"""Static instances of variable fonts, cut once and kept on disk.

reportlab draws only the default instance of a variable font, and cutting an
instance with fontTools takes seconds, so each (source file, weight) is cut
once per machine and reused. Files are keyed by a hash of the source bytes,
the weight and the fontTools version (its output may change between
versions), written atomically and saved without a fresh timestamp so that
the bytes — and every PDF that embeds them — are deterministic.

Cache folder, first that is set: ``$DECKGEN_CACHE/fonts``,
``$XDG_CACHE_HOME/deckgen/fonts``, ``~/.cache/deckgen/fonts``. When it cannot
be written, a per-user folder in the system temp folder is used instead.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import fontTools
from fontTools.ttLib import TTFont

from deckgen.safeio import is_file

__all__ = ["cache_dir", "static_instance"]

# Bump when the way instances are made changes, so old files are not reused.
_FORMAT = "1"

_lock = threading.Lock()
_source_hashes: dict[Path, str] = {}


def cache_dir() -> Path:
    """The folder instanced fonts are kept in (not created here)."""
    if root := os.environ.get("DECKGEN_CACHE"):
        return Path(root).expanduser() / "fonts"
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg).expanduser() / "deckgen" / "fonts"
    return Path.home() / ".cache" / "deckgen" / "fonts"


def _fallback_dir() -> Path:
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"deckgen-{uid}" / "fonts"


def _source_hash(path: Path) -> str:
    digest = _source_hashes.get(path)
    if digest is None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        _source_hashes[path] = digest
    return digest


def _style_name(bold: bool, italic: bool) -> str:
    return {
        (False, False): "Regular",
        (True, False): "Bold",
        (False, True): "Italic",
        (True, True): "Bold Italic",
    }[(bold, italic)]


def static_instance(source: Path, family: str, weight: int, italic: bool) -> Path:
    """Path of a static TTF of `source` at `weight`, cutting it on first use."""
    source = Path(source)
    key = hashlib.sha256(
        f"{_FORMAT}|{fontTools.version}|{_source_hash(source)}|{weight}|{italic}".encode()
    ).hexdigest()[:20]
    style = _style_name(weight >= 600, italic).replace(" ", "")
    name = f"{family.replace(' ', '')}-{style}-{key}.ttf"
    for folder in (cache_dir(), _fallback_dir()):
        target = folder / name
        if is_file(target):  # False too for a folder name the system cannot look up
            return target
    with _lock:
        font = _cut(source, family, weight, italic)
        last_error: OSError | None = None
        for folder in (cache_dir(), _fallback_dir()):
            try:
                return _write_atomically(font, folder / name)
            except OSError as exc:  # read-only home, full disk: try the next place
                last_error = exc
        raise last_error or OSError(f"cannot write {name}")


def _cut(source: Path, family: str, weight: int, italic: bool) -> TTFont:
    font = TTFont(source)
    axes = {a.axisTag: a for a in font["fvar"].axes} if "fvar" in font else {}
    location = {}
    if "wght" in axes:
        wght = axes["wght"]
        location["wght"] = min(max(weight, wght.minValue), wght.maxValue)
    # Every other axis is pinned at its default: a static face is wanted.
    for tag, axis in axes.items():
        location.setdefault(tag, axis.defaultValue)
    # Imported here: varLib costs ~0.5 s to import and is needed only on a cache miss.
    from fontTools.varLib import instancer

    font = instancer.instantiateVariableFont(font, location, updateFontNames=False)
    _set_names(font, family, weight >= 600, italic)
    return font


def _set_names(font: TTFont, family: str, bold: bool, italic: bool) -> None:
    """Give the instance the names a static font of this style would carry.

    Office and PDF viewers group faces by family (1) and subfamily (2); the
    variable font's names would make every instance claim 'Regular'.
    """
    style = _style_name(bold, italic)
    ps_family = family.replace(" ", "")
    ps_name = f"{ps_family}-{style.replace(' ', '')}"
    version = font["head"].fontRevision
    table = font["name"]
    has_mac = any(n.platformID == 1 for n in table.names)
    # Typographic family/subfamily and variation-only names no longer apply.
    for name_id in (16, 17, 21, 22, 25):
        table.removeNames(nameID=name_id)
    keep = set(range(0, 26))
    table.names = [n for n in table.names if n.nameID in keep]
    for name_id, value in (
        (1, family),
        (2, style),
        (3, f"{version:.3f};{ps_name}"),
        (4, f"{family} {style}" if style != "Regular" else family),
        (6, ps_name),
    ):
        table.setName(value, name_id, 3, 1, 0x409)
        if has_mac:
            table.setName(value, name_id, 1, 0, 0)
    os2 = font["OS/2"]
    os2.usWeightClass = 700 if bold else 400
    # fsSelection: bit 0 italic, bit 5 bold, bit 6 regular; keep bits 7-9.
    sel = os2.fsSelection & ~0b1100001
    sel |= (1 if italic else 0) | (1 << 5 if bold else 0)
    if not bold and not italic:
        sel |= 1 << 6
    os2.fsSelection = sel
    font["head"].macStyle = (1 if bold else 0) | (2 if italic else 0)
    if "STAT" in font:
        # The style attribute table describes the variable design space.
        del font["STAT"]


def _write_atomically(font: TTFont, target: Path) -> Path:
    font.recalcTimestamp = False
    return write_atomically(target, font.save)


def write_atomically(target: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Write a cache file by `write(file)` to a temporary name, then rename it
    over `target`: a reader never sees half a file. Readable by everyone."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=target.parent)
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes 0600; a shared cache must be readable
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
