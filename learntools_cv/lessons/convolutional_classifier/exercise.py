"""Lesson 1, The Convolutional Classifier: the exercise's questions (bound for learners by
`learntools_cv.computer_vision.ex1`).

Kaggle's exercise has the learner freeze a pretrained base (q_1), put a head on it (q_2), compile the model
(q_3) and read its learning curves (q_4); the numbers and variable names are the same here:

- q_1 (`pretrained_base`): frozen, judged by the base's trainable weights (none may be left), not by its flag
  alone; its weights must still be the pretrained ones;
- q_2 (`model`): the learner's own base, once, then `Flatten`, `Dense(6, relu)` and `Dense(1, sigmoid)`,
  judged by what each layer is and computes (`learntools_cv.vision.models`); a global average pooling layer in
  place of `Flatten`, a missing layer, wrong units or activations are each named;
- q_3 (`model`): compiled with a loss and an accuracy metric for two classes, judged by what they compute
  (`learntools_cv.vision.compiling`): a loss object, `'accuracy'`, and a check run again after `fit` are right;
- q_4: a thought experiment on the learning curves the notebook drew.

A notebook binds them with:

    from learntools_cv.core import binder; binder.bind(globals())
    from learntools_cv.computer_vision.ex1 import *
"""

from __future__ import annotations

from typing import Any

from learntools_cv.core import CS, Mistake, Question, ThoughtQuestion
from learntools_cv.lessons.convolutional_classifier.diagnosis.classifier import judge_classifier, judge_frozen
from learntools_cv.vision import car_or_truck
from learntools_cv.vision.compiling import compile_mistakes, judge_compile

# The notebook state the questions are checked in: what the exercise's setup cells import and load. The
# self-check (`learntools-cv check-questions learntools_cv.computer_vision.ex1`) runs it before each solution
# and declared mistake. The checks read the base and the model only: they need no pictures.
SETUP_CODE = """
from learntools_cv import visiontools  # first: TensorFlow without its start-up log
import keras
from keras import layers
import tensorflow as tf

pretrained_base = keras.models.load_model(visiontools.pretrained_base_path())
"""

GRADING_LIMITS = {"cell_timeout": 180, "notebook_timeout": 900}
"""The training cell takes 13 to 15 s on two cores (benchmarks/results/training.md); graders run several
submissions at once, so a cell may take up to three minutes in the sandbox."""

GRADING_DATA = (car_or_truck.for_grading,)
"""The notebook trains on the Car-or-Truck pictures: a grader builds them once, before any submission runs, and
shows them read-only to each submission's sandbox (`learntools_cv.vision.car_or_truck.for_grading`)."""

_MODEL = """model = keras.Sequential([
    pretrained_base,
    layers.Flatten(),
    layers.Dense(6, activation='relu'),
    layers.Dense(1, activation='sigmoid'),
])"""


def _with_head(*head: str, base: str = "    pretrained_base,\n") -> str:
    return "model = keras.Sequential([\n" + base + "".join(f"    {layer},\n" for layer in head) + "])"


_FLATTEN = "layers.Flatten()"
_DENSE6 = "layers.Dense(6, activation='relu')"
_DENSE1 = "layers.Dense(1, activation='sigmoid')"


class FreezeBase(Question):
    """q_1: the pretrained base, frozen."""

    hints = [
        "A frozen layer keeps its weights while the rest of the model trains. Every Keras layer and model has a "
        "`trainable` attribute that says whether its weights may change.",
    ]
    solution = CS("pretrained_base.trainable = False")
    given = "pretrained_base = keras.models.load_model(visiontools.pretrained_base_path())"  # each item its own
    mistakes = [
        Mistake("for layer in pretrained_base.layers[:8]:\n    layer.trainable = False",
                "`pretrained_base` is only partly frozen", id="partly-frozen"),
        Mistake("pretrained_base = keras.models.clone_model(pretrained_base)\npretrained_base.trainable = False",
                "The weights of `pretrained_base` are no longer the pretrained ones", id="weights-changed"),
        Mistake("pretrained_base = layers.Flatten()", "should be the base the setup cell loaded, a Keras model",
                id="not-a-model"),
        Mistake("pretrained_base = keras.Sequential([keras.Input(shape=[128, 128, 3]), layers.Conv2D(8, 3)])\n"
                "pretrained_base.trainable = False", "is not the lesson's pretrained base", id="other-base"),
    ]

    def check(self, pretrained_base: Any) -> None:
        judge_frozen(pretrained_base)


class AttachHead(Question):
    """q_2: the classifier, the pretrained base with a head of two dense layers on it."""

    hints = [
        "The head turns the base's feature maps into a probability. `Flatten` makes the maps one long vector, "
        "then a hidden `Dense` layer of 6 units with the ReLU, then one unit with the sigmoid.",
        "After `layers.Flatten()`, add `layers.Dense(6, activation='relu')` and "
        "`layers.Dense(1, activation='sigmoid')`.",
    ]
    solution = CS(_MODEL)
    mistakes = [
        Mistake(_with_head("layers.GlobalAveragePooling2D()", _DENSE6, _DENSE1),
                "The head's `Flatten` layer is a global average pooling layer", id="global-pooling"),
        Mistake(_with_head(_FLATTEN, "layers.Dense(8, activation='relu')", _DENSE1),
                "The head's first dense layer has 8 units; it should have 6.", id="wrong-units"),
        Mistake(_with_head(_FLATTEN, _DENSE6, "layers.Dense(1)"),
                "The head's second dense layer has no activation", id="wrong-activation"),
        Mistake(_with_head(_FLATTEN, _DENSE6, "layers.Dense(2, activation='softmax')"),
                "The head's second dense layer has 2 units; it should have 1.", id="wrong-units"),
        Mistake(_with_head(_FLATTEN, _DENSE1), "The head has no first dense layer", id="missing-layer"),
        Mistake(_with_head(_FLATTEN, _DENSE6, _DENSE1, base="    keras.models.clone_model(pretrained_base),\n"),
                "`model` does not hold `pretrained_base` with its pretrained weights", id="no-base"),
        Mistake(f"model = [pretrained_base, {_FLATTEN}, {_DENSE6}, {_DENSE1}]",
                "`model` is a list of layers, not a model.", id="not-a-model"),
    ]

    def check(self, model: Any, pretrained_base: Any) -> None:
        judge_classifier(model, pretrained_base)


class CompileClassifier(Question):
    """q_3: the classifier compiled with a loss and an accuracy metric for two classes."""

    hints = [
        "Two classes and one sigmoid output: the loss for that is the binary cross-entropy, and the metric the "
        "share of pictures whose rounded probability is the right class.",
        "Use `loss='binary_crossentropy'` and `metrics=['binary_accuracy']`.",
    ]
    solution = CS(
        """optimizer = keras.optimizers.Adam(epsilon=0.01)
model.compile(
    optimizer=optimizer,
    loss='binary_crossentropy',
    metrics=['binary_accuracy'],
)"""
    )
    given = _MODEL  # the model of q_2's cell, which this question's cell compiles
    mistakes = compile_mistakes(optimizer="keras.optimizers.Adam(epsilon=0.01)")

    def check(self, model: Any) -> None:
        judge_compile(model)


class ReadTheCurves(ThoughtQuestion):
    """q_4: what the learning curves say about the classifier."""

    hints = [
        "Look at where the validation curves end and how they move in the last epochs. Then compare the two "
        "accuracy curves: how far apart are they at the end?",
    ]
    solution = (
        "The validation accuracy climbs over the first few epochs and then levels off at about 0.8, and the "
        "validation loss stops falling at the same time. Only the head learnt: the base's 61,040 weights stayed "
        "as they were, so everything the model knows about cars and trucks comes from what the base learnt on "
        "other drawings, recombined by 24,589 weights of the head. That it reaches about 0.8 at all shows the "
        "transfer works: the same head on a base with random weights stays at 0.5, chance. Meanwhile the training "
        "accuracy goes on climbing past the validation accuracy: the head starts to learn its 1,200 training "
        "pictures rather than what tells a car from a truck, so more epochs would not help much. A larger head, "
        "data augmentation (lesson 6) or fine-tuning the base's last block could."
    )


# The questions in the order learners number them (q_1, q_2, ...).
QUESTIONS = [FreezeBase, AttachHead, CompileClassifier, ReadTheCurves]
