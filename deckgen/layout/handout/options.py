"""The handout's options (`outputs.handout:`), typed: made once by the driver
from the values the backend's OptionSpecs validated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["HandoutOptions"]


@dataclass(frozen=True)
class HandoutOptions:
    paper: str = "A4"  # 'A4' or 'Letter'
    mode: str = "article"  # 'article' or 'slides'
    notes_lines: bool = False  # article: a ruled Notes area after each section
    slides_per_page: int = 3  # slides mode: 1, 2, 3, 4 or 6
    speaker_notes: bool = False
    writing_lines: bool = True  # slides mode: ruled lines beside or under each slide

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> HandoutOptions:
        """From `outputs.handout:` as validated against the backend's OptionSpecs
        (a key left out keeps its default)."""
        return cls(
            paper=values.get("paper", cls.paper),
            mode=values.get("mode", cls.mode),
            notes_lines=values.get("notes_lines", cls.notes_lines),
            slides_per_page=values.get("slides_per_page", cls.slides_per_page),
            speaker_notes=values.get("speaker_notes", cls.speaker_notes),
            writing_lines=values.get("writing_lines", cls.writing_lines),
        )
