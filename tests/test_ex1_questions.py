"""Lesson 1's questions: the frozen base (q_1), the classifier (q_2) and its compile (q_3). Each right form is
Correct, however it was reached; each mistake is named in the words a learner reads (pinned in full); the
learner notebook's starters are Not attempted; a check run again after `fit` keeps its verdict.

Kaggle's checks read `pretrained_base.trainable`, count the model's layers and compare the compile's strings:
here the base is judged by its trainable weights, the model by what each layer is and computes, and the
compile by what its loss and metrics compute (tests/test_compiling.py covers the compile judge whole)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from learntools_cv.authoring.testing import bind_exercise
from learntools_cv.core import Session, Status
from learntools_cv.core.record import EVENTS_ENV
from learntools_cv.lessons.convolutional_classifier import exercise

MODULE = "learntools_cv.computer_vision.ex1"
MODEL = exercise.AttachHead.solution.code
FREEZE = exercise.FreezeBase.solution.code
COMPILE = exercise.CompileClassifier.solution.code
FIT = ("\nimport numpy as np\nrng = np.random.default_rng(0)\n"
       "history = model.fit(rng.uniform(size=(8, 128, 128, 3)), (np.arange(8) % 2).reshape(8, 1), epochs=1, "
       "verbose=0)")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    with Session().activated():
        yield


def verdict(code: str, question: str):
    with bind_exercise(MODULE) as ex:  # a fresh base for each answer, as the setup cell loads it
        ex.run("pretrained_base = keras.models.load_model(visiontools.pretrained_base_path())")
        ex.run(code)
        return ex.q(question).evaluate()


# ------------------------------------------------------------------------------------------------------- q_1

FROZEN = {
    "the-flag": FREEZE,
    "every-layer-one-by-one": "for layer in pretrained_base.layers:\n    layer.trainable = False",
    # Keras 3: a model whose flag is False trains none of its weights, whatever its layers' flags say.
    "a-layer-switched-on-under-a-frozen-base": FREEZE + "\npretrained_base.layers[0].trainable = True",
    "after-training-the-head": FREEZE + "\n" + MODEL + "\n" + COMPILE + FIT,
}


@pytest.mark.parametrize("code", FROZEN.values(), ids=FROZEN.keys())
def test_q1_a_base_with_no_trainable_weight_is_frozen(code: str) -> None:
    outcome = verdict(code, "q_1")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


def test_q1_the_base_as_loaded_is_not_attempted() -> None:
    """`pretrained_base.trainable = ____` (the starter) leaves the flag True: the base as the setup cell gave it."""
    outcome = verdict("pretrained_base.trainable = ____", "q_1")
    assert outcome.status is Status.NOT_ATTEMPTED
    assert outcome.message == (
        "Not attempted: `pretrained_base` can still be trained: 12 of its weights would change in training, as "
        "when the setup cell loaded it. Freeze it with `pretrained_base.trainable = False`.")


FREEZE_WORDS = {
    "partly-frozen": "`pretrained_base` is only partly frozen: 6 of its 20 weights can still be trained, in "
                     "`block3_conv`, `block3_norm`, `block4_conv` and `block4_norm`. Training would change what "
                     "those layers learnt. Freeze the whole base: `pretrained_base.trainable = False`.",
    "weights-changed": "The weights of `pretrained_base` are no longer the pretrained ones: something changed them "
                       "(a fit while the base could still learn, or new random weights). Re-run the setup cell "
                       "that loads the base, freeze it, then build and train the model again.",
    "not-a-model": "`pretrained_base` should be the base the setup cell loaded, a Keras model, but it is a "
                   "Flatten. Re-run that cell, then set `pretrained_base.trainable = False`.",
    "other-base": "`pretrained_base` is not the lesson's pretrained base: its layers differ from the base the "
                  "setup cell loads. Re-run that cell, then freeze the base it loads.",
}


def test_q1_the_table_covers_every_declared_mistake() -> None:
    assert [m.id for m in exercise.FreezeBase.mistakes] == list(FREEZE_WORDS)


@pytest.mark.parametrize("mistake", exercise.FreezeBase.mistakes, ids=lambda m: m.id)
def test_q1_each_mistake_is_named_in_full(mistake) -> None:
    outcome = verdict(mistake.code, "q_1")
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, mistake.id)
    assert outcome.message == "Incorrect: " + FREEZE_WORDS[mistake.id]


def test_q1_a_base_trained_while_it_could_learn_is_named() -> None:
    outcome = verdict(MODEL + "\n" + COMPILE + FIT + "\npretrained_base.trainable = False", "q_1")
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, "weights-changed")


# ------------------------------------------------------------------------------------------------------- q_2

CLASSIFIERS = {
    "solution": MODEL,
    "frozen-first": FREEZE + "\n" + MODEL,
    "the-base's-layers-one-by-one": MODEL.replace("    pretrained_base,\n", "    *pretrained_base.layers,\n"),
    "functional": (
        "inputs = keras.Input(shape=(128, 128, 3))\nx = pretrained_base(inputs)\nx = layers.Flatten()(x)\n"
        "x = layers.Dense(6, activation='relu')(x)\noutputs = layers.Dense(1, activation='sigmoid')(x)\n"
        "model = keras.Model(inputs, outputs)"),
    "activation-layers": MODEL.replace("layers.Dense(6, activation='relu'),", "layers.Dense(6), layers.ReLU(),")
                              .replace("layers.Dense(1, activation='sigmoid'),",
                                       "layers.Dense(1), layers.Activation('sigmoid'),"),
    "units-by-name": MODEL.replace("Dense(6, ", "Dense(units=6, ").replace("Dense(1, ", "Dense(units=1, "),
    "with-an-input": MODEL.replace("    pretrained_base,\n", "    keras.Input(shape=(128, 128, 3)),\n    pretrained_base,\n"),
    "compiled-and-trained": MODEL + "\n" + COMPILE + FIT,
}


@pytest.mark.parametrize("code", CLASSIFIERS.values(), ids=CLASSIFIERS.keys())
def test_q2_every_right_classifier_is_correct(code: str) -> None:
    outcome = verdict(code, "q_2")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


def test_q2_the_cells_starter_is_not_attempted() -> None:
    outcome = verdict("model = keras.Sequential([\n    pretrained_base,\n    layers.Flatten(),\n"
                      "    # YOUR CODE HERE: the two Dense layers of the head\n])", "q_2")
    assert outcome.status is Status.NOT_ATTEMPTED
    assert outcome.message == ("Not attempted: The head of `model` is still only `Flatten`. Add its two `Dense` "
                               "layers where the cell says `# YOUR CODE HERE`, then run the cell again.")


HEAD_WORDS = [
    ("global-pooling", "The head's `Flatten` layer is a global average pooling layer (`GlobalAveragePooling2D`); "
                       "it should be a `Flatten` layer (`layers.Flatten`)."),
    ("wrong-units", "The head's first dense layer has 8 units; it should have 6. So it outputs `(8,)` where the "
                    "model for this question has `(6,)`."),
    ("wrong-activation", "The head's second dense layer has no activation: it passes on negative values. It should "
                         "apply the sigmoid: `activation='sigmoid'`."),
    ("wrong-units", "The head's second dense layer has 2 units; it should have 1. So it outputs `(2,)` where the "
                    "model for this question has `(1,)`."),
    ("missing-layer", "The head has no first dense layer: your model has nothing after the head's `Flatten` "
                      "layer, where a `Dense` layer (6 units, the ReLU) should be. Add it there."),
    ("no-base", "`model` does not hold `pretrained_base` with its pretrained weights, so the head would learn from "
                "features nobody trained. Put `pretrained_base` itself first in `keras.Sequential([...])`, then "
                "the head."),
    ("not-a-model", "`model` is a list of layers, not a model. Give the list to `keras.Sequential(...)`: "
                    "`model = keras.Sequential([...])`."),
]


def test_q2_the_table_covers_every_declared_mistake() -> None:
    assert [m.id for m in exercise.AttachHead.mistakes] == [i for i, _ in HEAD_WORDS]


@pytest.mark.parametrize(("mistake", "words"), list(zip(exercise.AttachHead.mistakes, [w for _, w in HEAD_WORDS])),
                         ids=[i for i, _ in HEAD_WORDS])
def test_q2_each_mistake_is_named_in_full(mistake, words: str) -> None:
    outcome = verdict(mistake.code, "q_2")
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, mistake.id)
    assert outcome.message == "Incorrect: " + words


# ------------------------------------------------------------------------------------------------------- q_3


@pytest.mark.parametrize("extra", ["", FIT], ids=["before-fit", "after-fit"])
def test_q3_the_compile_is_correct_before_and_after_fit(extra: str) -> None:
    outcome = verdict(MODEL + "\n" + COMPILE + extra, "q_3")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


def test_q3_a_loss_object_and_accuracy_are_correct() -> None:
    code = MODEL + ("\nmodel.compile(optimizer='adam', loss=keras.losses.BinaryCrossentropy(), "
                    "metrics=['accuracy'])") + FIT
    outcome = verdict(code, "q_3")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


def test_q3_the_cells_starter_is_not_attempted() -> None:
    code = MODEL + "\nmodel.compile(optimizer=keras.optimizers.Adam(epsilon=0.01), loss=____, metrics=[____])"
    assert verdict(code, "q_3").status is Status.NOT_ATTEMPTED
