"""The whole-model judge of the vision room (`learntools_cv.vision.models`), on a small blueprint of its own:
models that compute the same thing get the same verdict however they are written (an activation argument or
layer, nested models, a functional chain, no input yet, rebuilt from JSON, compiled and trained); each kind of
difference is named, the first one first; activations are named by what they do; degenerate weights cannot
make two computations look alike; and a check never builds, changes or reseeds the learner's model.

The lessons' tables (tests/test_ex5_*.py, tests/test_ex6_*.py) pin the words learners read for their models."""

from __future__ import annotations

import random

import keras
import numpy as np
import pytest
from keras import layers

from learntools_cv.core.exceptions import Incorrect
from learntools_cv.vision import models
from learntools_cv.vision.models import Block, Blueprint, describe, judge_augmentation, judge_model, same_model

SHAPE = (16, 16, 3)


def conv(filters: int, **kw) -> layers.Layer:
    return layers.Conv2D(filters, 3, activation=kw.pop("activation", "relu"), padding=kw.pop("padding", "same"),
                         **kw)


BLUEPRINT = Blueprint(SHAPE, (
    Block("block one", lambda: [conv(4), layers.MaxPool2D()], "Block one is a convolution and a pooling layer."),
    Block("block two", lambda: [conv(8), conv(8), layers.MaxPool2D()], "Block two is two convolutions and a pool."),
    Block("the head", lambda: [layers.Flatten(), layers.Dense(5, activation="relu"), layers.Dropout(0.2),
                               layers.Dense(1, activation="sigmoid")], "The head is ..."),
))

AUGMENTED = Blueprint(SHAPE, (
    Block("the augmentation", lambda: [layers.RandomContrast(0.1), layers.RandomFlip("horizontal"),
                                       layers.RandomRotation(0.1)], "Add the three layers.",
          accept={0: {"contrast": ((0.9, 1.1),)}}),
    Block("block one", lambda: [conv(4), layers.MaxPool2D()], ""),
    Block("block two", lambda: [conv(8), layers.MaxPool2D()], ""),
    Block("the head", lambda: [layers.Flatten(), layers.Dense(1, activation="sigmoid")], ""),
))


def head() -> list[layers.Layer]:
    return [layers.Flatten(), layers.Dense(5, activation="relu"), layers.Dropout(0.2),
            layers.Dense(1, activation="sigmoid")]


def right(*, with_input: bool = True) -> keras.Sequential:
    first = [keras.Input(shape=SHAPE)] if with_input else []
    return keras.Sequential([*first, conv(4), layers.MaxPool2D(), conv(8), conv(8), layers.MaxPool2D(), *head()])


def verdict(model, blueprint: Blueprint = BLUEPRINT) -> tuple[str | None, str]:
    try:
        judge_model(model, blueprint)
    except Incorrect as exc:
        return exc.mistake, str(exc)
    return None, "Correct"


def functional() -> keras.Model:
    x = inputs = keras.Input(shape=SHAPE)
    for layer in [conv(4), layers.MaxPool2D(), conv(8), conv(8), layers.MaxPool2D(), *head()]:
        x = layer(x)
    return keras.Model(inputs, x)


def written_apart() -> keras.Sequential:
    return keras.Sequential([
        keras.Input(shape=SHAPE),
        layers.Conv2D(4, (3, 3), padding="SAME"), layers.ReLU(),
        layers.MaxPooling2D(pool_size=(2, 2), strides=2),
        layers.Conv2D(8, 3, padding="same"), layers.Activation("relu"),
        layers.Conv2D(8, 3, padding="same", activation=keras.activations.relu),
        layers.MaxPool2D(),
        layers.Flatten(), layers.Dense(5), layers.Activation(keras.activations.relu), layers.Dropout(rate=0.2),
        layers.Dense(1), layers.Activation("sigmoid"),
    ])


def nested() -> keras.Sequential:
    return keras.Sequential([
        keras.Input(shape=SHAPE),
        keras.Sequential([conv(4), layers.MaxPool2D()]),
        keras.Sequential([conv(8), conv(8), layers.MaxPool2D()]),
        keras.Sequential(head()),
    ])


def rebuilt() -> keras.Model:
    """As the grader will carry a model across the sandbox boundary: its config as JSON, its weights as arrays,
    its compile config."""
    model = right()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    copy = keras.models.model_from_json(model.to_json())
    copy.set_weights([np.asarray(w) for w in model.get_weights()])
    copy.compile_from_config(model.get_compile_config())
    return copy


def trained() -> keras.Sequential:
    model = right()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    x = np.random.default_rng(0).uniform(size=(8, *SHAPE)).astype("float32")
    model.fit(x, np.arange(8) % 2, epochs=1, verbose=0)
    return model


def zero_weights() -> keras.Sequential:
    model = right()
    model.set_weights([np.zeros_like(w) for w in model.get_weights()])
    return model


RIGHT = {
    "as-written": right,
    "no-input-yet": lambda: right(with_input=False),
    "activations-as-layers": written_apart,
    "nested-models": nested,
    "functional-chain": functional,
    "rebuilt-from-json-and-weights": rebuilt,
    "compiled-and-trained": trained,
    "zero-weights": zero_weights,
    "input-shape-argument": lambda: keras.Sequential([
        conv(4, input_shape=SHAPE), layers.MaxPool2D(), conv(8), conv(8), layers.MaxPool2D(), *head()]),
}


@pytest.mark.parametrize("make", RIGHT.values(), ids=RIGHT.keys())
def test_the_same_computation_is_correct_however_it_is_written(make) -> None:
    assert verdict(make()) == (None, "Correct")


def with_block_two(*block: layers.Layer, **kw) -> keras.Sequential:
    return keras.Sequential([keras.Input(shape=kw.get("shape", SHAPE)), conv(4), layers.MaxPool2D(), *block,
                             *kw.get("head", head())])


class Doubled(layers.Conv2D):
    def call(self, inputs):
        return 2 * super().call(inputs)


WRONG = {
    "valid-padding": (
        lambda: with_block_two(conv(8, padding="valid"), conv(8), layers.MaxPool2D()),
        "wrong-padding",
        "Block two's first convolution uses 'valid' padding; it should use 'same' padding: `padding='same'`, as the "
        "other convolutions do. So it outputs `(6, 6, 8)` where the model for this question has `(8, 8, 8)`.",
    ),
    "missing-block": (
        lambda: with_block_two(),
        "missing-block",
        "Your model has no block two: it goes straight from block one to the head. Block two is two convolutions "
        "and a pool.",
    ),
    "missing-pooling": (
        lambda: with_block_two(conv(8), conv(8)),
        "missing-pooling",
        "Block two has no pooling layer: your model has nothing after block two's second convolution, where a "
        "`MaxPool2D` layer (2x2 windows, 'valid' padding) should be. Add it there.",
    ),
    "missing-convolution": (
        lambda: with_block_two(conv(8), layers.MaxPool2D()),
        "missing-layer",
        "Block two has no second convolution: your model has nothing after block two's first convolution, where "
        "a `Conv2D` layer (8 filters, 3x3 kernels, 'same' padding, the ReLU) should be. Add it there.",
    ),
    "filters": (
        lambda: with_block_two(conv(8), conv(16), layers.MaxPool2D()),
        "wrong-filters",
        "Block two's second convolution has 16 filters; it should have 8. So it outputs `(8, 8, 16)` where the "
        "model for this question has `(8, 8, 8)`.",
    ),
    "no-activation": (
        lambda: with_block_two(conv(8), conv(8, activation=None), layers.MaxPool2D()),
        "wrong-activation",
        "Block two's second convolution has no activation: it passes on negative values. It should apply the "
        "ReLU: `activation='relu'`.",
    ),
    "sigmoid-activation": (
        lambda: with_block_two(conv(8, activation="sigmoid"), conv(8), layers.MaxPool2D()),
        "wrong-activation",
        "Block two's first convolution applies the sigmoid; it should apply the ReLU: `activation='relu'`.",
    ),
    "average-pooling": (
        lambda: with_block_two(conv(8), conv(8), layers.AveragePooling2D(2)),
        "average-pooling",
        "Block two's pooling layer is an average pooling layer (`AveragePooling2D`); it should be a maximum "
        "pooling layer (`layers.MaxPool2D`).",
    ),
    "extra-convolution": (
        lambda: with_block_two(conv(8), conv(8), conv(8), layers.MaxPool2D()),
        "extra-layer",
        "Your model has a layer more than it should, after block two's second convolution: layer 5, a `Conv2D` "
        "layer (8 filters, 3x3 kernels, 'same' padding, the ReLU). Take it out, or check that the layers around "
        "it are the ones the question asks for.",
    ),
    "global-pooling-head": (
        lambda: with_block_two(conv(8), conv(8), layers.MaxPool2D(), head=[
            layers.GlobalAveragePooling2D(), *head()[1:]]),
        "global-pooling",
        "The head's `Flatten` layer is a global average pooling layer (`GlobalAveragePooling2D`); it should be a "
        "`Flatten` layer (`layers.Flatten`).",
    ),
    "input-shape": (
        lambda: with_block_two(conv(8), conv(8), layers.MaxPool2D(), shape=(32, 32, 3)),
        "wrong-input-shape",
        "Your model takes inputs of shape `(32, 32, 3)`, but the pictures it is for have shape `(16, 16, 3)`: its "
        "input should be `keras.Input(shape=[16, 16, 3])`.",
    ),
    "computes-differently": (
        lambda: with_block_two(conv(8), Doubled(8, 3, activation="relu", padding="same"), layers.MaxPool2D()),
        "computes-differently",
        "Block two's second convolution (`Doubled`) computes something other than it should, though its settings "
        "look the same. Compare it, and the layers before it, with the question's description.",
    ),
    "leaky-relu-layer": (
        lambda: with_block_two(conv(8), layers.Conv2D(8, 3, padding="same"), layers.LeakyReLU(),
                               layers.MaxPool2D()),
        "wrong-activation",
        "Block two's second convolution applies a leaky ReLU (slope 0.3); it should apply the ReLU: "
        "`activation='relu'`.",
    ),
}


@pytest.mark.parametrize(("make", "mistake", "words"), WRONG.values(), ids=WRONG.keys())
def test_each_difference_is_named_in_a_learners_words(make, mistake: str, words: str) -> None:
    assert verdict(make()) == (mistake, words)


def test_the_first_difference_is_named_first() -> None:
    model = keras.Sequential([keras.Input(shape=SHAPE), conv(4, padding="valid"), layers.MaxPool2D(), *head()])
    assert verdict(model)[0] == "wrong-padding"  # block one's padding comes before block two's absence


NOT_MODELS = {
    "none": (None, "`model` should be a Keras model (`keras.Sequential([...])`), but it is `None` (`NoneType`)."),
    "list": ([conv(4)], "`model` is a list of layers, not a model. Give the list to `keras.Sequential(...)`: "
                        "`model = keras.Sequential([...])`."),
    "layer": (conv(4), "`model` is a single `Conv2D` layer, not a model. Put the layers in a list and give it to "
                       "`keras.Sequential([...])`."),
    "class": (keras.Sequential, "`model` is the class `Sequential` itself. Call it with the list of layers: "
                                "`model = keras.Sequential([...])`."),
    "empty": (keras.Sequential([]), "`model` has no layers yet. Put the layers in the list you give "
                                    "`keras.Sequential([...])`."),
}


@pytest.mark.parametrize(("value", "words"), NOT_MODELS.values(), ids=NOT_MODELS.keys())
def test_what_is_not_a_model_is_named(value, words: str) -> None:
    assert verdict(value)[1] == words


def test_a_branching_functional_model_is_named_not_crashed_on() -> None:
    inputs = keras.Input(shape=SHAPE)
    a = conv(4)(inputs)
    b = layers.Add()([a, conv(4)(inputs)])
    model = keras.Model(inputs, layers.Dense(1)(layers.Flatten()(b)))
    mistake, words = verdict(model)
    assert mistake == "not-a-chain"
    assert words.startswith("Your model is not one chain of layers")


class Liar:
    @property
    def __class__(self):
        raise RuntimeError("no")


def test_a_lying_object_is_worded() -> None:
    assert verdict(Liar()) == ("lying-class", "`model` is a `test_vision_models.Liar` object that raises "
                                              "`RuntimeError` when asked what it is.")


def test_a_check_never_builds_changes_or_reseeds_the_learners_model() -> None:
    unbuilt = right(with_input=False)
    built = trained()
    weights = [np.array(w) for w in built.get_weights()]
    state = random.getstate()
    for model in (unbuilt, built):
        verdict(model)
        same_model(model, BLUEPRINT)
    assert not unbuilt.built
    assert all(np.array_equal(a, b) for a, b in zip(weights, built.get_weights()))
    assert random.getstate() == state


def test_zero_weights_cannot_hide_a_missing_activation() -> None:
    model = with_block_two(conv(8), conv(8, activation=None), layers.MaxPool2D())
    model.set_weights([np.zeros_like(w) for w in model.get_weights()])
    assert verdict(model)[0] == "wrong-activation"


def test_the_description_has_shapes_and_parameters_of_every_step() -> None:
    steps = describe(written_apart(), SHAPE).steps
    assert [s.kind for s in steps] == ["conv", "max-pool", "conv", "conv", "max-pool", "flatten", "dense",
                                       "dropout", "dense"]
    assert [s.output_shape for s in steps] == [
        (None, 16, 16, 4), (None, 8, 8, 4), (None, 8, 8, 8), (None, 8, 8, 8), (None, 4, 4, 8), (None, 128),
        (None, 5), (None, 5), (None, 1)]
    assert [s.params for s in steps] == [112, 0, 296, 584, 0, 0, 645, 0, 6]
    assert sum(s.params for s in steps) == right().count_params()
    assert steps[0].type_names == ("Conv2D", "ReLU") and steps[0].positions == (1, 2)


ACTIVATIONS = {
    "relu": keras.activations.relu, "sigmoid": keras.activations.sigmoid, "linear": keras.activations.linear,
    "tanh": keras.activations.tanh, "softplus": keras.activations.softplus, "elu": keras.activations.elu,
    "selu": keras.activations.selu, "gelu": keras.activations.gelu, "silu": keras.activations.silu,
    "relu6": keras.activations.relu6, "hard_sigmoid": keras.activations.hard_sigmoid,
    "leaky_relu:0.2": keras.activations.leaky_relu,
}


@pytest.mark.parametrize(("name", "fn"), ACTIVATIONS.items(), ids=ACTIVATIONS.keys())
def test_activations_are_named_by_what_they_do(name: str, fn) -> None:
    assert models.name_activation(np.asarray(fn(models._PROBE[None, :]))) == name


def test_an_activation_nobody_knows_is_unknown() -> None:
    assert models.name_activation(models._PROBE ** 3) == "unknown"
    assert models.activation_words("unknown") == "an activation of its own"


# ---------------------------------------------------------------------------------------------- augmentation


def blocks() -> list[layers.Layer]:
    return [conv(4), layers.MaxPool2D(), conv(8), layers.MaxPool2D()]


def augmented(*augmentation: layers.Layer) -> keras.Sequential:
    return keras.Sequential([keras.Input(shape=SHAPE), *augmentation, *blocks(), layers.Flatten(),
                             layers.Dense(1, activation="sigmoid")])


def three() -> list[layers.Layer]:
    return [layers.RandomContrast(0.1), layers.RandomFlip("horizontal"), layers.RandomRotation(0.1)]


def augmentation_verdict(model) -> tuple[str | None, str]:
    try:
        judge_augmentation(judge_model(model, AUGMENTED), AUGMENTED)
    except Incorrect as exc:
        return exc.mistake, str(exc)
    return None, "Correct"


AUGMENTATION_RIGHT = {
    "scalars": lambda: augmented(layers.RandomContrast(0.1), layers.RandomFlip("horizontal"),
                                 layers.RandomRotation(0.1)),
    # Keras 3.15 reads RandomContrast(0.1) as factors from 1 to 1.1; (0.1, 0.1) gives 0.9 to 1.1, as Kaggle meant.
    "ranges": lambda: augmented(layers.RandomContrast((0.1, 0.1)), layers.RandomFlip(mode="horizontal"),
                                layers.RandomRotation((-0.1, 0.1))),
    "another-order": lambda: augmented(layers.RandomRotation(0.1), layers.RandomContrast(0.1),
                                       layers.RandomFlip("horizontal")),
    "nested": lambda: augmented(keras.Sequential([layers.RandomContrast(0.1), layers.RandomFlip("horizontal"),
                                                  layers.RandomRotation(0.1)])),
}


@pytest.mark.parametrize("make", AUGMENTATION_RIGHT.values(), ids=AUGMENTATION_RIGHT.keys())
def test_augmentation_settings_count_as_numbers_or_ranges_and_in_any_order(make) -> None:
    assert augmentation_verdict(make()) == (None, "Correct")


def test_the_contrast_factor_is_read_as_keras_3_reads_it() -> None:
    """Keras 3.15's `RandomContrast(0.1).factor` is (0, 0.1): it draws contrast factors from 1 to 1.1."""
    assert layers.RandomContrast(0.1).factor == (0, 0.1)
    step = describe(augmented(layers.RandomContrast(0.1)), SHAPE).steps[0]
    assert step.settings["contrast"] == (1.0, 1.1)


class FlipAlways(layers.RandomFlip):
    def call(self, inputs, training=True):
        return super().call(inputs, training=True)


class FlipNever(layers.RandomFlip):
    def call(self, inputs, training=True):
        return inputs


AUGMENTATION_WRONG = {
    "augments-in-inference": (
        lambda: augmented(layers.RandomContrast(0.1), FlipAlways("horizontal"), layers.RandomRotation(0.1)),
        "augments-in-inference",
        "Your random flip layer (`FlipAlways`, layer 2 of your model) changes pictures in inference too. "
        "Augmentation should only change them while the model trains.",
    ),
    "augments-nothing": (
        lambda: augmented(layers.RandomContrast(0.1), FlipNever("horizontal"), layers.RandomRotation(0.1)),
        "augments-nothing",
        "Your random flip layer (`FlipNever`, layer 2 of your model) leaves pictures unchanged in training, so it "
        "augments nothing. Check its factor.",
    ),
    "contrast": (
        lambda: augmented(layers.RandomContrast(0.5), layers.RandomFlip("horizontal"), layers.RandomRotation(0.1)),
        "wrong-contrast",
        "The augmentation's random contrast layer changes the contrast by factors from 1 to 1.5; it should change "
        "it by up to 10%: `factor=0.1`.",
    ),
    "vertical": (
        lambda: augmented(layers.RandomContrast(0.1), layers.RandomFlip("vertical"), layers.RandomRotation(0.1)),
        "wrong-flip",
        "The augmentation's random flip layer flips with mode 'vertical'; it should flip with mode 'horizontal': "
        "`mode='horizontal'`.",
    ),
    "rotation": (
        lambda: augmented(layers.RandomContrast(0.1), layers.RandomFlip("horizontal"), layers.RandomRotation(0.25)),
        "wrong-rotation",
        "The augmentation's random rotation layer turns pictures by -0.25 to 0.25 of a full turn (-90 to 90 "
        "degrees); it should turn them by up to 0.1 of a full turn either way: `factor=0.1`.",
    ),
    "none": (
        lambda: augmented(),
        "missing-block",
        "Your model has no augmentation: it goes straight from its input to block one. Add the three layers.",
    ),
    "after-block-one": (
        lambda: keras.Sequential([keras.Input(shape=SHAPE), *blocks()[:2], *three(), *blocks()[2:],
                                  layers.Flatten(), layers.Dense(1, activation="sigmoid")]),
        "misplaced-block",
        "The augmentation and block one are the wrong way round: the augmentation should come first, right after "
        "the input, and block one after it.",
    ),
    "after-block-two": (
        lambda: keras.Sequential([keras.Input(shape=SHAPE), *blocks(), *three(), layers.Flatten(),
                                  layers.Dense(1, activation="sigmoid")]),
        "misplaced-block",
        "The augmentation is in the wrong place: your model has it after block two, but it should come first, "
        "right after the input.",
    ),
}


@pytest.mark.parametrize(("make", "mistake", "words"), AUGMENTATION_WRONG.values(), ids=AUGMENTATION_WRONG.keys())
def test_augmentation_is_judged_by_setting_and_by_behaviour(make, mistake: str, words: str) -> None:
    assert augmentation_verdict(make()) == (mistake, words)


def test_every_incorrect_of_the_model_judge_carries_a_mistake_id() -> None:
    import ast
    from pathlib import Path

    tree = ast.parse(Path(models.__file__).read_text())
    calls = [node for node in ast.walk(tree)
             if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Incorrect"]
    assert calls and [c.lineno for c in calls if not any(k.arg == "mistake" for k in c.keywords)] == []
