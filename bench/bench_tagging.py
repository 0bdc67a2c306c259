"""Benchmark: tagging (PDF/UA structure) costs at most 20 % of each PDF's render time.

Runnable alone: `.venv/bin/python bench/bench_tagging.py` prints, for each PDF
of the sample talk (article handout, slides-mode handout, slides-pdf, poster,
tiled poster), the render time untagged and tagged and the difference.
The timed work is the backend's `render` only (layout done once, untimed),
its CPU time (a machine busy with other work does not count), the best of 15
runs each way, interleaved. A case fails (an error row in `make bench`) when tagging adds more
than 20 %.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "content" / "space_race.yaml"
LIMIT = 0.20
RUNS = 15

# name: (backend, outline overrides)
PDFS = {
    "handout (article)": ("handout", ()),
    "handout (slides)": ("handout", ("outputs.handout.mode=slides",)),
    "slides-pdf": ("slides-pdf", ()),
    "poster": ("poster", ()),
    "poster (tiled A4)": ("poster", ("outputs.poster.tile=A4",)),
}


class Case(NamedTuple):
    name: str
    run: Callable[[], object]
    budget: float  # seconds: the whole comparison (both renders, best of 15 each)


def prepare(name: str) -> Callable[[], object]:
    """The render of one PDF, laid out once: call it to draw the PDF."""
    import deckgen
    from deckgen.backends import registry
    from deckgen.backends.base import Job
    from deckgen.backends.options import settings_for, validate
    from deckgen.templates import talk_of

    backend_name, sets = PDFS[name]
    outline = deckgen.load(SAMPLE, sets)
    theme = deckgen.resolve_theme(outline)
    backend = registry.load(backend_name)
    talk = talk_of(outline, theme)
    options, _ = validate(
        backend_name, backend.options, outline.outputs.get(backend_name, {}), outline.folder
    )
    job = Job(outline, theme, options, talk, settings_for(backend, options))
    plan = backend.layout(job)
    return lambda: backend.render(plan, job)


def overhead(name: str, runs: int = RUNS) -> tuple[float, float]:
    """(best untagged, best tagged) render CPU times in seconds."""
    from deckgen.backends.tagging import untagged

    render = prepare(name)
    render()  # warm: fonts registered, pictures read
    plain, tagged = float("inf"), float("inf")
    for _ in range(runs):
        with untagged():
            t = time.process_time()
            render()
            plain = min(plain, time.process_time() - t)
        t = time.process_time()
        render()
        tagged = min(tagged, time.process_time() - t)
    return plain, tagged


def check(name: str) -> None:
    plain, tagged = overhead(name)
    extra = tagged / plain - 1
    if extra > LIMIT:
        raise AssertionError(f"{name}: tagging adds {extra:.0%} (limit {LIMIT:.0%})")


def cases() -> list[Case]:
    return [
        Case(f"tagging adds <= 20% to the render: {name}", lambda n=name: check(n), 60.0)
        for name in PDFS
    ]


def main() -> None:
    print(f"{'PDF':<20} {'untagged':>9} {'tagged':>9} {'tagging':>8}")
    for name in PDFS:
        plain, tagged = overhead(name)
        print(f"{name:<20} {plain:>8.3f}s {tagged:>8.3f}s {tagged / plain - 1:>+8.1%}")


if __name__ == "__main__":
    main()
