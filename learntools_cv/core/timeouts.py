"""Calling a learner's function with a time limit, so that a check never hangs on an endless loop."""

from __future__ import annotations

import signal
import threading
from typing import Any, Callable, Sequence


class CallTimedOut(BaseException):
    """The learner's function did not return within the time limit.

    A BaseException, like KeyboardInterrupt, so that a learner's `except Exception:` inside a loop cannot
    swallow it and hang the check."""


def call_with_timeout(fn: Callable[..., Any], args: Sequence[Any], seconds: float) -> Any:
    """Call `fn(*args)`; raise CallTimedOut after `seconds`.

    In the main thread (a Jupyter cell, a script) a SIGALRM timer interrupts the call, so the learner's
    function really stops. Elsewhere the call runs in a daemon thread that is abandoned on timeout:
    Python cannot stop a thread, but the check still answers.
    """
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        return _call_with_alarm(fn, args, seconds)
    return _call_in_thread(fn, args, seconds)


def _call_with_alarm(fn: Callable[..., Any], args: Sequence[Any], seconds: float) -> Any:
    def on_alarm(signum: int, frame: Any) -> None:
        raise CallTimedOut()

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0] > 0:  # someone else's timer was running: give it back what is left
            signal.setitimer(signal.ITIMER_REAL, max(previous_timer[0] - seconds, 1e-3), previous_timer[1])


def _call_in_thread(fn: Callable[..., Any], args: Sequence[Any], seconds: float) -> Any:
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # handed back to the caller's thread below
            box["error"] = exc

    worker = threading.Thread(target=target, name="learntools-cv-call", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise CallTimedOut()
    if "error" in box:
        raise box["error"]
    return box.get("value")
