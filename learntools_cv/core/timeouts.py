"""Calling a learner's function from a checker: with a time limit that really stops it, quietly, and leaving
the process as it was found.

`call_with_timeout(fn, args, seconds)` is the only way checking code calls learner code. Around the call it

- stops the function after `seconds` (in the main thread, with SIGALRM; the alarm repeats until the call has
  unwound, so a learner's `except BaseException:` or a finaliser that swallows the first one cannot keep it
  running), and collects what the abandoned call left behind;
- gives back every timer, handler and signal state exactly as found: an outer ITIMER_REAL timer loses only
  the time the call really took, and one that falls due during the call is delivered to its own handler on
  time;
- keeps whatever the learner's code shows out of the feedback: its prints, its warnings (and the
  `__warningregistry__` they would leave in the notebook), what it displays in Jupyter and the matplotlib
  figures it opens.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

# After the time limit, the alarm fires again this often until the learner's call has unwound.
RETRY_SECONDS = 0.05
# An abandoned call whose process grew by more than this is followed by a full garbage collection.
COLLECT_AFTER_BYTES = 64 * 2**20


class CallTimedOut(BaseException):
    """The learner's function did not return within the time limit.

    A BaseException, like KeyboardInterrupt, so that a learner's `except Exception:` inside a loop cannot
    swallow it and hang the check."""


class _OuterSignal(BaseException):
    """An outer SIGALRM handler, run on time during the call, raised: carried out of the learner's code."""

    def __init__(self, original: BaseException) -> None:
        super().__init__(original)
        self.original = original


def call_with_timeout(
    fn: Callable[..., Any],
    args: Sequence[Any],
    seconds: float,
    *,
    then: Callable[[Any], Any] | None = None,
    kwargs: Mapping[str, Any] | None = None,
) -> Any:
    """Call `fn(*args, **kwargs)` quietly and return what it returns (passed through `then`, if given, within
    the same limit: reading a result can run learner code too); raise CallTimedOut after `seconds`.

    In the main thread (a Jupyter cell, a script) a SIGALRM timer interrupts the call, so the learner's
    function really stops. Elsewhere the call runs in a daemon thread that is abandoned on timeout: Python
    cannot stop a thread, but the check still answers.
    """
    named = dict(kwargs or {})
    call = fn if then is None and not named else lambda *a: _then(then, fn(*a, **named))
    resident = _resident_bytes()
    with _quiet(fn):
        try:
            if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
                return _call_with_alarm(call, args, seconds)
            return _call_in_thread(call, args, seconds)
        except CallTimedOut:
            pass  # raised afresh below, once this one (and the learner's frames it holds) is gone
        except _OuterSignal as outer:
            raise outer.original from None
    # What the abandoned call built is freed with its frames, unless it made cycles (matplotlib objects
    # do): then only the collector frees it. A full collection takes half a second beside TensorFlow, so it
    # runs only when the call took a lot of memory.
    grown = _resident_bytes()
    if resident is None or grown is None or grown - resident > COLLECT_AFTER_BYTES:
        gc.collect()
        _give_back_memory()
    raise CallTimedOut()


def _then(then: Callable[[Any], Any] | None, result: Any) -> Any:
    return result if then is None else then(result)


# ---- the time limit ----


class _Alarm:
    """Our deadline and the outer ITIMER_REAL timer (if one was running), sharing the one real timer."""

    def __init__(self, seconds: float) -> None:
        self.start = time.monotonic()
        self.deadline = self.start + max(float(seconds), 0.0)
        self.outer_handler = signal.getsignal(signal.SIGALRM)
        delay, self.outer_interval = signal.getitimer(signal.ITIMER_REAL)
        self.outer_due: float | None = self.start + delay if delay > 0 else None
        self.calling = False

    def arm(self) -> None:
        """Set the real timer to whichever comes first: our deadline or the outer timer's next expiry."""
        due = self.deadline if self.outer_due is None else min(self.deadline, self.outer_due)
        signal.setitimer(signal.ITIMER_REAL, max(due - time.monotonic(), 1e-6))

    def on_alarm(self, signum: int, frame: Any) -> None:
        now = time.monotonic()
        if self.outer_due is not None and now >= self.outer_due:
            self.outer_due = self.outer_due + self.outer_interval if self.outer_interval > 0 else None
            self._deliver_outer(signum, frame)
        if not self.calling:  # the call is over; `restore` takes it from here
            return
        if now >= self.deadline:
            # Should a learner's `except BaseException:` or a finaliser swallow this, the next one follows.
            signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
            raise CallTimedOut()
        self.arm()

    def _deliver_outer(self, signum: int, frame: Any) -> None:
        handler = self.outer_handler
        if callable(handler):
            try:
                handler(signum, frame)
            except BaseException as exc:  # the outer code's own exception, not the learner's
                raise _OuterSignal(exc) from None
        elif handler == signal.SIG_DFL:  # SIGALRM's default action ends the process, as it would have
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            signal.raise_signal(signal.SIGALRM)

    def restore(self) -> None:
        """Put the outer handler back, and the outer timer with what is really left of it."""
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.outer_handler)
        if self.outer_due is not None:
            # Due already (between our last alarm and now): a moment from now, to its own handler.
            left = max(self.outer_due - time.monotonic(), 1e-6)
            signal.setitimer(signal.ITIMER_REAL, left, self.outer_interval)


def _call_with_alarm(fn: Callable[..., Any], args: Sequence[Any], seconds: float) -> Any:
    alarm = _Alarm(seconds)
    signal.signal(signal.SIGALRM, alarm.on_alarm)
    try:
        alarm.arm()
        alarm.calling = True
        try:
            return fn(*args)
        finally:
            alarm.calling = False
    finally:
        alarm.restore()


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


def _resident_bytes() -> int | None:
    """This process's resident memory (Linux), or None where it cannot be read cheaply."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_BYTES
    except (OSError, ValueError, IndexError):
        return None


def _give_back_memory() -> None:
    """Hand the memory just freed back to the system. Many small arrays freed leave glibc's heap holding it
    (hundreds of MB of a kernel's resident memory, after an endless loop that appended to a list); malloc_trim
    returns it, in milliseconds. Elsewhere than glibc, nothing."""
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        _MALLOC_TRIM = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                _MALLOC_TRIM = ctypes.CDLL("libc.so.6").malloc_trim
            except (OSError, AttributeError):
                pass
    if _MALLOC_TRIM:
        _MALLOC_TRIM(0)


_MALLOC_TRIM: Any = None

try:
    _PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):
    _PAGE_BYTES = 4096


# ---- quiet ----


@contextlib.contextmanager
def _quiet(fn: Any) -> Iterator[None]:
    """Keep what the learner's code prints, warns, displays or plots out of the feedback, and leave no
    `__warningregistry__` in its module (the notebook) that was not there before."""
    namespace = _globals_of(fn)
    found = namespace.get("__warningregistry__") if namespace is not None else None
    registry = found if isinstance(found, dict) else None
    saved_registry = dict(registry) if registry is not None else {}
    figures = _open_figures()
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with _display_muted(), _own_unraisables():
                yield
    finally:
        _close_new_figures(figures)
        if namespace is not None:
            if registry is None:
                namespace.pop("__warningregistry__", None)
            else:  # the module's own registry, as it was, even if the learner's code replaced it
                registry.clear()
                registry.update(saved_registry)
                namespace["__warningregistry__"] = registry


@contextlib.contextmanager
def _own_unraisables() -> Iterator[None]:
    """A time-out raised while a finaliser or weakref callback runs is swallowed by Python and handed to
    `sys.unraisablehook` (with the learner's frames): it is ours, and goes no further. Others pass on."""
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, (CallTimedOut, _OuterSignal)):
            return
        previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous


def _globals_of(fn: Any) -> dict[str, Any] | None:
    try:
        namespace = getattr(fn, "__globals__", None)
    except Exception:  # a callable object whose attributes raise
        return None
    return namespace if type(namespace) is dict else None


@contextlib.contextmanager
def _display_muted() -> Iterator[None]:
    """In Jupyter, drop what is displayed (`display(...)`, `plt.show()` with the inline backend)."""
    shell = None
    if "IPython" in sys.modules:
        try:
            from IPython import get_ipython

            shell = get_ipython()
        except Exception:
            shell = None
    publisher = getattr(shell, "display_pub", None)
    if publisher is None:
        yield
        return
    had_own = "publish" in vars(publisher)
    own = vars(publisher).get("publish")
    publisher.publish = lambda *args, **kwargs: None
    try:
        yield
    finally:
        if had_own:
            publisher.publish = own
        else:
            del publisher.publish


def _open_figures() -> set[int] | None:
    """The numbers of pyplot's open figures, if pyplot is in use (it is never imported here)."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return None
    try:
        return set(pyplot.get_fignums())
    except Exception:
        return None


def _close_new_figures(before: set[int] | None) -> None:
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return
    try:
        for number in set(pyplot.get_fignums()) - (before or set()):
            pyplot.close(number)
    except Exception:  # a figure that fails to close is only a figure
        pass
