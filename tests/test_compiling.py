"""The compile judge the Car-or-Truck lessons share (`learntools_cv.vision.compiling`): every way of writing the
right compile is Correct, before the first fit, after it, and on a model rebuilt from its config and weights as a
grader rebuilds it; every mistake it names gets its id and exact words; a blank is Not attempted; and judging
never changes the learner's model (its compile, its weights, its metrics' state).

The models are tiny (four inputs, one sigmoid unit): what is judged is the compile, not the model.
"""

from __future__ import annotations

import re
from pathlib import Path

import keras
import numpy as np
import pytest
from keras import layers

from learntools_cv.core import ____
from learntools_cv.core.exceptions import Incorrect, NotAttempted
from learntools_cv.vision import compiling
from learntools_cv.vision.compiling import (
    COMPILE_MISTAKE_IDS,
    compile_mistakes,
    judge_compile,
    read_compile,
)

X = np.linspace(0, 1, 32, dtype=np.float32).reshape(8, 4)
Y = np.array([[0], [1], [0], [1], [1], [0], [1], [0]], dtype=np.float32)


def small_model(units: int = 1, activation: str = "sigmoid") -> keras.Model:
    return keras.Sequential([keras.Input((4,)), layers.Dense(units, activation=activation)])


def compiled(**kwargs) -> keras.Model:
    model = small_model()
    model.compile(optimizer="adam", **kwargs)
    return model


def rebuilt(model: keras.Model) -> keras.Model:
    """The model as a grader rebuilds it: config as JSON, weights as arrays, compile from its config."""
    copy = keras.models.model_from_json(model.to_json())
    copy.set_weights(model.get_weights())
    copy.compile_from_config(model.get_compile_config())
    return copy


def fitted(model: keras.Model) -> keras.Model:
    model.fit(X, Y, epochs=1, batch_size=8, verbose=0)
    return model


def verdict(model) -> tuple[str, str | None, str]:
    try:
        judge_compile(model)
    except Incorrect as exc:
        return "incorrect", exc.mistake, str(exc)
    except NotAttempted as exc:
        return "not_attempted", None, str(exc)
    return "correct", None, ""


RIGHT = {
    "names": lambda: dict(loss="binary_crossentropy", metrics=["binary_accuracy"]),
    "accuracy-resolved": lambda: dict(loss="binary_crossentropy", metrics=["accuracy"]),
    "acc-and-crossentropy-shorthands": lambda: dict(loss="crossentropy", metrics=["acc"]),
    "objects": lambda: dict(loss=keras.losses.BinaryCrossentropy(), metrics=[keras.metrics.BinaryAccuracy()]),
    "functions": lambda: dict(loss=keras.losses.binary_crossentropy, metrics=[keras.metrics.binary_accuracy]),
    "class-names": lambda: dict(loss="BinaryCrossentropy", metrics=["BinaryAccuracy"]),
    "with-other-metrics": lambda: dict(loss="binary_crossentropy", metrics=["AUC", "accuracy", "precision"]),
    "tuple-of-metrics": lambda: dict(loss="binary_crossentropy", metrics=("binary_accuracy",)),
    "own-loss-function": lambda: dict(loss=lambda y, p: keras.losses.binary_crossentropy(y, p),
                                      metrics=["accuracy"]),
}


@pytest.mark.parametrize("form", RIGHT, ids=list(RIGHT))
def test_every_way_of_writing_the_right_compile_is_correct(form: str) -> None:
    assert verdict(compiled(**RIGHT[form]())) == ("correct", None, "")


@pytest.mark.parametrize("form", [f for f in RIGHT if f != "own-loss-function"])
def test_a_right_compile_is_correct_on_the_model_a_grader_rebuilds(form: str) -> None:
    assert verdict(rebuilt(compiled(**RIGHT[form]()))) == ("correct", None, "")


@pytest.mark.slow
@pytest.mark.parametrize("form", RIGHT, ids=list(RIGHT))
def test_a_right_compile_is_still_correct_after_fit(form: str) -> None:
    model = fitted(compiled(**RIGHT[form]()))
    assert read_compile(model).metrics_built
    assert verdict(model) == ("correct", None, "")


# (compile's arguments, the mistake id, the words the learner reads)
WRONG = {
    "categorical": (
        lambda: dict(loss="categorical_crossentropy", metrics=["accuracy"]),
        "categorical-crossentropy",
        "The loss is the categorical cross-entropy (`categorical_crossentropy`). It is for one-hot labels over "
        "several classes; on this model's single output it normalises each probability to 1 and so is always 0, "
        "and the model learns nothing. For two classes, use `loss='binary_crossentropy'`.",
    ),
    "categorical-object": (
        lambda: dict(loss=keras.losses.CategoricalCrossentropy(), metrics=["accuracy"]),
        "categorical-crossentropy",
        "The loss is the categorical cross-entropy (`categorical_crossentropy`). It is for one-hot labels over "
        "several classes; on this model's single output it normalises each probability to 1 and so is always 0, "
        "and the model learns nothing. For two classes, use `loss='binary_crossentropy'`.",
    ),
    "sparse": (
        lambda: dict(loss="sparse_categorical_crossentropy", metrics=["accuracy"]),
        "sparse-categorical-crossentropy",
        "The loss is the sparse categorical cross-entropy (`sparse_categorical_crossentropy`). It is for labels "
        "that number one class out of several, each with its own output unit; this model has one output, the "
        "probability of truck. For two classes, use `loss='binary_crossentropy'`.",
    ),
    "from-logits": (
        lambda: dict(loss=keras.losses.BinaryCrossentropy(from_logits=True), metrics=["accuracy"]),
        "from-logits",
        "The loss reads the model's outputs as logits (`from_logits=True`), but the model ends with a sigmoid, "
        "so its outputs are already probabilities. Leave `from_logits` at its default, False: "
        "`keras.losses.BinaryCrossentropy()` or `loss='binary_crossentropy'`.",
    ),
    "mse": (
        lambda: dict(loss="mse", metrics=["accuracy"]),
        "regression-loss",
        "The loss is the mean squared error (`mse`), a loss for predicting numbers (regression). For a choice "
        "between two classes, use the binary cross-entropy: `loss='binary_crossentropy'`.",
    ),
    "mae-object": (
        lambda: dict(loss=keras.losses.MeanAbsoluteError(), metrics=["accuracy"]),
        "regression-loss",
        "The loss is the mean absolute error (`mean_absolute_error`), a loss for predicting numbers "
        "(regression). For a choice between two classes, use the binary cross-entropy: "
        "`loss='binary_crossentropy'`.",
    ),
    "focal": (
        lambda: dict(loss=keras.losses.BinaryFocalCrossentropy(), metrics=["accuracy"]),
        "wrong-loss",
        "The loss (`binary_focal_crossentropy`) is not the binary cross-entropy: on the same labels and "
        "probabilities it gives 0.1854, where the binary cross-entropy gives 0.5724. Use "
        "`loss='binary_crossentropy'`.",
    ),
    "label-smoothing": (
        lambda: dict(loss=keras.losses.BinaryCrossentropy(label_smoothing=0.2), metrics=["accuracy"]),
        "wrong-loss",
        "The loss (`binary_crossentropy`) is not the binary cross-entropy: on the same labels and probabilities "
        "it gives 0.626, where the binary cross-entropy gives 0.5724. It has the binary cross-entropy's name, so "
        "one of its settings (label smoothing, for example) changes what it computes. Use "
        "`loss='binary_crossentropy'`.",
    ),
    "unknown-loss": (
        lambda: dict(loss="abc", metrics=["binary_accuracy"]),
        "unknown-loss",
        "Keras does not know a loss called `'abc'`. For two classes, use the binary cross-entropy: "
        "`loss='binary_crossentropy'`.",
    ),
    "no-loss": (
        lambda: dict(metrics=["binary_accuracy"]),
        "no-loss",
        "`model.compile(...)` was given no loss, so `fit` has nothing to minimise. Pass "
        "`loss='binary_crossentropy'`.",
    ),
    "no-metric": (
        lambda: dict(loss="binary_crossentropy"),
        "no-metric",
        "`model.compile(...)` was given no metric, so training reports only the loss. Add the accuracy for two "
        "classes: `metrics=['binary_accuracy']`.",
    ),
    "empty-metrics": (
        lambda: dict(loss="binary_crossentropy", metrics=[]),
        "no-metric",
        "`model.compile(...)` was given no metric, so training reports only the loss. Add the accuracy for two "
        "classes: `metrics=['binary_accuracy']`.",
    ),
    "unknown-metric": (
        lambda: dict(loss="binary_crossentropy", metrics=["abc"]),
        "unknown-metric",
        "Keras does not know a metric called `'abc'`. For two classes, use `metrics=['binary_accuracy']` (or "
        "`['accuracy']`, which Keras reads as binary accuracy here).",
    ),
    "categorical-accuracy": (
        lambda: dict(loss="binary_crossentropy", metrics=["categorical_accuracy"]),
        "categorical-accuracy",
        "The metric `categorical_accuracy` is an accuracy for several classes: it takes the output unit with the "
        "largest value as the predicted class, and with one output unit that is always unit 0, car, whatever the "
        "model predicts. For two classes, use `metrics=['binary_accuracy']`.",
    ),
    "sparse-accuracy-object": (
        lambda: dict(loss="binary_crossentropy", metrics=[keras.metrics.SparseCategoricalAccuracy()]),
        "categorical-accuracy",
        "The metric `sparse_categorical_accuracy` is an accuracy for several classes: it takes the output unit "
        "with the largest value as the predicted class, and with one output unit that is always unit 0, car, "
        "whatever the model predicts. For two classes, use `metrics=['binary_accuracy']`.",
    ),
    "exact-accuracy": (
        lambda: dict(loss="binary_crossentropy", metrics=[keras.metrics.Accuracy()]),
        "exact-accuracy",
        "The metric `accuracy` counts a prediction as right only when it equals the label exactly, and a "
        "probability such as 0.93 never equals 1, so it stays near 0. Binary accuracy rounds each probability at "
        "0.5 first: use `metrics=['binary_accuracy']`, or `['accuracy']`, which Keras reads as binary accuracy "
        "for a one-unit output.",
    ),
    "other-threshold": (
        lambda: dict(loss="binary_crossentropy", metrics=[keras.metrics.BinaryAccuracy(threshold=0.7)]),
        "wrong-metric",
        "The metrics (`binary_accuracy`) do not include the accuracy for two classes: none of them gives the "
        "share of pictures whose probability, rounded at 0.5, is their label. Add `'binary_accuracy'` to "
        "`metrics`.",
    ),
    "auc-and-precision": (
        lambda: dict(loss="binary_crossentropy", metrics=["AUC", keras.metrics.Precision(name="precision")]),
        "wrong-metric",
        "The metrics (`AUC`, `precision`) do not include the accuracy for two classes: none of them gives the "
        "share of pictures whose probability, rounded at 0.5, is their label. Add `'binary_accuracy'` to "
        "`metrics`.",
    ),
}


@pytest.mark.parametrize("case", WRONG, ids=list(WRONG))
def test_each_mistake_is_named_with_its_words(case: str) -> None:
    arguments, mistake, words = WRONG[case]
    assert verdict(compiled(**arguments())) == ("incorrect", mistake, words)


@pytest.mark.parametrize("case", WRONG, ids=list(WRONG))
def test_a_mistake_is_named_alike_on_the_model_a_grader_rebuilds(case: str) -> None:
    arguments, mistake, words = WRONG[case]
    assert verdict(rebuilt(compiled(**arguments()))) == ("incorrect", mistake, words)


FITS = ["categorical", "from-logits", "mse", "no-metric", "categorical-accuracy", "exact-accuracy", "auc-and-precision"]


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:In loss categorical_crossentropy:SyntaxWarning")  # Keras' own, during fit
@pytest.mark.parametrize("case", FITS)
def test_a_mistake_is_named_alike_after_fit(case: str) -> None:
    arguments, mistake, words = WRONG[case]
    assert verdict(fitted(compiled(**arguments()))) == ("incorrect", mistake, words)


def test_a_model_that_was_never_compiled() -> None:
    assert verdict(small_model()) == (
        "incorrect",
        "not-compiled",
        "`model` has not been compiled yet. Call `model.compile(...)` with an optimizer, a loss and metrics, then "
        "check again.",
    )


def test_a_model_with_two_outputs_is_named_before_its_loss() -> None:
    model = small_model(2, "softmax")
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    assert verdict(model) == (
        "incorrect",
        "output-not-one-unit",
        "`model` gives 2 numbers for each picture, but a loss and an accuracy for two classes expect one: the "
        "probability of class 1 (truck), from a last `Dense(1, activation='sigmoid')` layer. Fix the model first, "
        "then compile it again.",
    )


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (keras.Sequential, "`model` is the class `Sequential` itself, not a model made from it: call it, "
                           "`keras.Sequential([...])`."),
        ([layers.Dense(1)], "`model` is a list of layers, not a model: wrap it in `keras.Sequential([...])`."),
        (layers.Dense(1), "`model` is a Keras layer, not a model: put the layers in `keras.Sequential([...])` and "
                          "assign the model to `model`."),
        ("binary_crossentropy", "`model` should be a Keras model, but it is `'binary_crossentropy'`."),
        (None, "`model` should be a Keras model, but it is `None`."),
    ],
    ids=["class", "list", "layer", "string", "none"],
)
def test_what_is_not_a_model_is_named(value, words: str) -> None:
    assert verdict(value) == ("incorrect", "not-a-model", words)


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (dict(loss=____, metrics=[____]),
         "The loss in `model.compile(...)` still holds the placeholder `____`: fill in the blanks and run the cell "
         "again."),
        (dict(loss=____, metrics=["binary_accuracy"]),
         "The loss in `model.compile(...)` still holds the placeholder `____`: fill in the blanks and run the cell "
         "again."),
        (dict(loss="binary_crossentropy", metrics=[____]),
         "A metric in `model.compile(...)` still holds the placeholder `____`: fill in the blanks and run the cell "
         "again."),
    ],
    ids=["both", "loss", "metric"],
)
def test_blanks_left_in_compile_are_not_attempted(arguments, words: str) -> None:
    assert verdict(compiled(**arguments)) == ("not_attempted", None, words)


def test_the_model_itself_still_blank_is_not_attempted() -> None:
    assert verdict(____) == (
        "not_attempted", None, "`model` still holds the placeholder `____`: answer the question that builds it."
    )


def test_a_lambda_metric_cannot_be_read_back_and_says_so() -> None:
    model = compiled(loss="binary_crossentropy", metrics=[lambda y, p: keras.metrics.binary_accuracy(y, p)])
    assert verdict(model) == (
        "incorrect",
        "unreadable-metric",
        "Keras cannot read back the metric `lambda`, so this check cannot tell what it computes. Pass the metric "
        "by its name: `metrics=['binary_accuracy']`.",
    )


def test_read_compile_says_what_compile_left() -> None:
    model = compiled(loss="binary_crossentropy", metrics=["accuracy", "AUC"])
    state = read_compile(model)
    assert (state.compiled, state.loss, state.metrics, state.metrics_built, state.output_units) == (
        True, "binary_crossentropy", ("accuracy", "AUC"), False, 1
    )
    never = read_compile(small_model())
    assert (never.compiled, never.loss, never.metrics) == (False, None, None)


@pytest.mark.slow
def test_after_fit_read_compile_gives_the_metrics_keras_resolved() -> None:
    state = read_compile(fitted(compiled(loss="binary_crossentropy", metrics=["accuracy"])))
    assert state.metrics_built
    assert [(type(m).__name__, m.name) for m in state.metrics] == [("BinaryAccuracy", "accuracy")]


@pytest.mark.slow
def test_judging_never_changes_the_learners_model() -> None:
    model = fitted(compiled(loss="binary_crossentropy", metrics=["accuracy", keras.metrics.Accuracy()]))
    config, weights = model.get_compile_config(), model.get_weights()
    states = [[keras.ops.convert_to_numpy(v) for v in m.variables] for m in model.metrics]
    assert verdict(model)[0] == "correct"
    assert model.get_compile_config() == config
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), weights))
    after = [[keras.ops.convert_to_numpy(v) for v in m.variables] for m in model.metrics]
    assert all(np.array_equal(a, b) for old, new in zip(states, after) for a, b in zip(old, new))


def test_the_probe_tells_binary_accuracy_and_cross_entropy_from_their_neighbours() -> None:
    # What makes the judge decisive: on the probe, the right loss and metric differ from every near miss.
    p, y = compiling.PROBE_PROBABILITIES, compiling.PROBE_LABELS
    def mean(value) -> float:
        return float(np.mean(keras.ops.convert_to_numpy(value)))

    accuracy = mean(keras.metrics.binary_accuracy(y, p))
    others = [keras.metrics.categorical_accuracy(y, p), keras.metrics.sparse_categorical_accuracy(y, p),
              keras.metrics.binary_accuracy(y, p, threshold=0.7)]
    assert accuracy == 0.75
    assert all(abs(mean(o) - accuracy) > 0.1 for o in others)
    bce = mean(keras.losses.binary_crossentropy(y, p))
    near = [keras.losses.binary_crossentropy(y, p, from_logits=True), keras.losses.mean_squared_error(y, p),
            keras.losses.binary_crossentropy(y, p, label_smoothing=0.1)]
    assert all(abs(mean(n) - bce) > 0.01 for n in near)


def test_the_declared_mistakes_are_named_as_declared() -> None:
    declared = compile_mistakes()
    assert {m.id for m in declared} <= set(COMPILE_MISTAKE_IDS)
    assert len({m.id for m in declared}) == len(declared)
    for mistake in declared:
        namespace = {"keras": keras, "model": small_model()}
        exec(mistake.code, namespace)
        status, found, words = verdict(namespace["model"])
        assert (status, found) == ("incorrect", mistake.id), mistake.code
        assert mistake.says in words


def test_the_declared_mistakes_follow_the_variable_and_optimizer_given() -> None:
    declared = compile_mistakes(name="net", optimizer="keras.optimizers.Adam(epsilon=0.01)")
    assert declared[1].code == (
        "net.compile(optimizer=keras.optimizers.Adam(epsilon=0.01), loss='categorical_crossentropy', "
        "metrics=['accuracy'])"
    )
    assert all(re.match(r"net[ .]", m.code) for m in declared)


def test_every_id_the_judge_raises_is_listed() -> None:
    source = Path(compiling.__file__).read_text()
    raised = set(re.findall(r'mistake="([a-z-]+)"', source)) | set(re.findall(r'return "([a-z-]+)", ', source))
    raised -= {"right"}
    assert raised == set(COMPILE_MISTAKE_IDS)
