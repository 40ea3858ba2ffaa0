"""Judging a learner's own array function against a reference, on fixed inputs and then on inputs generated
by hypothesis, which shrinks any failure to a small example to show.

Nothing here knows what the function should compute: the task says it in words (`computes`, e.g. "2x2 max
pooling") and gives the reference. hypothesis is a runtime dependency for its search-and-shrink, which finds
the *smallest* input on which the learner's function goes wrong and so makes the feedback readable.

A function may take one array (the default) or several (`argument` names them all, and `strategy` draws
them together). Known wrong answers (`Variant`) name the mistake when the function's result on a failing
input is theirs: "flips the kernel", not only "returns the wrong values".

Every call of the learner's function goes through `core.timeouts.call_with_timeout` (time limit, quiet,
process state left as found), and so does reading its result as numbers (an object's own `__array__` is
learner code too). The expected result of an input is computed only after the learner's call has returned,
so no frame the learner's code can walk up to holds it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from learntools_cv.core.compare import compare_arrays
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import code, short_repr
from learntools_cv.core.timeouts import CallTimedOut, call_with_timeout
from learntools_cv.core.utils import exception_line
from learntools_cv.core.values import describe_non_array, inspect_array, load_array

# How many calls that run out of time the search for a smaller failing input may make.
MAX_TIMEOUTS = 3


@dataclass(frozen=True)
class Variant:
    """A wrong answer a learner's function may compute: `compute` gives its result for the same arguments as
    the reference, `says` names it after the function's name ("flips the kernel, as a true convolution
    does"), and `mistake` is its id."""

    mistake: str
    compute: Callable[..., np.ndarray]
    says: str


@dataclass(frozen=True)
class Failure:
    """How the learner's function went wrong on one input."""

    kind: str
    """'raised', 'timeout', 'none', 'type', 'integer', 'shape' or 'values'."""
    given: np.ndarray | tuple[np.ndarray, ...]
    """The input: one array, or a tuple of them for a function of several arrays."""
    expected: np.ndarray | None = None
    actual: np.ndarray | None = None
    detail: str = ""
    variant: Variant | None = None
    """The known wrong answer the result is, when it is one."""

    @property
    def mistake(self) -> str:
        """The stable id of this kind of failure (the variant's, when the result is a known wrong answer)."""
        return self.variant.mistake if self.variant is not None else _MISTAKES[self.kind]


_MISTAKES = {
    "raised": "function-raised",
    "timeout": "function-timeout",
    "none": "returned-none",
    "type": "not-an-array",
    "integer": "integer-dtype",
    "shape": "wrong-shape",
    "values": "wrong-values",
}


@dataclass(frozen=True)
class ArrayFunctionTask:
    """The learner's function `name` must return `reference(x)` for every 2-D float array x.

    `argument` names the function's parameter (inputs are shown as `argument = np.array(...)`), and
    `computes` says in a few words what the function computes, for the messages ("2x2 max pooling").
    It is tried on `fixed_inputs` first, then on up to `max_examples` generated arrays (sides 1..`max_side`,
    values in [-100, 100], negatives included) with a fixed seed, within about `time_budget` seconds; each
    call may take `call_timeout` seconds.

    For a function of several arrays, `argument` is the tuple of their names, each fixed input is a tuple of
    arrays, and `strategy` makes the hypothesis strategy that draws such tuples (it is called only when the
    search runs, so hypothesis is imported then). `variants` are known wrong answers, tried in order on a
    failing input to name the mistake.
    """

    name: str
    reference: Callable[..., np.ndarray]
    argument: str | tuple[str, ...]
    computes: str
    fixed_inputs: Sequence[np.ndarray | tuple[np.ndarray, ...]] = ()
    max_examples: int = 60
    max_side: int = 9
    time_budget: float = 3.0
    call_timeout: float = 0.5
    strategy: Callable[[], Any] | None = None
    variants: Sequence[Variant] = ()

    @property
    def arguments(self) -> tuple[str, ...]:
        """The names of the function's parameters, in order."""
        return (self.argument,) if isinstance(self.argument, str) else tuple(self.argument)

    def _split(self, given: np.ndarray | tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
        return given if isinstance(given, tuple) else (given,)

    def judge(self, fn: Any) -> None:
        if not callable(fn):
            raise Incorrect(
                f"{code(self.name)} should be a function, but it is {code(short_repr(fn))}.",
                mistake="not-a-function",
            )
        fn = _undecorated(fn)
        for given in self.fixed_inputs:
            failure = self.failure(fn, given)
            if failure is not None:
                raise self.incorrect(failure)
        failure = self._search(fn)
        if failure is not None:
            raise self.incorrect(failure)

    def failure(self, fn: Any, given: np.ndarray | tuple[np.ndarray, ...]) -> Failure | None:
        """None if `fn` handles `given` right; else how it failed."""
        arrays = self._split(given)
        try:
            result = call_with_timeout(fn, [a.copy() for a in arrays], self.call_timeout, then=_as_numbers)
        except CallTimedOut:
            return Failure("timeout", given)
        except (Exception, SystemExit) as exc:  # a learner's exit() is their function's doing
            return Failure("raised", given, detail=exception_line(exc))
        # Only now, with the learner's call over, is the expected result computed.
        expected = self.reference(*arrays)
        if isinstance(result, Failure):
            return Failure(result.kind, given, expected, detail=result.detail)
        actual = result
        dtypes = tuple(a.dtype for a in arrays)
        if actual.shape != expected.shape:
            return Failure("shape", given, expected, actual, variant=self._variant(actual, arrays))
        if compare_arrays(actual, expected, inputs=dtypes) is not None:
            kind = "integer" if actual.dtype.kind in "iu" else "values"
            variant = None if kind == "integer" else self._variant(actual, arrays)
            return Failure(kind, given, expected, actual, detail=str(actual.dtype), variant=variant)
        return None

    def _variant(self, actual: np.ndarray, arrays: tuple[np.ndarray, ...]) -> Variant | None:
        """The first known wrong answer whose result on these arrays is the learner's."""
        for variant in self.variants:
            try:
                wrong = np.asarray(variant.compute(*arrays))
            except (ValueError, ArithmeticError):  # not defined for these arrays: it cannot be this one
                continue
            if wrong.shape == actual.shape and compare_arrays(
                actual, wrong, inputs=tuple(a.dtype for a in arrays)
            ) is None:
                return variant
        return None

    def _search(self, fn: Any) -> Failure | None:
        """The smallest generated input the function gets wrong, and how; None if it gets all of them right
        (or time ran out first)."""
        from hypothesis import HealthCheck, Phase, Verbosity, find, settings
        from hypothesis import strategies as st
        from hypothesis.extra.numpy import arrays

        if self.strategy is not None:
            strategy = self.strategy()
        else:
            shapes = st.tuples(st.integers(1, self.max_side), st.integers(1, self.max_side))
            values = st.floats(-100, 100, allow_nan=False, allow_infinity=False, width=32)
            strategy = arrays(np.float64, shapes, elements=values)
        stop_at = time.monotonic() + self.time_budget
        # Every failure seen, by input: hypothesis may give up (a function slow on some inputs fails one
        # time and not the next, which it calls flaky), and the smallest one seen is still worth showing.
        seen: dict[bytes, Failure] = {}

        def key(given: np.ndarray | tuple[np.ndarray, ...]) -> bytes:
            return b"|".join(a.tobytes() + str(a.shape).encode() for a in self._split(given))

        timeouts = [0]

        def fails(given: np.ndarray | tuple[np.ndarray, ...]) -> bool:
            if key(given) in seen:
                return True
            # Out of time, or of calls that time out (each costs a whole `call_timeout`; counting them, not
            # the clock, keeps the input shown the same from one check to the next): what was found so far.
            if time.monotonic() > stop_at or timeouts[0] >= MAX_TIMEOUTS:
                return False
            failure = self.failure(fn, given)
            if failure is not None:
                seen[key(given)] = failure
                timeouts[0] += failure.kind == "timeout"
            return failure is not None

        try:
            smallest = find(
                strategy,
                fails,
                settings=settings(
                    max_examples=self.max_examples,
                    derandomize=True,
                    database=None,
                    deadline=None,
                    verbosity=Verbosity.quiet,
                    phases=[Phase.generate, Phase.shrink],
                    suppress_health_check=list(HealthCheck),
                ),
            )
        except Exception:  # NoSuchExample, or hypothesis giving up on a flaky function: judged from `seen`
            smallest = None
        if smallest is not None and key(smallest) in seen:
            return seen[key(smallest)]
        if not seen:
            return None
        def smallness(f: Failure) -> tuple[int, tuple[tuple[int, ...], ...], float]:
            arrays = self._split(f.given)
            return (
                sum(a.size for a in arrays),
                tuple(a.shape for a in arrays),
                float(sum(np.abs(a).sum() for a in arrays)),
            )

        return min(seen.values(), key=smallness)

    def incorrect(self, failure: Failure) -> Incorrect:
        return Incorrect(self.describe(failure), mistake=failure.mistake)

    def describe(self, failure: Failure) -> str:
        lines = [
            _array_code(array, f"{argument} = ")
            for argument, array in zip(self.arguments, self._split(failure.given))
        ]
        shown = "\n\n```python\n" + "\n".join(lines) + "\n```"
        name = code(self.name)
        if failure.kind == "timeout":
            return f"{name} did not return within {self.call_timeout:g} seconds for this input:{shown}"
        if failure.kind == "raised":
            return f"{name} raised {failure.detail} for this input:{shown}"
        if failure.kind == "none":
            return f"{name} returned `None` for this input. Did you forget a `return` statement?{shown}"
        if failure.kind == "type":
            return f"{name} returned {failure.detail} for this input, not an array of numbers:{shown}"
        # From here on the failure is about the values, so the expected result is known.
        assert failure.expected is not None, failure.kind
        expected = f"\n\nExpected:\n\n```python\n{_array_code(failure.expected)}\n```"
        actual = "" if failure.actual is None else f"\n\nYours:\n\n```python\n{_array_code(failure.actual)}\n```"
        if failure.variant is not None:
            return f"{name} {failure.variant.says}. For this input:{shown}{expected}{actual}"
        if failure.kind == "shape":
            got = "?" if failure.actual is None else str(failure.actual.shape)
            return (
                f"{name} returned shape {code(got)}, but {self.computes} of this input gives "
                f"shape {code(str(failure.expected.shape))}:{shown}{expected}{actual}"
            )
        if failure.kind == "integer":
            return (
                f"{name} returned integers ({code(failure.detail)}) for this input, so the fractional part of "
                f"every value is lost. Give the result the input's floating-point dtype, for example with "
                f"`np.empty(..., dtype={self.arguments[0]}.dtype)`:{shown}{expected}{actual}"
            )
        return f"{name} returns the wrong values for this input:{shown}{expected}{actual}"


_NO_INPUT = np.zeros(0)


def _as_numbers(result: Any) -> np.ndarray | Failure:
    """The learner's result as a numpy array of numbers, or why it is not one (a Failure whose input is
    filled in later). Runs inside the call's time limit: reading the result may run learner code."""
    if result is None:
        return Failure("none", _NO_INPUT)
    what = describe_non_array(result)
    if what is not None:
        return Failure("type", _NO_INPUT, detail=what)
    try:
        info = inspect_array(result, "the result")
        actual = load_array(info, "the result")
    except Incorrect:
        return Failure("type", _NO_INPUT, detail="a value that could not be read as numbers")
    if info.dtype.kind not in "fiu":
        return Failure("type", _NO_INPUT, detail=f"an array of {code(str(info.dtype))} values")
    return np.array(actual, copy=True)  # the learner's function may keep and change what it returned


def _undecorated(fn: Any) -> Any:
    """A `tf.function`'s own Python function, which runs eagerly on numpy input: the learner's code, judged
    without a graph traced again for every new input shape (which alone takes longer than a call may)."""
    tf = sys.modules.get("tensorflow")
    function_types = tuple(
        t
        for t in (getattr(getattr(getattr(tf, "types", None), "experimental", None), n, None) for n in (
            "PolymorphicFunction",
            "GenericFunction",
        ))
        if isinstance(t, type)
    )
    if function_types and isinstance(fn, function_types):
        inner = getattr(fn, "python_function", None)
        if callable(inner):
            return inner
    return fn


def _array_code(array: np.ndarray, prefix: str = "") -> str:
    """`prefix` + `np.array([...])`, with every row under the first one."""
    opening = f"{prefix}np.array("
    text = np.array2string(
        np.asarray(array),
        separator=", ",
        precision=4,
        suppress_small=True,
        threshold=200,
        max_line_width=88,
        prefix=opening,
    )
    return f"{opening}{text})"
