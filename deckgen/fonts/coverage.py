"""Is every character of a text drawable with a family's fonts?

A missing glyph would print as an empty box in a PDF and as a substitute
font in PowerPoint (with other widths, breaking our layout), so it is an
error that names the character and the outline's line.
"""

from __future__ import annotations

from deckgen.errors import Diagnostic, FontError, Location
from deckgen.fonts.face import describe
from deckgen.fonts.family import Family
from deckgen.fonts.family import family as _family
from deckgen.outline.model import Run, Text

__all__ = ["check_coverage", "coverage_diagnostics", "missing_chars"]


def _runs(text: Text | str) -> tuple[Run, ...]:
    return text.runs if isinstance(text, Text) else (Run(text),)


def missing_chars(text: Text | str, family: Family | str) -> list[str]:
    """Characters of `text` with no glyph in the face of their run's style."""
    fam = _family(family) if isinstance(family, str) else family
    seen: dict[str, None] = {}
    for run in _runs(text):
        for ch in fam.face(run.bold, run.italic).missing(run.text):
            seen.setdefault(ch)
    return list(seen)


def coverage_diagnostics(
    text: Text | str, family: Family | str, location: Location | None = None
) -> list[Diagnostic]:
    """One error Diagnostic per uncovered character (empty when all are)."""
    fam = _family(family) if isinstance(family, str) else family
    where = location or (text.location if isinstance(text, Text) else Location("<text>"))
    return [
        Diagnostic(
            "error",
            f"the font '{fam.name}' has no glyph for {describe(ch)}; "
            f"remove the character or choose a theme font that has it "
            f"(fonts.heading / fonts.body)",
            where,
        )
        for ch in missing_chars(text, fam)
    ]


def check_coverage(
    text: Text | str, family: Family | str, location: Location | None = None
) -> None:
    """Raise FontError (at `location`, else the text's own) naming every
    character no face of `family` covers."""
    diags = coverage_diagnostics(text, family, location)
    if diags:
        raise FontError(diagnostics=diags)
