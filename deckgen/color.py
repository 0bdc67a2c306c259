"""Colour arithmetic shared by themes and layouts: contrast (WCAG 2) and tints.

The layout picks text colours by contrast rather than trusting that a theme's
accent suits every role, so a user's `--set colors.accent=...` stays legible.
"""

from __future__ import annotations

__all__ = ["contrast", "luminance", "mix", "readable_on", "rgb"]


def rgb(color: str) -> tuple[int, int, int]:
    """'#RRGGBB' -> (r, g, b), each 0..255."""
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(v))):02X}" for v in rgb)


def luminance(color: str) -> float:
    """WCAG relative luminance, 0 (black) .. 1 (white)."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, 1 .. 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: str, b: str, t: float) -> str:
    """`a` moved a fraction `t` towards `b` (t=0: a, t=1: b)."""
    ra, rb = rgb(a), rgb(b)
    (r1, g1, b1), (r2, g2, b2) = ra, rb
    return _hex((r1 + (r2 - r1) * t, g1 + (g2 - g1) * t, b1 + (b2 - b1) * t))


def readable_on(background: str, *candidates: str, minimum: float = 4.5) -> str:
    """The first candidate with at least `minimum` contrast on `background`;
    else whichever of black and white contrasts more."""
    for c in candidates:
        if c and contrast(c, background) >= minimum:
            return c
    return max(("#000000", "#FFFFFF"), key=lambda c: contrast(c, background))
