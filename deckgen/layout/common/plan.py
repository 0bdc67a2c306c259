"""The plan of the talk: what every output shares, decided once per outline.

`plan_talk(outline, theme) -> Talk` runs once per build of an outline (the
driver puts it in every backend's `Job`), and every medium's layout reads it
rather than deciding these facts again: the look (a colour and a marker shape
per timeline group), the words deckgen adds and the way dates are written, in
the outline's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.layout.common.dates import format_date, format_span
from deckgen.layout.common.look import Look, look_of
from deckgen.layout.common.words import Words, words
from deckgen.outline.model import Date, Outline
from deckgen.theme.model import Theme

__all__ = ["Talk", "plan_talk"]


@dataclass(frozen=True)
class Talk:
    outline: Outline
    theme: Theme
    look: Look
    # The words deckgen adds, in the outline's language: `talk.words.key_dates`,
    # or as a mapping, `talk.words["key_dates"]`.
    words: Words

    @property
    def language(self) -> str:
        return self.outline.language

    def date(self, date: Date) -> str:
        """An event's date, written the same way in every output."""
        return format_date(date, self.language)

    def span(self, start: Date, end: Date | None) -> str:
        """A date or a span ('19–20 Aug 1960'), the same in every output."""
        return format_span(start, end, self.language)


def plan_talk(outline: Outline, theme: Theme) -> Talk:
    return Talk(outline, theme, look_of(outline, theme), words(outline.language))
