"""Lesson 6, Data Augmentation: the exercise's questions (bound for learners by
`learntools_cv.computer_vision.ex6`).

Kaggle's exercise asks which augmentations suit two data sets (q_1, q_2), has the learner add three
augmentation layers to a custom convnet (q_3) and read its learning curves (q_4). Here:

- q_1 and q_2: thought experiments, satellite pictures (EuroSAT) and photos of flowers;
- q_3 (`model`): the whole model is judged, as in lesson 5 (`learntools_cv.vision.models`): every one of its
  layers, not only the three new ones, each augmentation layer by its kind and its setting, written as a number
  or a range, then by behaviour: each must change pictures in training, within its range, and leave them
  unchanged in inference. Augmentation layers in a row may come in any order (they compute the same). The
  model the cell starts from, without augmentation, is Not attempted;
- q_4: a thought experiment on the learning curves the notebook drew;
- q_5, bonus: one picture augmented in training mode and in inference mode.

A notebook binds them with:

    from learntools_cv.core import binder; binder.bind(globals())
    from learntools_cv.computer_vision.ex6 import *
"""

from __future__ import annotations

from typing import Any

from learntools_cv.core import CS, Mistake, NotAttempted, Question, ThoughtQuestion
from learntools_cv.lessons.data_augmentation.diagnosis.augmented import AUGMENTED, STARTER, judge_views
from learntools_cv.vision import car_or_truck
from learntools_cv.vision.models import judge_augmentation, judge_model, same_model

# The notebook state the questions are checked in. The self-check (`learntools-cv check-questions
# learntools_cv.computer_vision.ex6`) runs it before each solution and declared mistake. The model checks need
# no pictures; the bonus question needs one, drawn here as the Car-or-Truck pictures are (the notebook takes
# one from the training set).
SETUP_CODE = """
from learntools_cv import visiontools  # first: TensorFlow without its start-up log
import numpy as np
import keras
from keras import layers
from learntools_cv.vision.car_or_truck import draw

picture = draw('truck', np.random.default_rng(6), size=64).image.astype('float32') / 255
augment = keras.Sequential([
    layers.RandomContrast(factor=0.5),
    layers.RandomFlip(mode='horizontal'),
])
"""

GRADING_LIMITS = {"cell_timeout": 180, "notebook_timeout": 900}
"""Each of the two training cells takes 20 to 45 s on two busy cores (benchmarks/training.py); graders run
several submissions at once, so a cell may take up to three minutes in the sandbox."""

GRADING_DATA = (car_or_truck.for_grading,)
"""The notebook trains on the Car-or-Truck pictures: a grader builds them once, before any submission runs, and
shows them read-only to each submission's sandbox (`learntools_cv.vision.car_or_truck.for_grading`)."""

_AUG = ("    layers.RandomContrast(factor=0.10),\n    layers.RandomFlip(mode='horizontal'),\n"
        "    layers.RandomRotation(factor=0.10),\n")
_NORM = "    layers.BatchNormalization(),\n"


def _conv(filters: int, padding: str = "same") -> str:
    return f"    layers.Conv2D(filters={filters}, kernel_size=3, activation='relu', padding='{padding}'),\n"


def _model(augmentation: str = _AUG, *, block_two: str | None = None, block_three: str | None = None,
           head: str | None = None, first: str = "keras.Input(shape=[64, 64, 3])", before: str = "") -> str:
    """The notebook's model, with other augmentation layers (or another block or head) in it."""
    two = f"{_NORM}{_conv(32)}    layers.MaxPool2D(),\n" if block_two is None else block_two
    three = f"{_NORM}{_conv(64)}{_conv(64)}    layers.MaxPool2D(),\n" if block_three is None else block_three
    head = head if head is not None else (f"{_NORM}    layers.Flatten(),\n    layers.Dense(8, activation='relu'),\n"
                                          "    layers.Dense(1, activation='sigmoid'),\n")
    return (f"{before}model = keras.Sequential([\n    {first},\n{augmentation}{_NORM}{_conv(16)}"
            f"    layers.MaxPool2D(),\n{two}{three}{head}])")


class EuroSAT(ThoughtQuestion):
    """q_1: augmentations for satellite pictures."""

    hints = [
        "Whatever transformation you choose must keep the classes apart; otherwise it should keep the pictures "
        "looking much as they are. If you turned a satellite picture of a forest upside down, would it still look "
        "like a forest?",
    ]
    solution = (
        "A satellite looks straight down, so its pictures have no up or down and no left or right: a forest "
        "turned upside down, mirrored or rotated by any angle is still a forest, and a river still a river. "
        "Flips in both directions and rotations through the full circle are the first to try. Changes of "
        "contrast and brightness can stand in for haze and for the time of day. None of these is likely to turn "
        "one kind of land into another."
    )


class Flowers(ThoughtQuestion):
    """q_2: augmentations for photos of flowers."""

    hints = [
        "Whatever transformation you choose must keep the classes apart; otherwise it should keep the pictures "
        "looking much as they are. What could you do to a photo of a rose so that it still looks like a rose?",
    ]
    solution = (
        "People photograph flowers upright, mostly from the side or above. Mirroring left to right and turning "
        "by a moderate angle keep a rose a rose, and changes of contrast and brightness stand in for the light; "
        "flipping upside down makes pictures no camera takes of stems and petals. Shifting the hue (red to "
        "blue) needs care: colour tells some kinds of flower apart, so it could mix the classes up. Then again, "
        "cultivated flowers come in many colours, so on some data sets it may still help: try it and see."
    )


class AddAugmentation(Question):
    """q_3: the convnet with three augmentation layers in front."""

    hints = [
        "The three layers go right after `keras.Input(...)`, before block one, in the order the question gives "
        "them. They are layers like any other: one per line, each followed by a comma.",
        "In Keras 3 the augmentation layers are in `keras.layers`: `layers.RandomContrast(factor=0.10)`, "
        "`layers.RandomFlip(mode='horizontal')` and `layers.RandomRotation(factor=0.10)`. "
        "(`tensorflow.keras.layers.experimental.preprocessing`, where Kaggle's course found them, is gone.)",
    ]
    solution = CS(
        """model = keras.Sequential([
    keras.Input(shape=[64, 64, 3]),

    # Data Augmentation
    layers.RandomContrast(factor=0.10),
    layers.RandomFlip(mode='horizontal'),
    layers.RandomRotation(factor=0.10),

    # Block One
    layers.BatchNormalization(),
    layers.Conv2D(filters=16, kernel_size=3, activation='relu', padding='same'),
    layers.MaxPool2D(),

    # Block Two
    layers.BatchNormalization(),
    layers.Conv2D(filters=32, kernel_size=3, activation='relu', padding='same'),
    layers.MaxPool2D(),

    # Block Three
    layers.BatchNormalization(),
    layers.Conv2D(filters=64, kernel_size=3, activation='relu', padding='same'),
    layers.Conv2D(filters=64, kernel_size=3, activation='relu', padding='same'),
    layers.MaxPool2D(),

    # Head
    layers.BatchNormalization(),
    layers.Flatten(),
    layers.Dense(8, activation='relu'),
    layers.Dense(1, activation='sigmoid'),
])"""
    )
    mistakes = [
        Mistake(_model("    layers.RandomContrast(factor=0.10),\n    layers.RandomFlip(mode='horizontal'),\n"),
                "The augmentation has no random rotation layer", id="missing-layer"),
        Mistake(_model("    layers.RandomContrast(factor=0.10),\n    layers.RandomFlip(mode='vertical'),\n"
                       "    layers.RandomRotation(factor=0.10),\n"),
                "The augmentation's random flip layer flips with mode 'vertical'; it should flip with mode "
                "'horizontal'", id="wrong-flip"),
        Mistake(_model("    layers.RandomContrast(factor=0.5),\n    layers.RandomFlip(mode='horizontal'),\n"
                       "    layers.RandomRotation(factor=0.10),\n"),
                "The augmentation's random contrast layer changes the contrast by factors from 1 to 1.5", id="wrong-contrast"),
        Mistake(_model("    layers.RandomContrast(factor=0.10),\n    layers.RandomFlip(mode='horizontal'),\n"
                       "    layers.RandomRotation(factor=0.2),\n"),
                "The augmentation's random rotation layer turns pictures by -0.2 to 0.2 of a full turn", id="wrong-rotation"),
        Mistake(_model("    layers.RandomContrast(factor=0.10),\n    layers.RandomFlip(mode='horizontal'),\n"
                       "    layers.RandomZoom(height_factor=0.10),\n"),
                "The augmentation's random rotation layer is a random zoom layer", id="wrong-layer"),
        Mistake(_model(_AUG + "    layers.RandomZoom(height_factor=0.10),\n"),
                "Your model has a layer more than it should, after the augmentation's random rotation layer",
                id="extra-layer"),
        Mistake(_model(block_three=f"{_NORM}{_conv(64)}{_conv(32)}    layers.MaxPool2D(),\n"),
                "Block three's second convolution has 32 filters; it should have 64.", id="wrong-filters"),
        Mistake(_model(block_two=f"{_NORM}{_conv(32, 'valid')}    layers.MaxPool2D(),\n"),
                "Block two's convolution uses 'valid' padding", id="wrong-padding"),
        Mistake(_model(head=f"{_NORM}    layers.Flatten(),\n    layers.Dense(6, activation='relu'),\n"
                       "    layers.Dense(1, activation='sigmoid'),\n"),
                "The head's first dense layer has 6 units; it should have 8.", id="wrong-units"),
        Mistake(_model(block_two=""), "Your model has no block two", id="missing-block"),
        Mistake(_model("", block_two=f"{_AUG}{_NORM}{_conv(32)}    layers.MaxPool2D(),\n"),
                "The augmentation and block one are the wrong way round", id="misplaced-block"),
        Mistake(_model(first="keras.Input(shape=[128, 128, 3])"), "Your model takes inputs of shape `(128, 128, 3)`",
                id="wrong-input-shape"),
        Mistake(_model("    layers.RandomContrast(factor=0.10),\n    FlipAlways(mode='horizontal'),\n"
                       "    layers.RandomRotation(factor=0.10),\n",
                       before="class FlipAlways(layers.RandomFlip):\n    def call(self, inputs, training=True):\n"
                              "        return super().call(inputs, training=True)\n\n"),
                "changes pictures in inference too", id="augments-in-inference"),
        Mistake(_model("    layers.RandomContrast(factor=0.10),\n    FlipNever(mode='horizontal'),\n"
                       "    layers.RandomRotation(factor=0.10),\n",
                       before="class FlipNever(layers.RandomFlip):\n    def call(self, inputs, training=True):\n"
                              "        return inputs\n\n"),
                "leaves pictures unchanged in training", id="augments-nothing"),
        Mistake(f"model = [\n{_AUG}]", "`model` is a list of layers, not a model.", id="not-a-model"),
    ]

    def check(self, model: Any) -> None:
        if same_model(model, STARTER):
            raise NotAttempted("`model` has no augmentation layers yet. Add the three the question gives where "
                               "the cell says `# YOUR CODE HERE`, then run the cell again.")
        judge_augmentation(judge_model(model, AUGMENTED), AUGMENTED)


class LearningCurves(ThoughtQuestion):
    """q_4: what the learning curves say about augmentation."""

    hints = [
        "Compare the gap between the training and the validation curves with lesson 5's, where the training "
        "accuracy ran well ahead of a validation accuracy of about 0.7 to 0.8. Then compare the last "
        "validation accuracy.",
    ]
    solution = (
        "The validation accuracy ends at about 0.77 with the notebook's seed (0.69 to 0.81 with other seeds), a "
        "few points above where lesson 5's model stopped (0.74), and it is still moving up and down with the training "
        "accuracy rather than flat while the training accuracy runs away. Each epoch shows the model pictures it "
        "has never seen in exactly that contrast, side and angle, so it cannot simply learn its 1,200 training "
        "pictures by heart; what it learns has to hold for cars and trucks in general. The gap between the "
        "curves does not vanish: augmentation slows overfitting down rather than stopping it, and with only 30 "
        "epochs on a small data set its gain is a few points, which one run's random start can hide. Not every "
        "transformation helps every data set, either: choose the ones that make pictures the model could "
        "really meet."
    )


class TwoViews(Question):
    """q_5, bonus: one picture through the augmentation layers, in training and in inference mode."""

    bonus = True
    answers = ("trained_view", "inference_view")
    hints = [
        "A Keras layer takes `training=True` or `training=False` when you call it. `fit` passes `training=True` "
        "for every batch, `predict` and `evaluate` pass `training=False`. Called without it, Keras 3's "
        "augmentation layers augment.",
        "`trained_view = augment(picture, training=True)` and `inference_view = augment(picture, training=False)`.",
    ]
    solution = CS("trained_view = augment(picture, training=True)\ninference_view = augment(picture, training=False)")
    mistakes = [
        Mistake("trained_view = augment(picture, training=True)\ninference_view = augment(picture)",
                "`inference_view` is not the picture as it is", id="augmented-in-inference"),
        Mistake("trained_view = augment(picture, training=False)\ninference_view = picture",
                "`trained_view` is the picture unchanged", id="not-training"),
        Mistake("trained_view = augment(picture, training=False)\ninference_view = augment(picture, training=True)",
                "The two views are the wrong way round", id="views-swapped"),
        Mistake("trained_view = augment(picture, training=True)[None]\ninference_view = picture",
                "`trained_view` has shape `(1, 64, 64, 3)`", id="wrong-shape"),
        Mistake("picture = np.full((64, 64, 3), 0.5, dtype='float32')\n"
                "trained_view = augment(picture, training=True)\ninference_view = augment(picture, training=False)",
                "`picture` is the same value everywhere", id="blank-picture"),
    ]

    def check(self, trained_view: Any, inference_view: Any, picture: Any) -> None:
        judge_views(trained_view, inference_view, picture)


# The questions in the order learners number them (q_1, q_2, ...): Kaggle's four, then the bonus one.
QUESTIONS = [EuroSAT, Flowers, AddAugmentation, LearningCurves, TwoViews]
