"""Build an outline with every output and check the contract of issue 6.

A build either writes every file, whole, or fails with DeckgenErrors whose
diagnostics point at a real place in a file; it never raises anything else,
never hangs, and never leaves a partial or temporary file, nor touches an
earlier output when it fails.
"""

from __future__ import annotations

import signal
import zipfile
from contextlib import contextmanager
from pathlib import Path

from hypothesis import event

import deckgen.build

# Every output the project ships: the three defaults and the opt-in deck PDF.
ALL_FORMATS = ("pptx", "handout", "poster", "slides-pdf")
EARLIER = b"an earlier output, to be kept when the build fails\n"
# Generous: a fuzzed outline is small; this turns a hang into a failure.
HANG_SECONDS = 180


class Hang(Exception):
    """A build ran for longer than HANG_SECONDS."""


@contextmanager
def time_limit(seconds: int = HANG_SECONDS):
    def on_alarm(signum, frame):
        raise Hang(f"a build ran for more than {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def expected_names(stem: str, formats=ALL_FORMATS) -> set[str]:
    names = {
        "pptx": f"{stem}.pptx",
        "handout": f"{stem}-handout.pdf",
        "poster": f"{stem}-poster.pdf",
        "slides-pdf": f"{stem}-slides.pdf",
    }
    return {names[f] for f in formats}


def plain_stem(outline: Path) -> str:
    """The outputs' stem: separators and control characters made '_'."""
    return "".join(
        "_" if c in "/\\" or ord(c) < 0x20 or ord(c) == 0x7F else c for c in outline.stem
    )


def check_whole(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        assert data.startswith(b"%PDF-"), path
        assert data.rstrip().endswith(b"%%EOF"), f"{path} is cut short"
    elif path.suffix == ".pptx":
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None, path
            assert "ppt/presentation.xml" in z.namelist()
    else:
        raise AssertionError(f"unexpected output {path.name}")


def check_located(report, outline: Path) -> None:
    """Every error names a file and a line (the outline, a theme, an image...)."""
    for d in report.errors:
        loc = d.location
        assert loc.file and not loc.file.startswith("<"), f"no file: {d}"
        assert loc.line >= 1, f"no line: {d}"
        assert d.message.strip(), f"empty message: {d}"


def build_and_check(
    outline: Path, out: Path, formats=ALL_FORMATS, sets=(), theme=None
) -> deckgen.build.BuildReport:
    """Build into `out` (seeded with earlier outputs) and check the outcome."""
    out.mkdir(parents=True, exist_ok=True)
    names = expected_names(plain_stem(outline), formats)
    for name in names:
        (out / name).write_bytes(EARLIER)
    with time_limit():
        report = deckgen.build.build(
            [outline], formats=formats, out_dir=out, sets=sets, theme=theme
        )
    present = {p.name for p in out.iterdir()}
    _record(report, formats)
    if report.ok:
        written = {p.name for p in report.written}
        assert names <= written, f"missing outputs: {names - written}"
        assert present == written, f"stray files: {present - written}"
        for name in written:
            check_whole(out / name)
            assert (out / name).read_bytes() != EARLIER
    else:
        check_located(report, outline)
        assert present == names, f"stray files after a failed build: {present - names}"
        for name in names:
            assert (out / name).read_bytes() == EARLIER, f"{name} touched by a failed build"
    return report


def _record(report, formats) -> None:
    """Outcome counts for --hypothesis-show-statistics (how many built, why refused)."""
    from hypothesis.control import currently_in_test_context

    if not currently_in_test_context():
        return
    what = "+".join(formats)
    if report.ok:
        event(f"built {what}")
        return
    first = report.errors[0].message
    event(f"refused {what}: {first.split(':')[0][:40]}")
