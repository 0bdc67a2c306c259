"""`html`: the talk as one self-contained web page (`<stem>.html`).

The slides are the talk's deck (`job.talk.deck`, the one the .pptx draws),
drawn as SVG with keyboard navigation, a slide counter and speaker notes on
a key (N); then the timeline on the shared time scale, zoomable and
scrollable; then the handout's text. Fonts and pictures are inlined: the page
loads nothing from anywhere. Opt-in: `deckgen build -f html`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from deckgen.backends.base import Job, OptionSpec, Output
from deckgen.errors import Diagnostic
from deckgen.layout.deck.model import Deck

from .page import render_page

__all__ = ["HtmlBackend", "HtmlPlan"]


@dataclass(frozen=True)
class HtmlPlan:
    deck: Deck
    diagnostics: list[Diagnostic] = field(default_factory=list)


class HtmlBackend:
    name: ClassVar[str] = "html"
    description: ClassVar[str] = (
        "one self-contained web page: slides, timeline and handout text (no network)"
    )
    options: ClassVar[tuple[OptionSpec, ...]] = ()

    def layout(self, job: Job) -> HtmlPlan:
        deck = job.talk.deck
        return HtmlPlan(deck, list(deck.diagnostics))

    def render(self, plan: HtmlPlan, job: Job) -> list[Output]:
        html = render_page(job.talk, plan.deck)
        return [Output(f"{job.outline.stem}.html", html.encode("utf-8"))]
