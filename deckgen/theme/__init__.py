"""Themes: choose, read, merge and check the look every output shares.

`resolve(outline, override=None)` picks the theme — `override` (the `-t`
value: a name, or a path relative to the working folder), else
`outline.theme` (a name, or a path relative to the outline's folder and
inside it), else `default` — reads it and every theme it `extends:`, deep-
merges the outline's `theme_overrides` (which `--set theme_overrides.x=y`
also lands in) over it, and checks the result: unknown keys, wrong types,
colours, sizes, font families and logo paths, each reported at its own line.

`available()` lists built-in and installed themes as (name, description).

The keys a theme may set are documented in `deckgen/themes/default.yaml`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from deckgen._yaml import Node, deep_merge, read_yaml
from deckgen.color import contrast
from deckgen.errors import DeckgenError, Location, ThemeError
from deckgen.outline.model import Outline
from deckgen.outline.paths import resolve_inside
from deckgen.safeio import is_file, unusable_name
from deckgen.theme.catalog import ThemeSource, catalog
from deckgen.theme.chain import display_path, is_path, load_chain, unknown_theme_message
from deckgen.theme.model import Colors, Fonts, SlideStyle, Theme
from deckgen.theme.schema import build_theme

__all__ = [
    "Colors",
    "Fonts",
    "SlideStyle",
    "Theme",
    "available",
    "contrast",
    "resolve",
]

DEFAULT_THEME = "default"


def available() -> list[tuple[str, str]]:
    """(name, one-line description) of every theme, built-in and installed."""
    rows = []
    for name, src in catalog().items():
        rows.append((name, _describe(src)))
    return rows


def _describe(src: ThemeSource) -> str:
    if src.problem or src.path is None:
        return f"(unusable: {src.problem})"
    try:
        root = read_yaml(src.path, display_path(src.path), error=ThemeError)
        node = root.get("description") if root.is_mapping else None
        text = " ".join(str(node.value).split()) if node is not None and node.value else ""
    except DeckgenError as exc:
        text = f"(cannot be read: {exc.diagnostics[0].message})"
    if src.origin != "built-in":
        text = f"{text} ({src.origin})" if text else f"({src.origin})"
    return text


def resolve(outline: Outline, override: str | None = None) -> Theme:
    """The outline's Theme, fully merged and checked; ThemeError (or
    FontError) with every problem otherwise."""
    themes = catalog()
    if override:
        ref, base, where, confined = override, Path.cwd(), Location("--theme", 1, 1), False
        key = "theme"
    else:
        ref = outline.theme or DEFAULT_THEME
        base = outline.folder
        where = outline.theme_location.or_else(outline.location)
        confined, key = True, "theme"

    ref = ref.strip()
    if is_path(ref):
        path = _theme_file(ref, base, where, confined, key, themes)
        name, label = path.stem, ref
    else:
        src = themes.get(ref)
        if src is None:
            raise ThemeError(f"{key}: {unknown_theme_message(ref, themes)}", where)
        if src.problem or src.path is None:
            raise ThemeError(
                f"{key}: theme '{ref}' ({src.origin}) cannot be used: {src.problem}", where
            )
        path, name = src.path, ref
        label = ref

    # A path given on the command line is the user's own choice; one written
    # in the outline stays inside the outline's folder, and so do their parents.
    roots = [outline.folder] if confined else [outline.folder, path.parent]
    chain = load_chain(path, label, themes, roots)
    tree = chain.tree
    overrides = _overrides(outline)
    override_files: frozenset[str] = frozenset()
    if overrides is not None:
        if "extends" in overrides:
            raise ThemeError(
                "theme_overrides.extends: not allowed here; choose the theme with `theme:` "
                "(or -t), and override single keys in theme_overrides",
                overrides.key_location("extends"),
            )
        tree = deep_merge(tree, overrides)
        override_files = frozenset(_files(overrides))
    folders = dict(chain.folders)
    for file in override_files:
        folders.setdefault(file, outline.folder)  # logo paths from the outline or --set
    return build_theme(
        name,
        tree,
        Location.of_file(display_path(path)),
        folders,
        outline.folder,
        override_files,
    )


def _theme_file(
    ref: str,
    base: Path,
    where: Location,
    confined: bool,
    key: str,
    themes: dict[str, ThemeSource],
) -> Path:
    if confined:
        try:
            path = resolve_inside(base, ref)
        except ValueError as exc:
            raise ThemeError(f"{key}: {exc}", where) from None
    elif "://" in ref:
        raise ThemeError(
            f"{key}: '{ref}' is a URL; nothing is fetched from a network, give a "
            "theme name or a file path",
            where,
        )
    else:
        given = Path(ref).expanduser()
        path = given if given.is_absolute() else base / given
    problem = unusable_name(path)
    if problem:
        raise ThemeError(f"{key}: '{ref[:60]}...' cannot be a theme file: {problem}", where)
    if not is_file(path):
        names = ", ".join(themes)
        raise ThemeError(
            f"{key}: theme file '{ref}' not found (looked for "
            f"{display_path(path)}; themes by name: {names})",
            where,
        )
    return path


def _overrides(outline: Outline) -> Node | None:
    # The loader keeps the YAML node (with every value's line); a model built
    # in code may give plain data only.
    node = outline.theme_overrides_node
    if node is None:
        raw = outline.theme_overrides
        if raw is None:
            return None
        node = _to_node(raw, outline.theme_overrides_location)
    if node.is_null or (node.is_mapping and not len(node)):
        return None
    if not node.is_mapping:
        raise ThemeError(
            f"theme_overrides: expected a mapping of theme keys, got {node.kind}", node.location
        )
    return node


def _to_node(value: Any, where: Location) -> Node:
    """Plain data (or a mix of data and Nodes) as a Node tree, for overrides
    handed in as a dict rather than read from YAML."""
    if isinstance(value, Node):
        return value
    if isinstance(value, Mapping):
        children = {str(k): _to_node(v, where) for k, v in value.items()}
        keys = {k: v.location for k, v in children.items()}
        return Node(children, where, "map", None, keys)
    if isinstance(value, list | tuple):
        return Node([_to_node(v, where) for v in value], where, "seq")
    if value is None:
        return Node(None, where, "null")
    if isinstance(value, bool):
        return Node("true" if value else "false", where, "bool")
    return Node(str(value), where)


def _files(node: Node) -> set[str]:
    files = {node.location.file}
    if node.is_mapping:
        for _, child in node.items():
            files |= _files(child)
    elif node.is_list:
        for child in node:
            files |= _files(child)
    return files
