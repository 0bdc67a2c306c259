"""Reading a theme file and the themes it `extends:`, merged into one tree.

`extends:` names a theme (built-in or installed) or gives a path relative to
the file it is written in. Mappings are deep-merged, the child winning;
lists and single values are replaced. A theme that extends itself, directly
or through others, is an error naming the whole chain.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deckgen import safeio
from deckgen._yaml import Node, as_text, deep_merge, did_you_mean, read_yaml
from deckgen.errors import Location, ThemeError
from deckgen.safeio import is_file, unusable_name
from deckgen.theme.catalog import ThemeSource, catalog

__all__ = ["Chain", "display_path", "is_path", "load_chain", "unknown_theme_message"]


@dataclass
class Chain:
    """The merged tree, plus the folder each file's relative paths start from."""

    tree: Node
    names: list[str] = field(default_factory=list)  # child first
    folders: dict[str, Path] = field(default_factory=dict)  # display name -> folder


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def is_path(ref: str) -> bool:
    """A theme reference with a folder separator or a YAML suffix is a file."""
    return "/" in ref or "\\" in ref or ref.lower().endswith((".yaml", ".yml"))


def unknown_theme_message(name: str, themes: dict[str, ThemeSource]) -> str:
    guess = did_you_mean(name, list(themes))
    hint = f", did you mean '{guess}'?" if guess else ""
    listed = ", ".join(themes) or "none"
    return (
        f"unknown theme '{name}'{hint} (available: {listed}; "
        "or give the path of a theme .yaml file)"
    )


def _source_of(name: str, where: Location, themes: dict[str, ThemeSource], key: str) -> Path:
    src = themes.get(name)
    if src is None:
        raise ThemeError(f"{key}: {unknown_theme_message(name, themes)}", where)
    if src.problem or src.path is None:
        raise ThemeError(
            f"{key}: theme '{name}' ({src.origin}) cannot be used: {src.problem}", where
        )
    return src.path


def _read(path: Path, allowed: list[Path] | None) -> tuple[Node, str]:
    shown = display_path(path)
    source: Path | bytes = path
    if allowed is not None:  # read once, not through a link out of the allowed folders
        try:
            with safeio.confined_to(allowed):
                source = safeio.read_file(path)
        except OSError as exc:
            raise ThemeError(
                f"cannot read the theme file: {exc.strerror or exc}", Location.of_file(shown)
            ) from None
    root = read_yaml(source, shown, error=ThemeError)
    if not root.is_mapping:
        raise ThemeError(
            f"theme: expected a mapping of theme keys (colors, fonts, slide, ...), got {root.kind}",
            root.location,
        )
    return root, shown


def _without(node: Node, key: str) -> Node:
    values = {k: v for k, v in node.value.items() if k != key}
    copy = node.replace(values)
    if copy.keys is not None:
        copy.keys.pop(key, None)
    return copy


def load_chain(
    path: Path,
    label: str,
    themes: dict[str, ThemeSource] | None = None,
    roots: Sequence[Path] | None = None,
) -> Chain:
    """Read `path` and every theme it extends; `label` names it in a cycle.

    With `roots`, a theme file named by `extends:` must lie inside one of
    them (symbolic links resolved) or beside a theme of the catalog: an
    outline shared with colleagues cannot pull in files from elsewhere on
    their machine through its theme.
    """
    themes = catalog() if themes is None else themes
    allowed = None if roots is None else _allowed_folders(roots, themes)
    chain = Chain(Node({}, Location.of_file(display_path(path)), "map", keys={}))
    seen: list[tuple[str, Path]] = []
    trees: list[Node] = []
    where: Location | None = None
    current, name = path, label
    while True:
        key = current.resolve()
        if any(k == key for _, k in seen):
            loop = " -> ".join([n for n, _ in seen] + [name])
            start = next(n for n, k in seen if k == key)
            raise ThemeError(
                f"extends: theme '{start}' extends itself: {loop}",
                where or Location.of_file(display_path(current)),
            )
        seen.append((name, key))
        tree, shown = _read(current, allowed)
        chain.names.append(name)
        chain.folders[shown] = current.parent
        parent = tree.get("extends")
        trees.append(_without(tree, "extends") if "extends" in tree else tree)
        if parent is None or parent.is_null:
            break
        ref = as_text_or_error(parent)
        where = parent.location
        if is_path(ref):
            if "://" in ref:
                raise ThemeError(
                    f"extends: '{ref}' is a URL; nothing is fetched from a "
                    "network, give a theme name or a file path",
                    where,
                )
            nxt = (current.parent / ref) if not Path(ref).is_absolute() else Path(ref)
            if allowed is not None:
                _check_inside(nxt, ref, allowed, where)
            problem = unusable_name(nxt)
            if problem:
                raise ThemeError(
                    f"extends: '{ref[:60]}...' cannot be a theme file: {problem}", where
                )
            if not is_file(nxt):
                raise ThemeError(
                    f"extends: theme file '{ref}' not found (looked for "
                    f"{display_path(nxt)}; themes by name: {', '.join(themes)})",
                    where,
                )
            current, name = nxt, ref
        else:
            current, name = _source_of(ref, where, themes, "extends"), ref
    merged = trees[-1]
    for tree in reversed(trees[:-1]):
        merged = deep_merge(merged, tree)
    chain.tree = merged
    return chain


def _allowed_folders(roots: Sequence[Path], themes: dict[str, ThemeSource]) -> list[Path]:
    folders = [*roots, *(src.path.parent for src in themes.values() if src.path is not None)]
    return list(dict.fromkeys(_resolved(f) for f in folders))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop, a name too long
        return path.absolute()


def _check_inside(path: Path, ref: str, allowed: list[Path], where: Location) -> None:
    try:
        target = path.resolve()
    except (OSError, RuntimeError) as exc:
        raise ThemeError(f"extends: '{ref}' cannot be resolved: {exc}", where) from None
    if not any(target.is_relative_to(folder) for folder in allowed):
        raise ThemeError(
            f"extends: '{ref}' leads out of the outline's folder (to {target}); a theme "
            "may extend a theme by name, or a theme file inside the outline's folder",
            where,
        )


def as_text_or_error(node: Node) -> str:
    if not node.is_scalar or node.is_null:
        raise ThemeError(
            f"extends: expected a theme name or a file path, got {node.kind}", node.location
        )
    return as_text(node).strip()
