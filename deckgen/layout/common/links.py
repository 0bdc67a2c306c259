"""Web addresses as a lecturer would say them: "nasa.gov/history".

A raw address on a slide wraps mid-word and reads as noise from the back of
the room. The reference's own text carries the link (clickable in the .pptx
and PDF); after it comes this short form, for the audience to type or note.

The shown address is joined (U+2060 after its hyphens) so that no renderer
breaks it inside a word, and its dash stays with the reference's last word.
The link stays one run: LibreOffice colours consecutive linked runs unevenly.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from deckgen.outline.model import Run

__all__ = ["linked", "short_address", "shown_address"]

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
    return (*out, Run("\u00a0— "), Run(shown_address(url)))


def shown_address(url: str) -> str:
    """`short_address` joined so that no renderer breaks it at a hyphen."""
    return re.sub(r"-(?=\w)", "-" + _JOIN, short_address(url))
