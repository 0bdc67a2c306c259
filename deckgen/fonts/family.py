"""Font families installed from PyPI as `fontpkg-*` packages.

A pip install brings the fonts, so a fresh machine measures and embeds
exactly the same files as the author's. Only TrueType-outline fonts are
usable: reportlab embeds nothing else.
"""

from __future__ import annotations

import difflib
import threading
from functools import cache
from pathlib import Path

import fontpkg
from fontTools.ttLib import TTFont

from deckgen.errors import FontError, Location
from deckgen.fonts.cache import static_instance
from deckgen.fonts.face import Face, load_face

__all__ = ["Family", "families", "family"]

# Families designed to be metric-compatible with a font every Office install
# has: a .pptx names the Office font, so the deck keeps our line breaks on a
# lecturer's machine while our PDFs embed the free one. (Arimo/Arial is
# checked against Liberation Sans in tests/fonts/test_metric_compat.py.)
_OFFICE_NAMES = {
    "arimo": "Arial",
    "liberation-sans": "Arial",
    "tinos": "Times New Roman",
    "liberation-serif": "Times New Roman",
    "cousine": "Courier New",
    "liberation-mono": "Courier New",
    # Not designed as a twin, but every glyph of both is 0.6 em wide (Courier
    # New 1229/2048, JetBrains Mono 600/1000): a code line keeps its columns
    # and its wrap in PowerPoint (tests/fonts/test_fonts_metric_compat.py).
    "jetbrains-mono": "Courier New",
    "carlito": "Calibri",
    "caladea": "Cambria",
}

_BOLD, _REGULAR = 700, 400


class Family:
    """A usable font family: four faces, regular to bold italic."""

    def __init__(self, pkg: fontpkg.Family) -> None:
        self._pkg = pkg
        self.name: str = pkg.name
        self.slug: str = pkg.slug
        self.version: str = pkg.version
        self.license: str = pkg.license
        self.office_name: str = _OFFICE_NAMES.get(pkg.slug, pkg.name)
        # True when a .pptx naming `office_name` keeps our line breaks on a
        # machine with Office but without our fonts.
        self.office_safe: bool = pkg.slug in _OFFICE_NAMES
        self._lock = threading.Lock()
        self._faces: dict[tuple[bool, bool], Face] = {}

    def face(self, bold: bool = False, italic: bool = False) -> Face:
        """The face for a style; a family without that style gives its nearest.

        The returned Face's `bold`/`italic` say what it really is, so a
        backend can tell a missing italic from a real one.
        """
        key = (bool(bold), bool(italic))
        face = self._faces.get(key)
        if face is None:
            with self._lock:
                face = self._faces.get(key) or self._load(*key)
                self._faces[key] = face
        return face

    def _load(self, bold: bool, italic: bool) -> Face:
        files = self._pkg.files
        style = "italic" if italic else "normal"
        same_style = [f for f in files if f.style == style] or list(files)
        weight = _BOLD if bold else _REGULAR
        file = min(same_style, key=lambda f: _distance(f, weight))
        real_italic = file.style == "italic"
        if file.variable:
            low, high = file.wght_min or weight, file.wght_max or weight
            used = min(max(weight, low), high)
            real_bold = used >= 600
            path = static_instance(Path(file.path), self.name, used, real_italic)
            try:
                return load_face(self.name, real_bold, real_italic, path)
            except Exception:
                # A cached file damaged behind our back (disk trouble, a
                # hand edit): cut it again rather than fail every build.
                path.unlink(missing_ok=True)
                path = static_instance(Path(file.path), self.name, used, real_italic)
                return load_face(self.name, real_bold, real_italic, path)
        path = Path(file.path)
        real_bold = (file.weight or _REGULAR) >= 600
        return load_face(self.name, real_bold, real_italic, path)

    def __repr__(self) -> str:
        return f"Family({self.name!r})"


def _distance(file: fontpkg.FontFile, weight: int) -> tuple[int, int]:
    if file.variable and file.wght_min is not None and file.wght_max is not None:
        inside = file.wght_min <= weight <= file.wght_max
        return (0 if inside else min(abs(file.wght_min - weight), abs(file.wght_max - weight)), 0)
    w = file.weight if file.weight is not None else _REGULAR
    # On a tie prefer the lighter file, like CSS font matching for <= 400.
    return (abs(w - weight), w)


def _usable(pkg: fontpkg.Family) -> bool:
    if not any(f.style == "normal" for f in pkg.files):
        return False
    for f in pkg.files:
        try:
            font = TTFont(f.path, lazy=True)
            ok = "glyf" in font and "hmtx" in font and "cmap" in font
            font.close()
        except Exception:
            return False
        if not ok:
            return False
    return True


@cache
def _registry() -> dict[str, Family]:
    """slug -> Family, for every usable installed family (read once)."""
    found = {}
    for slug, pkg in sorted(fontpkg.families().items()):
        if _usable(pkg):
            found[slug] = Family(pkg)
    return found


# Installed (system) families a template's theme named, admitted one by one
# by `deckgen.fonts.match` (slug -> Family); `family()` finds them after the
# PyPI ones.
_admitted: dict[str, Family] = {}


def installed_family(name: str) -> Family | None:
    """The family installed on this machine (not from PyPI) called exactly
    `name`, usable for measuring and embedding, or None; once found, `family()`
    finds it too."""
    from deckgen.fonts.system import system_package

    slug = fontpkg.slugify(name)
    if slug in _admitted:
        return _admitted[slug]
    pkg = system_package(name)
    if pkg is None or not _usable(pkg) or not pkg.files:
        return None
    found = _admitted[slug] = Family(pkg)
    return found


def families() -> list[str]:
    """Names of every usable family, sorted."""
    return sorted(f.name for f in _registry().values())


def family(name: str, location: Location | None = None) -> Family:
    """The family called `name` (any case; an Office name such as 'Arial'
    finds its metric-compatible family). Raises FontError listing the
    installed families."""
    reg = _registry()
    slug = fontpkg.slugify(name)
    if slug in reg:
        return reg[slug]
    for fam in reg.values():
        if fontpkg.slugify(fam.office_name) == slug:
            return fam
    if slug in _admitted:
        return _admitted[slug]
    names = families()
    close = difflib.get_close_matches(name.lower(), [n.lower() for n in names], n=1)
    hint = ""
    if close:
        hint = f"; did you mean '{next(n for n in names if n.lower() == close[0])}'?"
    listed = ", ".join(f"'{n}'" for n in names) or "none (install a fontpkg-* package)"
    raise FontError(
        f"unknown font family '{name}'{hint} (installed families: {listed})",
        location or Location("<fonts>"),
    )
