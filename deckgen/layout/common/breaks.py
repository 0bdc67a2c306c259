"""Where a line may break inside a URL or a date span, and what counts as a runt.

A URL breaks only after `/`, `.` or `-`, or before `?` or `#` (so a reader can
tell the break from the address: never inside a word of it); a paragraph's last
line is a runt unless it holds a whole word of at least `RUNT_LETTERS` letters.
"""

from __future__ import annotations

import re

__all__ = ["RUNT_LETTERS", "is_runt", "span_parts", "url_breaks", "whole_dates"]

RUNT_LETTERS = 5
_AFTER = "/.-"
_BEFORE = "?#"
_JOIN = "\u2060"  # WORD JOINER


def url_breaks(text: str) -> list[int]:
    """Offsets at which `text` may be cut (head = text[:i]), ascending; never
    inside the scheme's '//' and never at either end."""
    out: list[int] = []
    start = text.find("//") + 2 if "//" in text else 0
    for i in range(max(start, 1), len(text)):
        # a word joiner after a seam (links.shown_address) stays with it
        before = text[i - 2] if text[i - 1] == _JOIN and i > 1 else text[i - 1]
        if text[i] == _JOIN:
            continue
        if before in _AFTER and text[i] not in _AFTER or text[i] in _BEFORE:
            out.append(i)
    return out


def _letters(word: str) -> int:
    return sum(ch.isalpha() for ch in word)


def is_runt(last_words: list[str], tail_of_hyphenated: bool) -> bool:
    """A last line (its words, as printed) that is too short to end a
    paragraph: no whole word of `RUNT_LETTERS` letters or more on it (the
    first word does not count when it is the tail of a hyphenated word)."""
    whole = last_words[1:] if tail_of_hyphenated else last_words
    return not any(_letters(w) >= RUNT_LETTERS for w in whole)


_SPAN_BREAK = re.compile(r"(?<=[–—]) ")  # the space after a span's dash


def span_parts(when: str) -> list[str]:
    """A date or span cut where it may break: after the span's dash
    ('3 Feb 1994 –', '12 Jun 1998'); a single date is one part."""
    return _SPAN_BREAK.split(when)


def whole_dates(when: str) -> str:
    """A date or span with no-break spaces inside each date, so that a span
    breaks only after its dash ('3 Feb 1994 –' / '12 Jun 1998')."""
    return " ".join(part.replace(" ", "\u00a0") for part in span_parts(when))
