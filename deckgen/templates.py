"""The deck's options and shape, for every output that shows the slides.

`outputs.pptx:` shapes the one deck that pptx, slides-pdf and the handout's
slides mode draw: `aspect`, or a user's `template` whose slide size and
placeholder boxes win. The options are declared here (the pptx backend lists
them as its own), and `read_deck_frame` reads a template's geometry without
any backend, for the driver to hand to the talk's plan (`Talk.deck` lays the
deck out once). python-pptx is imported only when there is a template to read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from deckgen.backends.base import OptionSpec
from deckgen.errors import BackendError, Diagnostic, Location
from deckgen.fonts.match import match_font, nearest_font
from deckgen.layout.common.plan import DeckFrame, Talk, plan_talk
from deckgen.layout.deck.geometry import ASPECTS, DeckGeometry
from deckgen.layout.deck.options import DeckOptions
from deckgen.outline.model import Outline
from deckgen.theme.model import Theme
from deckgen.theme.office import OfficeTheme, TemplateLook, read_office_theme

__all__ = [
    "PPTX_OPTIONS",
    "read_deck_frame",
    "talk_of",
    "template_location",
    "template_look",
    "template_path",
]

PPTX_OPTIONS: tuple[OptionSpec, ...] = (
    OptionSpec(
        "aspect",
        default="16:9",
        choices=tuple(ASPECTS),
        help="slide shape: 16:9 (960 x 540 pt) or 4:3 (720 x 540 pt)",
    ),
    OptionSpec(
        "template",
        kind="path",
        default=None,
        help="a .pptx or .potx whose masters and layouts are used (its slide "
        "size wins over `aspect`); relative to the outline's folder",
    ),
    OptionSpec(
        "look",
        default="template",
        choices=("template", "theme"),
        help="with a template: `template` (default) sets the slides in the template's "
        "theme fonts and colours (accent from its accent1), `theme` in deckgen's theme's",
    ),
    OptionSpec(
        "reveal",
        kind="bool",
        default=False,
        help="every bullet slide shows its points one at a time (PowerPoint builds); "
        "a slide's own `reveal: true` does so for that slide",
    ),
)


def talk_of(
    outline: Outline,
    theme: Theme,
    checked: tuple[Mapping[str, Any], Sequence[Diagnostic]] | None = None,
) -> Talk:
    """The talk's plan, its deck shaped by `outputs.pptx:`.

    `checked`: those options as the driver validated them (values, problems);
    None (a job made in code) validates them here. With problems the deck
    cannot be laid out, and says why to every output that asks for it.
    """
    if checked is None:
        from deckgen.backends.options import validate

        given = outline.outputs.get("pptx", {})
        checked = validate("pptx", PPTX_OPTIONS, given, outline.folder)
    values, problems = checked
    if problems:
        refused = list(problems)

        def refuse(outline: Outline, options: DeckOptions) -> DeckFrame:
            raise BackendError(diagnostics=refused)

        return plan_talk(outline, theme, read_frame=refuse)
    return plan_talk(outline, theme, DeckOptions.from_values(values), read_deck_frame)


def read_deck_frame(outline: Outline, options: DeckOptions) -> DeckFrame:
    """The deck's geometry (slide size; a template's placeholder boxes) and what
    reading it found; BackendError for a template that cannot be used."""
    path = template_path(outline, options)
    if path is None:
        return DeckGeometry.for_aspect(options.aspect), ()
    from deckgen.backends.pptx.template import checked_template, read_template_frame

    where = template_location(outline)
    frame = read_template_frame(path, where)
    geometry = frame.geometry
    # what the archive check changed (external links dropped), said once
    dropped = tuple(Diagnostic("warning", w, where) for w in checked_template(path, where).warnings)
    found = _aspect_check(outline, options, geometry) + dropped
    if options.look != "template":
        return geometry, found
    look, problems = template_look(frame.theme_xml, frame.color_map, path.name, where)
    return replace(geometry, look=look), found + problems


def template_look(
    theme_xml: bytes | None, color_map: Mapping[str, str], name: str, where: Location
) -> tuple[TemplateLook, tuple[Diagnostic, ...]]:
    """The template's theme as the deck uses it, and what reading it found: a
    part missing or malformed (the theme's value is kept for what it lacks),
    a font nothing installed measures (fit cannot be guaranteed)."""
    problems: tuple[str, ...] = ("its master has no theme part",)
    if theme_xml is None:
        office = OfficeTheme(None, None, ())
    else:
        office, problems = read_office_theme(theme_xml, color_map)
    found = [
        Diagnostic(
            "warning",
            f"outputs.pptx.template: {name}: {problem}; the theme's value is used instead",
            where,
        )
        for problem in problems
    ]
    heading = _measuring_font(office.major_font, "heading", name, where, found)
    body = _measuring_font(office.minor_font, "body", name, where, found)
    return TemplateLook(office, heading, body), tuple(found)


def _measuring_font(
    font: str | None, role: str, name: str, where: Location, found: list[Diagnostic]
) -> str | None:
    """The deckgen family that measures the template's `font`; None: the theme's."""
    if font is None:
        return None
    match = match_font(font)
    if match.family is not None:
        return match.family.name
    nearest = nearest_font(font)
    instead = f"{nearest!r}" if nearest else "the theme's font"
    found.append(
        Diagnostic(
            "warning",
            f"outputs.pptx.template: {name}'s {role} font {font!r} is not installed here and "
            f"has no known metric-compatible font, so text is measured with {instead} and fit "
            f"cannot be guaranteed where {font!r} draws it (install the font, or a "
            "metric-compatible one, to measure with it)",
            where,
        )
    )
    return nearest


def template_location(outline: Outline) -> Location:
    """Where the outline names its template (problems with the file point there)."""
    option = outline.outputs.get("pptx", {}).get("template")
    return option.location if option is not None else outline.location


def template_path(outline: Outline, options: DeckOptions) -> Path | None:
    """The template file, or None; BackendError unless it is a .pptx or .potx."""
    path = options.template
    if path is None:
        return None
    if not path.is_absolute():  # the driver resolves it; a caller in code may not
        path = outline.folder / path
    if path.suffix.lower() not in (".pptx", ".potx"):
        raise BackendError(
            f"outputs.pptx.template: {path.name!r} is not a .pptx or .potx file",
            template_location(outline),
        )
    return path


def _aspect_check(
    outline: Outline, options: DeckOptions, geometry: DeckGeometry
) -> tuple[Diagnostic, ...]:
    """A template's own slide size wins; say so when `aspect` asked for another."""
    given = outline.outputs.get("pptx", {}).get("aspect")
    if given is None:
        return ()
    width, height = ASPECTS[options.aspect]
    if abs(geometry.aspect - width / height) < 0.01:
        return ()
    return (
        Diagnostic(
            "warning",
            f"outputs.pptx.aspect: the template's slides are {geometry.width:g} x "
            f"{geometry.height:g} pt, so its size is used, not {options.aspect}",
            given.location,
        ),
    )
