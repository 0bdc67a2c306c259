"""The files a build of one outline reads: where they may lie, and what its
outputs must never replace."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from pathlib import Path

from deckgen.outline.model import Outline
from deckgen.theme.catalog import catalog
from deckgen.theme.model import Theme

__all__ = ["inputs_of", "readable_folders"]


def inputs_of(
    outline: Outline, theme: Theme, options: Mapping[str, object] | None = None
) -> list[Path]:
    """The outline, its theme file and logo, its pictures and any option naming a file."""
    found = [outline.path]
    theme_file = Path(theme.location.file)
    if not theme.location.file.startswith("<"):
        found.append(theme_file)
    if theme.logo is not None:
        found.append(theme.logo)
    found.extend(_paths(outline, depth=0))
    for value in (options or {}).values():
        if isinstance(value, str | Path) and str(value):
            candidate = Path(value)
            if not candidate.is_absolute():
                candidate = outline.folder / candidate
            found.append(candidate)
    return list(dict.fromkeys(found))


def readable_folders(outline: Outline, theme: Theme) -> list[Path]:
    """The outline's folder, the installed themes' folders, and the folders of
    the theme file and logo in use (checked when the theme was read; a
    --theme file may lie anywhere the user chose)."""
    folders = [outline.folder]
    folders += [src.path.parent for src in catalog().values() if src.path is not None]
    if not theme.location.file.startswith("<"):
        folders.append(Path(theme.location.file).parent)
    if theme.logo is not None:
        folders.append(Path(theme.logo).parent)
    return folders


def _paths(value: object, depth: int) -> Iterator[Path]:
    """Paths anywhere in the outline's model (pictures, covers, slides...)."""
    if depth > 50:
        return
    if isinstance(value, Path):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "path":  # the outline itself, already listed
                yield from _paths(getattr(value, f.name), depth + 1)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _paths(item, depth + 1)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _paths(item, depth + 1)
