"""Fonts: the measuring the layout leans on, and the first-run instancing cost."""

from __future__ import annotations

import os
import tempfile

from harness import Case

# A paragraph of the kind slides and handouts hold, Latin and Cyrillic.
_PARAGRAPH = (
    "On 12 April 1961 Юрий Гагарин flew once around the Earth in «Восток-1»; "
    "a well-known flight that made the Soviet lead in the space race plain to see. "
)


def _width_million_chars() -> None:
    from deckgen.fonts import family

    face = family("Arimo").face()
    text = _PARAGRAPH * 10  # ~1,500 characters
    for _ in range(1_000_000 // len(text)):
        face.width(text, 24)


def _wrap_paragraphs() -> None:
    from deckgen.fonts import family
    from deckgen.fonts.wrap import wrap

    fam = family("Arimo")
    # Distinct paragraphs, so the per-paragraph cache does not flatter us.
    for i in range(10_000):
        wrap(f"{i}. {_PARAGRAPH}", fam, 24, 840)


def _warm() -> None:
    from deckgen.fonts import family

    fam = family("Arimo")
    fam.face()


def _cut_all_arimo_faces() -> None:
    from deckgen.fonts import cache, family

    os.environ["DECKGEN_CACHE"] = tempfile.mkdtemp(prefix="deckgen-bench-fonts-")
    fam = family("Arimo")
    for bold in (False, True):
        for italic in (False, True):
            fam.face(bold, italic)
    assert len(list(cache.cache_dir().iterdir())) == 4


def cases() -> list[Case]:
    return [
        Case(
            name="fonts: width() of 1,000,000 characters",
            target=0.5,
            source="deckgen's own aim: layout measures every line of 3,000 slides",
            setup=_warm,
            run=_width_million_chars,
        ),
        Case(
            name="fonts: wrap 10,000 distinct paragraphs",
            target=1.5,
            source="deckgen's own aim: a 1,000-slide deck laid out in well under 2 s",
            setup=_warm,
            run=_wrap_paragraphs,
        ),
        Case(
            name="fonts: first run, cut 4 static Arimo faces",
            target=12.0,
            source="one-off per machine (cached after); ~2.5 s per instance",
            run=_cut_all_arimo_faces,
            repeat=1,
        ),
    ]
