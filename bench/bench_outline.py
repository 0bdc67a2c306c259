"""Benchmark: loading and validating a 1,000-section outline in well under 1 s.

Runnable alone: `.venv/bin/python bench/bench_outline.py [SECTIONS]`.
The timed work is `deckgen.outline.load`: read the YAML (libyaml events,
our composer), check every value, parse the markup, build the model.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Case  # noqa: E402

from deckgen.outline import load  # noqa: E402

_FOLDER = Path(tempfile.mkdtemp(prefix="deckgen-bench-outline-"))


def write_outline(folder: Path, sections: int) -> Path:
    """Sections with prose, points, notes and a quote; one event per section."""
    lines = ["title: A very long lecture", "sections:"]
    for i in range(sections):
        lines += [
            f"  - title: Section {i}, the **Space Race**, part {i}",
            "    summary: |",
            "      During the Cold War the *United States* and the Soviet Union turned space",
            "      into an arena of rivalry; see [the article](https://example.org/a).",
            "",
            "      Юрий Гагарин orbited the Earth on 12 April 1961.",
            "    points:",
            "      - A Cold War contest between the **USA** and the **USSR**",
            "      - text: Shock in the United States",
            "        points: [Seen as a show of prowess, Years of rivalry]",
            "    notes: Read this aloud, slowly.",
            "    quote: {text: Poyekhali!, by: Yuri Gagarin}",
        ]
    lines += ["timeline:", "  groups: {usa: USA, ussr: USSR}", "  events:"]
    for i in range(sections):
        lines.append(
            f"    - {{date: {1957 + i % 60}-{1 + i % 12:02d}-{1 + i % 28:02d}, "
            f"title: Event {i}, group: {'usa' if i % 2 else 'ussr'}, "
            f"section: section-{i}-the-space-race-part-{i}}}"
        )
    path = folder / f"long-{sections}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cases() -> list[Case]:
    path = _FOLDER / "long-1000.yaml"
    return [
        Case(
            name="outline: load a 1,000-section outline",
            target=1.0,
            source="outline engineer brief: well under a second",
            setup=lambda: write_outline(_FOLDER, 1000),
            run=lambda: load(path),
        )
    ]


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    outline_path = write_outline(_FOLDER, n)
    size = outline_path.stat().st_size
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        outline = load(outline_path)
        best = min(best, time.perf_counter() - start)
    print(
        f"{n} sections ({size / 1024:.0f} kB, {len(outline.timeline.events)} events): {best:.3f} s"
    )
