"""`learntools_cv.core.timeouts.call_with_timeout`: a learner's call ends within its limit, whatever it does,
and leaves the process as it was found: real ITIMER_REAL timers and SIGALRM handlers, checked with the clock.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
import weakref
from typing import Any

import pytest

from learntools_cv.core.timeouts import CallTimedOut, call_with_timeout

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX interval timers")


@pytest.fixture(autouse=True)
def _no_timer_left():
    """Every test starts and ends with no ITIMER_REAL timer and the default SIGALRM handler."""
    signal.setitimer(signal.ITIMER_REAL, 0)
    handler = signal.signal(signal.SIGALRM, signal.SIG_DFL)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, handler)


def endless() -> None:
    while True:
        pass


def test_a_right_call_returns_its_value() -> None:
    assert call_with_timeout(lambda a, b: a + b, [2, 3], 1.0) == 5


def test_an_endless_loop_stops_at_its_limit() -> None:
    start = time.monotonic()
    with pytest.raises(CallTimedOut):
        call_with_timeout(endless, [], 0.2)
    assert 0.2 <= time.monotonic() - start < 0.5


def test_a_swallowed_timeout_is_raised_again() -> None:
    # The first CallTimedOut is caught by the learner's own `except BaseException`; the alarm repeats.
    def stubborn() -> None:
        try:
            endless()
        except BaseException:
            pass
        endless()

    start = time.monotonic()
    with pytest.raises(CallTimedOut):
        call_with_timeout(stubborn, [], 0.2)
    assert time.monotonic() - start < 0.6


def test_what_an_abandoned_call_built_is_freed() -> None:
    class Block:
        def __init__(self) -> None:
            self.data = b"x" * 2**20

    alive: weakref.WeakSet[Block] = weakref.WeakSet()

    def hoards() -> None:
        kept: list[Any] = [kept_cycle := []]
        kept_cycle.append(kept)  # a cycle, as matplotlib objects have: only the collector frees it
        for _ in range(100):  # 100 MB, then an endless loop
            block = Block()
            alive.add(block)
            kept.append(block)
        endless()

    with pytest.raises(CallTimedOut):
        call_with_timeout(hoards, [], 0.2)
    assert len(alive) == 0


def test_the_timeout_carries_no_traceback_into_the_learners_frames() -> None:
    with pytest.raises(CallTimedOut) as raised:
        call_with_timeout(endless, [], 0.05)
    assert raised.value.__context__ is None and raised.value.__cause__ is None


def test_the_handler_and_a_running_outer_timer_are_given_back() -> None:
    def outer(signum: int, frame: Any) -> None:
        raise AssertionError("the outer timer fired during the check")

    signal.signal(signal.SIGALRM, outer)
    signal.setitimer(signal.ITIMER_REAL, 60.0)
    start = time.monotonic()
    for _ in range(120):  # the calls of a check: each takes far less than its 0.5 s allowance
        call_with_timeout(lambda: None, [], 0.5)
    with pytest.raises(CallTimedOut):
        call_with_timeout(endless, [], 0.1)
    spent = time.monotonic() - start
    left, interval = signal.getitimer(signal.ITIMER_REAL)
    assert signal.getsignal(signal.SIGALRM) is outer
    assert interval == 0.0
    assert 60.0 - spent - 0.05 < left <= 60.0 - spent


def test_an_outer_timer_due_during_the_call_fires_on_time_and_once() -> None:
    fired: list[float] = []
    signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(time.monotonic()))
    start = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, 0.15)
    with pytest.raises(CallTimedOut):
        call_with_timeout(endless, [], 0.4)
    assert len(fired) == 1
    assert 0.15 <= fired[0] - start < 0.25
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_periodic_outer_timer_keeps_its_rhythm() -> None:
    fired: list[float] = []
    signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(time.monotonic()))
    start = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, 0.1, 0.1)
    with pytest.raises(CallTimedOut):
        call_with_timeout(endless, [], 0.45)
    left, interval = signal.getitimer(signal.ITIMER_REAL)
    signal.setitimer(signal.ITIMER_REAL, 0)
    stopped = time.monotonic() - start
    # Every 0.1 s, during the call (at 0.1 ... 0.4 s) and after it, until the test stopped it.
    assert [round(t - start, 1) for t in fired] == [round(0.1 * k, 1) for k in range(1, len(fired) + 1)]
    assert 4 <= len(fired) <= int(stopped / 0.1 + 1e-9)
    assert interval == pytest.approx(0.1)
    assert 0 < left <= 0.1


def test_an_outer_handlers_exception_is_the_outer_codes() -> None:
    class Deadline(Exception):
        pass

    def outer(signum: int, frame: Any) -> None:
        raise Deadline()

    signal.signal(signal.SIGALRM, outer)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    with pytest.raises(Deadline):
        call_with_timeout(lambda: [x for x in iter(int, 1)], [], 1.0)  # a learner's `except Exception` aside
    assert signal.getsignal(signal.SIGALRM) is outer


def test_the_signal_mask_is_left_alone() -> None:
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    with pytest.raises(CallTimedOut):
        call_with_timeout(endless, [], 0.05)
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before


def test_no_warning_registry_is_left_in_the_learners_namespace() -> None:
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec("import warnings\ndef f():\n    warnings.warn('debugging')\n    return 1\n", namespace)
    assert call_with_timeout(namespace["f"], [], 1.0) == 1
    assert "__warningregistry__" not in namespace


def test_an_existing_warning_registry_keeps_its_contents() -> None:
    namespace: dict[str, Any] = {"__name__": "__main__", "__warningregistry__": {"mine": 1}}
    registry = namespace["__warningregistry__"]
    exec("import warnings\ndef f():\n    warnings.warn('debugging')\n", namespace)
    call_with_timeout(namespace["f"], [], 1.0)
    assert namespace["__warningregistry__"] is registry and registry == {"mine": 1}


def test_prints_and_new_figures_stay_out(capsys: pytest.CaptureFixture[str]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kept = plt.figure()
    try:

        def draws() -> int:
            print("debugging")
            plt.figure()
            plt.plot([1, 2])
            return 3

        assert call_with_timeout(draws, [], 2.0) == 3
        assert capsys.readouterr() == ("", "")
        assert plt.get_fignums() == [kept.number]
    finally:
        plt.close("all")


def test_a_call_from_another_thread_still_answers() -> None:
    import threading

    box: dict[str, Any] = {}

    def run() -> None:
        try:
            call_with_timeout(time.sleep, [5], 0.1)
        except CallTimedOut:
            box["timed out"] = True

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(2)
    assert box == {"timed out": True}


def test_memory_of_an_endless_appending_loop_is_given_back() -> None:
    """The reported hang: a loop that keeps appending, after a function that drew a plot. Five such calls
    need no more memory than one: each one's list is freed. Run apart, so the measurement is its own."""
    code = textwrap.dedent(
        """
        import resource, time
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from learntools_cv.core.timeouts import CallTimedOut, call_with_timeout

        def plots():
            plt.figure(); plt.plot([1, 2]); plt.show()
            return 1

        def hoards():
            plt.figure(); plt.plot([1, 2]); plt.show()
            seen = []
            while True:
                seen.append([0.0] * 10)

        def peak():
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

        call_with_timeout(plots, [], 1.0)
        start = time.monotonic()
        peaks = []
        for _ in range(5):
            try:
                call_with_timeout(hoards, [], 0.5)
            except CallTimedOut:
                peaks.append(peak())
        print(round(time.monotonic() - start, 1), peaks[0], peaks[-1])
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    seconds, first_mb, last_mb = done.stdout.split()
    assert float(seconds) < 5.0
    assert int(last_mb) < 1.5 * int(first_mb)
