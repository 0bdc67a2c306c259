"""The poster backend: a timeline poster as one large PDF page, and on request
the same poster tiled over A4 or Letter sheets for home printing.

`layout(job)` calls the pure `deckgen.layout.poster.layout.layout_poster`;
`render(poster, job)` draws that model with reportlab (see `draw`).
"""

from __future__ import annotations

from typing import ClassVar

from deckgen.backends.base import Job, OptionSpec, Output, settings_of
from deckgen.backends.poster.draw import draw_poster, draw_tiles
from deckgen.layout.poster.layout import PAGE_SIZES, Poster, PosterOptions, layout_poster

__all__ = ["PosterBackend"]


class PosterBackend:
    name: ClassVar[str] = "poster"
    description: ClassVar[str] = (
        "timeline poster (PDF): A3 to A0 or 24x36 in, collision-free cards, "
        "optional bleed, crop marks and tiling over A4/Letter"
    )
    options: ClassVar[tuple[OptionSpec, ...]] = (
        OptionSpec(
            "size",
            default="A2",
            choices=tuple(PAGE_SIZES),
            aliases={"24x36in": "ARCH-D", "24x36": "ARCH-D"},
            help="paper size of the poster",
        ),
        OptionSpec(
            "orientation",
            default="landscape",
            choices=("landscape", "portrait"),
            help="which way the sheet is turned",
        ),
        OptionSpec(
            "tile",
            default="none",
            choices=("A4", "Letter", "none"),
            help="also write the poster split over A4 or Letter sheets "
            "(overlap, cut and registration marks, sheet labels)",
        ),
        OptionSpec("bleed", kind="bool", default=False, help="3 mm bleed for a print shop"),
        OptionSpec("crop_marks", kind="bool", default=False, help="crop marks at the trim"),
    )
    settings: ClassVar[type[PosterOptions]] = PosterOptions

    def layout(self, job: Job) -> Poster:
        return layout_poster(job.outline, job.theme, settings_of(job, PosterOptions), job.talk)

    def render(self, plan: Poster, job: Job) -> list[Output]:
        stem = job.outline.stem
        outputs = [Output(f"{stem}-poster.pdf", draw_poster(plan))]
        if plan.tiling is not None:
            paper = plan.tiling.paper.lower()
            outputs.append(Output(f"{stem}-poster-tiled-{paper}.pdf", draw_tiles(plan)))
        return outputs
