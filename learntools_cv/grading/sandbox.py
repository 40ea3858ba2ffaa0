"""The sandbox: where a learner's notebook code runs, one child process per submission.

A *fork server* (`python -m learntools_cv.grading.sandbox`, started with a clean environment) imports
TensorFlow, matplotlib and the exercise once, without running a TensorFlow op (forking after an op has run
hangs the children), then forks one child per submission. The child:

- starts its own session and keeps no file descriptor but its channel to the grader;
- is kept apart by Linux namespaces (`isolation`): its own user, mount, PID, network, IPC, UTS and cgroup
  namespaces; a read-only view of the Python installation and the packages, private size-capped tmpfs folders
  (/sandbox, /tmp, /dev/shm), loopback only, no capabilities and no_new_privs; when the grader runs as root,
  a user id of its own on the host;
- has its whole process tree watched by the init of its PID namespace (`watch`): memory, CPU time and
  processes of all its processes together, and its share of the cores;
- runs under per-process limits too: address space (RLIMIT_AS), CPU seconds, processes (RLIMIT_NPROC, counted
  in its own user namespace), file size and no core files; what it prints is kept up to a cap and the rest is
  counted and dropped;
- runs the code cells in order, each under a time limit; a cell that raises is recorded and the next runs;
- then answers the grader's requests: the question variables as plain data (`wire`), and calls of the
  learner's functions with the grader's inputs, each under a time limit.

Nothing here decides a verdict: the grader judges the values it receives, in its own process. Nothing the
child can reach unpickles: its only peer is the grader, through `wire`.
"""

from __future__ import annotations

import builtins
import fcntl
import gc
import io
import json
import linecache
import os
import resource
import select
import signal
import socket
import sys
import tempfile
import time
import traceback
from typing import Any, NoReturn

from learntools_cv.grading import cgroups, isolation, watch, wire

# Characters of printed output kept per submission; the rest is counted and dropped.
OUTPUT_CAP = 64 * 1024
_CHANNEL_FD = 3
_REPORT_FD = 4
_DOOR_FD = 5
# Submissions' cgroups that could not be removed yet (their processes were still ending).
_LEFT_BEHIND: list[str] = []


class CellTimedOut(BaseException):
    """A cell or a call ran past its time limit. A BaseException so that `except Exception` cannot catch it."""


# ================================================================ the fork server


# Environment variables the exercises' GRADING_DATA gave (set in the fork server, inherited by each child).
_LESSON_ENVIRONMENT: dict[str, str] = {}


def serve(control_fd: int, preload: list[str]) -> None:
    """Run the fork server on the control socket `control_fd` (a SOCK_SEQPACKET end)."""
    _die_with_parent()
    started = time.perf_counter()
    for name in ["matplotlib", *preload]:
        __import__(name)
        if name == "matplotlib":
            import matplotlib

            matplotlib.use("Agg", force=True)
    _warm_matplotlib()

    from learntools_cv.grading import judge

    judge.prepare_sandbox_imports()
    # What the exercises' notebooks need besides the installation (the lessons' pictures): made here, outside
    # any sandbox and before any submission, then shown to each child read-only, named by its environment.
    extra: list[str] = []
    for name in preload:
        if hasattr(sys.modules.get(name), "GRADING_DATA"):
            try:
                environment, folders = judge.lesson_data(name)
            except Exception:  # a GRADING_DATA that is no tuple of functions is each submission's could_not_grade
                continue  # row; a function that fails or returns something else leaves the notebook to make
                # its own data, slowly (`judge.lesson_data` names the author's fix when called directly)
            _LESSON_ENVIRONMENT.update(environment)
            extra.extend(folders)
    # Everything imported so far is out of the collector's sight: a child's collections would otherwise
    # touch every object, copying the whole heap page by page (3x slower children, measured).
    gc.collect()
    gc.freeze()
    view = isolation.plan_view(extra)
    control = socket.socket(fileno=control_fd)
    problem = _probe(view)
    subtree = None if problem else cgroups.Subtree.find()
    _control_send(control, {"op": "ready", "seconds": time.perf_counter() - started, "pid": os.getpid(),
                            "problem": problem, "cgroup": subtree.path if subtree else None})
    if problem:
        os._exit(0)
    children: dict[int, dict[str, Any]] = {}
    spare: dict[str, Any] | None = None
    while True:
        _reap(control, children, subtree)
        if subtree is not None and _LEFT_BEHIND:  # cgroups whose last processes were still ending
            _LEFT_BEHIND[:] = [name for name in _LEFT_BEHIND if not subtree.end(name)]
        ready, _, _ = select.select([control], [], [], 0.05)
        if not ready:
            continue
        try:
            data, fds, _, _ = socket.recv_fds(control, 65536, 4)
        except OSError:
            data, fds = b"", []
        if not data:  # the grader went away: stop every child, then stop
            if spare is not None:
                children[spare["pid"]] = spare
            for pid in list(children):
                _kill_child(pid, children[pid], subtree)
            _reap(control, children, subtree, wait=True)
            os._exit(0)
        message = json.loads(data)
        if message["op"] == "run" and fds:
            limits = message["limits"]
            child = None
            for _ in range(2):  # a spare that died meanwhile is replaced once
                if spare is None or spare["limits"] != limits:
                    if spare is not None:
                        _discard(spare, children, subtree)
                    spare = _prepare(control, limits, view, subtree)
                child, spare = spare, None
                if _hand_over(child, fds[0]):
                    break
                _discard(child, children, subtree)
                child = None
            for fd in fds:
                os.close(fd)
            if child is None:
                _control_send(control, {"op": "failed", "why": "a sandbox could not be made"})
                continue
            children[child["pid"]] = child
            uid = isolation.BASE_UID + child["pid"] if os.geteuid() == 0 else None
            _control_send(control, {"op": "started", "pid": child["pid"], "uid": uid})
            # The next submission's sandbox is made now, while this one runs: its namespaces, its mounts and
            # its processes then cost the next submission no waiting.
            spare = _prepare(control, limits, view, subtree)
        elif message["op"] == "kill":
            pid = int(message["pid"])
            if pid in children:
                _kill_child(pid, children[pid], subtree)


def _prepare(control: socket.socket, limits: dict[str, Any], view: isolation.View,
             subtree: cgroups.Subtree | None) -> dict[str, Any]:
    """Fork a child that isolates itself and waits, in its sandbox, for the channel of the submission it will
    run (handed over through its door, a socket of its own)."""
    report_r, report_w = os.pipe()
    door, door_child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    pid = os.fork()
    if pid == 0:
        control.close()
        door.close()
        os.close(report_r)
        _child(door_child.detach(), limits, view, report_w, subtree)
    door_child.close()
    os.close(report_w)
    os.set_blocking(report_r, False)
    return {"pid": pid, "report": report_r, "door": door, "limits": limits,
            "cgroup": f"sandbox-{pid}" if subtree else None}


def _hand_over(child: dict[str, Any], channel_fd: int) -> bool:
    """Give the waiting child its channel to the grader; False if it is gone."""
    try:
        socket.send_fds(child["door"], [b"run"], [channel_fd])
        return True
    except OSError:
        return False
    finally:
        child["door"].close()


def _discard(child: dict[str, Any], children: dict[int, dict[str, Any]], subtree: cgroups.Subtree | None) -> None:
    """Stop a spare nobody will use; it is reaped like the others, without telling the grader."""
    child["door"].close()
    child["quiet"] = True
    children[child["pid"]] = child
    _kill_child(child["pid"], child, subtree)


def _warm_matplotlib() -> None:
    """Draw one throwaway figure, so that fonts, colour maps and layout code are loaded once here rather than
    in every child (drawing needs no TensorFlow)."""
    import matplotlib.pyplot as plt
    import numpy as np

    fig, axes = plt.subplots(2, 3, figsize=(6, 4))
    for ax in axes.flat:
        ax.imshow(np.zeros((4, 4)), cmap="magma")
        ax.set_title("warm", fontweight="bold")
        ax.axis("off")
        ax.text(0, 0, "0.5")
    bar = fig.add_subplot(2, 3, 6)
    bar.bar([0, 1], [1, 2])
    bar.set_xticks([0, 1], ["a", "b"], rotation=45)
    fig.suptitle("warm")
    fig.tight_layout()
    fig.canvas.draw()
    plt.close("all")


def _probe(view: isolation.View) -> str:
    """Make one empty sandbox and see it end cleanly: '' when isolation works here, else what failed and
    how to allow it (the grader refuses to grade without isolation)."""
    report_r, report_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(report_r)
        try:
            os.setsid()
            _keep_only({report_w: _REPORT_FD})
            tiny = {"memory": 256 * 1024**2, "cpu": 10, "processes": 8, "cpus": 1.0, "disk": 1024**2,
                    "files": 64}
            _isolate(tiny, view)
        except BaseException as exc:
            _report_error(exc)
            os._exit(70)
        os._exit(0)  # the learner's process of the probe: nothing to run
    os.close(report_w)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(report_r, "rb") as f:
        report = _parse_report(f.read())
    if report.get("status") == {"code": 0}:
        return ""
    why = report.get("error") or describe_status(status)
    return (f"submissions cannot be isolated on this machine ({why}). The grader needs Linux user namespaces: "
            "allow them for unprivileged users (Debian before 11: sysctl kernel.unprivileged_userns_clone=1; "
            "Ubuntu 23.10 and later: sysctl kernel.apparmor_restrict_unprivileged_userns=0; RHEL 7: sysctl "
            "user.max_user_namespaces=10000), or grade in a container that allows them")


def _control_send(control: socket.socket, message: dict[str, Any]) -> None:
    try:
        control.send(json.dumps(message).encode())
    except OSError:
        os._exit(0)


def _reap(control: socket.socket, children: dict[int, dict[str, Any]], subtree: cgroups.Subtree | None,
          wait: bool = False) -> None:
    while children or not wait:
        try:
            pid, status = os.waitpid(-1, 0 if wait else os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        info = children.pop(pid, None)
        if info is None:
            continue
        report = _read_report(info["report"])
        described = report.get("status") or describe_status(status)
        if subtree is not None and info["cgroup"]:
            if not report.get("over") and subtree.over_memory(info["cgroup"]):
                report["over"] = "memory"  # the kernel's memory.max, before the init saw it
            if not subtree.end(info["cgroup"]):
                _LEFT_BEHIND.append(info["cgroup"])
        if report.get("over"):
            described = {**described, "over": report["over"]}
        if report.get("error"):
            described = {**described, "error": report["error"]}
        if isinstance(report.get("usage"), dict):
            described = {**described, "usage": report["usage"]}
        if not info.get("quiet"):
            _control_send(control, {"op": "exited", "pid": pid, "status": described})


def describe_status(status: int) -> dict[str, Any]:
    if os.WIFSIGNALED(status):
        return {"signal": os.WTERMSIG(status)}
    return {"code": os.WEXITSTATUS(status)}


def _read_report(fd: int) -> dict[str, Any]:
    """The init's one-line report (empty when the init did not get to write one)."""
    try:
        data = os.read(fd, 65536)
    except OSError:
        data = b""
    finally:
        os.close(fd)
    return _parse_report(data)


def _parse_report(data: bytes) -> dict[str, Any]:
    try:
        report = json.loads(data.splitlines()[0]) if data.strip() else {}
    except (ValueError, IndexError):
        return {}
    return report if isinstance(report, dict) else {}


def _kill_child(pid: int, info: dict[str, Any], subtree: cgroups.Subtree | None) -> None:
    """Kill a child's keeper and its session; the init dies with the keeper, and every process of the
    submission with the init (the kernel empties a PID namespace whose process 1 ends). With a cgroup, all of
    its processes at once."""
    if subtree is not None and info.get("cgroup"):
        subtree.end(info["cgroup"])
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass


def _die_with_parent() -> None:
    """Ask Linux to kill this process when the process that started it dies, and to hand it the orphans of
    its children's processes, which `_reap` then reaps."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        libc.prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
    except Exception:
        pass


# ================================================================ the child


def _child(door_fd: int, limits: dict[str, Any], view: isolation.View, report_fd: int,
           subtree: cgroups.Subtree | None) -> NoReturn:
    """Everything the forked child does: isolate itself, wait for its channel behind its door, then run the
    submission. Never returns."""
    try:
        os.setsid()
        if subtree is not None:  # first, while it may still write the grader's cgroup
            procs = subtree.make(f"sandbox-{os.getpid()}", memory=int(limits["memory"]),
                                 processes=int(limits["processes"]) + 3, cpus=float(limits["cpus"]))
            if procs is not None:
                cgroups.join(procs)
        _keep_only({door_fd: _DOOR_FD, report_fd: _REPORT_FD})
        _isolate(limits, view, keep=(_DOOR_FD,))
    except BaseException as exc:
        _report_error(exc)
        os._exit(70)
    # From here on: the learner's process, in its sandbox, waiting for its submission.
    try:
        door = socket.socket(fileno=_DOOR_FD)
        _, fds, _, _ = socket.recv_fds(door, 16, 1)
        if not fds:  # the fork server closed the door: this spare will not be used
            os._exit(0)
        if fds[0] != _CHANNEL_FD:
            os.dup2(fds[0], _CHANNEL_FD)
            os.close(fds[0])
        door.close()
        channel = socket.socket(fileno=_CHANNEL_FD)
        job, _ = wire.receive(channel, timeout=60)
        _enter(job)
        runner = _Runner(channel, job)
    except BaseException:
        os._exit(70)
    try:
        runner.run()
    except BaseException:
        pass
    os._exit(0)


def _isolate(limits: dict[str, Any], view: isolation.View, keep: tuple[int, ...] = ()) -> None:
    """Enter the namespaces; returns in the learner's process only (the init watches the tree)."""
    budget = watch.Budget(memory=int(limits["memory"]), cpu_seconds=float(limits["cpu"]),
                          tasks=int(limits["processes"]), cpus=float(limits["cpus"]))
    sizes = isolation.Sizes(disk=int(limits["disk"]), files=int(limits["files"]))

    def on_init(learner: int, report_fd: int, alive_fd: int) -> None:
        watch.watch(learner, report_fd, alive_fd, budget)

    isolation.enter(view, sizes, _REPORT_FD, keep, on_init)


def _report_error(exc: BaseException) -> None:
    try:
        os.write(_REPORT_FD, json.dumps({"error": str(exc) or type(exc).__name__}).encode() + b"\n")
    except OSError:
        pass


def _keep_only(wanted: dict[int, int]) -> None:
    """Leave this process with /dev/null as 0, 1 and 2, each descriptor of `wanted` at its new number, and no
    other: not the grader's control socket, nor another child's door or report."""
    moved = {fcntl.fcntl(fd, fcntl.F_DUPFD, 1000): target for fd, target in wanted.items()}
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    for fd, target in moved.items():
        os.dup2(fd, target)
    keep = sorted(moved.values())
    start = 3
    for fd in keep:
        os.closerange(start, fd)
        start = fd + 1
    os.closerange(start, _max_fd())


def _max_fd() -> int:
    try:
        return int(resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    except Exception:
        return 4096


def _enter(job: dict[str, Any]) -> None:
    """Settle in the sandbox: an environment of its own and the per-process limits."""
    os.environ.clear()
    os.environ.update(
        {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": isolation.WORKDIR,
            "TMPDIR": "/tmp",
            "LANG": "C.UTF-8",
            "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": isolation.WORKDIR,
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "LEARNTOOLS_CV_SANDBOX": "1",
            **_LESSON_ENVIRONMENT,
        }
    )
    limits = job["limits"]
    # Read by TensorFlow when its first op runs (in the child: the fork server never runs one).
    threads = str(int(limits.get("threads", 1)))
    for name in ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                 "MKL_NUM_THREADS"):
        os.environ[name] = threads
    tempfile.tempdir = "/tmp"
    _limit(resource.RLIMIT_AS, _virtual_size() + int(limits["memory"]))
    _limit(resource.RLIMIT_CPU, int(limits["cpu"]), int(limits["cpu"]) + 5)
    _limit(resource.RLIMIT_FSIZE, int(limits["file_size"]))
    _limit(resource.RLIMIT_CORE, 0)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
    # Counted in the submission's own user namespace: its keeper and init are the 2 added.
    _limit(resource.RLIMIT_NPROC, int(limits["processes"]) + 2)


def _limit(which: int, soft: int, hard: int | None = None) -> None:
    _, old_hard = resource.getrlimit(which)
    hard = soft if hard is None else hard
    if old_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, old_hard), min(hard, old_hard)
    resource.setrlimit(which, (soft, hard))


def _virtual_size() -> int:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


class _CappedText(io.TextIOBase):
    """A stdout/stderr that keeps the first OUTPUT_CAP characters and counts the rest."""

    def __init__(self) -> None:
        self.kept: list[str] = []
        self.size = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: Any) -> int:
        text = str(text)
        room = OUTPUT_CAP - self.size
        if room > 0:
            self.kept.append(text[:room])
            self.size += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def text(self) -> str:
        return "".join(self.kept)


class _Shell:
    """Stands in for IPython's shell: magics and shell commands do nothing in the sandbox."""

    def run_line_magic(self, *args: Any, **kwargs: Any) -> None:
        return None

    def run_cell_magic(self, *args: Any, **kwargs: Any) -> None:
        return None

    def system(self, *args: Any, **kwargs: Any) -> None:
        return None

    def getoutput(self, *args: Any, **kwargs: Any) -> list[str]:
        return []


def _display(*args: Any, **kwargs: Any) -> None:
    return None


class _Runner:
    """Runs one notebook's cells, then serves the grader's requests."""

    def __init__(self, channel: socket.socket, job: dict[str, Any]) -> None:
        self.channel = channel
        self.job = job
        self.pid = os.getpid()
        self.output = _CappedText()
        self.callables: dict[int, Any] = {}
        shell = _Shell()
        self.namespace: dict[str, Any] = {
            "__name__": "__main__",
            "__builtins__": builtins,
            "display": _display,
            "get_ipython": lambda: shell,
        }

    def run(self) -> None:
        from learntools_cv.core.session import Session

        sys.stdout = sys.stderr = self.output
        # The notebook's own check(), hint() and solution() calls do nothing here: they cannot change a verdict
        # (the grader judges in its own process) and would only cost time. A silent session, current for the
        # child's whole life, is core's way to say so.
        self.silent = Session(silent=True).activated()  # kept: the context ends when it is let go
        self.silent.__enter__()
        skip = {int(i): why for i, why in self.job.get("skip", {}).items()}
        results = []
        for cell in self.job["cells"]:
            index = int(cell["index"])
            if index in skip:
                results.append({"index": index, "state": "skipped", "detail": skip[index]})
                continue
            self._send({"op": "cell", "index": index})
            results.append(self._run_cell(index, cell["source"]))
            self._close_figures()
        self._send({"op": "done", "cells": results, "output": self.output.text()[-4000:],
                    "dropped": self.output.dropped})
        self._serve()

    def _run_cell(self, index: int, source: str) -> dict[str, Any]:
        filename = f"<cell {index}>"
        started = time.perf_counter()
        try:
            code = compile(_transform(source), filename, "exec")
        except (SyntaxError, ValueError, OverflowError, MemoryError, RecursionError) as exc:
            return {"index": index, "state": "error", "error": _exception_name(exc),
                    "detail": _exception_text(exc), "seconds": 0.0}
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        outcome: dict[str, Any] = {"index": index, "state": "ok"}
        try:
            with _time_limit(float(self.job["cell_timeout"])):
                exec(code, self.namespace)
        except CellTimedOut:
            outcome = {"index": index, "state": "timeout"}
        except SystemExit as exc:
            outcome = {"index": index, "state": "exit", "detail": _exception_text(exc)}
        except BaseException as exc:  # a learner's error, recorded as data; the next cell still runs
            outcome = {"index": index, "state": "error", "error": _exception_name(exc),
                       "detail": _exception_text(exc), "line": _learner_line(exc, filename)}
        self._leave_if_forked()
        outcome["seconds"] = time.perf_counter() - started
        return outcome

    def _close_figures(self) -> None:
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            try:
                plt.close("all")
            except Exception:
                pass

    def _leave_if_forked(self) -> None:
        """A process the learner's code forked must not go on to speak for the child."""
        if os.getpid() != self.pid:
            os._exit(0)

    def _send(self, header: dict[str, Any], blobs: list[bytes] = ()) -> None:  # type: ignore[assignment]
        try:
            wire.send(self.channel, header, list(blobs))
        except OSError:
            os._exit(0)

    def _serve(self) -> None:
        while True:
            try:
                request, blobs = wire.receive(self.channel, timeout=None)
            except Exception:
                os._exit(0)
            op = request.get("op")
            if op == "values":
                self._values(request["names"])
            elif op == "call":
                self._call(request, blobs)
            else:
                os._exit(0)

    def _values(self, names: list[str]) -> None:
        encoder = wire.Encoder(self.callables)
        values: dict[str, Any] = {}
        try:
            with _time_limit(float(self.job["call_timeout"]) * 4):
                for name in names:
                    values[name] = encoder.encode(self.namespace[name]) if name in self.namespace else {"t": "missing"}
        except CellTimedOut:
            for name in names:
                values.setdefault(name, {"t": "unreadable", "why": "describing it took too long"})
        self._leave_if_forked()
        self._send({"op": "values", "values": values}, encoder.blobs)

    def _call(self, request: dict[str, Any], blobs: list[bytes]) -> None:
        fn = self.callables.get(int(request["ref"]))
        decoder = wire.Decoder(blobs)
        args = [decoder.decode(a) for a in request["args"]]
        kwargs = {k: decoder.decode(v) for k, v in request.get("kwargs", {}).items()}
        reply: dict[str, Any]
        encoder = wire.Encoder(self.callables)
        started = time.perf_counter()
        try:
            with _time_limit(float(request["timeout"])):
                result = fn(*args, **kwargs)  # type: ignore[misc]
                reply = {"op": "result", "value": encoder.encode(result)}
        except CellTimedOut:
            reply = {"op": "timeout"}
        except BaseException as exc:  # the learner's exception travels as its name and words
            base = "exit" if isinstance(exc, SystemExit) else "exception" if isinstance(exc, Exception) else "base"
            reply = {"op": "raised", "type": _exception_name(exc), "message": _exception_text(exc),
                     "base": base, "code": _exit_code(exc)}
        self._leave_if_forked()
        reply["seconds"] = time.perf_counter() - started
        self._send(reply, encoder.blobs)


class _time_limit:
    """Raise CellTimedOut in the main thread after `seconds`, and again every half second until the block
    ends (a learner's `except BaseException` cannot swallow it for good)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = max(seconds, 0.001)

    def __enter__(self) -> None:
        def on_alarm(signum: int, frame: Any) -> None:
            raise CellTimedOut()

        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, self.seconds, 0.5)

    def __exit__(self, *exc: Any) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_IGN)


def _transform(source: str) -> str:
    """IPython syntax (magics, shell escapes) made into plain Python calls."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(source)
    except Exception:
        return source


def _exception_name(exc: BaseException) -> str:
    name = type(exc).__name__
    return name if isinstance(name, str) else "Exception"


def _exception_text(exc: BaseException) -> str:
    try:
        text = str(exc)
    except BaseException:
        text = ""
    return text[:2000] if isinstance(text, str) else ""


def _exit_code(exc: BaseException) -> Any:
    if isinstance(exc, SystemExit):
        code = exc.code
        return code if isinstance(code, (int, str)) or code is None else str(code)
    return None


def _learner_line(exc: BaseException, filename: str) -> int | None:
    """The line of the learner's cell where the error happened."""
    try:
        line = None
        for frame, lineno in traceback.walk_tb(exc.__traceback__):
            if frame.f_code.co_filename == filename:
                line = lineno
        return line
    except BaseException:
        return None


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    control_fd = int(args[0])
    serve(control_fd, args[1:])


if __name__ == "__main__":
    main()
