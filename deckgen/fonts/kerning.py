"""A font's pair kerning, read once per machine and kept on disk as JSON.

Decompiling a font's GPOS table takes a large share of a build (about half a
second a face), so the part line breaking needs — the pair-adjustment
lookups of the GPOS 'kern' feature, else the legacy 'kern' table (format 0)
— is extracted once into plain data and saved beside the static instances
(`deckgen.fonts.cache`): keyed by a hash of the font bytes, the fontTools
version and `_FORMAT`, written atomically, readable by every user.

The cache folder is not trusted: a file is read only if it is a regular file
of sane size, and used only if every value has the expected type; anything
else (garbage, a hostile or truncated file) is ignored and the kerning is
computed again from the font. JSON only, never pickle.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import stat
from pathlib import Path
from typing import Any, TypeGuard

import fontTools
from fontTools.ttLib import TTFont

from deckgen.fonts.cache import _fallback_dir, _source_hash, cache_dir, write_atomically

__all__ = ["Kerning", "load_kerning"]

# Bump when what is extracted (or how) changes, so old files are not reused.
_FORMAT = 1
_MAX_BYTES = 64 * 1024 * 1024  # a kerning file larger than this is not read

# One subtable: ("pairs", {first: {second: value}}) for format 1, or
# ("classes", covered, class1, class2, matrix) for format 2.
_Sub = tuple


class Kerning:
    """Pair adjustments in font units: the 'kern' lookups in lookup order,
    each a list of subtables of which the first that matches a pair wins (as
    shapers apply them), or, for a font without GPOS kerning, its legacy
    table."""

    def __init__(self, lookups: list[list[_Sub]], legacy: dict[str, dict[str, float]]) -> None:
        self.lookups = lookups
        self.legacy = legacy

    def pair(self, first: str, second: str) -> float:
        """The adjustment between two glyphs, in font units."""
        if self.legacy:
            return self.legacy.get(first, {}).get(second, 0)
        total = 0.0
        for subtables in self.lookups:
            for sub in subtables:
                value = _get(sub, first, second)
                if value is not None:
                    total += value
                    break
        return total

    def to_json(self) -> dict[str, Any]:
        return {
            "format": _FORMAT,
            "legacy": self.legacy,
            "lookups": [[list(sub) for sub in subs] for subs in self.lookups],
        }


def _get(sub: _Sub, first: str, second: str) -> float | None:
    if sub[0] == "pairs":
        pairs = sub[1].get(first)
        return None if pairs is None else pairs.get(second)
    _kind, covered, class1, class2, matrix = sub
    if first not in covered:
        return None
    c1, c2 = class1.get(first, 0), class2.get(second, 0)
    try:
        return matrix[c1][c2]
    except IndexError:
        return None


def load_kerning(path: Path) -> Kerning:
    """The kerning of the font at `path`, from the cache when it holds a
    valid copy, else extracted from the font (and saved for next time)."""
    path = Path(path)
    try:
        name = _file_name(path)
    except OSError:  # the font went away or cannot be read: no kerning known
        return Kerning([], {})
    for folder in (cache_dir(), _fallback_dir()):
        kerning = _read(folder / name)
        if kerning is not None:
            return kerning
    try:
        kerning = extract(path)
    except Exception:  # a damaged installed font: measured without kerning, nothing cached
        return Kerning([], {})
    data = json.dumps(kerning.to_json(), sort_keys=True, separators=(",", ":")).encode()
    for folder in (cache_dir(), _fallback_dir()):
        try:
            write_atomically(folder / name, lambda fh: fh.write(data))
            break
        except OSError:  # read-only home, full disk: try the next place, else do without
            continue
    return kerning


def _file_name(path: Path) -> str:
    key = hashlib.sha256(
        f"kern|{_FORMAT}|{fontTools.version}|{_source_hash(path)}".encode()
    ).hexdigest()[:24]
    return f"kern-{key}.json"


def extract(path: Path) -> Kerning:
    """The kerning read from the font file itself."""
    font = TTFont(path, lazy=True)
    try:
        lookups: list[list[_Sub]] = []
        legacy: dict[str, dict[str, float]] = {}
        gpos = font["GPOS"].table if "GPOS" in font else None
        if gpos is not None and gpos.FeatureList and gpos.LookupList:
            wanted = sorted(
                {
                    i
                    for rec in gpos.FeatureList.FeatureRecord
                    if rec.FeatureTag == "kern"
                    for i in rec.Feature.LookupListIndex
                }
            )
            for i in wanted:
                lookup = gpos.LookupList.Lookup[i]
                subs = [s.ExtSubTable if lookup.LookupType == 9 else s for s in lookup.SubTable]
                pairs = [_subtable(s) for s in subs if s.LookupType == 2 and s.Format in (1, 2)]
                if pairs:
                    lookups.append(pairs)
        elif "kern" in font:
            for table in font["kern"].kernTables:
                if getattr(table, "format", None) == 0:
                    for (first, second), value in table.kernTable.items():
                        legacy.setdefault(first, {})[second] = float(value)
        return Kerning(lookups, legacy)
    finally:
        font.close()


def _subtable(sub) -> _Sub:
    """One PairPos subtable as plain data (format 1: glyph pairs; format 2: class pairs)."""
    glyphs = sub.Coverage.glyphs
    if sub.Format == 1:
        return (
            "pairs",
            {
                first: {r.SecondGlyph: _x_advance(r.Value1) for r in pair_set.PairValueRecord}
                for first, pair_set in zip(glyphs, sub.PairSet, strict=False)  # malformed: ignored
            },
        )
    return (
        "classes",
        dict.fromkeys(glyphs, 1),
        dict(sub.ClassDef1.classDefs) if sub.ClassDef1 else {},
        dict(sub.ClassDef2.classDefs) if sub.ClassDef2 else {},
        [[_x_advance(r.Value1) for r in rec.Class2Record] for rec in sub.Class1Record],
    )


def _x_advance(value) -> float:
    return float(getattr(value, "XAdvance", 0) or 0) if value is not None else 0.0


# --- the file on disk ---------------------------------------------------------


def _read(target: Path) -> Kerning | None:
    """The kerning saved at `target`, or None when it is missing or not exactly
    what `load_kerning` writes."""
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(_MAX_BYTES + 1)
        if len(raw) > _MAX_BYTES:
            return None
        return _parse(json.loads(raw))
    except (OSError, ValueError, RecursionError):
        return None  # unreadable or not JSON (UnicodeDecodeError is a ValueError)
    finally:
        os.close(fd)


def _parse(data: Any) -> Kerning | None:
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return None
    legacy, lookups = data.get("legacy"), data.get("lookups")
    if not _is_pairs(legacy) or not isinstance(lookups, list):
        return None
    parsed: list[list[_Sub]] = []
    for subs in lookups:
        if not isinstance(subs, list):
            return None
        got = [sub for sub in map(_parse_subtable, subs) if sub is not None]
        if len(got) != len(subs):
            return None
        parsed.append(got)
    return Kerning(parsed, legacy)


def _parse_subtable(sub: Any) -> _Sub | None:
    if not isinstance(sub, list) or not sub:
        return None
    if sub[0] == "pairs" and len(sub) == 2 and _is_pairs(sub[1]):
        return ("pairs", sub[1])
    if sub[0] != "classes" or len(sub) != 5:
        return None
    _kind, covered, class1, class2, matrix = sub
    if not (_is_map(covered, int) and _is_map(class1, int) and _is_map(class2, int)):
        return None
    if not isinstance(matrix, list) or not all(
        isinstance(row, list) and all(_is_number(v) for v in row) for row in matrix
    ):
        return None
    return ("classes", covered, class1, class2, matrix)


def _is_number(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def _is_map(value: Any, kind: type) -> bool:
    return isinstance(value, dict) and all(
        type(v) is kind and isinstance(k, str) for k, v in value.items()
    )


def _is_pairs(value: Any) -> TypeGuard[dict[str, dict[str, float]]]:
    """{first: {second: number}}."""
    return isinstance(value, dict) and all(
        isinstance(first, str)
        and isinstance(seconds, dict)
        and all(isinstance(s, str) and _is_number(v) for s, v in seconds.items())
        for first, seconds in value.items()
    )
