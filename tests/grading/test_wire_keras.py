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
    assert rebuilt.layers[0].trainable is False  # Keras' format alone brings a nested model back trainable
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


# ---- a functional model, variables' flags, the compile judge after the trip ------------------------------------


def functional_classifier():
    base = pretrained.load_base()
    base.trainable = False
    inputs = keras.Input((128, 128, 3))
    outputs = layers.Dense(1, activation="sigmoid")(layers.GlobalAveragePooling2D()(base(inputs)))
    return keras.Model(inputs, outputs)


def test_a_functional_model_with_a_frozen_base_crosses_trained_and_compiled() -> None:
    from learntools_cv.vision.compiling import judge_compile, read_compile

    model = functional_classifier()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(PICTURES, np.array([[0], [1], [0], [1]], "float32"), epochs=1, verbose=0)
    node, rebuilt = across(model)
    assert wire.stand_in_reason(rebuilt) is None and type(rebuilt) is type(model) and rebuilt.built
    assert node["built"] is True and [path for path, _ in node["variables"]] == [v.path for v in model.weights]
    np.testing.assert_array_equal(rebuilt.predict(PICTURES, verbose=0), model.predict(PICTURES, verbose=0))
    assert [v.path for v in rebuilt.trainable_weights] == [v.path for v in model.trainable_weights]
    for mine, theirs in zip(rebuilt.weights, model.weights, strict=True):
        np.testing.assert_array_equal(np.asarray(mine), np.asarray(theirs))
        assert mine.trainable == theirs.trainable
    base = rebuilt.layers[1]
    assert isinstance(base, keras.Sequential) and not base.trainable and base.trainable_weights == []
    assert len(rebuilt.trainable_weights) == 2 and rebuilt.count_params() == model.count_params()
    # The compile: the loss by name, the metrics as given; after fit the learner's model holds the metrics Keras
    # resolved, the rebuilt one the same compile, and the compile judge takes both.
    assert rebuilt.compiled and rebuilt.loss == "binary_crossentropy"
    assert rebuilt.get_compile_config()["metrics"] == model.get_compile_config()["metrics"] == ["accuracy"]
    assert read_compile(model).metrics_built and not read_compile(rebuilt).metrics_built
    judge_compile(model)
    judge_compile(rebuilt)


@pytest.mark.parametrize("frozen", [True, False])
def test_the_base_itself_crosses_frozen_or_not_with_its_pretrained_weights(frozen: bool) -> None:
    base = pretrained.load_base()
    base.trainable = not frozen
    _, rebuilt = across(base)
    assert rebuilt.trainable is (not frozen) and len(rebuilt.trainable_weights) == len(base.trainable_weights)
    for mine, theirs in zip(rebuilt.weights, base.weights, strict=True):
        np.testing.assert_array_equal(np.asarray(mine), np.asarray(theirs))


def test_a_loss_object_and_a_variable_frozen_alone_cross_as_they_were() -> None:
    model = keras.Sequential([keras.Input((3,)), layers.Dense(2), layers.Dense(1)])
    model.layers[0].bias.trainable = False
    model.compile(optimizer="sgd", loss=keras.losses.BinaryCrossentropy(from_logits=True),
                  metrics=[keras.metrics.BinaryAccuracy(threshold=0.3)])
    _, rebuilt = across(model)
    assert [v.trainable for v in rebuilt.weights] == [True, False, True, True]
    assert len(rebuilt.trainable_weights) == 3
    assert isinstance(rebuilt.loss, keras.losses.BinaryCrossentropy) and rebuilt.loss.get_config()["from_logits"]
    assert type(rebuilt.optimizer).__name__ == "SGD"
    metric = rebuilt.get_compile_config()["metrics"][0]
    assert metric["class_name"] == "BinaryAccuracy" and metric["config"]["threshold"] == pytest.approx(0.3)


def test_a_model_not_yet_built_crosses_unbuilt() -> None:
    node, rebuilt = across(keras.Sequential([layers.Dense(2), layers.Dense(1)]))
    assert node["built"] is False and node["weights"] == []
    assert type(rebuilt) is keras.Sequential and not rebuilt.built and len(rebuilt.layers) == 2


def test_a_history_crosses_as_its_numbers() -> None:
    history = keras.callbacks.History()
    history.history = {"loss": [0.7, 0.5], "val_binary_accuracy": [0.5, 0.75]}
    history.params = {"epochs": 2, "steps": 3, "verbose": 0}
    history.epoch = [0, 1]
    node, arrived = across(history)
    assert node["t"] == "history" and isinstance(arrived, keras.callbacks.History)
    assert (arrived.history, arrived.params, arrived.epoch) == (history.history, history.params, history.epoch)


# ---- what arrives in place of a model the grader will not rebuild -----------------------------------------------


class _Broken(layers.Dense):
    def get_config(self):
        raise RuntimeError("no config today")


@pytest.mark.parametrize(("make", "why"), [
    (lambda: keras.Sequential([keras.Input((3,)), layers.Lambda(lambda t: t * 2)]),
     "it holds a Lambda layer, whose function is the notebook's own code, and the grader runs no code of a "
     "notebook's"),
    (own_layer_model,
     f"it holds the class Doubled of module {__name__}, which is not one of Keras' own, and the "
     "grader runs no code of a notebook's"),
    (lambda: keras.Sequential([keras.Input((3,)), _Broken(2)]),
     "Keras could not write its configuration (RuntimeError: no config today)"),
], ids=["a-lambda-layer", "a-learners-own-layer", "get-config-raises"])
def test_a_model_the_grader_will_not_rebuild_arrives_as_a_stand_in_with_words(make, why: str) -> None:
    _, arrived = across(make())
    assert wire.stand_in_reason(arrived) == why
    assert isinstance(arrived, keras.Model) and type(arrived).__name__ == "Sequential"
    assert "_layers" not in vars(arrived)  # never initialised: nothing of it runs


def test_a_tampered_module_is_neither_imported_nor_rebuilt() -> None:
    import sys

    node, _ = across(keras.Sequential([keras.Input((3,)), layers.Dense(2)]))
    config = json.loads(node["config"])
    config["config"]["layers"][1].update(module="never_imported_here", class_name="Dense")
    blobs = [wire.npy_bytes(np.zeros((3, 2), "float32")), wire.npy_bytes(np.zeros(2, "float32"))]
    arrived = wire.Decoder(blobs).decode({**node, "config": json.dumps(config), "weights": [0, 1]})
    assert wire.stand_in_reason(arrived) == ("it holds the class Dense of module never_imported_here, which is not "
                                             "one of Keras' own, and the grader runs no code of a notebook's")
    assert "never_imported_here" not in sys.modules


def test_a_model_too_large_arrives_as_a_stand_in_saying_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wire, "MAX_MODEL_WEIGHTS", 5)
    node, arrived = across(keras.Sequential([keras.Input((3,)), layers.Dense(2)]))
    assert "weights" not in node
    assert wire.stand_in_reason(arrived) == "it has 8 weights, more than the 5 the grader takes"


def test_a_weight_count_that_does_not_match_the_configuration_is_a_stand_in() -> None:
    node, _ = across(keras.Sequential([keras.Input((3,)), layers.Dense(2)]))
    blobs = [wire.npy_bytes(np.zeros((3, 2), "float32"))]
    arrived = wire.Decoder(blobs).decode({**node, "weights": [0], "variables": node["variables"][:1]})
    assert wire.stand_in_reason(arrived) == "it was rebuilt with 2 weight variables where the notebook's had 1"


def test_only_stand_ins_carry_a_reason() -> None:
    assert wire.stand_in_reason(keras.Sequential()) is None
    assert wire.stand_in_reason(None) is None
    assert wire.stand_in_reason(wire.look_alike({"qualname": "Sequential", "module": "keras"})) is None


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
