"""What a benchmark module gives the runner: `cases() -> list[Case]`.

A module `bench/bench_<topic>.py` defines `cases()`; `bench/run.py` runs
every case in a fresh Python process (so one case's imports, caches and
memory never flatter the next), and prints one table of all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["Case"]


@dataclass(frozen=True)
class Case:
    """One measured performance target.

    `run` is the work that is timed (best of `repeat` runs; the first run is
    reported too, as it includes imports and cold caches). `setup` prepares
    inputs in the same process, untimed. `target` is the issue's limit in
    seconds, `target_mb` its peak-memory limit, if any; `source` says where
    the target comes from. `peer` returns the command line of a peer tool
    doing the same job (e.g. pandoc), prepared untimed; it is only called
    when `peer_tool` is installed. `clock` says what `target` limits: 'wall'
    (the best elapsed time) or 'cpu' (the best CPU time of the process and
    the programs it ran: a fair figure on a machine busy with other work).
    """

    name: str
    target: float
    run: Callable[[], object]
    source: str = ""
    target_mb: float | None = None
    setup: Callable[[], object] | None = None
    repeat: int = 3
    peer_tool: str = "pandoc"
    peer: Callable[[], Sequence[str]] | None = None
    clock: str = "wall"  # or 'cpu'
