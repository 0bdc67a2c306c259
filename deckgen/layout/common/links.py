"""Web addresses as a lecturer would say them: "nasa.gov/history".

A raw address on a slide wraps mid-word and reads as noise from the back of
the room. The reference's own text carries the link (clickable in the .pptx
and PDF); after it comes this short form, for the audience to type or note.

A link is written one run per word: LibreOffice sets each linked run as one
field, breaking a field mid-word ("sig / nificance") and between fields
(stranding a quote mark), so each field is a whole word with its quote marks
and punctuation, and lines can only break between words. A field is never
broken inside in LibreOffice, so a dash inside a linked word is joined to
the rest ('1971–1980'). LibreOffice also counts a field's trailing space in
the line's width, where other renderers let it hang: `fonts.wrap` measures
it so for a .pptx. (LibreOffice then draws a link's last word in the run's
colour, not its link colour.)
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from deckgen.outline.model import Run

__all__ = ["link_words", "linked", "short_address"]

# A word and the spaces after it: the unit a line may not break inside.
_WORD = re.compile(r"\S+\s*|\s+")
# U+2060 WORD JOINER: no break at a hyphen inside a shown address.
_JOIN = "\u2060"

_LONG = 32  # characters; longer addresses keep only their last path part


def short_address(url: str) -> str:
    """Host without 'www.' and the path, decoded; a long path keeps its last part
    ("esa.int/…/International_Space_Station"); mail addresses as they are."""
    if url.startswith("mailto:"):
        return url[len("mailto:") :]
    parts = urlsplit(url)
    host = parts.hostname or url
    if host.startswith("www."):
        host = host[4:]
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if not segments:
        return host
    whole = host + "/" + "/".join(segments)
    if len(whole) <= _LONG or len(segments) == 1:
        return whole
    return f"{host}/…/{segments[-1]}"


def linked(runs: tuple[Run, ...], url: str) -> tuple[Run, ...]:
    """`runs` made one link to `url`, followed by the short address (not a link:
    one clickable target per reference, and the address stays plain to read)."""
    out = tuple(Run(r.text, r.bold, r.italic, link=url) for r in runs if r.text)
    return (*link_words(out), Run("\u00a0— "), Run(shown_address(url)))


def shown_address(url: str) -> str:
    """`short_address` joined so that no renderer breaks it at a hyphen."""
    return re.sub(r"-(?=\w)", "-" + _JOIN, short_address(url))


def _style_at(runs: tuple[Run, ...], starts: list[int], at: int, end: int) -> Run:
    # The run whose style a word takes: that of its first letter or digit
    # (a quote mark takes its word's italics), else of its first character.
    text = "".join(r.text for r in runs)
    first = next((i for i in range(at, end) if text[i].isalnum()), at)
    k = max(i for i, s in enumerate(starts) if s <= first)
    return runs[k]


def link_words(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Linked `runs` recut into one run per word (trailing spaces included),
    each in the style of its word's first letter; math runs stay as they are."""
    if any(r.math for r in runs) or len({r.link for r in runs}) > 1:
        return runs
    starts, at = [], 0
    for r in runs:
        starts.append(at)
        at += len(r.text)
    text = "".join(r.text for r in runs)
    return tuple(
        replace(_style_at(runs, starts, m.start(), m.end()), text=_joined(m.group()))
        for m in _WORD.finditer(text)
    )


# A dash or hyphen inside a word, before more of it.
_INNER_DASH = re.compile("([-\u2010\u2013\u2014])(?=[^\\s\u2060])")


def _joined(word: str) -> str:
    """A linked word with a word joiner after each dash inside it."""
    return _INNER_DASH.sub("\\1" + _JOIN, word)
