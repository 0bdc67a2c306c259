"""Run every benchmark in bench/bench_*.py and print one table.

    .venv/bin/python bench/run.py [-k WORD] [--repeat N]     (or: make bench)

Each case runs in its own fresh process; its time is the best of N runs,
its memory the process's peak resident size. Ratios are time / target
(below 1.00 meets the target) and time / peer (below 1.00 is faster than
the peer tool, e.g. pandoc, when it is installed).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from harness import Case

HERE = Path(__file__).resolve().parent
CHILD_TIMEOUT = 900  # seconds; a case that hangs is reported, not waited on forever


def discover(folder: Path) -> list[str]:
    """Module names of the benchmark modules in `folder`, sorted."""
    return sorted(p.stem for p in folder.glob("bench_*.py"))


def cases_of(folder: Path, module: str) -> list[Case]:
    for path in (HERE, folder):  # bench modules import `harness` from HERE
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    return [_as_case(c) for c in importlib.import_module(module).cases()]


def _as_case(case: object) -> Case:
    """A harness.Case, or any object with `name`, `run` and `target` (or `budget`)."""
    if isinstance(case, Case):
        return case
    fields = {f: getattr(case, f) for f in Case.__dataclass_fields__ if hasattr(case, f)}
    fields.setdefault("target", getattr(case, "budget", None))
    return Case(**fields)


def measure(folder: Path, module: str, name: str, repeat: int | None) -> dict:
    """In the child process: run one case and return its figures."""
    [case] = [c for c in cases_of(folder, module) if c.name == name]
    if case.setup is not None:
        case.setup()
    times, cpus = [], []
    for _ in range(max(1, repeat or case.repeat)):
        start, cpu = time.perf_counter(), _cpu()
        case.run()
        times.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return {"first": times[0], "best": min(times), "cpu": min(cpus), "peak_mb": peak_kb / 1024}


def _cpu() -> float:
    """CPU seconds of this process and the programs it ran (e.g. `deckgen` itself).

    On a busy machine wall time includes waiting for a core; CPU time does not,
    so the table shows both.
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_case(folder: Path, module: str, case, repeat: int | None) -> dict:
    """In the parent: run one case in a fresh process, and its peer if installed."""
    command = [sys.executable, __file__, "--child", str(folder), module, case.name]
    if repeat:
        command += ["--repeat", str(repeat)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {CHILD_TIMEOUT} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return {"error": last}
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if case.peer is not None and shutil.which(case.peer_tool):
        figures["peer"] = time_peer(case.peer(), max(1, repeat or case.repeat))
    return figures


def time_peer(command: Sequence[str], repeat: int) -> float | str:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(list(command), capture_output=True, timeout=CHILD_TIMEOUT)
        if done.returncode != 0:
            return "failed"
        best = min(best, time.perf_counter() - start)
    return best


def table(rows: list[tuple[str, object, dict]]) -> str:
    """One row per case; `rows` holds (module, case, figures)."""
    header = (
        "case",
        "target",
        "time",
        "×target",
        "cpu",
        "first",
        "peak MB",
        "peer",
        "×peer",
        "verdict",
    )
    lines = [header]
    for _, case, fig in rows:
        clock = " cpu" if getattr(case, "clock", "wall") == "cpu" else ""
        target = f"≤ {case.target:g} s{clock}" + (
            f", {case.target_mb:g} MB" if case.target_mb else ""
        )
        if case.target != case.target:  # NaN: no case to measure (its module failed)
            target = "—"
        if "error" in fig:
            dashes = ("—",) * 7
            lines.append((case.name, target, *dashes, "FAILED: " + fig["error"]))
            continue
        measured = fig["cpu"] if getattr(case, "clock", "wall") == "cpu" else fig["best"]
        ratio = measured / case.target
        verdict = "ok" if ratio <= 1 else "MISS"
        if case.target_mb and fig["peak_mb"] > case.target_mb:
            verdict = "MISS (memory)"
        peer = fig.get("peer")
        if isinstance(peer, float):
            peer_cells = (f"{peer:.2f} s", f"{fig['best'] / peer:.2f}")
        elif peer == "failed":
            peer_cells = (f"{case.peer_tool} failed", "—")
        elif case.peer is not None:
            peer_cells = (f"no {case.peer_tool}", "—")
        else:
            peer_cells = ("—", "—")
        lines.append(
            (
                case.name,
                target,
                f"{fig['best']:.2f} s",
                f"{ratio:.2f}",
                f"{fig['cpu']:.2f} s",
                f"{fig['first']:.2f} s",
                f"{fig['peak_mb']:.0f}",
                *peer_cells,
                verdict,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=True)]
        out.append("  ".join(cells).rstrip())
        if number == 0:
            out.append("  ".join("-" * w for w in widths).rstrip())
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", dest="keyword", help="only cases whose name contains this")
    parser.add_argument("--repeat", type=int, help="runs per case (default: each case's own)")
    parser.add_argument("--dir", type=Path, default=HERE, help=argparse.SUPPRESS)
    parser.add_argument(
        "--child", nargs=3, metavar=("DIR", "MODULE", "CASE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)

    if args.child:
        folder, module, name = args.child
        print(json.dumps(measure(Path(folder), module, name, args.repeat)))
        return 0

    folder = args.dir.resolve()
    load_before = os.getloadavg()[0]
    rows = []
    for module in discover(folder):
        try:
            found = cases_of(folder, module)
        except Exception as exc:  # one broken module must not hide the others' figures
            broken = Case(name=f"{module}: cases()", target=float("nan"), run=lambda: None)
            rows.append((module, broken, {"error": f"{type(exc).__name__}: {exc}"}))
            continue
        for case in found:
            if args.keyword and args.keyword.casefold() not in case.name.casefold():
                continue
            print(f"running {case.name} ...", file=sys.stderr, flush=True)
            rows.append((module, case, run_case(folder, module, case, args.repeat)))
    if not rows:
        print("no benchmark cases found", file=sys.stderr)
        return 1
    print(table(rows))
    pandoc = "installed" if shutil.which("pandoc") else "not installed"
    print(
        f"\ntime: best of N wall-clock runs; cpu: its CPU time (×target uses it where the "
        f"target says cpu); first: the first run (imports, cold caches). "
        f"{os.cpu_count()} cores, load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after; pandoc {pandoc}."
    )
    return 1 if any("error" in fig for _, _, fig in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
