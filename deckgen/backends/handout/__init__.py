"""The printable handout: `article` (a typeset document) or `slides` (thumbnails
with ruled lines for notes). Output: `<stem>-handout.pdf`."""

from __future__ import annotations

from typing import ClassVar

from deckgen.backends.base import Job, OptionSpec, Output
from deckgen.layout.handout.layout import Handout, layout_handout

__all__ = ["HandoutBackend"]


def _choice(value, choices):
    """The choice as spelled in the spec, whatever case the user wrote."""
    for c in choices:
        if str(c).lower() == str(value).lower():
            return c
    return value


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
            "speaker_notes",
            "bool",
            False,
            help="print the speaker notes: under each slide (slides mode), "
            "after each section (article mode)",
        ),
    )

    def _options(self, job: Job) -> dict:
        opts = {spec.name: job.options.get(spec.name, spec.default) for spec in self.options}
        for spec in self.options:
            if opts[spec.name] is None:
                opts[spec.name] = spec.default
            if spec.choices:
                opts[spec.name] = _choice(opts[spec.name], spec.choices)
        if opts["mode"] == "slides":
            opts["slides_per_page"] = int(opts["slides_per_page"])
        return opts

    def layout(self, job: Job) -> Handout:
        options = self._options(job)
        plan = layout_handout(job.outline, job.theme, options, job.talk)
        if plan.mode == "slides":
            from deckgen.backends.slides_pdf import deck_for
            from deckgen.layout.handout.slides import layout_slide_pages

            deck = deck_for(job.outline, job.theme)
            plan = layout_slide_pages(plan, deck, options)
        return plan

    def render(self, plan: Handout, job: Job) -> list[Output]:
        if plan.mode == "slides":
            from deckgen.backends.handout.slides import render_slides_handout

            data = render_slides_handout(plan)
        else:
            from deckgen.backends.handout.article import render_article

            data = render_article(plan)
        return [Output(f"{job.outline.stem}-handout.pdf", data)]
