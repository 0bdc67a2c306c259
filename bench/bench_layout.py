"""Benchmark: the deck layout alone (measuring, fitting, placing) on big decks.

Target (the layout's own aim, within issue 3 item 6's budget for the whole
build): 3,000 slides laid out in under 2 s, linear in the number of slides.
Two decks: the pptx bench's outline (explicit bullet slides with sub-points
and notes), and one of many generated sections (divider + bullets each, and
an agenda that must split over many slides).

Discovered by bench/run.py (`cases()`); runnable alone:
    .venv/bin/python bench/bench_layout.py [SLIDES...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (str(ROOT), str(HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from bench_pptx import write_outline  # noqa: E402
from harness import Case  # noqa: E402


def write_sections(folder: Path, slides: int) -> Path:
    """About `slides` slides as many small sections (divider + bullets each)."""
    lines = ["title: Many sections", "sections:"]
    for i in range(max(1, slides // 2)):
        lines += [
            f"  - title: Section {i} of a long course",
            f"    notes: Notes for section {i}.",
            "    points:",
            *(f"      - Point {j} of section {i}, with a little text" for j in range(4)),
        ]
    path = folder / f"sections-{slides}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class _Bench:
    def __init__(self, slides: int, writer) -> None:
        self.slides = slides
        self.writer = writer
        self.folder = Path(tempfile.mkdtemp(prefix="deckgen-bench-layout-"))

    def setup(self) -> None:
        from deckgen.outline import load
        from deckgen.theme import resolve

        self.outline = load(self.writer(self.folder, self.slides))
        self.theme = resolve(self.outline)

    def run(self):
        from deckgen.layout.deck.layout import layout_deck

        return layout_deck(self.outline, self.theme)


def cases(sizes: tuple[int, ...] = (1000, 3000)) -> list[Case]:
    out = []
    for n in sizes:
        for label, writer in (("bullet slides", write_outline), ("sections", write_sections)):
            bench = _Bench(n, writer)
            out.append(
                Case(
                    name=f"layout: {n:,} {label}",
                    target=2.0 * n / 3000,
                    source="deckgen's own aim: 3,000 slides laid out in under 2 s",
                    setup=bench.setup,
                    run=bench.run,
                )
            )
    return out


def main(argv: list[str]) -> int:
    sizes = tuple(int(a) for a in argv[1:]) or (1000, 3000)
    for n in sizes:
        for label, writer in (("bullet slides", write_outline), ("sections", write_sections)):
            bench = _Bench(n, writer)
            bench.setup()
            best = cpu = float("inf")
            for _ in range(3):
                start, start_cpu = time.perf_counter(), time.process_time()
                deck = bench.run()
                best = min(best, time.perf_counter() - start)
                cpu = min(cpu, time.process_time() - start_cpu)
            print(f"{label:14} {len(deck.slides):5} slides: best {best:.2f} s (cpu {cpu:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
