"""What every benchmark reports: a measured row, its baseline and goal, and the printed table."""

from __future__ import annotations

import os
import platform
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

PY = sys.executable


@dataclass
class Row:
    what: str
    value: float
    unit: str
    baseline: float | None = None
    goal: float | None = None  # ratio (or absolute, when there is no baseline) at most
    note: str = ""
    at_least: bool = False  # the goal is a floor (a Lighthouse score), not a ceiling

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    @property
    def ok(self) -> bool | None:
        if self.goal is None:
            return None
        measured = self.ratio if self.baseline is not None else self.value
        if measured is None:
            return False
        return measured >= self.goal if self.at_least else measured <= self.goal


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system) a process and its children have used so far: a server's
    own work, whatever the client on the same machine costs. NaN once it has gone."""
    tick = os.sysconf("SC_CLK_TCK")

    def of(stat: str) -> tuple[int, float]:
        fields = stat.rsplit(")", 1)[1].split()  # after the name, which may hold spaces
        return int(fields[1]), (int(fields[11]) + int(fields[12])) / tick

    total, found = 0.0, False
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid, used = of((entry / "stat").read_text())
        except (OSError, IndexError, ValueError):
            continue
        if int(entry.name) == pid or ppid == pid:
            total += used
            found = True
    return total if found else float("nan")


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def table(rows: list[Row]) -> str:
    head = (
        f"{'measure':<62} {'value':>10} {'unit':<8} {'baseline':>10} {'ratio':>7} {'goal':>7}  ok"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        base = f"{r.baseline:10.1f}" if r.baseline is not None else " " * 10
        ratio = f"{r.ratio:7.2f}" if r.ratio is not None else " " * 7
        sign, times = "≥" if r.at_least else "≤", "×" if r.baseline is not None else ""
        goal = f"{sign + format(r.goal, 'g') + times:>7}" if r.goal is not None else " " * 7
        ok = {True: "yes", False: "NO", None: ""}[r.ok]
        lines.append(
            f"{r.what:<62} {r.value:10.2f} {r.unit:<8} {base} {ratio} {goal}  {ok}"
            + (f"  ({r.note})" if r.note else "")
        )
    return "\n".join(lines)


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
        platform.processor(),
    )
    mem = next(
        (int(line.split()[1]) // 1024 // 1024 for line in meminfo if line.startswith("MemTotal")), 0
    )
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB, Python {platform.python_version()}"


def report(rows: list[Row]) -> int:
    """Print the machine, the table and the goals missed; the exit status (1 if any)."""
    from datetime import date

    print(f"\nBenchmarks on {machine()}, {date.today().isoformat()}\n")
    print(table(rows))
    missed = [r.what for r in rows if r.ok is False]
    print(f"\n{len(missed)} goal(s) missed" + (": " + "; ".join(missed) if missed else ""))
    return 1 if missed else 0
