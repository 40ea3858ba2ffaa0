"""Lesson 6's questions: the model with augmentation (q_3) and the two views of a picture (bonus q_5), each
right form Correct, each mistake named in the words a learner reads (pinned in full), the cell's own starter
Not attempted; the thought experiments (q_1, q_2, q_4) show their discussions.

Kaggle's check looks at 3 of the model's 17 layers and compares `RandomContrast(...).factor == 0.1`, which
Keras 3.15 makes (0, 0.1): here a scalar or a range is right, and a wrong layer anywhere is named."""

from __future__ import annotations

from collections.abc import Iterator

import keras
import numpy as np
import pytest

from learntools_cv.authoring.testing import assert_not_attempted, assert_passed, bind_exercise
from learntools_cv.core import Session, Status
from learntools_cv.core.record import EVENTS_ENV
from learntools_cv.lessons.data_augmentation import exercise

MODULE = "learntools_cv.computer_vision.ex6"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    with Session().activated():
        yield


SOLUTION = exercise.AddAugmentation.solution.code
AUGMENTATION = (
    "    layers.RandomContrast(factor=0.10),\n"
    "    layers.RandomFlip(mode='horizontal'),\n"
    "    layers.RandomRotation(factor=0.10),\n"
)


def with_augmentation(lines: str) -> str:
    """The solution's model with other augmentation lines."""
    return SOLUTION.replace(AUGMENTATION, lines)


def starter() -> str:
    """The learner notebook's cell as it comes: no augmentation yet."""
    return with_augmentation("    # YOUR CODE HERE: the three augmentation layers\n")


def verdict(code: str, question: str = "q_3"):
    with bind_exercise(MODULE) as ex:
        ex.run(code)
        return ex.q(question).evaluate()


# ---------------------------------------------------------------------------------------------------- q_3

RIGHT = {
    "solution": SOLUTION,
    # Keras 3.15 reads 0.10 as (0, 0.10); Kaggle's TensorFlow read it as (0.10, 0.10): both are what was asked.
    "contrast-as-a-range": with_augmentation(AUGMENTATION.replace("factor=0.10)", "factor=(0.10, 0.10))", 1)),
    "rotation-as-a-range": with_augmentation(AUGMENTATION.replace("RandomRotation(factor=0.10)",
                                                                  "RandomRotation(factor=(-0.10, 0.10))")),
    "positional-and-keras-names": with_augmentation(
        "    keras.layers.RandomContrast(0.1),\n    keras.layers.RandomFlip('horizontal'),\n"
        "    keras.layers.RandomRotation(0.1),\n"),
    "another-order": with_augmentation(
        "    layers.RandomFlip(mode='horizontal'),\n    layers.RandomRotation(factor=0.10),\n"
        "    layers.RandomContrast(factor=0.10),\n"),
    "a-nested-augmentation-model": with_augmentation(
        "    keras.Sequential([\n" + AUGMENTATION.replace("    layers", "        layers") + "    ]),\n"),
    "input-layer": SOLUTION.replace("keras.Input(shape=[64, 64, 3])", "layers.InputLayer(shape=(64, 64, 3))"),
    "rebuilt-as-the-grader-will": SOLUTION + "\nmodel = keras.models.model_from_json(model.to_json())",
    "after-training": SOLUTION + (
        "\nmodel.compile(optimizer='adam', loss='binary_crossentropy', metrics=['binary_accuracy'])"
        "\nmodel.fit(np.random.default_rng(0).uniform(size=(8, 64, 64, 3)), np.arange(8) % 2, epochs=1, verbose=0)"),
}


@pytest.mark.parametrize("code", RIGHT.values(), ids=RIGHT.keys())
def test_q3_every_right_model_is_correct(code: str) -> None:
    outcome = verdict(code)
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


def test_q3_the_cells_starter_is_not_attempted() -> None:
    with bind_exercise(MODULE) as ex:
        ex.run(starter())
        outcome = assert_not_attempted(ex.q("q_3"))
    assert outcome.message == ("Not attempted: `model` has no augmentation layers yet. Add the three the question "
                               "gives where the cell says `# YOUR CODE HERE`, then run the cell again.")


MISTAKE_WORDS = {
    "missing-layer": "The augmentation has no random rotation layer: your model has nothing after the "
                     "augmentation's random flip layer, where a `RandomRotation` layer (turns of up to 0.1 of a full "
                     "turn either way) should be. Add it there.",
    "wrong-flip": "The augmentation's random flip layer flips with mode 'vertical'; it should flip with mode "
                  "'horizontal': `mode='horizontal'`.",
    "wrong-contrast": "The augmentation's random contrast layer changes the contrast by factors from 1 to 1.5; it "
                      "should change it by up to 10%: `factor=0.1`.",
    "wrong-rotation": "The augmentation's random rotation layer turns pictures by -0.2 to 0.2 of a full turn (-72 "
                      "to 72 degrees); it should turn them by up to 0.1 of a full turn either way: `factor=0.1`.",
    "wrong-layer": "The augmentation's random rotation layer is a random zoom layer (`RandomZoom`); it should be a "
                   "random rotation layer (`layers.RandomRotation`).",
    "extra-layer": "Your model has a layer more than it should, after the augmentation's random rotation layer: "
                   "layer 4, a `RandomZoom` layer. Take it out, or check that the layers around it are the ones "
                   "the question asks for.",
    "wrong-filters": "Block three's second convolution has 32 filters; it should have 64. So it outputs "
                     "`(16, 16, 32)` where the model for this question has `(16, 16, 64)`.",
    "wrong-padding": "Block two's convolution uses 'valid' padding; it should use 'same' padding: "
                     "`padding='same'`, as the other convolutions do. So it outputs `(30, 30, 32)` where the model "
                     "for this question has `(32, 32, 32)`.",
    "wrong-units": "The head's first dense layer has 6 units; it should have 8. So it outputs `(6,)` where the "
                   "model for this question has `(8,)`.",
    "missing-block": "Your model has no block two: it goes straight from block one to block three. Block two is a "
                     "`BatchNormalization` layer, a `Conv2D` layer with 32 filters and a `MaxPool2D` layer, as the "
                     "cell gave it.",
    "misplaced-block": "The augmentation and block one are the wrong way round: the augmentation should come "
                       "first, right after the input, and block one after it.",
    "wrong-input-shape": "Your model takes inputs of shape `(128, 128, 3)`, but the pictures it is for have shape "
                         "`(64, 64, 3)`: its input should be `keras.Input(shape=[64, 64, 3])`.",
    "augments-in-inference": "Your random flip layer (`FlipAlways`, layer 2 of your model) changes pictures in "
                             "inference too. Augmentation should only change them while the model trains.",
    "augments-nothing": "Your random flip layer (`FlipNever`, layer 2 of your model) leaves pictures unchanged in "
                        "training, so it augments nothing. Check its factor.",
    "not-a-model": "`model` is a list of layers, not a model. Give the list to `keras.Sequential(...)`: "
                   "`model = keras.Sequential([...])`.",
}


def test_q3_the_table_covers_every_declared_mistake() -> None:
    assert [m.id for m in exercise.AddAugmentation.mistakes] == list(MISTAKE_WORDS)


@pytest.mark.parametrize("mistake", exercise.AddAugmentation.mistakes, ids=lambda m: m.id)
def test_q3_each_mistake_is_named_in_full(mistake) -> None:
    outcome = verdict(mistake.code)
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, mistake.id)
    assert outcome.message == "Incorrect: " + MISTAKE_WORDS[mistake.id]


KAGGLE_PASSES = {
    # Kaggle's check counts 17 layers and reads layers 0 to 2 only.
    "a wrong activation among the last 14": (
        SOLUTION.replace("layers.Dense(8, activation='relu')", "layers.Dense(8, activation='sigmoid')"),
        "wrong-activation",
        "The head's first dense layer applies the sigmoid; it should apply the ReLU: `activation='relu'`.",
    ),
    "average pooling among the last 14": (
        SOLUTION.replace("    layers.MaxPool2D(),\n\n    # Head", "    layers.AveragePooling2D(2),\n\n    # Head"),
        "average-pooling",
        "Block three's pooling layer is an average pooling layer (`AveragePooling2D`); it should be a maximum "
        "pooling layer (`layers.MaxPool2D`).",
    ),
    "Kaggle's batch renormalization": (
        SOLUTION.replace("layers.BatchNormalization(),\n    layers.Flatten()",
                         "layers.BatchNormalization(renorm=True),\n    layers.Flatten()"),
        "wrong-setting",
        "The head's batch normalization layer has `renorm=True`; it should have `renorm=False`.",
    ),
}


@pytest.mark.parametrize(("code", "mistake", "words"), KAGGLE_PASSES.values(), ids=KAGGLE_PASSES.keys())
def test_q3_a_wrong_layer_anywhere_is_named(code: str, mistake: str, words: str) -> None:
    outcome = verdict(code)
    assert (outcome.mistake, outcome.message) == (mistake, "Incorrect: " + words)


def test_q3_zero_weights_cannot_pass_a_wrong_model() -> None:
    code = KAGGLE_PASSES["a wrong activation among the last 14"][0]
    outcome = verdict(code + "\nmodel.set_weights([np.zeros_like(w) for w in model.get_weights()])")
    assert outcome.mistake == "wrong-activation"


def test_q3_the_check_changes_nothing_in_the_notebook() -> None:
    with bind_exercise(MODULE) as ex:
        ex.run(SOLUTION)
        weights = [np.array(w) for w in ex.ns["model"].get_weights()]
        names = dict(ex.ns)
        assert_passed(ex.q("q_3"))
        assert all(np.array_equal(a, b) for a, b in zip(weights, ex.ns["model"].get_weights()))
        assert ex.ns.keys() == names.keys() and all(ex.ns[k] is v for k, v in names.items())


# ---------------------------------------------------------------------------------------------------- q_5

VIEWS_RIGHT = {
    "solution": exercise.TwoViews.solution.code,
    # Keras 3's augmentation layers augment when `training` is left out.
    "training-left-out": "trained_view = augment(picture)\ninference_view = augment(picture, training=False)",
    "as-numpy": "trained_view = augment(picture, training=True).numpy()\ninference_view = picture",
}


@pytest.mark.parametrize("code", VIEWS_RIGHT.values(), ids=VIEWS_RIGHT.keys())
def test_q5_both_views_right(code: str) -> None:
    outcome = verdict(code, "q_5")
    assert outcome.status == Status.CORRECT


VIEWS_WORDS = {
    "augmented-in-inference": "`inference_view` is not the picture as it is: it looks augmented. Called without "
                              "`training=False`, Keras 3's augmentation layers augment, as in training; in "
                              "inference (`predict`, `evaluate`, or `augment(picture, training=False)`) they leave "
                              "pictures alone.",
    "not-training": "`trained_view` is the picture unchanged: in inference mode (`training=False`) the augmentation "
                    "layers do nothing. Call `augment(picture, training=True)`, as `fit` does for every batch.",
    "views-swapped": "The two views are the wrong way round: `trained_view` is the picture as it is and "
                     "`inference_view` is augmented. `training=True` is the mode that augments.",
    "wrong-shape": "`trained_view` has shape `(1, 64, 64, 3)`, but `picture` has shape `(64, 64, 3)`: augmentation "
                   "layers give back pictures of the shape they are given.",
    "blank-picture": "`picture` is the same value everywhere, and no contrast change or flip can change such a "
                     "picture, so its two views cannot show what the modes do. Take a picture from the data set, "
                     "as the notebook's cell does.",
}


@pytest.mark.parametrize("mistake", exercise.TwoViews.mistakes, ids=lambda m: m.id)
def test_q5_each_mistake_is_named_in_full(mistake) -> None:
    outcome = verdict(mistake.code, "q_5")
    assert (outcome.status, outcome.mistake, outcome.message) == (
        Status.INCORRECT, mistake.id, "Incorrect: " + VIEWS_WORDS[mistake.id])


def test_q5_views_that_are_no_pictures_are_worded() -> None:
    outcome = verdict("trained_view = augment\ninference_view = picture", "q_5")
    assert outcome.status == Status.INCORRECT
    assert outcome.message.startswith("Incorrect: `trained_view`")


def test_q5_is_a_bonus_question() -> None:
    with bind_exercise(MODULE) as ex:
        assert ex.q("q_5").question.bonus and not ex.q("q_3").question.bonus


# ---------------------------------------------------------------------------------------------------- thoughts


@pytest.mark.parametrize(("question", "start"), [
    ("q_1", "A satellite looks straight down"),
    ("q_2", "People photograph flowers upright"),
    ("q_4", "The validation accuracy ends at about 0.77 with the notebook's seed"),
])
def test_the_thought_experiments_show_their_discussion(question: str, start: str) -> None:
    with bind_exercise(MODULE) as ex:
        view = ex.q(question)
        assert view.evaluate().status == Status.UNCHECKABLE
        assert view.solution_outcome().message.startswith(f"Solution: {start}")


def test_keras_3_reads_a_scalar_contrast_factor_as_from_zero() -> None:
    """The fact Kaggle's check trips over, pinned: on Keras 3.15 a right answer's factor is not 0.1."""
    assert keras.layers.RandomContrast(factor=0.10).factor == (0, 0.10)
