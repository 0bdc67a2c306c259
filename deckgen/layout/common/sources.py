"""Whether the talk's source is also one of its references, decided once.

An outline often lists the article it is based on both as `source` and as a
reference ('[1] "The Space Race: …", History & Culture'); an output that
prints both would say the same thing twice. `source_reference` finds that
reference: the same address, or (when either has none) a reference whose
text holds the source's title and publisher.
"""

from __future__ import annotations

from deckgen.outline.model import Outline

__all__ = ["source_reference"]


def _plain(text: str) -> str:
    """Letters and digits only, lower case: quotes, dashes and spacing aside."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _same_address(a: str, b: str) -> bool:
    def bare(url: str) -> str:
        for prefix in ("https://", "http://"):
            url = url.removeprefix(prefix)
        return url.removeprefix("www.").rstrip("/")

    return bare(a) == bare(b)


def source_reference(outline: Outline) -> int | None:
    """The index of the reference that is the outline's source, else None."""
    src = outline.source
    if src is None:
        return None
    words = [_plain(t.plain) for t in (src.title, src.publisher) if t is not None]
    for i, ref in enumerate(outline.references):
        if src.url and ref.url:
            if _same_address(src.url, ref.url):
                return i
            continue
        text = _plain(ref.text.plain)
        if words and all(w and w in text for w in words):
            return i
    return None
