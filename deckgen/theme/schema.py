"""The keys a theme may set, their types and ranges, and the Theme they make.

Every problem is collected (not just the first) and reported at the line of
the value at fault, whichever file it came from: a theme file, the outline's
`theme_overrides`, or `--set`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from deckgen import fonts
from deckgen._yaml import Node, NodeValueError, as_bool, as_text, unknown_key_message
from deckgen.color import contrast, luminance, mix
from deckgen.errors import Diagnostic, FontError, Location, ThemeError
from deckgen.outline.paths import resolve_inside, verify_picture
from deckgen.theme.model import Colors, Fonts, MediumStyle, SlideStyle, Theme

__all__ = ["SCHEMA", "build_theme", "contrast"]

# Kinds of value; sizes carry their (low, high) range in points.
COLOR, COLOR_MAP, COLOR_LIST, FAMILY, LINE, PATH, BOOL = (
    "color",
    "color-map",
    "color-list",
    "family",
    "line",
    "path",
    "bool",
)


def size(low: float, high: float) -> tuple[str, float, float]:
    return ("size", low, high)


SCHEMA: dict[str, Any] = {
    "description": LINE,
    "colors": {
        "background": COLOR,
        "text": COLOR,
        "muted": COLOR,
        "accent": COLOR,
        "on_accent": COLOR,
        "surface": COLOR,
        "groups": COLOR_MAP,
        "palette": COLOR_LIST,
    },
    "fonts": {"heading": FAMILY, "body": FAMILY},
    "slide": {
        "title_size": size(18, 96),
        "body_size": size(12, 72),
        "min_body_size": size(10, 72),
        "numbers": BOOL,
    },
    "logo": PATH,
    "footer": LINE,
    "ink_saving": BOOL,
    "handout": {"body_size": size(7, 16), "body_font": FAMILY, "heading_font": FAMILY},
    "poster": {"body_font": FAMILY, "heading_font": FAMILY},
}

REQUIRED = (
    "colors.background",
    "colors.text",
    "colors.muted",
    "colors.accent",
    "fonts.heading",
    "fonts.body",
    "slide.title_size",
    "slide.body_size",
    "slide.min_body_size",
)
# Keys that may be set to nothing (`logo: ~`) to switch off a parent's value.
NULLABLE = ("logo", "footer", "description")
HANDOUT_BODY_SIZE = 10.5  # points, when a theme sets no `handout.body_size`

# For groups no theme or outline colours, readable on light / dark grounds.
FALLBACK_PALETTE_LIGHT = ("#1D4ED8", "#C8102E", "#0F766E", "#7C3AED", "#B45309")
FALLBACK_PALETTE_DARK = ("#60A5FA", "#F87171", "#34D399", "#C4B5FD", "#FB923C")

_HEX = re.compile(r"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")
_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(pt)?\s*")


# -- colour arithmetic (WCAG 2) ---------------------------------------------


# -- validation ---------------------------------------------------------------


class _Checker:
    def __init__(
        self, folders: dict[str, Path], default_folder: Path, override_files: frozenset[str]
    ) -> None:
        self.folders = folders
        self.default_folder = default_folder
        self.override_files = override_files
        self.problems: list[Diagnostic] = []

    def where(self, key: str, loc: Location) -> str:
        # A value written in the outline (or --set) is named as the user wrote it.
        return f"theme_overrides.{key}" if loc.file in self.override_files else key

    def error(self, key: str, loc: Location, message: str) -> None:
        self.problems.append(Diagnostic("error", f"{self.where(key, loc)}: {message}", loc))

    # The walker: checks keys against SCHEMA and converts every value.
    def section(self, node: Node, spec: dict[str, Any], prefix: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in node.items():
            path = f"{prefix}{key}"
            if key not in spec:
                self.error(path, node.key_location(key), unknown_key_message(key, spec))
                continue
            kind = spec[key]
            if isinstance(kind, dict):
                if value.is_null:
                    continue
                if not value.is_mapping:
                    self.error(path, value.location, f"expected a mapping, got {value.kind}")
                    continue
                out[key] = self.section(value, kind, f"{path}.")
                continue
            if value.is_null:
                if path in NULLABLE:
                    out[key] = None
                else:
                    hint = (
                        (' (in YAML a # starts a comment: quote the colour, e.g. "#C8102E")')
                        if kind in (COLOR, COLOR_MAP)
                        else ""
                    )
                    self.error(path, value.location, f"a value is needed here{hint}")
                continue
            try:
                out[key] = self.value(kind, value, path)
            except NodeValueError as exc:
                self.error(path, exc.node.location, str(exc))
        return out

    def value(self, kind: Any, node: Node, path: str) -> Any:
        if isinstance(kind, tuple):
            return self.size(node, kind[1], kind[2])
        handler: Callable[[Node, str], Any] = getattr(self, "v_" + kind.replace("-", "_"))
        return handler(node, path)

    def v_color(self, node: Node, path: str) -> str:
        text = as_text(node).strip()
        m = _HEX.fullmatch(text)
        if not m:
            raise NodeValueError(node, f'expected a colour written "#RRGGBB", got {text!r}')
        digits = m.group(1).upper()
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return "#" + digits

    def v_color_map(self, node: Node, path: str) -> dict[str, str]:
        if not node.is_mapping:
            raise NodeValueError(node, f"expected a mapping of group id -> colour, got {node.kind}")
        out = {}
        for key, value in node.items():
            try:
                if value.is_null:
                    raise NodeValueError(
                        value,
                        "a colour is needed here (in YAML a # starts a "
                        'comment: quote the colour, e.g. "#C8102E")',
                    )
                out[key] = self.v_color(value, path)
            except NodeValueError as exc:
                self.error(f"{path}.{key}", exc.node.location, str(exc))
        return out

    def v_color_list(self, node: Node, path: str) -> tuple[str, ...]:
        if not node.is_list or not len(node):
            raise NodeValueError(node, f"expected a non-empty list of colours, got {node.kind}")
        out = []
        for i, value in enumerate(node):
            try:
                if value.is_null:
                    raise NodeValueError(value, 'a colour is needed here (quote it: "#C8102E")')
                out.append(self.v_color(value, path))
            except NodeValueError as exc:
                self.error(f"{path}[{i}]", exc.node.location, str(exc))
        return tuple(out)

    def v_family(self, node: Node, path: str) -> str | None:
        name = as_text(node).strip()
        try:
            return fonts.family(name, node.location).name
        except FontError as exc:
            msg = exc.diagnostics[0].message
            self.error(path, node.location, msg)
            return None

    def v_line(self, node: Node, path: str) -> str:
        text = as_text(node).strip()
        if "\n" in text:
            raise NodeValueError(node, "expected one line of text")
        return text

    def v_bool(self, node: Node, path: str) -> bool:
        return as_bool(node)

    def v_path(self, node: Node, path: str) -> Path | None:
        # The same confinement as the outline's own pictures, relative to the
        # file the value is written in (a theme file, or the outline).
        ref = as_text(node).strip()
        file = node.location.file
        folder = self.folders.get(file, self.default_folder)
        try:
            target = resolve_inside(folder, ref)
        except ValueError as exc:
            message = str(exc)
            if file not in self.override_files:
                message = message.replace("the outline's folder", "the theme file's folder")
            raise NodeValueError(node, message) from None
        problem = verify_picture(
            target, ref
        )  # decoded once: a truncated or huge logo is refused here
        if problem:
            raise NodeValueError(node, problem)
        return target

    def size(self, node: Node, low: float, high: float) -> float:
        text = as_text(node)
        m = _SIZE.fullmatch(text)
        if not m:
            raise NodeValueError(node, f"expected a size in points (e.g. 28), got {text!r}")
        value = float(m.group(1))
        if not low <= value <= high:
            raise NodeValueError(node, f"{value:g} pt is out of range ({low:g} to {high:g} pt)")
        return value


def _get(tree: dict[str, Any], dotted: str) -> Any:
    node: Any = tree
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _node_at(tree: Node, dotted: str) -> Node | None:
    node: Node | None = tree
    for part in dotted.split("."):
        node = node.get(part) if node is not None else None
    return node


def build_theme(
    name: str,
    tree: Node,
    location: Location,
    folders: dict[str, Path],
    default_folder: Path,
    override_files: frozenset[str] = frozenset(),
) -> Theme:
    """Validate a merged theme tree and make the Theme; ThemeError with all problems."""
    check = _Checker(folders, default_folder, override_files)
    values = check.section(tree, SCHEMA, "")

    for dotted in REQUIRED:
        if _node_at(tree, dotted) is None:
            check.error(
                dotted, location, "missing; every theme needs it (set it, or `extends: default`)"
            )
    slide = values.get("slide", {})
    body, floor = slide.get("body_size"), slide.get("min_body_size")
    if body is not None and floor is not None and floor > body:
        node = _node_at(tree, "slide.min_body_size")
        check.error(
            "slide.min_body_size",
            node.location if node is not None else location,
            f"{floor:g} pt is larger than slide.body_size ({body:g} pt); text may only shrink",
        )
    if check.problems or any(_get(values, k) is None for k in REQUIRED):
        raise ThemeError(
            diagnostics=sorted(check.problems, key=lambda d: d.location)
            or [Diagnostic("error", "theme: incomplete", location)]
        )

    c = values["colors"]
    dark = luminance(c["background"]) < 0.3
    c.setdefault("surface", derived_surface(c["background"], c["accent"]))
    c.setdefault("on_accent", derived_on_accent(c["accent"], c["text"], c["background"]))
    c.setdefault("groups", {})
    c.setdefault("palette", FALLBACK_PALETTE_DARK if dark else FALLBACK_PALETTE_LIGHT)
    f = values["fonts"]
    handout, poster = values.get("handout", {}), values.get("poster", {})
    return Theme(
        name=name,
        colors=Colors(
            background=c["background"],
            text=c["text"],
            muted=c["muted"],
            accent=c["accent"],
            groups=dict(c["groups"]),
            surface=c["surface"],
            on_accent=c["on_accent"],
            palette=tuple(c["palette"]),
        ),
        fonts=Fonts(heading=f["heading"], body=f["body"]),
        slide=SlideStyle(
            title_size=slide["title_size"],
            body_size=slide["body_size"],
            min_body_size=slide["min_body_size"],
            numbers=slide.get("numbers", True),
        ),
        logo=values.get("logo"),
        footer=values.get("footer") or None,
        location=location,
        description=values.get("description") or "",
        handout=MediumStyle(
            handout.get("heading_font") or f["heading"],
            handout.get("body_font") or f["body"],
            handout.get("body_size", HANDOUT_BODY_SIZE),
        ),
        poster=MediumStyle(
            poster.get("heading_font") or f["heading"], poster.get("body_font") or f["body"]
        ),
        ink_saving=values.get("ink_saving", False),
    )


def derived_surface(background: str, accent: str) -> str:
    """A theme's `surface` when it names none: a tint of the accent on the
    background (also a template's look, `theme/office.py`)."""
    return mix(background, accent, 0.08)


def derived_on_accent(accent: str, text: str, background: str) -> str:
    """A theme's `on_accent` when it names none: whichever of white, the
    text, the background and black reads best on the accent."""
    return max(("#FFFFFF", text, background, "#000000"), key=lambda x: contrast(x, accent))
