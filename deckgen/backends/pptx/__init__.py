"""The PowerPoint backend: draws the talk's laid-out `Deck` as an editable .pptx.

The deck is the talk's (`job.talk.deck`: laid out once per build from
`outputs.pptx:`, see `deckgen.templates`), the same that slides-pdf and the
handout's slides mode draw; `layout(job)` only adds what concerns a .pptx
(fonts PowerPoint may lack), and `render(deck, job)` draws it into deckgen's
base presentation or the user's template.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from typing import ClassVar

from deckgen.backends.base import Job, OptionSpec, Output
from deckgen.backends.pptx.template import base_presentation, open_template, template_errors
from deckgen.backends.pptx.writer import DocumentInfo, write_deck
from deckgen.errors import Diagnostic
from deckgen.fonts import family
from deckgen.layout.common.blocks import CODE_FONT, CodeBlock
from deckgen.layout.deck.model import Deck
from deckgen.templates import PPTX_OPTIONS, template_location, template_path

__all__ = ["PptxBackend"]


class PptxBackend:
    name: ClassVar[str] = "pptx"
    description: ClassVar[str] = (
        "PowerPoint deck (.pptx): editable, real placeholders, speaker notes, alt text"
    )
    # The deck's own options: the driver gives them, typed, as `job.talk.deck_options`.
    options: ClassVar[tuple[OptionSpec, ...]] = PPTX_OPTIONS

    def layout(self, job: Job) -> Deck:
        deck = job.talk.deck
        checks = self._font_check(deck, job)
        if not checks:
            return deck
        return replace(deck, diagnostics=(*deck.diagnostics, *checks))

    def render(self, deck: Deck, job: Job) -> list[Output]:
        outline, options = job.outline, job.talk.deck_options
        template = template_path(outline, options)
        if template is None:
            prs = base_presentation(options.aspect, job.theme)
        else:
            prs = open_template(template, template_location(outline))
        info = DocumentInfo(
            title=outline.title.plain,
            author=outline.author.plain if outline.author else "",
            subject=outline.subtitle.plain if outline.subtitle else "",
            language=outline.language,
        )
        # Slides on the theme's ordinary background inherit the master's: the
        # base master carries that colour, a user's master its own design.
        background = deck.background or job.theme.colors.background
        reveal = options.reveal
        if template is None:
            data = write_deck(deck, prs, info, template_background=background, reveal=reveal)
        else:
            with self._template_errors(job):
                data = write_deck(deck, prs, info, template_background=background, reveal=reveal)
        return [Output(f"{outline.stem}.pptx", data)]

    @staticmethod
    def _font_check(deck: Deck, job: Job) -> list[Diagnostic]:
        """A .pptx names its fonts; PowerPoint draws them only if installed. Arimo
        is written as Arial (same widths); a family without such an Office twin
        is substituted on most machines, and the measured line breaks no longer
        hold there."""
        found = []
        # a template's own fonts (look: template) are its owner's to have; the
        # template's reading said which of them nothing here measures
        fonts = () if deck.template_fonts else (deck.heading_font, deck.body_font)
        for font in dict.fromkeys(fonts):
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
        code = [e for s in deck.slides for e in s.elements if isinstance(e, CodeBlock)]
        if code and family(CODE_FONT).office_name == CODE_FONT:
            # Today's code font is written as Courier New (same advance); a
            # code font without an Office twin would be substituted.
            found.append(
                Diagnostic(
                    "warning",
                    f"pptx: code uses {CODE_FONT!r}, which PowerPoint has only where it is "
                    "installed; elsewhere another monospace font draws it, a little wider "
                    "or narrower (the PDFs embed it)",
                    job.theme.location,
                )
            )
        return found

    @contextlib.contextmanager
    def _template_errors(self, job: Job) -> Iterator[None]:
        """Drawing into a template that passed the checks may still meet a
        structure python-pptx cannot follow: the file's fault, said at its line."""
        with template_errors(
            template_path(job.outline, job.talk.deck_options), template_location(job.outline)
        ):
            yield
