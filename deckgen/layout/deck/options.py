"""The deck's options (`outputs.pptx:`), typed: one deck per talk, drawn by
pptx, slides-pdf and the handout's slides mode alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["DeckOptions"]


@dataclass(frozen=True)
class DeckOptions:
    aspect: str = "16:9"  # a key of geometry.ASPECTS
    # A user's .pptx/.potx (the driver gives it resolved inside the outline's
    # folder); its slide size wins over `aspect`.
    template: Path | None = None
    reveal: bool = False  # every bullets/two-column slide builds point by point (.pptx)
    # with a template: 'template' sets the deck in the template's theme fonts and
    # colours, 'theme' in deckgen's theme's (on the template's masters)
    look: str = "template"

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> DeckOptions:
        """From `outputs.pptx:` as validated against its OptionSpecs (a key
        left out keeps its default)."""
        template = values.get("template")
        return cls(
            aspect=values.get("aspect") or cls.aspect,
            template=Path(template) if template else None,
            reveal=bool(values.get("reveal", False)),
            look=values.get("look") or cls.look,
        )
