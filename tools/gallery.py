"""Draw the pictures of docs/ and of the README (`make docs` runs it).

Builds content/gallery.yaml (one slide of every layout) in each built-in
theme, and content/space_race.yaml, as PDFs (slides-pdf, handout, poster),
renders their pages with poppler's `pdftoppm` and writes small palette PNGs
into docs/images/. The slides are drawn from the same layout as the .pptx,
and PDFs render the same on every machine, unlike a .pptx through
LibreOffice.

Byte-stable: the builds are deterministic, pdftoppm too, and the PNGs carry
no time stamp, so rebuilding leaves unchanged pictures byte-identical.

    .venv/bin/python tools/gallery.py [--out docs/images]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

import deckgen
import deckgen.outline
from deckgen.backends import registry
from deckgen.backends.base import Job
from deckgen.layout.deck.model import Deck

ROOT = Path(__file__).resolve().parent.parent
PANDOC_TEMPLATE = ROOT / "tests" / "fixtures" / "templates" / "pandoc-reference.pptx"
GALLERY = ROOT / "content" / "gallery.yaml"
SAMPLE = ROOT / "content" / "space_race.yaml"
THEMES = ("default", "midnight", "print")
GAP = 12  # pixels between pictures in a row
BACKDROP = (214, 214, 214)  # a light grey that sets off white slides and pages


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("gallery: pdftoppm (poppler-utils) is needed", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        Gallery(Path(tmp), args.out).run()
    return 0


class Gallery:
    def __init__(self, work: Path, out: Path) -> None:
        self.work = work
        self.out = out

    def run(self) -> None:
        self.layouts()
        self.custom_theme()
        self.handouts()
        self.posters()
        self.sample()
        self.on_pandoc_template()

    # ------------------------------------------------------------ building

    def build(
        self, outline: Path, fmt: str, theme: str | None = None, sets: Sequence[str] = ()
    ) -> list[Path]:
        """Build one output into a folder of its own; return the files written."""
        folder = self.work / f"{outline.stem}-{fmt}-{theme}-{len(list(self.work.iterdir()))}"
        report = deckgen.build([outline], formats=[fmt], out_dir=folder, theme=theme, sets=sets)
        if not report.ok:
            raise SystemExit("\n".join(str(d) for d in report.diagnostics))
        return [Path(p) for p in report.written]

    def pages(self, pdf: Path, width: int = 0, height: int = 0, page: int = 0) -> list[Image.Image]:
        """Every page of `pdf` (or only `page`, from 1) as an image `width`
        (or `height`) pixels across."""
        prefix = self.work / f"page-{len(list(self.work.iterdir()))}"
        scale = ["-scale-to-x", str(width), "-scale-to-y", "-1"]
        if height:
            scale = ["-scale-to-x", "-1", "-scale-to-y", str(height)]
        if page:
            scale += ["-f", str(page), "-l", str(page)]
        subprocess.run(["pdftoppm", "-png", *scale, str(pdf), str(prefix)], check=True)
        files = sorted(prefix.parent.glob(prefix.name + "-*.png"))
        return [Image.open(f).convert("RGB") for f in files]

    def slides(self, outline: Path, theme: str) -> dict[str, Image.Image]:
        """The last slide of each kind (title, bullets, ...) in `theme`: the
        gallery's explicit slides come after the ones deckgen makes itself."""
        [pdf] = self.build(outline, "slides-pdf", theme)
        deck = slide_plan(outline, theme)
        kinds: dict[str, Image.Image] = {}
        for slide, image in zip(deck.slides, self.pages(pdf, width=400), strict=True):
            kinds[slide.kind] = image
        return kinds

    # ------------------------------------------------------------ pictures

    def layouts(self) -> None:
        """layout-KIND.png: one slide kind in each theme, side by side;
        themes.png: a few slides per theme, one theme a row."""
        by_theme = {theme: self.slides(GALLERY, theme) for theme in THEMES}
        for kind in by_theme["default"]:
            self.save(row([by_theme[t][kind] for t in THEMES]), f"layout-{kind}.png")
        shown = ("title", "bullets", "two-column", "timeline")
        rows = [row([by_theme[t][k] for k in shown]) for t in THEMES]
        self.save(column(rows), "themes.png")
        blocks = ("table", "code", "chart", "equation")
        self.save(column([row([by_theme[t][k] for k in blocks]) for t in THEMES]), "blocks.png")

    def custom_theme(self) -> None:
        """theme-ocean.png: the theme file of docs/themes.md, as overrides."""
        ocean = {
            "colors.accent": "#0E7490",
            "slide.title_size": "44",
            "footer": "Marine Biology 2 · Week 5",
            "logo": "images/iss.png",
        }
        sets = [f"theme_overrides.{key}={value}" for key, value in ocean.items()]
        [pdf] = self.build(GALLERY, "slides-pdf", sets=sets)
        deck = slide_plan(GALLERY, sets=sets)
        pages = dict(zip((s.kind for s in deck.slides), self.pages(pdf, width=480), strict=False))
        self.save(row([pages["title"], pages["two-column"]]), "theme-ocean.png")

    def handouts(self) -> None:
        [article] = self.build(GALLERY, "handout")
        self.save(row(self.pages(article, height=620)), "handout-article.png")
        for per_page in (3, 6):
            [pdf] = self.build(
                GALLERY,
                "handout",
                sets=["outputs.handout.mode=slides", f"outputs.handout.slides_per_page={per_page}"],
            )
            self.save(row(self.pages(pdf, height=620)[:1]), f"handout-slides-{per_page}.png")

    def posters(self) -> None:
        sizes = (("A3", "landscape"), ("A2", "landscape"), ("A2", "portrait"))
        shots = []
        for size, orientation in sizes:
            sets = [f"outputs.poster.size={size}", f"outputs.poster.orientation={orientation}"]
            [pdf] = self.build(GALLERY, "poster", sets=sets)
            # Paper sizes keep their proportions: A3 shows as large as A2 here.
            shots += self.pages(pdf, height=420)
        self.save(row(shots), "poster-sizes.png")
        files = self.build(GALLERY, "poster", sets=["outputs.poster.tile=A4"])
        [tiled] = [f for f in files if "tiled" in f.name]
        sheets = self.pages(tiled, height=300)
        # Laid out as they are taped together: sheets A1..A4 above B1..B4.
        half = (len(sheets) + 1) // 2
        self.save(column([row(sheets[:half]), row(sheets[half:])]), "poster-tiled-a4.png")

    def sample(self) -> None:
        """The README's pictures of content/space_race.yaml."""
        kinds = ("title", "section", "image", "bullets", "two-column", "quote", "timeline")
        [pdf] = self.build(SAMPLE, "slides-pdf")
        deck = slide_plan(SAMPLE)
        pages = self.pages(pdf, width=480)
        chosen: dict[str, Image.Image] = {}
        timelines = []
        for number, (slide, image) in enumerate(zip(deck.slides, pages, strict=True), 1):
            chosen.setdefault(slide.kind, image)
            if slide.kind == "timeline":
                timelines.append(number)
        picked = [chosen[k] for k in kinds if k in chosen] + [pages[-1]]
        self.save(column([row(picked[:4]), row(picked[4:8])]), "space_race-deck.png")
        # The first two timeline slides (a section's, the whole talk's) and
        # the last two, larger: the years on the axis must be legible.
        shown = sorted({*timelines[:2], *timelines[-2:]})
        large = [self.pages(pdf, width=720, page=n)[0] for n in shown]
        rows = [row(large[i : i + 2]) for i in range(0, len(large), 2)]
        self.save(column(rows), "space_race-timeline.png")

        [handout] = self.build(SAMPLE, "handout")
        article = self.pages(handout, height=680)
        self.save(row(article[:3]), "space_race-handout.png")
        page = page_with(handout, "A race of firsts") + 1
        self.save(row(self.pages(handout, height=1000, page=page)), "space_race-handout-slides.png")
        [poster] = self.build(SAMPLE, "poster")
        self.save(row(self.pages(poster, width=1400)), "space_race-poster.png")

    def on_pandoc_template(self) -> None:
        """space_race-pandoc-template.png: the sample on Pandoc's reference.pptx
        (720 x 405 pt; tests/fixtures/templates), the layout scaled to it."""
        folder = self.work / "on-template"
        shutil.copytree(SAMPLE.parent, folder)
        shutil.copy(PANDOC_TEMPLATE, folder / "pandoc-reference.pptx")
        outline = folder / SAMPLE.name
        sets = ["outputs.pptx.template=pandoc-reference.pptx"]
        [pdf] = self.build(outline, "slides-pdf", sets=sets)
        deck = slide_plan(outline, sets=sets)
        pages = self.pages(pdf, width=480)
        chosen: dict[str, Image.Image] = {}
        for slide, image in zip(deck.slides, pages, strict=True):
            chosen.setdefault(slide.kind, image)
        kinds = ("title", "bullets", "quote", "timeline")
        self.save(row([chosen[k] for k in kinds if k in chosen]), "space_race-pandoc-template.png")

    def save(self, image: Image.Image, name: str) -> None:
        """A palette PNG: a quarter of the size of RGB, and no time stamp."""
        small = image.quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        small.save(self.out / name, optimize=True)
        print(self.out / name)


def slide_plan(outline: Path, theme: str | None = None, sets: Sequence[str] = ()) -> Deck:
    """The deck slides-pdf draws (its slides' `kind`s name the pages)."""
    loaded = deckgen.outline.load(outline, sets)
    job = Job(loaded, deckgen.resolve_theme(loaded, theme), {})
    return registry.load("slides-pdf").layout(job)


def page_with(pdf: Path, text: str) -> int:
    """The index of the first page of `pdf` whose text contains `text`."""
    from pypdf import PdfReader

    for index, page in enumerate(PdfReader(pdf).pages):
        if text in page.extract_text():
            return index
    raise SystemExit(f"gallery: no page of {pdf.name} shows {text!r}")


def row(images: Sequence[Image.Image]) -> Image.Image:
    """Pictures side by side, top-aligned, on the backdrop."""
    width = sum(i.width for i in images) + GAP * (len(images) + 1)
    height = max(i.height for i in images) + 2 * GAP
    canvas = Image.new("RGB", (width, height), BACKDROP)
    x = GAP
    for image in images:
        canvas.paste(image, (x, GAP))
        x += image.width + GAP
    return canvas


def column(rows: Sequence[Image.Image]) -> Image.Image:
    """Rows one above the other (their own margins make the gaps)."""
    width = max(r.width for r in rows)
    canvas = Image.new(
        "RGB", (width, sum(r.height for r in rows) - GAP * (len(rows) - 1)), BACKDROP
    )
    y = 0
    for r in rows:
        canvas.paste(r, (0, y))
        y += r.height - GAP
    return canvas


if __name__ == "__main__":
    sys.exit(main())
