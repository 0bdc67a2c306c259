"""Font families installed on the machine (not from PyPI), found by exact name.

Only a user's template asks for these: its theme names fonts (Calibri,
Segoe UI, a corporate face) that no `fontpkg-*` package brings, and the deck
is measured with the installed font of that name or its metric-compatible
twin (`deckgen.fonts.match`). Themes keep naming PyPI families, so that the
same theme gives the same files on every machine.

`system_package(name)` asks fontconfig (`fc-list`, from the system's program
folders rather than wherever $PATH points; a pattern lists only fonts whose
family is that name, it never substitutes) and checks each answer's family
list itself, strictly (case and spacing aside); without fontconfig it reads
the name tables of the .ttf files in the standard font folders. The
environment is untrusted: only regular files ending in .ttf with TrueType
outlines are used (`family._usable` checks them), the program's output is
bounded and parsed defensively, nothing fails when it is missing, and the
files are sorted so the choice is the same on every run.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from deckgen.safeio import is_file

__all__ = ["SystemPackage", "system_package"]

# Debian's Carlito says it was made in 1904 (a zero date): fontTools logs a
# warning for each file it opens, noise in a build's output.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)

_FC_FORMAT = "%{family}\t%{weight}\t%{slant}\t%{variable}\t%{file}\n"
_TIMEOUT = 10.0  # seconds: fontconfig answers in milliseconds once its cache is warm
_MAX_OUTPUT = 1 << 20
_MAX_FILES = 4000  # without fontconfig: font files read at most
# fontconfig's program where systems install it, not wherever $PATH points
_PROGRAM_DIRS = "/usr/bin:/bin:/usr/local/bin:/opt/homebrew/bin:/opt/local/bin"
_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
# fontconfig's weight scale -> CSS's (80 regular -> 400, 200 bold -> 700)
_WEIGHTS: tuple[tuple[int, int], ...] = (
    *((0, 100), (40, 200), (50, 300), (80, 400), (100, 500)),
    *((180, 600), (200, 700), (205, 800), (210, 900)),
)


@dataclass(frozen=True)
class SystemFile:
    """One file, shaped like `fontpkg.FontFile` for `deckgen.fonts.family.Family`."""

    path: Path
    style: str  # 'normal' or 'italic'
    weight: int | None  # CSS scale: 400 regular, 700 bold
    variable: bool = False
    wght_min: int | None = None
    wght_max: int | None = None


@dataclass(frozen=True)
class SystemPackage:
    """An installed family, shaped like `fontpkg.Family`."""

    name: str
    slug: str
    files: tuple[SystemFile, ...]
    version: str = ""
    license: str = "installed on this machine"


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def system_package(name: str) -> SystemPackage | None:
    """The installed family called exactly `name` (case and spacing aside), or None."""
    if not name or len(name) > 100 or not name.isprintable() or name.strip() != name:
        return None
    return _package(_key(name), name)


@cache
def _package(key: str, name: str) -> SystemPackage | None:
    files = _from_fontconfig(key, name)
    if files is None:
        files = _from_folders(key)
    if not files:
        return None
    slug = "-".join(key.split())  # as fontpkg writes it: 'liberation-sans'
    return SystemPackage(name, slug, tuple(sorted(files, key=lambda f: str(f.path))))


def _from_fontconfig(key: str, name: str) -> list[SystemFile] | None:
    """fc-list's fonts of the family `name`; None without fontconfig."""
    program = shutil.which("fc-list", path=_PROGRAM_DIRS)
    if program is None:
        return None
    # fontconfig's pattern syntax escapes these with a backslash
    pattern = "".join("\\" + c if c in "\\-:,=" else c for c in name)
    try:
        done = subprocess.run(
            [program, "-f", _FC_FORMAT, f":family={pattern}"],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    found = []
    for line in done.stdout[:_MAX_OUTPUT].decode("utf-8", "replace").splitlines():
        parsed = _fc_line(line, key)
        if parsed is not None:
            found.append(parsed)
    return found


def _fc_line(line: str, key: str) -> SystemFile | None:
    fields = line.split("\t")
    if len(fields) != 5:
        return None
    families, weight, slant, variable, file = fields
    if key not in {_key(f) for f in families.split(",")} or variable.strip() == "True":
        return None
    path = _font_file(file)
    if path is None:
        return None
    try:
        fc_weight, italic = float(weight), float(slant) > 0
    except ValueError:
        return None
    css = min(_WEIGHTS, key=lambda pair: abs(pair[0] - fc_weight))[1]
    return SystemFile(path, "italic" if italic else "normal", css)


def _font_file(file: str) -> Path | None:
    path = Path(file)
    if not path.is_absolute() or path.suffix.lower() != ".ttf":
        return None
    return path if is_file(path) else None


def _from_folders(key: str) -> list[SystemFile]:
    """Without fontconfig: the .ttf files of the standard folders whose name
    table gives the family `key` (typographic family first, as fontconfig)."""
    found: list[SystemFile] = []
    for path in _folder_files():
        try:
            with TTFont(path, lazy=True, fontNumber=0) as font:  # closed on a damaged file too
                names = font["name"]
                family = names.getDebugName(16) or names.getDebugName(1) or ""
                if _key(family) == key and "fvar" not in font:
                    os2 = font.get("OS/2")
                    weight = getattr(os2, "usWeightClass", 400) or 400
                    italic = bool(getattr(font["head"], "macStyle", 0) & 2)
                    found.append(SystemFile(path, "italic" if italic else "normal", weight))
        except Exception:  # any damaged file is simply not a candidate
            continue
    return found


@cache
def _folder_files() -> tuple[Path, ...]:
    files: list[Path] = []
    for folder in _FOLDERS:
        root = Path(os.path.expanduser(folder))
        for dirpath, _dirs, names in os.walk(root, followlinks=False):
            for n in names:
                if n.lower().endswith(".ttf"):
                    files.append(Path(dirpath) / n)
            if len(files) >= _MAX_FILES:
                return tuple(sorted(files)[:_MAX_FILES])
    return tuple(sorted(files))
