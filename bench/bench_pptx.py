"""Benchmark: the .pptx backend on 1,000 and 3,000 slides with speaker notes.

Targets (issue 3, item 6): 1,000 slides with notes in <= 2 s, 3,000 in <= 6 s,
peak memory <= 400 MB, on the project's 2-core machine. python-pptx used
naively takes ~8 s and ~69 s there (quadratic); pandoc ~13 s for 1,000.

Two measurements per size:
- "render": `PptxBackend.render(deck)` alone, the deck laid out beforehand
  (untimed) — the writer's own cost;
- "layout+render": `PptxBackend.layout(job)` and `render`, i.e. everything
  after the outline is loaded and the theme resolved.

Discovered by bench/run.py (`cases()`); runnable alone:
    .venv/bin/python bench/bench_pptx.py [SLIDES...]
pandoc (when installed) converts an equivalent markdown file with `-o x.pptx`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (str(ROOT), str(HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from harness import Case  # noqa: E402

SECTIONS = 10
POINTS = (
    "A Cold War contest between the **USA** and the **USSR**",
    "Юрий Гагарин orbited the Earth on 12 April 1961",
    "[NASA history](https://history.nasa.gov/) keeps the documents",
)
NOTES = "Tell the story slowly. Ask the room what they remember of the *Apollo* years."


def _per_section(slides: int) -> int:
    # title + agenda + closing, and one divider per section, come with the deck
    return max(1, -(-(slides - 3 - SECTIONS) // SECTIONS))


def write_outline(folder: Path, slides: int) -> Path:
    """An outline whose deck has about `slides` slides, every one with notes."""
    k = _per_section(slides)
    lines = [
        "title: A very long lecture",
        "author: deckgen bench",
        "language: en",
        "sections:",
    ]
    for s in range(SECTIONS):
        lines += [
            f"  - title: Part {s + 1} of the long lecture",
            f"    notes: {NOTES}",
            "    slides:",
        ]
        for i in range(k):
            lines += [
                "      - layout: bullets",
                f"        title: Slide {i + 1} of part {s + 1}",
                f"        notes: {NOTES}",
                "        points:",
                f"          - {POINTS[0]}",
                f"          - text: {POINTS[1]}",
                "            points: [Vostok 1, 108 minutes in orbit]",
                f"          - '{POINTS[2]}'",
            ]
    path = folder / f"long-{slides}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_markdown(folder: Path, slides: int) -> Path:
    """The same slides for pandoc: one `##` slide with bullets and a notes div each."""
    k = _per_section(slides)
    lines = ["% A very long lecture", "% deckgen bench", ""]
    for s in range(SECTIONS):
        lines += [f"# Part {s + 1} of the long lecture", "", "::: notes", NOTES, ":::", ""]
        for i in range(k):
            lines += [
                f"## Slide {i + 1} of part {s + 1}",
                "",
                f"- {POINTS[0]}",
                f"- {POINTS[1]}",
                "    - Vostok 1",
                "    - 108 minutes in orbit",
                f"- {POINTS[2]}",
                "",
                "::: notes",
                NOTES,
                ":::",
                "",
            ]
    path = folder / f"long-{slides}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class _Bench:
    """Loads the outline once (untimed) and holds the laid-out deck."""

    def __init__(self, slides: int) -> None:
        self.slides = slides
        self.folder = Path(tempfile.mkdtemp(prefix="deckgen-bench-pptx-"))
        self.job = None
        self.deck = None

    def setup(self) -> None:
        from deckgen.backends.base import Job
        from deckgen.backends.pptx import PptxBackend
        from deckgen.outline import load
        from deckgen.theme import resolve

        outline = load(write_outline(self.folder, self.slides))
        self.backend = PptxBackend()
        self.outline, self.theme = outline, resolve(outline)
        self.job = Job(outline, self.theme, {})
        self.deck = self.backend.layout(self.job)

    def render(self) -> bytes:
        (out,) = self.backend.render(self.deck, self.job)
        return out.data

    def layout_and_render(self) -> bytes:
        from deckgen.backends.base import Job

        job = Job(self.outline, self.theme, {})  # a new talk: its deck is laid out afresh
        deck = self.backend.layout(job)
        (out,) = self.backend.render(deck, job)
        return out.data

    def pandoc(self) -> list[str]:
        md = write_markdown(self.folder, self.slides)
        return ["pandoc", str(md), "-o", str(self.folder / "pandoc.pptx")]


def cases(sizes: tuple[int, ...] = (1000, 3000)) -> list[Case]:
    out = []
    for n in sizes:
        target = 2.0 if n <= 1000 else 6.0 * n / 3000
        bench = _Bench(n)
        source = "issue 3 item 6: 1,000 slides with notes <= 2 s, 3,000 <= 6 s, <= 400 MB"
        out += [
            Case(
                name=f"pptx: render {n:,} slides with notes",
                target=target,
                target_mb=400,
                source=source + " (layout done beforehand)",
                setup=bench.setup,
                run=bench.render,
                peer=bench.pandoc,
            ),
            Case(
                name=f"pptx: layout+render {n:,} slides with notes",
                target=target,
                target_mb=400,
                source=source + " (layout included)",
                setup=bench.setup,
                run=bench.layout_and_render,
                peer=bench.pandoc,
            ),
        ]
    return out


def main(argv: list[str]) -> int:
    sizes = tuple(int(a) for a in argv[1:]) or (1000, 3000)
    status = 0
    for n in sizes:
        bench = _Bench(n)
        bench.setup()
        print(f"{n} requested -> {len(bench.deck.slides)} slides in the deck")
        for label, run in (("render", bench.render), ("layout+render", bench.layout_and_render)):
            best = cpu = float("inf")
            for _ in range(3):
                start, start_cpu = time.perf_counter(), time.process_time()
                data = run()
                best = min(best, time.perf_counter() - start)
                cpu = min(cpu, time.process_time() - start_cpu)
            tracemalloc.start()
            run()
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            target = 2.0 if n <= 1000 else 6.0 * n / 3000
            verdict = "ok" if best <= target else "MISS"
            status |= verdict != "ok"
            print(
                f"  {label:14} best {best:5.2f} s (cpu {cpu:.2f} s; "
                f"target {target:.1f} s) {verdict}; "
                f"python heap peak {peak:.0f} MB; {len(data) / 2**20:.1f} MB file"
            )
        if shutil.which("pandoc"):
            start = time.perf_counter()
            subprocess.run(bench.pandoc(), check=True, capture_output=True)
            print(f"  pandoc         {time.perf_counter() - start:5.2f} s")
        else:
            print("  pandoc         not installed")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
