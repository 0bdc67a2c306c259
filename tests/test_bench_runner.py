"""bench/run.py: discovers bench_*.py modules, runs each case apart, prints one table."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

RUNNER = Path(__file__).resolve().parent.parent / "bench" / "run.py"

MODULE = """
import time
from harness import Case

def cases():
    return [
        Case(name="quick sleep", target=1.0, run=lambda: time.sleep(0.01), repeat=2),
        Case(name="slow sleep", target=0.01, run=lambda: time.sleep(0.05), repeat=1,
             peer_tool="no-such-peer-tool", peer=lambda: ["no-such-peer-tool"]),
        Case(name="broken", target=1.0, run=lambda: 1 / 0, peer=lambda: ["true"], peer_tool="true"),
    ]
"""


def test_runs_every_case_in_its_own_process_and_prints_one_table(tmp_path):
    (tmp_path / "bench_fake.py").write_text(textwrap.dedent(MODULE))
    (tmp_path / "not_a_bench.py").write_text("raise SystemExit('must not be imported')")
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--dir", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 1, done.stderr  # the broken case fails the run
    table, footer = done.stdout.split("\n\n")
    header, rule, *rows = table.splitlines()
    assert footer.startswith("time: best of N wall-clock runs")
    assert header.split()[:4] == ["case", "target", "time", "×target"]
    assert set(rule) <= {"-", " "}
    by_name = {row.split("  ")[0]: row for row in rows}
    assert set(by_name) == {"quick sleep", "slow sleep", "broken"}
    assert by_name["quick sleep"].endswith("ok")
    assert "no no-such-peer-tool" in by_name["slow sleep"]
    assert by_name["slow sleep"].endswith("MISS")
    assert "FAILED: ZeroDivisionError: division by zero" in by_name["broken"]


def test_keyword_selects_cases(tmp_path):
    (tmp_path / "bench_fake.py").write_text(textwrap.dedent(MODULE))
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--dir", str(tmp_path), "-k", "QUICK"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    rows = done.stdout.split("\n\n")[0].splitlines()[2:]
    assert [row.split("  ")[0] for row in rows] == ["quick sleep"]


DUCK = """
from typing import NamedTuple

class Case(NamedTuple):   # a module's own case type: name, run and a budget
    name: str
    run: object
    budget: float

def cases():
    return [Case("duck", lambda: None, 1.0)]
"""


def test_duck_typed_cases_and_broken_modules_still_make_one_table(tmp_path):
    (tmp_path / "bench_duck.py").write_text(DUCK)
    (tmp_path / "bench_broken.py").write_text("import no_such_module_at_all\n")
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--dir", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 1
    table = done.stdout.split("\n\n")[0]
    rows = {line.split("  ")[0]: line for line in table.splitlines()[2:]}
    assert rows["duck"].split()[1:3] == ["≤", "1"] and rows["duck"].endswith("ok")
    assert "FAILED: ModuleNotFoundError" in rows["bench_broken: cases()"]


CPU = """
import time
from harness import Case

def cases():
    return [
        # 0.3 s of waiting, no work: within a 0.1 s CPU target, far over a 0.1 s wall one
        Case(name="waits cpu", target=0.1, clock="cpu", run=lambda: time.sleep(0.3), repeat=1),
        Case(name="waits wall", target=0.1, run=lambda: time.sleep(0.3), repeat=1),
    ]
"""


def test_a_cpu_target_is_judged_by_cpu_time(tmp_path):
    (tmp_path / "bench_cpu.py").write_text(textwrap.dedent(CPU))
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--dir", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    rows = {line.split("  ")[0]: line for line in done.stdout.split("\n\n")[0].splitlines()[2:]}
    assert "≤ 0.1 s cpu" in rows["waits cpu"] and rows["waits cpu"].endswith("ok")
    assert "≤ 0.1 s cpu" not in rows["waits wall"] and rows["waits wall"].endswith("MISS")
