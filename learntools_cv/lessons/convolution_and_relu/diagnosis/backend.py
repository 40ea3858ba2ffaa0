"""Judging the backend functions a learner names for the filter and detect steps (`conv_fn`, `relu_fn`), by
what they compute.

The notebook calls them as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')` and
`relu_fn(image_filter)`. `ConvFunctionTask` and `ReluFunctionTask` call the learner's function the same way on
small test inputs and compare its results with the reference ops: any function that computes what
`tf.nn.conv2d` / `tf.nn.relu` compute is right (`tf.nn.convolution`, `keras.activations.relu`, a lambda), and
nothing is judged by name or identity. When the results are wrong, the function is tried in the ways the
usual wrong answers are called (a 1-D convolution takes `stride`, a depthwise one `filter`, Keras' `conv`
takes its arguments in order) and its values are compared with theirs (ReLU6, leaky ReLU, sigmoid, a kernel
flipped, ...), so that the message names the mistake.

Every call goes through `core.timeouts.call_with_timeout` (time limit, quiet, process state left as found),
and so does reading its result. The test inputs are TensorFlow tensors when TensorFlow is loaded (as the
notebook's are), numpy arrays otherwise; this module never imports TensorFlow.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core.compare import arrays_match, compare_arrays
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import code, short_repr
from learntools_cv.core.timeouts import CallTimedOut, call_with_timeout
from learntools_cv.core.utils import exception_line
from learntools_cv.core.values import describe_non_array, inspect_array, keras_kind, load_array

# Seconds one call of the learner's function may take: a TensorFlow op on the small test inputs takes
# milliseconds, the first one in a process a few tens of them.
CALL_SECONDS = 2.0


# ---------------------------------------------------------------------------------------------------------
# Calling the learner's function


@dataclass(frozen=True)
class Called:
    """What one call of the learner's function did."""

    result: np.ndarray | None = None
    """Its result as numbers, when it returned an array or tensor of numbers."""
    raised: str = ""
    """The exception it raised, as one line of code ('`TypeError: ...`')."""
    error: str = ""
    """The exception's class name ('TypeError'): names, not classes, because a grader rebuilds them."""
    timed_out: bool = False
    returned: str = ""
    """What it returned instead of numbers ('`None`', 'a Python list')."""


class Calls:
    """The calls of one learner function during one judgement. Once a call has run out of time, the function
    is not called again: a check that probes it several ways must not wait for each."""

    def __init__(self, fn: Any) -> None:
        self.fn = fn
        self.hung = False

    def __call__(self, args: Sequence[Any] = (), kwargs: Mapping[str, Any] | None = None) -> Called:
        if self.hung:
            return Called(timed_out=True)
        called = call(self.fn, args, kwargs)
        self.hung = called.timed_out
        return called


def call(fn: Any, args: Sequence[Any] = (), kwargs: Mapping[str, Any] | None = None) -> Called:
    """Call the learner's `fn` with the arrays `args` and `kwargs` (numpy arrays become tensors when TensorFlow
    is loaded) and say what happened. Never raises for anything the learner's code does."""
    try:
        result = call_with_timeout(
            fn,
            [_as_input(a) for a in args],
            CALL_SECONDS,
            kwargs={k: _as_input(v) for k, v in (kwargs or {}).items()},
            then=_as_numbers,
        )
    except CallTimedOut:
        return Called(timed_out=True)
    except (Exception, SystemExit) as exc:  # whatever the learner's code raises is its answer
        return Called(raised=exception_line(exc), error=type(exc).__name__)
    if isinstance(result, str):
        return Called(returned=result)
    return Called(result=result)


def _as_input(value: Any) -> Any:
    """A numpy test input as the notebook would pass it: a tensor, when TensorFlow is there."""
    tf = sys.modules.get("tensorflow")
    if isinstance(value, np.ndarray) and tf is not None and hasattr(tf, "constant"):
        return tf.constant(value)
    return value


def _as_numbers(result: Any) -> np.ndarray | str:
    """The result as a numpy array of numbers, or a few words saying what it is instead. Runs inside the
    call's time limit: reading a result may run learner code."""
    if result is None:
        return "`None`"
    what = describe_non_array(result)
    if what is not None:
        return what
    try:
        info = inspect_array(result, "the result")
        array = load_array(info, "the result")
    except Incorrect:
        return "a value that could not be read as numbers"
    if info.dtype.kind not in "fiu":
        return f"an array of {code(str(info.dtype))} values"
    return np.array(array, dtype=np.float64, copy=True)


# ---------------------------------------------------------------------------------------------------------
# What a value is, when it is not a function


def refuse_non_functions(value: Any, name: str, call_shown: str, names: Mapping[str, tuple[str, str]]) -> None:
    """Raise Incorrect when `value` is not a function the next cell could call as `call_shown`.

    `names` maps strings a learner might assign instead of the function (such as 'relu') to (message, id)."""
    if value is None:
        raise Incorrect(
            f"{code(name)} is `None`. Assign the TensorFlow function itself: its name after the `=`, without "
            f"calling it. The next cell calls it as {code(call_shown)}.",
            mistake="none",
        )
    described = _result_like(value)
    if described is not None:
        raise Incorrect(
            f"{code(name)} is {described}: the result of calling a function, not the function. Assign the "
            f"function itself, without parentheses or arguments; the next cell calls it as {code(call_shown)}.",
            mistake="called-result",
        )
    if isinstance(value, str):
        said = names.get(value.strip())
        if said is not None:
            raise Incorrect(said[0], mistake=said[1])
        if value.strip().replace(".", "").replace("_", "").isalnum():
            raise Incorrect(
                f"{code(name)} is the string {code(short_repr(value, 40))}, a name written as text. Assign the "
                "function itself, without quotes.",
                mistake="function-name-string",
            )
        raise Incorrect(f"{code(name)} is a string ({code(short_repr(value, 40))}), not a function.",
                        mistake="not-a-function")
    if isinstance(value, type):
        if _from_keras(value):
            raise Incorrect(
                f"{code(name)} is the Keras layer class {code(value.__name__)}: layers are built from settings "
                "and put in a model. This question asks for the TensorFlow function that does the layer's "
                f"work on values you give it, called as {code(call_shown)}.",
                mistake="keras-layer-class",
            )
        raise Incorrect(
            f"{code(name)} is the class {code(value.__name__)}, not a function. The next cell calls it as "
            f"{code(call_shown)}.",
            mistake="class-not-function",
        )
    kind = keras_kind(value)
    if kind is not None:
        raise Incorrect(
            f"{code(name)} is a Keras {code(type(value).__name__)} {kind}, an object made to be put in a model. "
            "This question asks for the TensorFlow function that does its work, called as "
            f"{code(call_shown)}.",
            mistake="keras-layer",
        )
    if isinstance(value, types.ModuleType):
        module = str(getattr(value, "__name__", "?"))
        # TensorFlow's public modules live under an internal name: `tf.nn` is tensorflow._api.v2.nn.
        module = "tf." + module.removeprefix("tensorflow._api.v2.") if module.startswith("tensorflow._api.v2.") else module
        raise Incorrect(
            f"{code(name)} is the module {code(str(module))}, which holds many functions. Assign the one that "
            f"does this step, called as {code(call_shown)}.",
            mistake="module",
        )
    try:
        callable_ = callable(value)
    except Exception:  # an object that lies about itself is no function
        callable_ = False
    if not callable_:
        # What it is in words, never its repr: a repr may hold memory addresses, which differ from run to run.
        raise Incorrect(
            f"{code(name)} is {describe_non_array(value) or 'a value of another kind'}, not a function.",
            mistake="not-a-function",
        )


def _result_like(value: Any) -> str | None:
    """'a float32 tensor of shape (1, 400, 400, 1)' for a tensor, variable or array; None otherwise."""
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {code(str(tuple(value.shape)))}"
    try:
        info = inspect_array(value, "value")
    except Incorrect:
        return None
    return f"a {info.kind} of shape {code(str(info.shape))}"


def _from_keras(cls: type) -> bool:
    module = getattr(cls, "__module__", "")
    return isinstance(module, str) and module.split(".")[0] in ("keras", "tf_keras")


def _matches(actual: np.ndarray | None, expected: np.ndarray, terms: int = 1) -> bool:
    return actual is not None and arrays_match(actual, expected, inputs=(np.float32,), terms=terms)


# ---------------------------------------------------------------------------------------------------------
# q_2: the convolution


@dataclass(frozen=True)
class ConvCase:
    """One call of the convolution: a picture and filters of these shapes (values from `seed`), strides and
    padding."""

    picture: tuple[int, int, int, int]
    filters: tuple[int, int, int, int]
    strides: int
    padding: str
    seed: int

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        # Values with two decimals: a learner reading a failing case sees short numbers.
        x = np.round(rng.normal(size=self.picture), 2).astype(np.float32)
        k = np.round(rng.normal(size=self.filters), 2).astype(np.float32)
        return x, k

    def kwargs(self) -> dict[str, Any]:
        x, k = self.arrays()
        return {"input": x, "filters": k, "strides": self.strides, "padding": self.padding}

    def expected(self) -> np.ndarray:
        x, k = self.arrays()
        return reference.conv2d(x, k, self.strides, self.padding)

    @property
    def terms(self) -> int:
        return self.filters[0] * self.filters[1] * self.filters[2]

    def describe(self) -> str:
        return (
            f"a picture of shape {code(str(self.picture))} and filters of shape {code(str(self.filters))}, "
            f"with `strides={self.strides}` and `padding={self.padding!r}`"
        )


CONV_CASES = (
    ConvCase((1, 5, 7, 1), (3, 3, 1, 1), 1, "SAME", seed=1),  # the notebook's call, on a small picture
    ConvCase((1, 6, 5, 2), (3, 3, 2, 3), 1, "SAME", seed=2),  # channels in and out
    ConvCase((1, 7, 8, 1), (3, 3, 1, 1), 1, "VALID", seed=3),
    ConvCase((1, 9, 8, 2), (3, 2, 2, 2), 2, "SAME", seed=4),
)
"""The calls `conv_fn` must answer as `tf.nn.conv2d` does. The first is the notebook's own call; the others
tell a convolution apart from look-alikes that agree on one grayscale picture."""


@dataclass(frozen=True)
class ConvFunctionTask:
    """`name` must compute what `tf.nn.conv2d` computes, called with `input=`, `filters=`, `strides=` and
    `padding=` as the notebook calls it."""

    name: str = "conv_fn"
    cases: Sequence[ConvCase] = CONV_CASES

    @property
    def call_shown(self) -> str:
        return f"{self.name}(input=image, filters=kernel, strides=1, padding='SAME')"

    def judge(self, fn: Any) -> None:
        refuse_non_functions(fn, self.name, self.call_shown, {})
        calls = Calls(fn)
        for case in self.cases:
            called = calls(kwargs=case.kwargs())
            if _matches(called.result, case.expected(), case.terms):
                continue
            raise self._diagnose(calls, case, called)

    def _diagnose(self, calls: Calls, case: ConvCase, called: Called) -> Incorrect:
        name = code(self.name)
        if called.timed_out:
            return Incorrect(
                f"Calling {name} with {case.describe()} did not return within {CALL_SECONDS:g} seconds.",
                mistake="function-timeout",
            )
        if called.raised:
            return self._diagnose_raised(calls, case, called)
        if called.result is None:
            return Incorrect(
                f"Called as {code(self.call_shown)}, {name} returned {called.returned}, not a tensor. The next "
                "cell keeps what it returns as the filtered map.",
                mistake="returned-none" if called.returned == "`None`" else "not-an-array",
            )
        return self._diagnose_values(case, called.result)

    def _diagnose_raised(self, calls: Calls, case: ConvCase, called: Called) -> Incorrect:
        name = code(self.name)
        x, k = case.arrays()
        expected = case.expected()
        fails = f"Called as the next cell calls it, it raised {called.raised}."
        positional = calls(args=(x, k, case.strides, case.padding))
        if _matches(positional.result, expected, case.terms):
            return Incorrect(
                f"{name} computes the convolution when it is given its arguments in order, but it does not take "
                f"them by the names the next cell uses, {code(self.call_shown)}. {fails} Give the TensorFlow "
                "function whose arguments are called `input`, `filters`, `strides` and `padding`.",
                mistake="argument-names",
            )
        signal, kernel1d = x[:, 0], k[0]
        one_d = calls(kwargs={"input": signal, "filters": kernel1d, "stride": case.strides, "padding": case.padding})
        expected1d = reference.conv2d(signal[:, None], kernel1d[None], case.strides, case.padding)[:, 0]
        if _matches(one_d.result, expected1d, case.terms):
            return Incorrect(
                f"{name} is a one-dimensional convolution: it slides a kernel along a single row of values (a "
                f"sound, a time series), and it takes `stride`, not `strides`. {fails} A picture has rows and "
                "columns: give the convolution that slides the kernel in two dimensions.",
                mistake="conv1d",
            )
        depthwise = calls(
            kwargs={"input": x, "filter": k, "strides": [1, case.strides, case.strides, 1], "padding": case.padding}
        )
        if _matches(depthwise.result, depthwise_reference(x, k, case.strides, case.padding), case.terms):
            return Incorrect(
                f"{name} is a depthwise convolution: it filters each channel of the picture on its own and keeps "
                f"the channels apart, and its kernel argument is `filter`, not `filters`. {fails} A "
                "convolution layer adds up what each kernel finds across all the channels, one feature map per "
                "kernel: give that function.",
                mistake="depthwise",
            )
        rectified = calls(args=(x,))
        if _matches(rectified.result, reference.relu(x)):
            return Incorrect(
                f"{name} computes the ReLU, the detect step of question 3. {fails} The filter step slides a "
                "kernel over the picture: give the convolution function.",
                mistake="relu-not-conv",
            )
        return Incorrect(
            f"Calling {name} the way the next cell does, with {case.describe()}, raised {called.raised}. The "
            f"next cell calls it as {code(self.call_shown)}.",
            mistake="function-raised",
        )

    def _diagnose_values(self, case: ConvCase, actual: np.ndarray) -> Incorrect:
        name = code(self.name)
        x, k = case.arrays()
        expected = case.expected()
        given = f"(called with {case.describe()})"
        if _matches(actual, reference.relu(expected), case.terms):
            return Incorrect(
                f"{name} also applies the ReLU: every negative value of its result is 0 {given}. The filter "
                "step is the convolution alone, as a `Conv2D` layer without an activation computes it; the "
                "ReLU is the next step (question 3).",
                mistake="adds-relu",
            )
        if _matches(actual, reference.conv2d(x, k[::-1, ::-1], case.strides, case.padding), case.terms):
            return Incorrect(
                f"{name} turns each kernel upside down and back to front before sliding it {given}, as a "
                "mathematician's convolution does (`scipy.signal.convolve2d`, for example). `tf.nn.conv2d` "
                "and convolution layers slide the kernel as it is.",
                mistake="kernel-flipped",
            )
        other = "VALID" if case.padding == "SAME" else "SAME"
        if _matches(actual, reference.conv2d(x, k, case.strides, other), case.terms):
            return Incorrect(
                f"{name} does not use the `padding` it is given: it returns the {other!r} result {given}.",
                mistake="ignores-padding",
            )
        if case.strides != 1 and _matches(actual, reference.conv2d(x, k, 1, case.padding), case.terms):
            return Incorrect(
                f"{name} does not use the `strides` it is given: it returns the result of `strides=1` {given}.",
                mistake="ignores-strides",
            )
        if actual.shape != expected.shape:
            return Incorrect(
                f"{name} returns shape {code(str(actual.shape))} {given}, but the convolution gives shape "
                f"{code(str(expected.shape))}.",
                mistake="wrong-shape",
            )
        diff = compare_arrays(actual, expected, inputs=(np.float32,), terms=case.terms)
        detail = f" {diff.describe()}" if diff is not None else ""
        return Incorrect(
            f"{name} returns values that are not the convolution's {given}.{detail}",
            mistake="wrong-values",
        )


def depthwise_reference(x: np.ndarray, k: np.ndarray, strides: int, padding: str) -> np.ndarray:
    """What `tf.nn.depthwise_conv2d` computes: each input channel c filtered by its own k[:, :, c, m], the
    outputs ordered c * multiplier + m."""
    channels = [
        reference.conv2d(x[..., c : c + 1], k[:, :, c : c + 1, :], strides, padding) for c in range(x.shape[-1])
    ]
    return np.concatenate(channels, axis=-1)


# ---------------------------------------------------------------------------------------------------------
# q_3: the ReLU

# Values a ReLU and its look-alikes answer differently: negatives large and small, zero, values around 6
# (where ReLU6 stops), and large ones.
RELU_VALUES = np.array(
    [
        [-100.0, -7.5, -6.0, -2.0, -1.0, -0.5],
        [-0.25, -1e-3, 0.0, 1e-3, 0.25, 0.5],
        [1.0, 2.0, 3.5, 5.9, 6.0, 6.5],
        [7.5, 8.0, 10.0, 20.0, 50.0, 100.0],
    ],
    dtype=np.float32,
)
# The values a wrong ReLU is shown on: one per telling region.
SHOWN = (-2.0, -0.5, 0.0, 0.5, 3.5, 7.5)


@dataclass(frozen=True)
class Lookalike:
    """A function a learner may give instead of the ReLU: what it computes, the words naming it after the
    learner's function (`says`), and its name in a few words (`called`, 'ReLU6')."""

    mistake: str
    compute: Callable[[np.ndarray], np.ndarray]
    says: str
    called: str


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # 1 / (1 + e^-x), without overflowing for large negatives


def _elu(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, np.expm1(np.minimum(x, 0)))


def _softplus(x: np.ndarray) -> np.ndarray:
    return np.logaddexp(0.0, x)


RELU_LOOKALIKES = (
    Lookalike(
        "relu6",
        lambda x: np.clip(x, 0, 6),
        "is ReLU6: it also caps every value at 6, so a strong response of 7.5 comes out as 6. The ReLU keeps "
        "positive values whole",
        "ReLU6 (capped at 6)",
    ),
    Lookalike(
        "sigmoid",
        _sigmoid,
        "is the sigmoid: it squeezes every value into (0, 1), so negatives are not 0 and strong responses "
        "are flattened to nearly 1",
        "the sigmoid",
    ),
    Lookalike("identity", lambda x: x, "returns its input unchanged: the negative values are still there",
              "unchanged"),
    Lookalike("abs", np.abs, "makes negative values positive instead of setting them to 0", "the absolute value"),
    Lookalike("negatives-kept", lambda x: np.minimum(x, 0), "keeps the negative values and sets the positive "
              "ones to 0: the other way round", "the negative part"),
    Lookalike("elu", _elu, "is ELU: negative values curve down towards -1 instead of becoming 0", "ELU"),
    Lookalike("softplus", _softplus, "is softplus, a smooth curve that is never exactly 0", "softplus"),
    Lookalike("tanh", np.tanh, "is tanh: it squeezes every value into (-1, 1), negatives included", "tanh"),
)


def lookalike_of(x: np.ndarray, actual: np.ndarray) -> str | None:
    """What a wrong ReLU that turned `x` into `actual` is, in a few words ('the sigmoid', 'a leaky ReLU with
    slope 0.2'), when it is one of the usual ones; else None."""
    alpha = _leaky_slope(x, actual)
    if alpha is not None:
        return f"a leaky ReLU with slope {alpha:.3g}"
    for lookalike in RELU_LOOKALIKES:
        if lookalike.mistake != "identity" and _matches(actual, lookalike.compute(x.astype(np.float64))):
            return lookalike.called
    return None


@dataclass(frozen=True)
class ReluFunctionTask:
    """`name` must compute what `tf.nn.relu` computes, called with one tensor as the notebook calls it."""

    name: str = "relu_fn"
    values: np.ndarray = field(default_factory=lambda: RELU_VALUES)

    @property
    def call_shown(self) -> str:
        return f"{self.name}(image_filter)"

    def inputs(self) -> tuple[np.ndarray, ...]:
        """The lesson's values as a (1, 4, 6, 1) map, and again as two channels of random values."""
        rng = np.random.default_rng(7)
        spread = np.round(rng.normal(0, 5, size=(1, 3, 3, 2)), 2).astype(np.float32)
        return (self.values.reshape(1, *self.values.shape, 1), spread)

    def judge(self, fn: Any) -> None:
        said = (
            f"{code(self.name)} is the string `'relu'`: the name a Keras layer takes (`activation='relu'`). "
            f"The next cell calls {code(self.call_shown)}, so it must be the function itself: assign it "
            "without quotes."
        )
        refuse_non_functions(fn, self.name, self.call_shown, {"relu": (said, "activation-name")})
        calls = Calls(fn)
        for x in self.inputs():
            called = calls(args=(x,))
            if _matches(called.result, reference.relu(x)):
                continue
            raise self._diagnose(calls, x, called)

    def _diagnose(self, calls: Calls, x: np.ndarray, called: Called) -> Incorrect:
        name = code(self.name)
        if called.timed_out:
            return Incorrect(
                f"Calling {code(self.call_shown)} on a small map did not return within {CALL_SECONDS:g} seconds.",
                mistake="function-timeout",
            )
        if called.raised:
            pair = calls(args=(x, np.float32(0.0)))
            if _matches(pair.result, reference.relu(x)):
                return Incorrect(
                    f"{name} needs two arguments, the map and the 0 to compare it with, so calling it as the next "
                    f"cell does, {code(self.call_shown)}, raised {called.raised}. Give a function of one "
                    "argument: the ReLU itself, or a `lambda` around this one.",
                    mistake="two-arguments",
                )
            return Incorrect(
                f"Calling {name} the way the next cell does, {code(self.call_shown)}, on a small map raised "
                f"{called.raised}.",
                mistake="function-raised",
            )
        if called.result is None:
            return Incorrect(
                f"{code(self.call_shown)} returned {called.returned}, not a tensor. The next cell keeps what it "
                "returns as the detected map.",
                mistake="returned-none" if called.returned == "`None`" else "not-an-array",
            )
        actual = called.result
        if actual.shape != x.shape:
            return Incorrect(
                f"For a map of shape {code(str(x.shape))}, {name} returns shape {code(str(actual.shape))}. The "
                "ReLU works value by value and keeps the shape.",
                mistake="wrong-shape",
            )
        table = self._table(x, actual)
        alpha = _leaky_slope(x, actual)
        if alpha is not None:
            return Incorrect(
                f"{name} is a leaky ReLU: it multiplies negative values by {alpha:.3g} instead of setting them "
                f"to 0.{table}",
                mistake="leaky-relu",
            )
        for lookalike in RELU_LOOKALIKES:
            if _matches(actual, lookalike.compute(x.astype(np.float64))):
                return Incorrect(f"{name} {lookalike.says}.{table}", mistake=lookalike.mistake)
        return Incorrect(
            f"{name} returns values that are not the ReLU's. The ReLU sets each negative value to 0 and keeps "
            f"the others as they are.{table}",
            mistake="wrong-values",
        )

    def _table(self, x: np.ndarray, actual: np.ndarray) -> str:
        """A few inputs with the ReLU's and the learner's outputs, as a markdown table (the lesson's values)."""
        flat_x, flat_a = x.reshape(-1), actual.reshape(-1)
        picks = [int(np.flatnonzero(flat_x == v)[0]) for v in SHOWN if (flat_x == v).any()]
        if not picks:
            return ""
        rows = [
            f"| {_number(flat_x[i])} | {_number(max(float(flat_x[i]), 0.0))} | {_number(flat_a[i])} |"
            for i in picks
        ]
        return "\n\n| x | ReLU | yours |\n| --- | --- | --- |\n" + "\n".join(rows)


def _leaky_slope(x: np.ndarray, actual: np.ndarray) -> float | None:
    """The slope a of a leaky ReLU (x for x > 0, a * x below) that gives `actual`, with 0 < a < 1; else None."""
    flat_x, flat_a = x.reshape(-1).astype(np.float64), actual.reshape(-1)
    negative = flat_x < -0.1
    if not negative.any() or not _matches(flat_a[~negative & (flat_x > 0)], flat_x[~negative & (flat_x > 0)]):
        return None
    slope = float(np.median(flat_a[negative] / flat_x[negative]))
    if not 0 < slope < 1:
        return None
    leaky = np.where(flat_x > 0, flat_x, slope * flat_x)
    return slope if _matches(flat_a, leaky) else None


def _number(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.3g}"
