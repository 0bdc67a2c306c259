"""The command line as a lecturer meets it: start-up, and the sample talk end to end."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from harness import Case

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "space_race.yaml"
_work = Path(tempfile.mkdtemp(prefix="deckgen-bench-cli-"))


def _deckgen(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "deckgen", *args], check=True, capture_output=True)


def _build_sample() -> None:
    _deckgen("build", "-q", str(SAMPLE), "-o", str(_work / "build"))


def _sample_as_markdown() -> list[str]:
    """The sample's slides as pandoc markdown: the same content, for pandoc's pptx writer."""
    import deckgen

    outline = deckgen.load(SAMPLE)
    lines = [f"% {outline.title.plain}", ""]
    for section in outline.sections:
        lines += [f"# {section.title.plain}", ""]
        lines += [f"- {point.text.plain}" for point in section.points]
        if section.notes:
            lines += ["", "::: notes", *(p.plain for p in section.notes), ":::"]
        lines.append("")
    markdown = _work / "space_race.md"
    markdown.write_text("\n".join(lines), encoding="utf-8")
    return ["pandoc", str(markdown), "-o", str(_work / "pandoc.pptx")]


def cases() -> list[Case]:
    return [
        Case(
            name="cli: start-up (deckgen --version)",
            target=0.5,
            source="deckgen's own aim: the command answers at once",
            run=lambda: _deckgen("--version"),
            peer=lambda: ["pandoc", "--version"],
        ),
        Case(
            name="cli: build space_race, CPU (pptx, handout, poster)",
            target=1.0,
            clock="cpu",
            source="issue 9, item 6: the sample's three outputs in <= 1.0 s of CPU",
            setup=_build_sample,  # untimed: font cache and file system warm
            run=_build_sample,
            repeat=5,
        ),
        Case(
            name="cli: build space_race (pptx, handout, poster)",
            target=10.0,
            source="deckgen's own aim: the sample talk in seconds, cold",
            run=_build_sample,
            peer=_sample_as_markdown,
        ),
    ]
