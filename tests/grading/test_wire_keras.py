"""Keras models across the sandbox boundary (grading/wire.py): the grader rebuilds a learner's model from its
configuration and weights, compiled as it was, and nothing but Keras' own classes is ever rebuilt."""

from __future__ import annotations

import json

import keras
import numpy as np
import pytest
from keras import layers

from learntools_cv.core import ____
from learntools_cv.grading import judge, wire
from learntools_cv.grading.executor import Limits
from learntools_cv.vision import pretrained


def across(value):
    encoder = wire.Encoder()
    node = encoder.encode(value)
    return node, wire.Decoder(encoder.blobs).decode(node)


def classifier():
    base = pretrained.load_base()
    base.trainable = False
    return keras.Sequential([base, layers.Flatten(), layers.Dense(6, activation="relu"),
                             layers.Dense(1, activation="sigmoid")])


PICTURES = np.random.default_rng(0).uniform(size=(4, 128, 128, 3)).astype("float32")


def test_a_model_is_rebuilt_computing_the_same_with_the_same_trainable_weights() -> None:
    model = classifier()
    model.compile(optimizer=keras.optimizers.Adam(epsilon=0.01), loss=keras.losses.BinaryCrossentropy(),
                  metrics=["accuracy"])
    history = model.fit(PICTURES, np.array([[0], [1], [0], [1]], "float32"), epochs=2, verbose=0)
    node, rebuilt = across(model)
    assert node["t"] == "keras" and "config" in node and "pickle" not in json.dumps(node)
    assert type(rebuilt) is keras.Sequential and rebuilt is not model
    np.testing.assert_allclose(rebuilt.predict(PICTURES, verbose=0), model.predict(PICTURES, verbose=0), rtol=1e-6)
    assert [tuple(w.shape) for w in rebuilt.trainable_weights] == [tuple(w.shape) for w in model.trainable_weights]
    assert len(rebuilt.trainable_weights) == 4  # the head's: the base is frozen
    assert len(rebuilt.layers[0].trainable_weights) == 0
    assert rebuilt.compiled and rebuilt.optimizer.get_config()["epsilon"] == pytest.approx(0.01)
    assert rebuilt.get_compile_config()["metrics"] == ["accuracy"]
    _, numbers = across(history)
    assert isinstance(numbers, keras.callbacks.History)
    assert numbers.epoch == [0, 1] and numbers.history == history.history


def test_a_compile_holding_the_placeholder_crosses_with_it() -> None:
    model = classifier()
    model.compile(optimizer="adam", loss=____, metrics=[____])
    _, rebuilt = across(model)
    assert rebuilt.compiled and rebuilt.loss is ____


def own_layer_model():
    class Doubled(layers.Dense):
        def call(self, inputs):
            return 2 * super().call(inputs)

    return keras.Sequential([keras.Input((3,)), Doubled(2)])


@pytest.mark.parametrize("make", [
    lambda: keras.Sequential([keras.Input((3,)), layers.Lambda(lambda t: t * 2)]),
    own_layer_model,
], ids=["a-lambda-layer", "a-learners-own-layer"])
def test_a_model_with_code_of_the_learners_arrives_as_a_look_alike(make) -> None:
    node, arrived = across(make())
    assert "config" in node
    assert type(arrived).__name__ == "Sequential" and "_layers" not in vars(arrived)  # inert: never rebuilt


@pytest.mark.parametrize("module", ["os", "subprocess", "builtins", "__main__", "kerasx.evil"])
def test_a_configuration_naming_a_class_outside_keras_is_never_rebuilt(module: str) -> None:
    node, _ = across(keras.Sequential([keras.Input((3,)), layers.Dense(2)]))
    config = json.loads(node["config"])
    config["config"]["layers"][1]["module"] = module
    assert not wire.keras_classes_only(config)
    tampered = {**node, "config": json.dumps(config)}
    arrived = wire.Decoder([wire.npy_bytes(np.zeros((3, 2), "float32")), wire.npy_bytes(np.zeros(2, "float32"))]) \
        .decode({**tampered, "weights": [0, 1]})
    assert "_layers" not in vars(arrived)


def test_keras_own_functions_are_allowed_by_name_only() -> None:
    ok = {"module": "builtins", "class_name": "function", "config": "binary_crossentropy", "registered_name": "function"}
    assert wire.keras_classes_only(ok)
    assert not wire.keras_classes_only({**ok, "config": "eval"})
    assert not wire.keras_classes_only({**ok, "config": "open"})


def test_a_model_that_cannot_be_serialized_or_is_too_large_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(layers.Dense):
        def get_config(self):
            raise RuntimeError("no")

    node, _ = across(keras.Sequential([keras.Input((3,)), Broken(2)]))
    assert node["note"].startswith("not serializable")
    monkeypatch.setattr(wire, "MAX_MODEL_WEIGHTS", 5)
    node, _ = across(keras.Sequential([keras.Input((3,)), layers.Dense(2)]))
    assert node["note"] == "too large"


# ---- the lesson's time limits --------------------------------------------------------------------------------


def test_a_lesson_raises_the_time_limits_the_teacher_left_as_they_were() -> None:
    lesson = judge.lesson_limits("learntools_cv.computer_vision.ex1")
    assert lesson == {"cell_timeout": 180.0, "notebook_timeout": 900.0}
    assert Limits().for_lesson(lesson).cell_timeout == 180.0
    assert Limits(cell_timeout=600).for_lesson(lesson).cell_timeout == 600.0
    assert Limits(cell_timeout=20, lesson_may_raise=frozenset({"notebook_timeout"})).for_lesson(lesson) \
        .cell_timeout == 20.0
    assert judge.lesson_limits("learntools_cv.computer_vision.ex3") == {}


@pytest.mark.parametrize(("limits", "words"), [
    ([180], "GRADING_LIMITS must be a dict such as {'cell_timeout': 180}, not a list: fix it in the exercise "
            "module."),
    ({"cell_time": 180}, "GRADING_LIMITS has the key 'cell_time'; it may set only 'cell_timeout', "
                         "'notebook_timeout': fix it in the exercise module."),
    ({"cell_timeout": -1}, "GRADING_LIMITS['cell_timeout'] must be a number of seconds above 0 and at most 3600, "
                           "not -1: fix it in the exercise module."),
])
def test_a_malformed_grading_limits_names_the_authors_fix(monkeypatch, limits, words: str) -> None:
    import learntools_cv.computer_vision.ex1 as ex1

    monkeypatch.setattr(ex1, "GRADING_LIMITS", limits)
    with pytest.raises(judge.ExerciseError) as raised:
        judge.lesson_limits("learntools_cv.computer_vision.ex1")
    assert str(raised.value) == "learntools_cv.computer_vision.ex1." + words
