"""The writing loop: the html page of the sample, and a rebuild in watch mode.

Targets (issue 13): the html output of the sample in <= 0.5 s of CPU beyond
loading (the outline and theme are loaded untimed; the timed run plans the
talk, lays out the deck and draws the page, with the page's font cache
emptied each time); a rebuild after a one-word edit in watch mode <= 1 s
(wall clock, the default outputs, in one warm process as `deckgen watch`
keeps it: the edit is saved, then the watcher's rebuild runs).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (str(ROOT), str(HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from harness import Case  # noqa: E402

SAMPLE = ROOT / "content" / "space_race.yaml"


class _Page:
    def setup(self) -> None:
        import deckgen
        import deckgen.theme

        self.outline = deckgen.load(SAMPLE)
        self.theme = deckgen.theme.resolve(self.outline)
        self.run()  # fonts measured once, as any build's loading does

    def run(self) -> None:
        from deckgen.backends.html import page as html_page
        from deckgen.layout.common.plan import plan_talk

        html_page._subsets.clear()  # cut the fonts again every time: no flattering cache
        talk = plan_talk(self.outline, self.theme)
        html_page.render_page(talk, talk.deck)


class _Rebuild:
    """One-word edits of a copy of the sample, each rebuilt as watch does."""

    def setup(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="deckgen-bench-loop-"))
        shutil.copytree(SAMPLE.parent / "images", folder / "images")
        self.outline = folder / SAMPLE.name
        self.text = SAMPLE.read_text(encoding="utf-8")
        self.outline.write_text(self.text, encoding="utf-8")
        self.out = folder / "build"
        self.n = 0
        from deckgen.watch import _build, inputs_of

        self._build = _build
        self._inputs = inputs_of
        self._build(self.outline, ["pptx", "handout", "poster"], self.out, None, (), ())

    def run(self) -> None:
        self.n += 1
        word = "Paving" if self.n % 2 else "Opening"
        self.outline.write_text(self.text.replace("Paving", word, 1), encoding="utf-8")
        changed = (self.outline,)
        rebuild = self._build(
            self.outline, ["pptx", "handout", "poster"], self.out, None, (), changed
        )
        assert rebuild.ok
        self._inputs(self.outline, None, ())  # what watch reads again after each build


def cases() -> list[Case]:
    page, rebuild = _Page(), _Rebuild()
    return [
        Case(
            name="html: space_race page, CPU beyond loading",
            target=0.5,
            clock="cpu",
            source="issue 13: the html output of the sample in <= 0.5 s of CPU beyond loading",
            setup=page.setup,
            run=page.run,
            repeat=5,
        ),
        Case(
            name="watch: rebuild after a one-word edit (pptx, handout, poster)",
            target=1.0,
            source="issue 13: a rebuild after a one-word edit in watch mode <= 1 s",
            setup=rebuild.setup,
            run=rebuild.run,
            repeat=5,
        ),
    ]


if __name__ == "__main__":
    import time

    for case in cases():
        assert case.setup is not None
        case.setup()
        start = time.perf_counter()
        case.run()
        print(f"{case.name}: {time.perf_counter() - start:.2f} s")
