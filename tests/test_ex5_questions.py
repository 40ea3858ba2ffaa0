"""Lesson 5's questions: the convnet (q_1), its compile (q_2), and the bonus shape (q_4) and parameter count
(q_5), each right form Correct, each declared mistake named in the words a learner reads (pinned in full), the
cells' own starters Not attempted; issue 21's "done when": a wrong padding is Incorrect and named, a missing
block is named, a loss object and a check run again after `fit` are Correct."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from learntools_cv.authoring.testing import assert_not_attempted, bind_exercise
from learntools_cv.core import Session, Status
from learntools_cv.core.record import EVENTS_ENV
from learntools_cv.lessons.custom_convnets import exercise

MODULE = "learntools_cv.computer_vision.ex5"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    with Session().activated():
        yield


SOLUTION = exercise.CustomConvnet.solution.code
BLOCK_THREE = (
    "    layers.Conv2D(filters=64, kernel_size=3, activation='relu', padding='same'),\n"
    "    layers.Conv2D(filters=64, kernel_size=3, activation='relu', padding='same'),\n"
    "    layers.MaxPool2D(),\n"
)
COMPILE = exercise.CompileModel.solution.code


def verdict(code: str, question: str, given: str = ""):
    with bind_exercise(MODULE) as ex:
        if given:
            ex.run(given)
        ex.run(code)
        return ex.q(question).evaluate()


# ---------------------------------------------------------------------------------------------------- q_1

RIGHT_MODELS = {
    "solution": SOLUTION,
    "keras-names": SOLUTION.replace("layers.", "keras.layers."),
    "input-layer": SOLUTION.replace("keras.Input(shape=[64, 64, 3])", "layers.InputLayer(shape=(64, 64, 3))"),
    "activation-as-a-layer": SOLUTION.replace(
        BLOCK_THREE,
        "    layers.Conv2D(64, 3, padding='same'),\n    layers.ReLU(),\n"
        "    layers.Conv2D(64, (3, 3), padding='same', activation='relu'),\n    layers.MaxPooling2D(pool_size=2),\n"),
    "rebuilt-as-the-grader-will": SOLUTION + "\nmodel = keras.models.model_from_json(model.to_json())",
}


@pytest.mark.parametrize("code", RIGHT_MODELS.values(), ids=RIGHT_MODELS.keys())
def test_q1_every_right_model_is_correct(code: str) -> None:
    assert verdict(code, "q_1").status == Status.CORRECT


def test_q1_the_cells_starter_is_not_attempted() -> None:
    starter = SOLUTION.replace(BLOCK_THREE, "    # YOUR CODE HERE: two Conv2D layers, then a MaxPool2D layer\n")
    assert starter != SOLUTION
    with bind_exercise(MODULE) as ex:
        ex.run(starter)
        outcome = assert_not_attempted(ex.q("q_1"))
    assert outcome.message.startswith("Not attempted: ")


Q1_WORDS = {
    'wrong-padding': "Block three's first convolution uses 'valid' padding; it should use 'same' padding: `padding='same'`, as the other convolutions do. So it outputs `(14, 14, 64)` where the model for this question has `(16, 16, 64)`.",
    'missing-block': 'Your model has no block two: it goes straight from block one to block three. Block two is a `Conv2D` layer with 32 filters, then a `MaxPool2D` layer.',
    'wrong-filters': "Block three's second convolution has 32 filters; it should have 64. So it outputs `(16, 16, 32)` where the model for this question has `(16, 16, 64)`.",
    'missing-pooling': "Block three has no pooling layer: your model has nothing after block three's second convolution, where a `MaxPool2D` layer (2x2 windows, 'valid' padding) should be. Add it there.",
    'missing-layer': "Block three has no second convolution: your model has nothing after block three's first convolution, where a `Conv2D` layer (64 filters, 3x3 kernels, 'same' padding, the ReLU) should be. Add it there.",
    'wrong-kernel-size': "Block three's second convolution has 5x5 kernels; it should have 3x3 kernels: `kernel_size=3`.",
    'wrong-activation': "Block three's second convolution has no activation: it passes on negative values. It should apply the ReLU: `activation='relu'`.",
    'average-pooling': "Block three's pooling layer is an average pooling layer (`AveragePooling2D`); it should be a maximum pooling layer (`layers.MaxPool2D`).",
    'extra-layer': "Your model has a layer more than it should, after block three's second convolution: layer 7, a `Conv2D` layer (64 filters, 3x3 kernels, 'same' padding, the ReLU). Take it out, or check that the layers around it are the ones the question asks for.",
    'global-pooling': "The head's `Flatten` layer is a global average pooling layer (`GlobalAveragePooling2D`); it should be a `Flatten` layer (`layers.Flatten`).",
    'wrong-units': "The head's first dense layer has 6 units; it should have 32. So it outputs `(6,)` where the model for this question has `(32,)`.",
    'wrong-rate': "The head's dropout layer has rate 0.5; it should have rate 0.2 (`rate=0.2`).",
    'wrong-input-shape': 'Your model takes inputs of shape `(128, 128, 3)`, but the pictures it is for have shape `(64, 64, 3)`: its input should be `keras.Input(shape=[64, 64, 3])`.',
    'wrong-strides': "Block three's first convolution moves with strides of 2x2; it should use strides of 1x1. So it outputs `(8, 8, 64)` where the model for this question has `(16, 16, 64)`.",
    'wrong-layer': "Block three's second convolution is a separable convolution (`SeparableConv2D`); it should be a convolution (`layers.Conv2D`).",
    'wrong-setting': "Block three's second convolution has `dilation_rate=(2, 2)`; it should have `dilation_rate=(1, 1)`.",
    'computes-differently': "Block three's second convolution (`DoubledConv2D`) computes something other than it should, though its settings look the same. Compare it, and the layers before it, with the question's description.",
    'not-a-model': '`model` is a list of layers, not a model. Give the list to `keras.Sequential(...)`: `model = keras.Sequential([...])`.',
}


def test_q1_the_table_covers_every_declared_mistake() -> None:
    assert [m.id for m in exercise.CustomConvnet.mistakes] == list(Q1_WORDS)


@pytest.mark.parametrize("mistake", exercise.CustomConvnet.mistakes, ids=lambda m: m.id)
def test_q1_each_mistake_is_named_in_full(mistake) -> None:
    outcome = verdict(mistake.code, "q_1")
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, mistake.id)
    assert outcome.message == "Incorrect: " + Q1_WORDS[mistake.id]


def test_q1_a_wrong_padding_in_block_two_is_named() -> None:
    code = SOLUTION.replace(
        "layers.Conv2D(filters=32, kernel_size=3, activation='relu', padding='same')",
        "layers.Conv2D(filters=32, kernel_size=3, activation='relu')")
    outcome = verdict(code, "q_1")
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, "wrong-padding")
    assert "Block two's convolution uses 'valid' padding" in outcome.message


# ---------------------------------------------------------------------------------------------------- q_2

RIGHT_COMPILES = {
    "solution": COMPILE,
    "a-loss-object": "model.compile(optimizer='adam', loss=keras.losses.BinaryCrossentropy(), "
                     "metrics=[keras.metrics.BinaryAccuracy()])",
    "accuracy-by-name": "model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])",
    "checked-again-after-fit": COMPILE + (
        "\nimport numpy as np"
        "\nmodel.fit(np.random.default_rng(0).uniform(size=(4, 64, 64, 3)), np.arange(4) % 2, epochs=1, verbose=0)"),
}


@pytest.mark.parametrize("code", RIGHT_COMPILES.values(), ids=RIGHT_COMPILES.keys())
def test_q2_every_right_compile_is_correct(code: str) -> None:
    outcome = verdict(code, "q_2", given=SOLUTION)
    assert outcome.status == Status.CORRECT, outcome.message


def test_q2_the_cells_starter_is_not_attempted() -> None:
    with bind_exercise(MODULE) as ex:
        ex.run(SOLUTION)
        ex.run("model.compile(\n    optimizer='adam',\n    loss=____,\n    metrics=[____],\n)")
        assert_not_attempted(ex.q("q_2"))


@pytest.mark.parametrize("mistake", exercise.CompileModel.mistakes, ids=lambda m: m.id)
def test_q2_each_mistake_is_named(mistake) -> None:
    outcome = verdict(mistake.code, "q_2", given=SOLUTION)
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, mistake.id)
    assert outcome.message.startswith("Incorrect: ")


# ---------------------------------------------------------------------------------------------------- q_4, q_5

Q4_WORDS = {
    'pooling-left-out': "16x16 is what block two outputs, before block three's pooling. Block three's convolutions keep that size ('same' padding), then its `MaxPool2D` halves it.",
    'wrong-channels': "The height and width are right, but block three outputs 64 channels, not 32: a convolution outputs one feature map per filter, and block three's last convolution has 64 filters.",
    'no-pooling': "64x64 is the size of the pictures. 'Same' padding keeps the size through each convolution, but each block's `MaxPool2D` halves it: three blocks, three halvings.",
    'pooled-too-often': '4x4 halves the picture four times, but the model pools three times, once a block.',
    'batch-axis': '`block_three_shape` starts with `None`, the batch axis, which Keras puts in front of every shape it prints. This question asks for the shape of what block three outputs for one picture: leave the batch axis out.',
    'not-a-shape': '`block_three_shape` should be a tuple of three whole numbers, (height, width, channels), but it is `4096`.',
    'not-square': "The pictures are square (64x64), and every layer treats height and width alike, so block three's output is square too, not 8x4.",
    'wrong-shape': "Block three does not output 12x12x64. Follow the picture's size through the blocks: 'same' padding keeps it, each `MaxPool2D` halves it, and the channels are the last convolution's filters.",
}
Q5_WORDS = {
    'biases-left-out': '131,072 counts the weights but not the biases: each of the 32 units adds a bias to its weighted sum, so add 32.',
    'inputs-not-params': '4,096 is how many values `Flatten` passes to the dense layer. Each of its 32 units has a weight for every one of them, and a bias.',
    'channels-only': '2,080 is what a dense layer on the 64 channels alone would have. `Flatten` passes on every value of the 8x8x64 maps, 4,096 of them, and each of the 32 units has a weight for every one.',
    'whole-model': "191,649 is the whole model's count (`model.count_params()`). This question asks for the head's first dense layer alone.",
    'wrong-count': "The head's first dense layer does not have 1,000 parameters. It has 32 units; each has a weight for every value `Flatten` passes on (how many values does block three output?) and a bias.",
    'not-a-number': "`dense_params` should be a whole number of parameters, but it is `'131104'`.",
}


@pytest.mark.parametrize(("question", "cls", "table"), [("q_4", exercise.BlockThreeShape, Q4_WORDS),
                                                       ("q_5", exercise.DenseParameters, Q5_WORDS)])
def test_bonus_questions_name_every_mistake_in_full(question: str, cls, table: dict[str, str]) -> None:
    assert cls.bonus
    assert [m.id for m in cls.mistakes] == list(table)
    for mistake in cls.mistakes:
        outcome = verdict(mistake.code, question)
        assert (outcome.status, outcome.mistake) == (Status.INCORRECT, mistake.id)
        assert outcome.message == "Incorrect: " + table[mistake.id]


@pytest.mark.parametrize("code", ["block_three_shape = (8, 8, 64)", "block_three_shape = [8, 8, 64]"])
def test_q4_right(code: str) -> None:
    assert verdict(code, "q_4").status == Status.CORRECT


def test_q5_right_and_its_congratulations() -> None:
    outcome = verdict("dense_params = 131104", "q_5")
    assert outcome.status == Status.CORRECT
    assert outcome.message.startswith("Correct: Two thirds of the model's parameters sit in this one layer")
