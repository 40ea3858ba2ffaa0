"""cgroup v2 limits for each submission, where the host delegates a cgroup v2 subtree to the grader.

Delegated means: /sys/fs/cgroup is a cgroup v2 hierarchy (not the hybrid or v1 layout, whose controllers
belong to the host); the grader's own cgroup is not the root cgroup, may be written by its user, and, on a
host run by systemd, belongs to a unit with `Delegate=yes` (`systemd-run --scope -p Delegate=yes learntools-cv
grade ...`, with `--user` for an ordinary user); and the memory, pids and cpu controllers are available in
it. Nothing is created or changed anywhere else.

`Subtree.find()` (in the fork server, once) moves the processes of the grader's cgroup into a leaf `grader`
(cgroup v2 lets only leaves hold processes once controllers are enabled for children) and enables the
controllers; `Subtree.make(name, limits)` makes one cgroup per submission with memory.max, memory.swap.max,
pids.max and cpu.max, which the submission's keeper joins before it makes its namespaces; `Subtree.end(name)`
kills whatever is left in it and removes it. Where any of this is refused, the grader falls back to the
userland limits of `watch` alone; `watch` runs in both cases.
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass

ROOT = "/sys/fs/cgroup"
CONTROLLERS = ("memory", "pids", "cpu")
_PERIOD = 100_000  # microseconds of cpu.max's period


@dataclass(frozen=True)
class Subtree:
    """The grader's delegated cgroup, with the controllers enabled for its children."""

    path: str

    @classmethod
    def find(cls) -> Subtree | None:
        """The delegated subtree to use, ready for a cgroup per submission; None (with no change made) where
        there is none."""
        path = locate()
        if path is None:
            return None
        try:
            _enable(path)
        except OSError:
            return None
        return cls(path)

    def make(self, name: str, memory: int, processes: int, cpus: float) -> str | None:
        """A cgroup for one submission, with its limits: its cgroup.procs file, or None if refused."""
        folder = os.path.join(self.path, name)
        try:
            os.mkdir(folder)
            _write(folder, "memory.max", str(int(memory)))
            _write(folder, "memory.swap.max", "0")
            _write(folder, "memory.oom.group", "1")
            _write(folder, "pids.max", str(int(processes)))
            _write(folder, "cpu.max", f"{max(int(cpus * _PERIOD), 1000)} {_PERIOD}")
            return os.path.join(folder, "cgroup.procs")
        except OSError:
            self.end(name)
            return None

    def over_memory(self, name: str) -> bool:
        """True if the kernel killed a process of this submission's cgroup for its memory limit."""
        try:
            with open(os.path.join(self.path, name, "memory.events")) as f:
                events = dict(line.split() for line in f if line.strip())
            return int(events.get("oom_kill", "0")) > 0
        except (OSError, ValueError):
            return False

    def end(self, name: str) -> bool:
        """Kill what is left in the submission's cgroup and remove it; False if it still has processes."""
        folder = os.path.join(self.path, name)
        if not os.path.isdir(folder):
            return True
        try:
            _write(folder, "cgroup.kill", "1")
        except OSError:  # kernels before 5.14: one by one
            try:
                with open(os.path.join(folder, "cgroup.procs")) as f:
                    for pid in f.read().split():
                        try:
                            os.kill(int(pid), signal.SIGKILL)
                        except OSError:
                            pass
            except OSError:
                pass
        try:
            os.rmdir(folder)
            return True
        except OSError:
            return False


def locate() -> str | None:
    """The grader's cgroup folder if it is a delegated cgroup v2 subtree with the controllers, else None.
    Changes nothing."""
    try:
        if not _is_cgroup2(ROOT):
            return None
        own = _own_cgroup()
        if own is None:
            return None
        path = os.path.join(ROOT, own.lstrip("/"))
        if not _delegated(own, path) or not all(os.access(os.path.join(path, name), os.W_OK)
                                                for name in ("", "cgroup.procs", "cgroup.subtree_control")):
            return None
        with open(os.path.join(path, "cgroup.controllers")) as f:
            available = f.read().split()
        return path if all(c in available for c in CONTROLLERS) else None
    except OSError:
        return None


def join(procs_file: str) -> None:
    """Move this process into the cgroup whose cgroup.procs is `procs_file`."""
    with open(procs_file, "w") as f:
        f.write("0")


def _is_cgroup2(mount_point: str) -> bool:
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            dash = fields.index("-")
            if fields[4] == mount_point and fields[dash + 1] == "cgroup2":
                return True
    return False


def _delegated(own: str, path: str) -> bool:
    """Whether the grader's cgroup is its own to divide: never the root cgroup; under systemd, only a unit
    with Delegate=yes (systemd marks its cgroup with a `delegate` extended attribute)."""
    if own in ("", "/"):
        return False
    if not os.path.isdir("/run/systemd/system"):
        return True
    for attribute in ("trusted.delegate", "user.delegate"):
        try:
            if os.getxattr(path, attribute) == b"1":
                return True
        except OSError:
            pass
    return False


def _own_cgroup() -> str | None:
    with open("/proc/self/cgroup") as f:
        for line in f:
            if line.startswith("0::"):
                return line[3:].strip()
    return None


def _enable(path: str) -> None:
    """Enable the controllers for the children of `path`, first moving its processes into a leaf `grader`
    (a cgroup with controllers enabled for its children may hold no process). Several fork servers may do
    this at once: each step is the same for all of them."""
    with open(os.path.join(path, "cgroup.subtree_control")) as f:
        if all(c in f.read().split() for c in CONTROLLERS):
            return
    leaf = os.path.join(path, "grader")
    os.makedirs(leaf, exist_ok=True)
    for _ in range(5):
        with open(os.path.join(path, "cgroup.procs")) as f:
            pids = f.read().split()
        for pid in pids:
            try:
                _write(leaf, "cgroup.procs", pid)
            except OSError:  # ended meanwhile, or a kernel thread
                pass
        try:
            _write(path, "cgroup.subtree_control", " ".join(f"+{c}" for c in CONTROLLERS))
            return
        except OSError:  # a process started meanwhile: move it too
            continue
    raise OSError("the grader's cgroup kept gaining processes")


def _write(folder: str, name: str, text: str) -> None:
    with open(os.path.join(folder, name), "w") as f:
        f.write(text)
