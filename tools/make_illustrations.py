"""Draw the illustrations used by content/space_race.yaml and the test fixtures.

We have no photographs we may redistribute, so the outline's pictures are
simple drawings made here. This is an asset tool, not a runtime dependency of
deckgen: run it with the venv's Pillow after changing a drawing.

    .venv/bin/python tools/make_illustrations.py

Output is deterministic (seeded stars, no timestamps in the PNGs), so re-running
it leaves the committed files byte-identical.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent

# Drawn at twice the size and scaled down: Pillow's shapes have no antialiasing.
SCALE = 2
WIDTH, HEIGHT = 1600, 900

SKY_TOP = (6, 10, 28)
SKY_BOTTOM = (22, 36, 72)
EARTH_DEEP = (18, 58, 120)
EARTH_LIGHT = (58, 130, 200)
GLOW = (120, 190, 255)
METAL = (206, 212, 222)
PANEL = (196, 150, 58)


def vertical_gradient(size: tuple[int, int], top, bottom) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size, Image.Resampling.BICUBIC)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def sky(size: tuple[int, int], seed: int, stars: int) -> Image.Image:
    img = vertical_gradient(size, SKY_TOP, SKY_BOTTOM)
    draw = ImageDraw.Draw(img)
    rng = random.Random(seed)
    w, h = size
    for _ in range(stars):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.choice((1.2, 1.6, 2.2, 3.0)) * SCALE
        v = rng.randint(150, 255)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(v, v, min(255, v + 10)))
    return img


def earth_limb(img: Image.Image, center: tuple[float, float], radius: float) -> None:
    """A planet much larger than the frame: only its upper edge shows."""
    cx, cy = center
    glow = Image.new("L", img.size, 0)
    gd = ImageDraw.Draw(glow)
    gd.ellipse(
        (
            cx - radius - 40 * SCALE,
            cy - radius - 40 * SCALE,
            cx + radius + 40 * SCALE,
            cy + radius + 40 * SCALE,
        ),
        fill=150,
    )
    glow = glow.filter(ImageFilter.GaussianBlur(28 * SCALE))
    img.paste(Image.new("RGB", img.size, GLOW), (0, 0), glow)

    # Lighter near the rim, like sunlit atmosphere seen edge-on.
    body = vertical_gradient(img.size, EARTH_LIGHT, EARTH_DEEP)
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=255)
    img.paste(body, (0, 0), mask)

    rim = Image.new("L", img.size, 0)
    ImageDraw.Draw(rim).ellipse(
        (cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=6 * SCALE
    )
    rim = rim.filter(ImageFilter.GaussianBlur(3 * SCALE))
    img.paste(Image.new("RGB", img.size, (200, 235, 255)), (0, 0), rim)


def finish(img: Image.Image, path: Path, width: int) -> None:
    height = round(img.height * width / img.width)
    small = img.resize((width, height), Image.Resampling.LANCZOS)
    path.parent.mkdir(parents=True, exist_ok=True)
    small.save(path, format="PNG", optimize=True)


def cover() -> Image.Image:
    w, h = WIDTH * SCALE, HEIGHT * SCALE
    img = sky((w, h), seed=1957, stars=260)
    # A tilted orbit drawn before the planet, so that its near half disappears
    # behind the limb and only the arc above the Earth shows.
    ImageDraw.Draw(img).ellipse(
        (w * 0.06, h * 0.28, w * 0.94, h * 1.10), outline=(235, 240, 255), width=3 * SCALE
    )
    earth_limb(img, (w * 0.5, h * 3.35), h * 2.75)
    draw = ImageDraw.Draw(img)
    sx, sy = w * 0.71, h * 0.30
    r = 9 * SCALE
    halo = Image.new("L", img.size, 0)
    ImageDraw.Draw(halo).ellipse((sx - 4 * r, sy - 4 * r, sx + 4 * r, sy + 4 * r), fill=200)
    halo = halo.filter(ImageFilter.GaussianBlur(10 * SCALE))
    img.paste(Image.new("RGB", img.size, (255, 245, 210)), (0, 0), halo)
    draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(255, 252, 235))
    return img


def shaded_sphere(img: Image.Image, center, radius: float) -> None:
    """A metal ball lit from the upper left."""
    cx, cy = center
    size = int(radius * 2)
    shade = Image.radial_gradient("L").resize((size * 2, size * 2), Image.Resampling.BICUBIC)
    # Shift the bright centre of the gradient towards the light.
    shade = shade.crop(
        (int(size * 0.62), int(size * 0.62), int(size * 0.62) + size, int(size * 0.62) + size)
    )
    dark, light = (70, 78, 92), (236, 240, 246)
    ball = Image.composite(
        Image.new("RGB", (size, size), dark), Image.new("RGB", (size, size), light), shade
    )
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, size - 1, size - 1), fill=255)
    img.paste(ball, (int(cx - radius), int(cy - radius)), mask)


def sputnik() -> Image.Image:
    w, h = WIDTH * SCALE, HEIGHT * SCALE
    img = sky((w, h), seed=1004, stars=220)
    earth_limb(img, (w * 0.5, h * 3.9), h * 3.1)
    draw = ImageDraw.Draw(img)
    cx, cy, r = w * 0.42, h * 0.40, h * 0.13
    # Four antennas, swept back from the front of the ball.
    for dx, dy in ((1.0, 0.10), (0.93, 0.34), (0.98, -0.06), (0.88, 0.50)):
        x0, y0 = cx + r * 0.55, cy + r * (dy * 0.6)
        x1, y1 = x0 + dx * h * 0.55, y0 + dy * h * 0.55 + h * 0.10
        draw.line((x0, y0, x1, y1), fill=(190, 196, 206), width=4 * SCALE)
    shaded_sphere(img, (cx, cy), r)
    return img


def iss() -> Image.Image:
    w, h = WIDTH * SCALE, HEIGHT * SCALE
    img = sky((w, h), seed=1998, stars=200)
    earth_limb(img, (w * 0.5, h * 4.2), h * 3.35)
    draw = ImageDraw.Draw(img)
    cx, cy = w * 0.5, h * 0.42
    truss = w * 0.36
    draw.rectangle((cx - truss, cy - 9 * SCALE, cx + truss, cy + 9 * SCALE), fill=METAL)
    # Four solar wings at each end of the truss: two columns, one up, one down.
    pw, ph = w * 0.055, h * 0.27
    for side in (-1, 1):
        for k in (0.80, 0.96):
            x = cx + side * truss * k
            draw.rectangle(
                (x - 3 * SCALE, cy - ph - 6 * SCALE, x + 3 * SCALE, cy + ph + 6 * SCALE), fill=METAL
            )
            for up in (-1, 1):
                y0, y1 = sorted((cy + up * 16 * SCALE, cy + up * ph))
                draw.rectangle(
                    (x - pw / 2, y0, x + pw / 2, y1),
                    fill=PANEL,
                    outline=(120, 88, 30),
                    width=2 * SCALE,
                )
                # Cell rows make the wing read as a solar array.
                for i in range(1, 10):
                    yy = y0 + (y1 - y0) * i / 10
                    draw.line((x - pw / 2, yy, x + pw / 2, yy), fill=(150, 110, 40), width=SCALE)
    # The chain of pressurised modules crosses the truss in the middle.
    mod_w = 34 * SCALE
    for top, bottom in ((-0.30, -0.12), (-0.11, 0.02), (0.03, 0.16), (0.17, 0.33)):
        draw.rounded_rectangle(
            (cx - mod_w, cy + h * top, cx + mod_w, cy + h * bottom),
            radius=14 * SCALE,
            fill=(226, 230, 236),
            outline=(150, 158, 170),
            width=2 * SCALE,
        )
    # Radiators: pale panels a little off the centre.
    for side in (-1, 1):
        x = cx + side * truss * 0.42
        draw.rectangle(
            (x - 22 * SCALE, cy + 12 * SCALE, x + 22 * SCALE, cy + h * 0.17), fill=(236, 238, 242)
        )
    return img


def docking() -> Image.Image:
    w, h = WIDTH * SCALE, HEIGHT * SCALE
    img = sky((w, h), seed=1975, stars=200)
    earth_limb(img, (w * 0.5, h * 4.0), h * 3.2)
    draw = ImageDraw.Draw(img)
    cy = h * 0.40
    # Apollo, pointing right: engine bell, service module, command module cone.
    draw.polygon(
        [
            (w * 0.08, cy - h * 0.05),
            (w * 0.12, cy - h * 0.03),
            (w * 0.12, cy + h * 0.03),
            (w * 0.08, cy + h * 0.05),
        ],
        fill=(120, 126, 136),
    )
    draw.rectangle((w * 0.12, cy - h * 0.09, w * 0.30, cy + h * 0.09), fill=METAL)
    draw.line(
        (w * 0.19, cy - h * 0.09, w * 0.19, cy + h * 0.09), fill=(160, 166, 176), width=3 * SCALE
    )
    draw.polygon(
        [
            (w * 0.30, cy - h * 0.09),
            (w * 0.38, cy - h * 0.025),
            (w * 0.38, cy + h * 0.025),
            (w * 0.30, cy + h * 0.09),
        ],
        fill=(236, 238, 242),
    )
    # The docking module that joined the two ships.
    draw.rectangle(
        (w * 0.38, cy - h * 0.03, w * 0.47, cy + h * 0.03),
        fill=(214, 218, 226),
        outline=(150, 158, 170),
        width=2 * SCALE,
    )
    # Soyuz: orbital module (a ball), descent module, service module with wings.
    draw.ellipse((w * 0.47, cy - h * 0.055, w * 0.54, cy + h * 0.055), fill=(150, 170, 120))
    draw.rounded_rectangle(
        (w * 0.535, cy - h * 0.065, w * 0.60, cy + h * 0.065),
        radius=18 * SCALE,
        fill=(130, 150, 105),
    )
    draw.rectangle((w * 0.60, cy - h * 0.07, w * 0.70, cy + h * 0.07), fill=METAL)
    for up in (-1, 1):
        y0, y1 = sorted((cy + up * h * 0.07, cy + up * h * 0.32))
        draw.rectangle(
            (w * 0.625, y0, w * 0.68, y1),
            fill=(44, 70, 130),
            outline=(140, 160, 200),
            width=2 * SCALE,
        )
        for i in range(1, 6):
            yy = y0 + (y1 - y0) * i / 6
            draw.line((w * 0.625, yy, w * 0.68, yy), fill=(90, 110, 170), width=SCALE)
    return img


def leaf() -> Image.Image:
    """A green leaf on pale ground, for the biology fixture."""
    w, h = 800 * SCALE, 500 * SCALE
    img = vertical_gradient((w, h), (236, 246, 228), (206, 228, 196))
    draw = ImageDraw.Draw(img)
    draw.ellipse((w * 0.18, h * 0.18, w * 0.82, h * 0.82), fill=(70, 150, 70))
    draw.line((w * 0.12, h * 0.5, w * 0.82, h * 0.5), fill=(40, 100, 40), width=6 * SCALE)
    for k in (0.3, 0.42, 0.54, 0.66):
        for up in (-1, 1):
            draw.line(
                (w * k, h * 0.5, w * (k + 0.10), h * (0.5 + up * 0.22)),
                fill=(40, 100, 40),
                width=3 * SCALE,
            )
    sun = (w * 0.88, h * 0.16)
    draw.ellipse(
        (sun[0] - 40 * SCALE, sun[1] - 40 * SCALE, sun[0] + 40 * SCALE, sun[1] + 40 * SCALE),
        fill=(250, 200, 60),
    )
    return img


# Every file this tool writes: its path under the repository, how to draw it,
# and its width in pixels.
ASSETS = (
    ("content/images/cover.png", cover, WIDTH),
    ("content/images/sputnik.png", sputnik, WIDTH),
    ("content/images/iss.png", iss, WIDTH),
    ("content/images/docking.png", docking, WIDTH),
    # Small copies for the test fixtures, which must not reach outside their folder.
    ("tests/fixtures/outlines/images/sputnik-small.png", sputnik, 480),
    ("tests/fixtures/outlines/images/orbit-small.png", cover, 480),
    ("tests/fixtures/outlines/images/leaf.png", leaf, 600),
)


def render_all(root: Path = ROOT) -> list[Path]:
    """Draw every asset under `root` (the repository, or a scratch folder)."""
    written = []
    for rel, draw, width in ASSETS:
        path = root / rel
        finish(draw(), path, width)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="folder to write into (default: the repository)"
    )
    args = parser.parse_args(argv)
    for path in render_all(args.root):
        print(f"{path}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
