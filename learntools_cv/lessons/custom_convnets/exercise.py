"""Lesson 5, Custom Convnets: the exercise's questions (bound for learners by
`learntools_cv.computer_vision.ex5`).

Kaggle's exercise has the learner complete a convnet by adding its third block (q_1), compile it (q_2) and
read its learning curves (q_3), with the same numbers and variable names here:

- q_1 (`model`): the whole model is judged, not one block: every layer in order, with its kind and settings
  (filters, kernel size, padding, activation, pooling, units, dropout rate), the input, the output shape and
  parameters of each step, then what the model computes with the same random weights as the expected one
  (`learntools_cv.vision.models`). The first difference is named in a learner's words. The model the cell
  starts from, with block three still empty, is Not attempted;
- q_2 (`model`): compiled with a loss and an accuracy metric for two classes, judged by what they compute
  (`learntools_cv.vision.compiling`, which lessons 1 and 6 share);
- q_3: a thought experiment on the learning curves the notebook drew (Kaggle's "Train the Model");
- q_4 and q_5, bonus: the shape block three outputs, and the parameters of the head's first dense layer.

A notebook binds them with:

    from learntools_cv.core import binder; binder.bind(globals())
    from learntools_cv.computer_vision.ex5 import *
"""

from __future__ import annotations

from typing import Any

from learntools_cv.core import CS, Mistake, NotAttempted, Question, ThoughtQuestion
from learntools_cv.lessons.custom_convnets.diagnosis.convnet import (
    CONVNET,
    STARTER,
    judge_block_shape,
    judge_dense_params,
)
from learntools_cv.vision import car_or_truck
from learntools_cv.vision.compiling import compile_mistakes, judge_compile
from learntools_cv.vision.models import judge_model, same_model

# The notebook state the questions are checked in: what the exercise's setup cells import. The self-check
# (`learntools-cv check-questions learntools_cv.computer_vision.ex5`) runs it before each solution and declared
# mistake. The checks read only the learner's model: they need no pictures.
SETUP_CODE = """
from learntools_cv import visiontools  # first: TensorFlow without its start-up log
import keras
from keras import layers
"""

GRADING_LIMITS = {"cell_timeout": 180, "notebook_timeout": 900}
"""The training cell takes 20 to 45 s on two busy cores (benchmarks/training.py); graders run several
submissions at once, so a cell may take up to three minutes in the sandbox."""

GRADING_DATA = (car_or_truck.for_grading,)
"""The notebook trains on the Car-or-Truck pictures: a grader builds them once, before any submission runs, and
shows them read-only to each submission's sandbox (`learntools_cv.vision.car_or_truck.for_grading`)."""

_CONV = "layers.Conv2D(filters={f}, kernel_size={k}, activation='relu', padding='same')"


def _model(block_three: str, *, head: str = "", block_two: str | None = None, first: str = "") -> str:
    """The notebook's model with another block three (or block two, or head, or input) in it."""
    two = f"    {_CONV.format(f=32, k=3)},\n    layers.MaxPool2D(),\n" if block_two is None else block_two
    head = head or ("    layers.Flatten(),\n    layers.Dense(32, activation='relu'),\n    layers.Dropout(0.2),\n"
                    "    layers.Dense(1, activation='sigmoid'),\n")
    return (
        "model = keras.Sequential([\n"
        f"    {first or 'keras.Input(shape=[64, 64, 3])'},\n"
        f"    {_CONV.format(f=16, k=3)},\n    layers.MaxPool2D(),\n"
        f"{two}{block_three}{head}])"
    )


_B3 = f"    {_CONV.format(f=64, k=3)},\n    {_CONV.format(f=64, k=3)},\n    layers.MaxPool2D(),\n"


class CustomConvnet(Question):
    """q_1: the convnet, with its block three of two convolutions and a pooling layer."""

    hints = [
        "Block three is built like blocks one and two, with one convolution more: two `Conv2D` layers, then a "
        "`MaxPool2D` layer. Each block doubles the filters of the block before it.",
        "Block two has 32 filters, so block three's two convolutions have 64 each. Keep `kernel_size=3`, "
        "`activation='relu'` and `padding='same'`, as in the blocks above, and end the block with "
        "`layers.MaxPool2D()`.",
    ]
    solution = CS(
        """model = keras.Sequential([
    keras.Input(shape=[64, 64, 3]),

    # Block One
    layers.Conv2D(filters=16, kernel_size=3, activation='relu', padding='same'),
    layers.MaxPool2D(),

    # Block Two
    layers.Conv2D(filters=32, kernel_size=3, activation='relu', padding='same'),
    layers.MaxPool2D(),

    # Block Three
    layers.Conv2D(filters=64, kernel_size=3, activation='relu', padding='same'),
    layers.Conv2D(filters=64, kernel_size=3, activation='relu', padding='same'),
    layers.MaxPool2D(),

    # Head
    layers.Flatten(),
    layers.Dense(32, activation='relu'),
    layers.Dropout(0.2),
    layers.Dense(1, activation='sigmoid'),
])"""
    )
    mistakes = [
        Mistake(_model("    layers.Conv2D(filters=64, kernel_size=3, activation='relu'),\n"
                       f"    {_CONV.format(f=64, k=3)},\n    layers.MaxPool2D(),\n"),
                "Block three's first convolution uses 'valid' padding; it should use 'same' padding",
                id="wrong-padding"),
        Mistake(_model(_B3, block_two=""), "Your model has no block two: it goes straight from block one to "
                "block three.", id="missing-block"),
        Mistake(_model(f"    {_CONV.format(f=64, k=3)},\n    {_CONV.format(f=32, k=3)},\n    layers.MaxPool2D(),\n"),
                "Block three's second convolution has 32 filters; it should have 64.", id="wrong-filters"),
        Mistake(_model(f"    {_CONV.format(f=64, k=3)},\n    {_CONV.format(f=64, k=3)},\n"),
                "Block three has no pooling layer", id="missing-pooling"),
        Mistake(_model(f"    {_CONV.format(f=64, k=3)},\n    layers.MaxPool2D(),\n"),
                "Block three has no second convolution", id="missing-layer"),
        Mistake(_model(f"    {_CONV.format(f=64, k=3)},\n    {_CONV.format(f=64, k=5)},\n    layers.MaxPool2D(),\n"),
                "Block three's second convolution has 5x5 kernels; it should have 3x3 kernels", id="wrong-kernel-size"),
        Mistake(_model(f"    {_CONV.format(f=64, k=3)},\n    layers.Conv2D(filters=64, kernel_size=3, padding='same'),\n"
                       "    layers.MaxPool2D(),\n"),
                "Block three's second convolution has no activation", id="wrong-activation"),
        Mistake(_model(f"    {_CONV.format(f=64, k=3)},\n    {_CONV.format(f=64, k=3)},\n"
                       "    layers.AveragePooling2D(pool_size=2),\n"),
                "Block three's pooling layer is an average pooling layer", id="average-pooling"),
        Mistake(_model(f"    {_CONV.format(f=64, k=3)},\n" * 3 + "    layers.MaxPool2D(),\n"),
                "Your model has a layer more than it should, after block three's second convolution", id="extra-layer"),
        Mistake(_model(_B3, head="    layers.GlobalAveragePooling2D(),\n    layers.Dense(32, activation='relu'),\n"
                       "    layers.Dropout(0.2),\n    layers.Dense(1, activation='sigmoid'),\n"),
                "The head's `Flatten` layer is a global average pooling layer", id="global-pooling"),
        Mistake(_model(_B3, head="    layers.Flatten(),\n    layers.Dense(6, activation='relu'),\n"
                       "    layers.Dropout(0.2),\n    layers.Dense(1, activation='sigmoid'),\n"),
                "The head's first dense layer has 6 units; it should have 32.", id="wrong-units"),
        Mistake(_model(_B3, head="    layers.Flatten(),\n    layers.Dense(32, activation='relu'),\n"
                       "    layers.Dropout(0.5),\n    layers.Dense(1, activation='sigmoid'),\n"),
                "The head's dropout layer has rate 0.5; it should have rate 0.2", id="wrong-rate"),
        Mistake(_model(_B3, first="keras.Input(shape=[128, 128, 3])"),
                "Your model takes inputs of shape `(128, 128, 3)`", id="wrong-input-shape"),
        Mistake(_model(f"    layers.Conv2D(filters=64, kernel_size=3, strides=2, activation='relu', padding='same'),\n"
                       f"    {_CONV.format(f=64, k=3)},\n    layers.MaxPool2D(),\n"),
                "Block three's first convolution moves with strides of 2x2", id="wrong-strides"),
        Mistake(_model(f"    {_CONV.format(f=64, k=3)},\n    layers.SeparableConv2D(filters=64, kernel_size=3, "
                       "activation='relu', padding='same'),\n    layers.MaxPool2D(),\n"),
                "Block three's second convolution is a separable convolution", id="wrong-layer"),
        Mistake(_model(f"    {_CONV.format(f=64, k=3)},\n    layers.Conv2D(filters=64, kernel_size=3, "
                       "activation='relu', padding='same', dilation_rate=2),\n    layers.MaxPool2D(),\n"),
                "Block three's second convolution has `dilation_rate=(2, 2)`", id="wrong-setting"),
        Mistake("class DoubledConv2D(layers.Conv2D):\n    def call(self, inputs):\n"
                "        return 2 * super().call(inputs)\n\n"
                + _model(f"    {_CONV.format(f=64, k=3)},\n    DoubledConv2D(filters=64, kernel_size=3, "
                         "activation='relu', padding='same'),\n    layers.MaxPool2D(),\n"),
                "Block three's second convolution (`DoubledConv2D`) computes something other than it should",
                id="computes-differently"),
        Mistake(f"model = [\n{_B3}]", "`model` is a list of layers, not a model.", id="not-a-model"),
    ]

    def check(self, model: Any) -> None:
        if same_model(model, STARTER):
            raise NotAttempted("Block three of `model` is still empty. Add its two convolutions and its pooling "
                               "layer where the cell says `# YOUR CODE HERE`, then run the cell again.")
        judge_model(model, CONVNET)


class CompileModel(Question):
    """q_2: `model` compiled with a loss and an accuracy metric for two classes, judged by what the loss and the
    metrics compute (`learntools_cv.vision.compiling`): a loss given by name or as an object, `'accuracy'`,
    and a check run again after `fit` are all right."""

    hints = [
        "Two classes and one sigmoid output: the loss for that is the binary cross-entropy, and the metric the "
        "share of pictures whose rounded probability is the right class.",
        "Use `loss='binary_crossentropy'` and `metrics=['binary_accuracy']`.",
    ]
    solution = CS(
        """model.compile(
    optimizer='adam',
    loss='binary_crossentropy',
    metrics=['binary_accuracy'],
)"""
    )
    given = CustomConvnet.solution.code  # the model of q_1's cell, which this question's cell compiles
    mistakes = compile_mistakes()

    def check(self, model: Any) -> None:
        judge_compile(model)


class LearningCurves(ThoughtQuestion):
    """q_3: what the learning curves say about the model."""

    hints = [
        "Compare the two accuracy curves: how far apart are they at the end? And the loss curves: does the "
        "validation loss keep falling with the training loss? Then compare the last validation accuracy with the "
        "tutorial's model's.",
    ]
    solution = (
        "The model starts from random weights, and for the first few epochs both accuracies may stay near 0.5, "
        "chance, while it finds its first useful features; then both climb. By the last epochs the training "
        "accuracy runs well ahead of the validation accuracy (in our runs about 0.85 to 0.95 against 0.7 to 0.8), "
        "and the validation loss levels off while the training loss goes on falling: the curves drift apart, so "
        "the model has begun to overfit, learning its 1,200 training pictures rather than what tells a car from a "
        "truck. The tutorial's model drifted apart sooner (its training accuracy reached 1.0 while its validation "
        "accuracy stayed near 0.75). The extra convolution lets block three combine the features of block two "
        "into more refined ones, and the dropout layer keeps the head from leaning on a few of them, which slows "
        "the overfitting; how many points of validation accuracy that buys depends on the random start. With "
        "1,200 pictures, this is about as far as a model trained from scratch gets in half a minute; lesson 6 "
        "shows how data augmentation takes it further."
    )


class BlockThreeShape(Question):
    """q_4, bonus: the shape block three outputs for one picture."""

    bonus = True
    hints = [
        "Follow one 64x64 picture through the blocks. With `padding='same'` a convolution keeps the height and "
        "width; each `MaxPool2D` halves them. The number of channels is the number of filters of the last "
        "convolution.",
        "Three blocks, three halvings: 64, 32, 16, 8. Block three's convolutions have 64 filters. You can also "
        "read it from `model.summary()`.",
    ]
    solution = CS("block_three_shape = (8, 8, 64)  # 64 / 2 / 2 / 2 = 8; 64 filters")
    mistakes = [
        Mistake("block_three_shape = (16, 16, 64)", "is what block two outputs", id="pooling-left-out"),
        Mistake("block_three_shape = (8, 8, 32)", "block three outputs 64 channels, not 32", id="wrong-channels"),
        Mistake("block_three_shape = (64, 64, 64)", "is the size of the pictures", id="no-pooling"),
        Mistake("block_three_shape = (4, 4, 64)", "halves the picture four times", id="pooled-too-often"),
        Mistake("block_three_shape = (None, 8, 8, 64)", "the batch axis", id="batch-axis"),
        Mistake("block_three_shape = 4096", "should be a tuple of three whole numbers", id="not-a-shape"),
        Mistake("block_three_shape = (8, 4, 64)", "so block three's output is square too", id="not-square"),
        Mistake("block_three_shape = (12, 12, 64)", "Block three does not output 12x12x64", id="wrong-shape"),
    ]

    def check(self, block_three_shape: Any) -> None:
        judge_block_shape(block_three_shape)


class DenseParameters(Question):
    """q_5, bonus: the parameters of the head's first dense layer."""

    bonus = True
    hints = [
        "`Flatten` turns block three's output into one long vector. A `Dense` layer has one weight for each "
        "value of that vector and each of its units, and one bias for each unit.",
        "Block three outputs 8 x 8 x 64 = 4,096 values, and the dense layer has 32 units.",
    ]
    solution = CS("dense_params = 8 * 8 * 64 * 32 + 32  # 131,104: two thirds of the whole model's 191,649")
    congrats = (
        "Two thirds of the model's parameters sit in this one layer, between the flattened feature maps and the "
        "head. That is where a convnet with a `Flatten` head can learn its training pictures by heart, and why "
        "the head has a `Dropout` layer after it."
    )
    mistakes = [
        Mistake("dense_params = 8 * 8 * 64 * 32", "counts the weights but not the biases", id="biases-left-out"),
        Mistake("dense_params = 4096", "is how many values `Flatten` passes", id="inputs-not-params"),
        Mistake("dense_params = 64 * 32 + 32", "a dense layer on the 64 channels alone", id="channels-only"),
        Mistake("dense_params = 191649", "is the whole model's count", id="whole-model"),
        Mistake("dense_params = 1000", "does not have 1,000 parameters", id="wrong-count"),
        Mistake("dense_params = '131104'", "should be a whole number of parameters", id="not-a-number"),
    ]

    def check(self, dense_params: Any) -> None:
        judge_dense_params(dense_params)


# The questions in the order learners number them (q_1, q_2, ...): Kaggle's three, then the bonus ones.
QUESTIONS = [CustomConvnet, CompileModel, LearningCurves, BlockThreeShape, DenseParameters]
