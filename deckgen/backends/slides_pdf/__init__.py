"""`slides-pdf`: the deck as a PDF, one slide a page, for rooms without
PowerPoint. The talk's deck (`job.talk.deck`, the very one the .pptx draws:
laid out once, shaped by the `outputs.pptx` options), drawn as vector
graphics by `draw.draw_slide`. Output: `<stem>-slides.pdf`. Opt-in:
`deckgen build -f slides-pdf`.
"""

from __future__ import annotations

import io
from typing import ClassVar

from deckgen.backends import pdfkit
from deckgen.backends.base import Job, OptionSpec, Output
from deckgen.backends.slides_pdf.draw import draw_slide, register_deck_fonts
from deckgen.backends.tagging import tagger_of
from deckgen.layout.common.words import words
from deckgen.layout.deck.model import Deck
from deckgen.outline.model import Outline

__all__ = ["SlidesPdfBackend", "slide_label"]


# The word for a slide without a title, by kind ('slide' for any other).
_KIND_WORDS = {
    "quote": "quote",
    "statement": "key_point",
    "image": "picture",
    "timeline": "timeline",
    "agenda": "agenda",
}


def slide_label(deck: Deck, index: int) -> str:
    """'3. Title' for bookmarks and captions, in the deck's language; split
    slides say so."""
    slide = deck.slides[index]
    w = words(deck.language)
    title = slide.title or w[_KIND_WORDS.get(slide.kind, "slide")]
    return f"{index + 1}. {title}" + (f" {w.cont}" if slide.continued else "")


def metadata(outline: Outline, suffix: str = "") -> pdfkit.Metadata:
    title = outline.title.plain
    return pdfkit.Metadata(
        title=title + suffix,
        author=outline.author.plain if outline.author else "",
        subject=outline.subtitle.plain if outline.subtitle else title,
        keywords=tuple(s.title.plain for s in outline.sections),
        language=outline.language,
    )


class SlidesPdfBackend:
    name: ClassVar[str] = "slides-pdf"
    description: ClassVar[str] = (
        "the deck as a PDF, one slide a page (vector), for rooms without PowerPoint"
    )
    options: ClassVar[tuple[OptionSpec, ...]] = ()

    def layout(self, job: Job) -> Deck:
        return job.talk.deck

    def render(self, plan: Deck, job: Job) -> list[Output]:
        fonts = register_deck_fonts(plan)
        buf = io.BytesIO()
        canvas = pdfkit.new_canvas(
            buf, (plan.width, plan.height), metadata(job.outline), fonts[plan.body_font].regular
        )
        for i, slide in enumerate(plan.slides):
            key = f"slide-{i + 1}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(slide_label(plan, i), key, level=0)
            with tagger_of(canvas).group("Sect", title=slide_label(plan, i)):
                draw_slide(canvas, slide, plan, fonts, 0, 0, 1.0)
            canvas.showPage()
        canvas.showOutline()
        return [Output(f"{job.outline.stem}-slides.pdf", pdfkit.finish(canvas, buf))]
