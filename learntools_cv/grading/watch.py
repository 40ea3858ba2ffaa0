"""Limits on a submission's whole process tree, kept in userland by the init of its PID namespace.

Per-process limits (RLIMIT_AS, RLIMIT_CPU) let a submission that forks add its processes up. Where no cgroup v2
subtree is delegated to the grader, the init (process 1 of the submission's PID namespace, so every process
the submission makes is in its /proc) measures the whole tree every `TICK` seconds and:

- stops the submission (kills every process in the namespace) when its memory, its CPU time or its number of
  processes and threads goes past the budget, and reports which;
- slows it down when its processes together use more than `cpus` cores: all of them are stopped (SIGSTOP)
  until the average is back under the limit, as the kernel's cpu.max would do, so that classmates graded on
  the same machine keep their share.

Memory is the private memory of each process (pages it does not share with the fork server), plus what its
tmpfs folders and System V shared memory hold. It is read from /proc/PID/status first, an upper bound that
costs microseconds; only when that bound is over the budget are the exact figures read from
/proc/PID/smaps_rollup (milliseconds per process), at most every `EXACT_EVERY` seconds.

When the learner's process ends, everything else in the namespace is killed, and the init writes its report:
one JSON line, `{"status": {"code": n} | {"signal": n}, "over": null | "memory" | "cpu" | "processes",
"usage": {"cpu": seconds, "wall": seconds, "paused": seconds}}`.
"""

from __future__ import annotations

import json
import os
import select
import signal
import time
from dataclasses import dataclass
from typing import NoReturn

TICK = 0.1
EXACT_EVERY = 0.5
# CPU seconds a submission may use above its share before it is slowed down (half a second of work on two
# cores is not worth a pause).
BURST = 0.5
_WRITABLE = ("/sandbox", "/tmp", "/dev/shm")
_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Budget:
    """What the whole submission may use."""

    memory: int
    """Bytes of private memory, tmpfs and shared memory, all processes together."""
    cpu_seconds: float
    """CPU seconds, all processes together, the dead ones included."""
    tasks: int
    """Processes and threads at once."""
    cpus: float
    """Cores the processes may use together, on average."""


@dataclass
class Sample:
    processes: list[int]
    tasks: int
    cpu: float
    memory_bound: int


def watch(learner: int, report_fd: int, alive_fd: int, budget: Budget) -> NoReturn:
    """The init's loop, until the learner's process ends or the tree is stopped. Never returns."""
    status: int | None = None
    over: str | None = None
    credit = BURST  # CPU seconds the tree may still use ahead of its share
    last_cpu = 0.0
    last_time = started = time.monotonic()
    last_exact = 0.0
    paused = 0.0
    stopped = False
    while status is None:
        ready, _, _ = select.select([alive_fd], [], [], TICK)
        if ready:  # the keeper is gone: the fork server stopped this child, or died
            _kill_all()
            os._exit(0)
        status = _reap(learner)
        if status is not None:
            break
        sample = measure()
        now = time.monotonic()
        if sample.tasks > budget.tasks:
            over = "processes"
        elif sample.cpu > budget.cpu_seconds:
            over = "cpu"
        elif sample.memory_bound > budget.memory and now - last_exact >= EXACT_EVERY:
            last_exact = now
            if exact_memory(sample.processes) > budget.memory:
                over = "memory"
        if over is not None:
            _kill_all()
            status = signal.SIGKILL  # a wait status: killed by SIGKILL
            break
        # The tree earns `cpus` CPU seconds per second and spends what it uses; in debt, it is stopped until
        # it has earned them back (stopped again each tick: a process forked meanwhile, or continued by a
        # process that was not stopped yet, stops too).
        credit = min(credit + budget.cpus * (now - last_time) - (sample.cpu - last_cpu), BURST)
        if stopped:
            paused += now - last_time
        last_cpu, last_time = sample.cpu, now
        if credit < 0:
            _signal_all(signal.SIGSTOP)
            stopped = True
        elif stopped:
            _signal_all(signal.SIGCONT)
            stopped = False
    _kill_all()
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
        except InterruptedError:
            continue
    described = ({"signal": os.WTERMSIG(status)} if os.WIFSIGNALED(status)
                 else {"code": os.WEXITSTATUS(status)})
    own = os.times()
    usage = {"cpu": round(own.children_user + own.children_system, 3),
             "wall": round(time.monotonic() - started, 3), "paused": round(paused, 3)}
    try:
        os.write(report_fd, json.dumps({"status": described, "over": over, "usage": usage}).encode() + b"\n")
    except OSError:
        pass
    os._exit(0)


def _reap(learner: int) -> int | None:
    """Reap every process that ended (orphans come to the init); the learner's wait status if it ended."""
    found = None
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return found
        if pid == 0:
            return found
        if pid == learner:
            found = status


def _kill_all() -> None:
    try:
        os.kill(-1, signal.SIGKILL)  # from process 1: every other process of the namespace
    except ProcessLookupError:
        pass


def _signal_all(number: int) -> None:
    try:
        os.kill(-1, number)
    except ProcessLookupError:
        pass


def measure() -> Sample:
    """The tree's processes, tasks, CPU seconds and an upper bound of its memory, from /proc (cheap)."""
    processes = []
    tasks = 0
    ticks = 0
    memory = _shared_memory()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or entry == "1":
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            with open(f"/proc/{entry}/status", "rb") as f:
                status = f.read()
        except OSError:  # ended meanwhile
            continue
        processes.append(int(entry))
        # utime, stime, cutime, cstime (fields 14-17), num_threads (20), counted from the state (field 3)
        ticks += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
        tasks += int(fields[17])
        memory += _status_kib(status, b"RssAnon:") * 1024 + _status_kib(status, b"RssShmem:") * 1024
    own = os.times()
    cpu = ticks / _TICKS + own.children_user + own.children_system
    return Sample(processes=processes, tasks=tasks, cpu=cpu, memory_bound=memory)


def exact_memory(processes: list[int]) -> int:
    """Pages each process holds alone (not shared with the fork server or another process), plus tmpfs and
    shared memory. A process that made itself undumpable hides its smaps: its upper bound counts instead."""
    total = _shared_memory()
    for pid in processes:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                rollup = f.read()
            total += (_status_kib(rollup, b"Private_Clean:") + _status_kib(rollup, b"Private_Dirty:")
                      + _status_kib(rollup, b"Swap:")) * 1024
        except PermissionError:
            try:
                with open(f"/proc/{pid}/status", "rb") as f:
                    status = f.read()
            except OSError:
                continue
            total += (_status_kib(status, b"RssAnon:") + _status_kib(status, b"RssShmem:")) * 1024
        except OSError:
            continue
    return total


def _status_kib(text: bytes, key: bytes) -> int:
    at = text.find(key)
    if at < 0:
        return 0
    return int(text[at + len(key):].split(None, 1)[0])


def _shared_memory() -> int:
    """Bytes held by the tmpfs folders and System V shared memory, which no process's RSS may show."""
    total = 0
    for folder in _WRITABLE:
        try:
            info = os.statvfs(folder)
            total += (info.f_blocks - info.f_bfree) * info.f_frsize
        except OSError:
            pass
    try:
        with open("/proc/sysvipc/shm", "rb") as f:
            lines = f.read().splitlines()[1:]
        total += sum(int(line.split()[3]) for line in lines if line.strip())
    except (OSError, ValueError, IndexError):
        pass
    return total
