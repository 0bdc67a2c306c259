"""The PowerPoint backend: draws the laid-out `Deck` as an editable .pptx.

`layout(job)` reads the geometry (slide size; with a user's `template`, the
placeholder boxes of the layouts it will use) and calls the pure
`deckgen.layout.deck.layout.layout_deck`; `render(deck, job)` draws that deck.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from pptx.exc import PythonPptxError

from deckgen.backends.base import Job, OptionSpec, Output
from deckgen.backends.pptx.archive import CheckedTemplate, TemplateProblem, read_template
from deckgen.backends.pptx.template import (
    LayoutPicker,
    TemplateError,
    base_presentation,
    user_presentation,
)
from deckgen.backends.pptx.writer import DocumentInfo, write_deck
from deckgen.errors import BackendError, Diagnostic, Location
from deckgen.fonts import family
from deckgen.layout.deck.geometry import ASPECTS, DeckGeometry
from deckgen.layout.deck.layout import layout_deck
from deckgen.layout.deck.model import Deck

__all__ = ["PptxBackend"]

_EMU_PER_PT = 12700


class PptxBackend:
    name: ClassVar[str] = "pptx"
    description: ClassVar[str] = (
        "PowerPoint deck (.pptx): editable, real placeholders, speaker notes, alt text"
    )
    options: ClassVar[tuple[OptionSpec, ...]] = (
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
    )

    def layout(self, job: Job) -> Deck:
        template = self._template_path(job)
        checks: list[Diagnostic] = []
        if template is None:
            geometry = DeckGeometry.for_aspect(job.options.get("aspect") or "16:9")
        else:
            prs = self._open_user(template, job)
            with self._template_errors(template, job):
                width, height = prs.slide_width / _EMU_PER_PT, prs.slide_height / _EMU_PER_PT
                geometry = LayoutPicker(prs).geometry(width, height)
            checks += self._aspect_check(job, geometry)
            checks += [
                Diagnostic("warning", w, self._where(job)) for w in self._checked(job).warnings
            ]
        deck = layout_deck(job.outline, job.theme, geometry)
        checks += self._font_check(deck, job)
        if not checks:
            return deck
        return replace(deck, diagnostics=(*deck.diagnostics, *checks))

    def render(self, deck: Deck, job: Job) -> list[Output]:
        template = self._template_path(job)
        if template is None:
            prs = base_presentation(job.options.get("aspect") or "16:9", job.theme)
        else:
            prs = self._open_user(template, job)
        outline = job.outline
        info = DocumentInfo(
            title=outline.title.plain,
            author=outline.author.plain if outline.author else "",
            subject=outline.subtitle.plain if outline.subtitle else "",
            language=outline.language,
        )
        # Slides on the theme's ordinary background inherit the master's: the
        # base master carries that colour, a user's master its own design.
        background = job.theme.colors.background
        if template is None:
            data = write_deck(deck, prs, info, template_background=background)
        else:
            with self._template_errors(template, job):
                data = write_deck(deck, prs, info, template_background=background)
        return [Output(f"{outline.stem}.pptx", data)]

    # --- the template option ---------------------------------------------------

    @staticmethod
    def _where(job: Job) -> Location:
        option = job.outline.outputs.get("pptx", {}).get("template")
        return option.location if option is not None else job.outline.location

    def _template_path(self, job: Job) -> Path | None:
        value = job.options.get("template")
        if not value:
            return None
        path = Path(value)
        if not path.is_absolute():  # the driver resolves it; a direct caller may not
            path = job.outline.folder / path
        if path.suffix.lower() not in (".pptx", ".potx"):
            raise BackendError(
                f"outputs.pptx.template: {path.name!r} is not a .pptx or .potx file",
                self._where(job),
            )
        return path

    @staticmethod
    def _font_check(deck: Deck, job: Job) -> list[Diagnostic]:
        """A .pptx names its fonts; PowerPoint draws them only if installed. Arimo
        is written as Arial (same widths); a family without such an Office twin
        is substituted on most machines, and the measured line breaks no longer
        hold there."""
        found = []
        for font in dict.fromkeys((deck.heading_font, deck.body_font)):
            if family(font).office_name == font:
                found.append(
                    Diagnostic(
                        "warning",
                        f"pptx: slides use {font!r}, which PowerPoint has only where it is "
                        "installed; elsewhere a substitute with other widths may overflow "
                        "(the PDFs embed it; for slides prefer Arimo, written as Arial)",
                        job.theme.location,
                    )
                )
        return found

    def _aspect_check(self, job: Job, geometry: DeckGeometry) -> list[Diagnostic]:
        """A template's own slide size wins; say so when `aspect` asked for another."""
        given = job.outline.outputs.get("pptx", {}).get("aspect")
        if given is None:
            return []
        width, height = ASPECTS[job.options["aspect"]]
        if abs(geometry.aspect - width / height) < 0.01:
            return []
        return [
            Diagnostic(
                "warning",
                f"outputs.pptx.aspect: the template's slides are {geometry.width:g} x "
                f"{geometry.height:g} pt, so its size is used, not {job.options['aspect']}",
                given.location,
            )
        ]

    def _checked(self, job: Job) -> CheckedTemplate:
        """The template's bytes, read once (not through a link out of the
        outline's folder) and checked as an untrusted archive."""
        path = self._template_path(job)
        assert path is not None
        try:
            return read_template(path)
        except (OSError, TemplateProblem) as exc:
            what = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise BackendError(
                f"outputs.pptx.template: {path.name} cannot be used as a template: {what}",
                self._where(job),
            ) from None

    def _open_user(self, path: Path, job: Job):
        data = self._checked(job).data
        with self._template_errors(path, job):
            return user_presentation(path, data)

    @contextlib.contextmanager
    def _template_errors(self, path: Path, job: Job) -> Iterator[None]:
        """A template that passed the archive checks may still have a structure
        python-pptx cannot follow (a part of the wrong kind, a relationship or
        attribute missing): it is the file's fault, said at the template line."""
        try:
            yield
        except TemplateError as exc:
            raise BackendError(f"outputs.pptx.template: {exc}", self._where(job)) from None
        except (PythonPptxError, LookupError, ValueError, TypeError, AttributeError) as exc:
            raise BackendError(
                f"outputs.pptx.template: {path.name} cannot be used as a template: its "
                f"structure is not one PowerPoint writes ({type(exc).__name__}: {exc})",
                self._where(job),
            ) from None
