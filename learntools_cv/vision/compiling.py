"""Judging a learner's `model.compile(...)` for a two-class classifier whose model ends in one sigmoid unit (the
Car-or-Truck lessons: car is 0, truck is 1). Lesson 1 asks for this compile, and lessons 5 and 6 ask for it
again.

Everything is read through Keras 3's public API, and nothing of the model is changed: `model.compiled`,
`model.loss` (the loss as the learner gave it), `model.get_compile_config()` (the metrics as given), and, once
a `fit` or `evaluate` has built them, the metrics Keras resolved (`model.metrics`). The loss and each metric are
judged by what they compute on a fixed handful of labels and probabilities, not by their names, so every way of
writing the same compile is right:

- the loss: `'binary_crossentropy'`, `keras.losses.BinaryCrossentropy()`, `keras.losses.binary_crossentropy`,
  `'crossentropy'` (which Keras resolves to the binary one for a one-unit output), a function of the learner's
  own that computes it;
- the metrics: `['binary_accuracy']`, `['accuracy']` (Keras resolves it to binary accuracy for a one-unit
  output), `[keras.metrics.BinaryAccuracy()]`, with other metrics beside it or not;
- before the first `fit` and after it, and on a model rebuilt from its config and weights and compiled again
  with `compile_from_config(get_compile_config())`, as a grader does.

The API:

- `judge_compile(model, name="model")` returns for a right compile, raises `NotAttempted` while the loss or a
  metric still holds the placeholder `____`, and raises `Incorrect(..., mistake=ID)` naming the mistake; the ids
  are `COMPILE_MISTAKE_IDS`;
- `read_compile(model)` returns what compile left on the model, as data (`CompileState`), for a lesson that
  words its own feedback;
- `compile_mistakes(name="model", optimizer="'adam'")` returns `Mistake` declarations, one for each mistake
  the judge names that a line of `compile` can make, for a question's `mistakes` list (the self-check then
  proves the judge names them).

A question that judges a compile reads the learner's model, for example:

    class CompileModel(Question):
        mistakes = compile_mistakes()

        def check(self, model):
            judge_compile(model)

Keras and TensorFlow are imported when a model is judged, not when this module is imported.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from learntools_cv.core.exceptions import Incorrect, NotAttempted
from learntools_cv.core.placeholder import is_placeholder
from learntools_cv.core.question import Mistake
from learntools_cv.core.text import code, short_repr
from learntools_cv.core.values import keras_kind

__all__ = [
    "COMPILE_MISTAKE_IDS",
    "CompileState",
    "compile_mistakes",
    "judge_compile",
    "read_compile",
]

# How long one call of a loss or metric (perhaps the learner's own function) may take, in seconds.
CALL_SECONDS = 10.0

# The probe: labels (1 for truck) and the probabilities a model might give them. Binary accuracy at 0.5 is 0.75
# here, and every other common metric (exact accuracy, categorical accuracy, precision, recall, AUC, another
# threshold) gives something else; the binary cross-entropy differs from the mean squared error, from the
# cross-entropy of these numbers read as logits, and from a smoothed one.
PROBE_LABELS = np.array([[1], [0], [1], [0], [1], [0], [1], [1]], dtype=np.float32)
PROBE_PROBABILITIES = np.array([[0.9], [0.2], [0.6], [0.4], [0.3], [0.7], [0.55], [0.8]], dtype=np.float32)

# The ids `judge_compile` raises with, in the order it looks for them.
COMPILE_MISTAKE_IDS = (
    "not-a-model",
    "not-compiled",
    "output-not-one-unit",
    "no-loss",
    "unknown-loss",
    "categorical-crossentropy",
    "sparse-categorical-crossentropy",
    "from-logits",
    "regression-loss",
    "wrong-loss",
    "no-metric",
    "unknown-metric",
    "unreadable-metric",
    "categorical-accuracy",
    "exact-accuracy",
    "wrong-metric",
)

_ACCURACY_NAMES = ("accuracy", "acc")
_CROSSENTROPY_NAMES = ("crossentropy", "ce")
_REGRESSION_LOSSES = {
    "mean_squared_error": "the mean squared error",
    "mse": "the mean squared error",
    "mean_absolute_error": "the mean absolute error",
    "mae": "the mean absolute error",
    "mean_absolute_percentage_error": "the mean absolute percentage error",
    "mape": "the mean absolute percentage error",
    "mean_squared_logarithmic_error": "the mean squared logarithmic error",
    "msle": "the mean squared logarithmic error",
    "huber": "the Huber loss",
    "log_cosh": "the log-cosh loss",
    "logcosh": "the log-cosh loss",
}


@dataclass(frozen=True)
class CompileState:
    """What `model.compile(...)` left on a model, read without changing it."""

    compiled: bool
    """Whether `compile` has been called (`model.compiled`)."""
    loss: Any
    """The loss as the learner gave it (`model.loss`): a name, a `Loss` object, a function; None without one."""
    metrics: tuple[Any, ...] | None
    """The metrics: the ones Keras built (after a fit or evaluate), else the entries of the compile config (names
    or serialized objects); () when compile was given none; None when they cannot be read back."""
    metrics_built: bool
    """True when `metrics` are the metric objects Keras resolved and built, False when they are the config's."""
    unreadable: str = ""
    """Why the metrics could not be read back ('' when they could)."""
    placeholder_metric: bool = False
    """True when a metric still holds the placeholder `____`."""
    output_units: int | None = None
    """The size of the model's output's last axis (1 for a sigmoid classifier), when the model is built."""


def read_compile(model: Any) -> CompileState:
    """What compile left on `model`, through Keras 3's public API. Raises Incorrect ('not-a-model') when `model`
    is not a Keras model."""
    if keras_kind(model) != "model":
        raise Incorrect(_not_a_model("model", model), mistake="not-a-model")
    compiled = bool(_attribute(model, "compiled", False))
    loss = _attribute(model, "loss", None)
    units = _output_units(model)
    if not compiled:
        return CompileState(False, loss, None, False, output_units=units)
    built = _built_metrics(model)
    if built is not None:
        return CompileState(True, loss, built, True, output_units=units)
    try:
        config = model.get_compile_config()
    except Exception as exc:  # Keras cannot serialize something the learner passed (the placeholder among them)
        # The loss is read from `model.loss`; a placeholder that is not the loss must be a metric.
        placeholder = "Placeholder" in str(exc) and not is_placeholder(loss)
        return CompileState(True, loss, None, False, unreadable=_first_line(exc), placeholder_metric=placeholder,
                            output_units=units)
    entries = config.get("metrics") if isinstance(config, dict) else None
    if entries is None:
        metrics: tuple[Any, ...] = ()
    elif isinstance(entries, (list, tuple)):
        metrics = tuple(entries)
    else:
        metrics = (entries,)
    return CompileState(True, loss, metrics, False, output_units=units)


def judge_compile(model: Any, name: str = "model") -> None:
    """Return when `model` was compiled with the binary cross-entropy and binary accuracy (any way of writing
    them); raise NotAttempted while its loss or a metric is still `____`; raise Incorrect naming the mistake."""
    if is_placeholder(model):
        raise NotAttempted(f"{code(name)} still holds the placeholder `____`: answer the question that builds it.")
    if keras_kind(model) != "model":
        raise Incorrect(_not_a_model(name, model), mistake="not-a-model")
    state = read_compile(model)
    if not state.compiled:
        raise Incorrect(
            f"{code(name)} has not been compiled yet. Call {code(name + '.compile(...)')} with an optimizer, a "
            "loss and metrics, then check again.",
            mistake="not-compiled",
        )
    if is_placeholder(state.loss) or state.placeholder_metric:
        blanks = " and ".join(
            part for part, blank in (("the loss", is_placeholder(state.loss)), ("a metric", state.placeholder_metric))
            if blank
        )
        verb = "hold" if " and " in blanks else "holds"
        raise NotAttempted(f"{blanks.capitalize()} in {code(name + '.compile(...)')} still {verb} the placeholder "
                           "`____`: fill in the blanks and run the cell again.")
    if state.output_units is not None and state.output_units != 1:
        raise Incorrect(
            f"{code(name)} gives {state.output_units} numbers for each picture, but a loss and an accuracy for "
            "two classes expect one: the probability of class 1 (truck), from a last `Dense(1, "
            "activation='sigmoid')` layer. Fix the model first, then compile it again.",
            mistake="output-not-one-unit",
        )
    _judge_loss(state.loss, name)
    _judge_metrics(state, name)


# ---------------------------------------------------------------- the loss


def _judge_loss(loss: Any, name: str) -> None:
    call = f"{name}.compile(...)"
    if loss is None:
        raise Incorrect(
            f"{code(call)} was given no loss, so `fit` has nothing to minimise. Pass `loss='binary_crossentropy'`.",
            mistake="no-loss",
        )
    label = _loss_label(loss)
    fn, error = _loss_function(loss)
    if fn is None:
        raise Incorrect(
            f"Keras does not know a loss called {code(short_repr(loss))}{error}. For two classes, use the binary "
            "cross-entropy: `loss='binary_crossentropy'`.",
            mistake="unknown-loss",
        )
    value = _evaluate(fn)
    expected = _binary_crossentropy(PROBE_PROBABILITIES)
    if value is not None and _close(value, expected):
        return
    lowered = label.lower()
    if "sparse" in lowered and "crossentropy" in lowered:
        raise Incorrect(
            f"The loss is the sparse categorical cross-entropy ({code(label)}). It is for labels that number one "
            "class out of several, each with its own output unit; this model has one output, the probability of "
            "truck. For two classes, use `loss='binary_crossentropy'`.",
            mistake="sparse-categorical-crossentropy",
        )
    if "categorical" in lowered and "crossentropy" in lowered:
        raise Incorrect(
            f"The loss is the categorical cross-entropy ({code(label)}). It is for one-hot labels over several "
            "classes; on this model's single output it normalises each probability to 1 and so is always 0, and "
            "the model learns nothing. For two classes, use `loss='binary_crossentropy'`.",
            mistake="categorical-crossentropy",
        )
    if value is not None and _close(value, _binary_crossentropy(_sigmoid(PROBE_PROBABILITIES))):
        raise Incorrect(
            "The loss reads the model's outputs as logits (`from_logits=True`), but the model ends with a "
            "sigmoid, so its outputs are already probabilities. Leave `from_logits` at its default, False: "
            "`keras.losses.BinaryCrossentropy()` or `loss='binary_crossentropy'`.",
            mistake="from-logits",
        )
    regression = _REGRESSION_LOSSES.get(lowered) or (
        "the mean squared error" if value is not None and _close(value, _mean_squared_error()) else None
    )
    if regression is not None:
        raise Incorrect(
            f"The loss is {regression} ({code(label)}), a loss for predicting numbers (regression). For a "
            "choice between two classes, use the binary cross-entropy: `loss='binary_crossentropy'`.",
            mistake="regression-loss",
        )
    found = "raises an error" if value is None else f"gives {value:.4g}"
    settings = (" It has the binary cross-entropy's name, so one of its settings (label smoothing, for example) "
                "changes what it computes." if "binary_crossentropy" == lowered else "")
    raise Incorrect(
        f"The loss ({code(label)}) is not the binary cross-entropy: on the same labels and probabilities it "
        f"{found}, where the binary cross-entropy gives {expected:.4g}.{settings} Use "
        "`loss='binary_crossentropy'`.",
        mistake="wrong-loss",
    )


def _loss_function(loss: Any) -> tuple[Callable[..., Any] | None, str]:
    """(a callable computing the loss as compile resolves it, or None with why not)."""
    import keras

    if isinstance(loss, (list, tuple)) and len(loss) == 1:
        loss = loss[0]
    if isinstance(loss, str):
        if loss.lower() in _CROSSENTROPY_NAMES:  # Keras' shorthand: binary for a one-unit output
            return keras.losses.binary_crossentropy, ""
        try:
            return keras.losses.get(loss), ""
        except Exception:
            return None, ""
    if isinstance(loss, dict):
        try:
            return keras.losses.deserialize(loss), ""
        except Exception as exc:
            return None, f" ({_first_line(exc)})"
    if callable(loss):
        return loss, ""
    return None, ""


def _loss_label(loss: Any) -> str:
    """The name a learner would recognise: the string, a Loss object's name or a function's name."""
    if isinstance(loss, (list, tuple)) and len(loss) == 1:
        loss = loss[0]
    if isinstance(loss, str):
        return loss
    if isinstance(loss, dict):
        inner = loss.get("config")
        named = inner.get("name") if isinstance(inner, dict) else None
        return str(named or loss.get("class_name") or "the loss")
    for attribute in ("name", "__name__"):
        value = _attribute(loss, attribute, None)
        if isinstance(value, str) and value:
            return value
    return short_repr(loss)


def _evaluate(fn: Callable[..., Any]) -> float | None:
    """The mean of `fn(labels, probabilities)` on the probe, or None when it raises or is not a finite number."""
    from learntools_cv.core.timeouts import call_with_timeout

    try:
        result = call_with_timeout(fn, (PROBE_LABELS, PROBE_PROBABILITIES), CALL_SECONDS, then=_mean_number)
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return None
    return result


def _mean_number(value: Any) -> float | None:
    array = np.asarray(value, dtype=np.float64)
    if array.size == 0:
        return None
    mean = float(array.mean())
    return mean if math.isfinite(mean) else None


# ---------------------------------------------------------------- the metrics


def _judge_metrics(state: CompileState, name: str) -> None:
    call = f"{name}.compile(...)"
    if state.metrics is None:
        raise Incorrect(
            f"Keras cannot read back the metrics of {code(call)} ({state.unreadable}), so this check cannot "
            "tell what they compute. Pass the metric by its name: `metrics=['binary_accuracy']`.",
            mistake="unreadable-metric",
        )
    if not state.metrics:
        raise Incorrect(
            f"{code(call)} was given no metric, so training reports only the loss. Add the accuracy for two "
            "classes: `metrics=['binary_accuracy']`.",
            mistake="no-metric",
        )
    findings = [_metric_finding(entry, state) for entry in state.metrics]
    if any(kind == "right" for kind, _ in findings):
        return
    for wanted in ("unknown-metric", "unreadable-metric", "categorical-accuracy", "exact-accuracy"):
        for kind, label in findings:
            if kind == wanted:
                raise Incorrect(_METRIC_WORDS[kind].format(metric=code(label), call=code(call)), mistake=kind)
    labels = ", ".join(code(label) for _, label in findings)
    raise Incorrect(_METRIC_WORDS["wrong-metric"].format(metric=labels, call=code(call)), mistake="wrong-metric")


_METRIC_WORDS = {
    "unknown-metric": "Keras does not know a metric called {metric}. For two classes, use "
    "`metrics=['binary_accuracy']` (or `['accuracy']`, which Keras reads as binary accuracy here).",
    "unreadable-metric": "Keras cannot read back the metric {metric}, so this check cannot tell what it "
    "computes. Pass the metric by its name: `metrics=['binary_accuracy']`.",
    "categorical-accuracy": "The metric {metric} is an accuracy for several classes: it takes the output unit "
    "with the largest value as the predicted class, and with one output unit that is always unit 0, car, "
    "whatever the model predicts. For two classes, use `metrics=['binary_accuracy']`.",
    "exact-accuracy": "The metric {metric} counts a prediction as right only when it equals the label exactly, "
    "and a probability such as 0.93 never equals 1, so it stays near 0. Binary accuracy rounds each probability "
    "at 0.5 first: use `metrics=['binary_accuracy']`, or `['accuracy']`, which Keras reads as binary accuracy "
    "for a one-unit output.",
    "wrong-metric": "The metrics ({metric}) do not include the accuracy for two classes: none of them gives the "
    "share of pictures whose probability, rounded at 0.5, is their label. Add `'binary_accuracy'` to "
    "`metrics`.",
}


def _metric_finding(entry: Any, state: CompileState) -> tuple[str, str]:
    """(what the metric is: 'right', or a mistake id, and the name to show for it)."""
    import keras

    label = _metric_label(entry)
    if is_placeholder(entry):
        return "unknown-metric", label
    metric: Any
    if state.metrics_built:
        metric = _fresh_copy(entry)
        if metric is None:
            return "unreadable-metric", label
    elif isinstance(entry, str):
        if entry.lower() in _ACCURACY_NAMES:
            metric = _resolve_accuracy(state.output_units)
        else:
            try:
                metric = keras.metrics.get(entry)
            except Exception:
                return "unknown-metric", repr(entry)
    elif isinstance(entry, dict):
        if entry.get("class_name") == "__lambda__":  # deserializing a lambda would run its code: never done here
            return "unreadable-metric", label
        try:
            if entry.get("class_name") == "function" and isinstance(entry.get("config"), str):
                metric = keras.metrics.get(entry["config"])  # a Keras metric function, serialized by its name
            else:
                metric = keras.metrics.deserialize(entry)
        except Exception:
            return "unreadable-metric", label
    elif callable(entry):
        metric = entry
    else:
        return "unknown-metric", label
    value = _metric_value(metric)
    if value is not None and _close(value, _binary_accuracy()):
        return "right", label
    if "categorical" in label.lower() or "categorical" in _metric_label(metric).lower():
        return "categorical-accuracy", label
    if value is not None and _close(value, 0.0) and _metric_label(metric).lower() in _ACCURACY_NAMES:
        return "exact-accuracy", label
    return "wrong-metric", label


def _resolve_accuracy(units: int | None) -> Any:
    """What Keras makes of `'accuracy'` for labels of shape (batch, 1) and an output with `units` units."""
    import keras

    if units is None or units == 1:
        return keras.metrics.BinaryAccuracy()
    return keras.metrics.SparseCategoricalAccuracy()


def _fresh_copy(metric: Any) -> Any:
    """A new metric object made from `metric`'s config, so that measuring it leaves the learner's untouched."""
    try:
        return type(metric).from_config(metric.get_config())
    except Exception:
        return None


def _metric_value(metric: Any) -> float | None:
    """What `metric` gives on the probe: a fresh Metric object's result, or the mean of a metric function."""
    import keras

    from learntools_cv.core.timeouts import call_with_timeout

    def measure(m: Any) -> Any:
        if isinstance(m, keras.metrics.Metric):
            m.update_state(PROBE_LABELS, PROBE_PROBABILITIES)
            return m.result()
        return m(PROBE_LABELS, PROBE_PROBABILITIES)

    try:
        return call_with_timeout(measure, (metric,), CALL_SECONDS, then=_mean_number)
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return None


def _metric_label(entry: Any) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict):
        if entry.get("class_name") == "__lambda__":
            return "lambda"
        inner = entry.get("config")
        if isinstance(inner, dict) and isinstance(inner.get("name"), str):
            return str(inner["name"])
        if isinstance(inner, str):
            return inner
        return str(entry.get("class_name") or "a metric")
    for attribute in ("name", "__name__"):
        value = _attribute(entry, attribute, None)
        if isinstance(value, str) and value:
            return value
    return short_repr(entry)


def _built_metrics(model: Any) -> tuple[Any, ...] | None:
    """The metric objects Keras resolved from compile's `metrics`, once a fit or evaluate has built them; None
    before. `model.metrics` lists the loss tracker, then a container whose `metrics` are the resolved ones."""
    try:
        listed = list(model.metrics)
    except Exception:
        return None
    found: list[Any] = []
    containers = 0
    for metric in listed:
        inner = _attribute(metric, "metrics", None)
        if isinstance(inner, (list, tuple)):
            containers += 1
            found.extend(inner)
    if containers == 0 or not found:
        return None
    return tuple(found)


# ---------------------------------------------------------------- reference values and helpers


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x.astype(np.float64))))


def _binary_crossentropy(p: np.ndarray) -> float:
    y = PROBE_LABELS.astype(np.float64)
    q = np.clip(p.astype(np.float64), 1e-7, 1 - 1e-7)  # Keras clips probabilities by its epsilon, 1e-7
    return float(np.mean(-(y * np.log(q) + (1 - y) * np.log(1 - q))))


def _mean_squared_error() -> float:
    return float(np.mean((PROBE_LABELS.astype(np.float64) - PROBE_PROBABILITIES.astype(np.float64)) ** 2))


def _binary_accuracy() -> float:
    return float(np.mean((PROBE_PROBABILITIES > 0.5) == (PROBE_LABELS > 0.5)))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-4 * max(1.0, abs(b))


def _output_units(model: Any) -> int | None:
    try:
        outputs = model.outputs
        if not outputs or len(outputs) != 1:
            return None
        last = outputs[0].shape[-1]
    except Exception:  # not built yet, or no single output
        return None
    return int(last) if isinstance(last, int) else None


def _attribute(obj: Any, attribute: str, default: Any) -> Any:
    try:
        return getattr(obj, attribute, default)
    except Exception:  # a property that raises on an object not set up (a grader's stand-in)
        return default


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _not_a_model(name: str, value: Any) -> str:
    kind = keras_kind(value)
    if kind == "layer":
        return (f"{code(name)} is a Keras layer, not a model: put the layers in `keras.Sequential([...])` and "
                f"assign the model to {code(name)}.")
    if isinstance(value, type):
        return (f"{code(name)} is the class {code(getattr(value, '__name__', 'Model'))} itself, not a model made "
                f"from it: call it, `keras.Sequential([...])`.")
    if isinstance(value, (list, tuple)):
        return (f"{code(name)} is a {type(value).__name__} of layers, not a model: wrap it in "
                f"`keras.Sequential([...])`.")
    return f"{code(name)} should be a Keras model, but it is {code(short_repr(value))}."


# ---------------------------------------------------------------- declared mistakes, for questions


def compile_mistakes(name: str = "model", optimizer: str = "'adam'") -> list[Mistake]:
    """`Mistake` declarations for the mistakes `judge_compile` names that a call of compile can make, written
    for a model in the notebook variable `name`, compiled with the optimizer expression `optimizer`. The
    exercise's setup must define `keras` (the self-check runs each code after it)."""

    def compiled(loss: str, metrics: str) -> str:
        return f"{name}.compile(optimizer={optimizer}, loss={loss}, metrics={metrics})"

    return [
        Mistake(f"{name} = keras.models.clone_model({name})", "has not been compiled yet", id="not-compiled"),
        Mistake(compiled("'categorical_crossentropy'", "['accuracy']"), "The loss is the categorical cross-entropy",
                id="categorical-crossentropy"),
        Mistake(compiled("'sparse_categorical_crossentropy'", "['accuracy']"),
                "The loss is the sparse categorical cross-entropy", id="sparse-categorical-crossentropy"),
        Mistake(compiled("keras.losses.BinaryCrossentropy(from_logits=True)", "['binary_accuracy']"),
                "reads the model's outputs as logits", id="from-logits"),
        Mistake(compiled("'mse'", "['binary_accuracy']"), "The loss is the mean squared error", id="regression-loss"),
        Mistake(compiled("keras.losses.BinaryFocalCrossentropy()", "['binary_accuracy']"),
                "is not the binary cross-entropy", id="wrong-loss"),
        Mistake(compiled("'abc'", "['binary_accuracy']"), "Keras does not know a loss called", id="unknown-loss"),
        Mistake(f"{name}.compile(optimizer={optimizer}, metrics=['binary_accuracy'])", "was given no loss",
                id="no-loss"),
        Mistake(f"{name}.compile(optimizer={optimizer}, loss='binary_crossentropy')", "was given no metric",
                id="no-metric"),
        Mistake(compiled("'binary_crossentropy'", "['abc']"), "Keras does not know a metric called",
                id="unknown-metric"),
        Mistake(compiled("'binary_crossentropy'", "['categorical_accuracy']"), "is an accuracy for several classes",
                id="categorical-accuracy"),
        Mistake(compiled("'binary_crossentropy'", "[keras.metrics.Accuracy()]"), "equals the label exactly",
                id="exact-accuracy"),
        Mistake(compiled("'binary_crossentropy'", "['AUC']"), "do not include the accuracy for two classes",
                id="wrong-metric"),
    ]

