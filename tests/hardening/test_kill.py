"""A real `deckgen build` killed midway (SIGKILL or SIGTERM) leaves every
earlier output byte-identical or wholly replaced, and no temporary file
behind (after SIGKILL, the next build into the folder sweeps it)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deckgen.writer import TEMP_SUFFIX
from tests.hardening.harness import ALL_FORMATS
from tests.hardening.test_determinism import _talks


def _command(outlines, out, *sets):
    command = [
        sys.executable,
        "-m",
        "deckgen",
        "build",
        *outlines,
        "-o",
        str(out),
        "-f",
        ",".join(ALL_FORMATS),
    ]
    for s in sets:
        command += ["--set", s]
    return command


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The outlines, the earlier outputs and the complete new ones, and the build time."""
    root = tmp_path_factory.mktemp("kill")
    outlines = [str(p) for p in _talks(root)][:1]  # one outline: the kill tests stay short
    subprocess.run(
        _command(outlines, root / "earlier", "title=An earlier title"),
        check=True,
        capture_output=True,
    )
    start = time.monotonic()
    subprocess.run(_command(outlines, root / "complete"), check=True, capture_output=True)
    seconds = time.monotonic() - start
    return outlines, _files(root / "earlier"), _files(root / "complete"), seconds


def _kill_midway(builds, tmp_path, fraction, how):
    outlines, earlier, complete, seconds = builds
    out = tmp_path / "out"
    out.mkdir(parents=True)
    for name, data in earlier.items():
        (out / name).write_bytes(data)
    child = subprocess.Popen(
        _command(outlines, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(seconds * fraction)
    child.send_signal(how)
    child.wait(timeout=60)
    now = _files(out)
    temporaries = [n for n in now if n.endswith(TEMP_SUFFIX)]
    if how == signal.SIGTERM:
        assert not temporaries, temporaries
    now = {n: d for n, d in now.items() if n not in temporaries}
    assert set(now) == set(earlier)
    for name, data in now.items():
        assert data in (earlier[name], complete[name]), f"{name} is neither old nor whole"
    # the next build into the folder completes and leaves nothing stray
    subprocess.run(_command(outlines, out), check=True, capture_output=True)
    assert _files(out) == complete
    return sum(now[n] == earlier[n] for n in now)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_build_killed_mid_render_keeps_every_earlier_output(builds, tmp_path, how):
    # Killed before the files were written, else the test proves little; the
    # machine's load varies, so an earlier moment is tried when a build won.
    for attempt, fraction in enumerate((0.6, 0.35, 0.15)):
        if _kill_midway(builds, tmp_path / str(attempt), fraction, how) > 0:
            return
    pytest.fail("every build finished before it could be killed")


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7, 0.85, 0.9, 0.95, 0.98, 1.0])
@pytest.mark.parametrize(
    "how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["SIGKILL", "SIGTERM", "SIGINT"]
)
def test_killed_at_any_moment(builds, tmp_path, fraction, how):
    _kill_midway(builds, tmp_path, fraction, how)
