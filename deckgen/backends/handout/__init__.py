"""The printable handout: `article` (a typeset document) or `slides` (thumbnails
with ruled lines for notes). Output: `<stem>-handout.pdf`."""

from __future__ import annotations

from typing import ClassVar

from deckgen.backends.base import Job, OptionSpec, Output, settings_of
from deckgen.layout.handout.layout import Handout, layout_handout
from deckgen.layout.handout.options import HandoutOptions

__all__ = ["HandoutBackend"]


class HandoutBackend:
    name: ClassVar[str] = "handout"
    description: ClassVar[str] = "printable PDF handout: typeset article, or slides with notes"
    options: ClassVar[tuple[OptionSpec, ...]] = (
        OptionSpec("paper", "text", "A4", ("A4", "Letter"), help="paper size"),
        OptionSpec(
            "mode",
            "text",
            "article",
            ("article", "slides"),
            help="article: typeset text; slides: slide thumbnails with note lines",
        ),
        OptionSpec(
            "notes_lines", "bool", False, help="article: a ruled Notes area after each section"
        ),
        OptionSpec(
            "slides_per_page",
            "int",
            3,
            (1, 2, 3, 4, 6),
            help="slides mode: thumbnails a page (3: ruled lines beside each)",
        ),
        OptionSpec(
            "writing_lines",
            "bool",
            True,
            help="slides mode: ruled lines to write on beside or under each slide",
        ),
        OptionSpec(
            "speaker_notes",
            "bool",
            False,
            help="print the speaker notes: under each slide (slides mode), "
            "after each section (article mode)",
        ),
    )
    settings: ClassVar[type[HandoutOptions]] = HandoutOptions

    def layout(self, job: Job) -> Handout:
        options = settings_of(job, HandoutOptions)
        plan = layout_handout(job.outline, job.theme, options, job.talk)
        if plan.mode == "slides":
            from deckgen.layout.handout.slides import layout_slide_pages

            plan = layout_slide_pages(plan, job.talk.deck, options)
        return plan

    def render(self, plan: Handout, job: Job) -> list[Output]:
        if plan.mode == "slides":
            from deckgen.backends.handout.slides import render_slides_handout

            data = render_slides_handout(plan)
        else:
            from deckgen.backends.handout.article import render_article

            data = render_article(plan)
        return [Output(f"{job.outline.stem}-handout.pdf", data)]
