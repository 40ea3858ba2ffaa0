"""Lesson 1's checkers: is the pretrained base frozen, and is `model` the base with the lesson's head?

Both read the learner's objects through Keras 3's public API only (`trainable_weights`, `weights`,
`get_weights()`), convert what they read to numpy once, and change nothing.

- `judge_frozen(pretrained_base)`: the base is judged by its *trainable weights*, not by its `trainable`
  flag: a base whose flag is False but one of whose layers was switched back on is not frozen, and neither is
  a base whose layers were frozen one by one except a few. A base that can still be trained all over, as the
  setup cell loaded it, is Not attempted. Its weights must still be the pretrained ones, as shipped.
- `judge_classifier(model, pretrained_base)`: the learner's own `pretrained_base` must be in `model`,
  found by its weights' values (so a model that lists the base's layers one by one is as right as one that
  nests the base); then the whole model is compared with the lesson's blueprint by
  `learntools_cv.vision.models.judge_model`: every layer of the head with its units and activation, the
  shape after each step, and what it computes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from learntools_cv.core.exceptions import Incorrect, NotAttempted
from learntools_cv.core.placeholder import is_placeholder
from learntools_cv.core.text import code, short_repr
from learntools_cv.vision import pretrained
from learntools_cv.vision.models import Block, Blueprint, judge_model, same_model

HEAD_ADVICE = (
    "After the base, the head is `layers.Flatten()`, then `layers.Dense(6, activation='relu')` and "
    "`layers.Dense(1, activation='sigmoid')`."
)


def _base() -> list[Any]:
    return [pretrained.build_base()]


def _head() -> list[Any]:
    from keras import layers

    return [layers.Flatten(), layers.Dense(6, activation="relu"), layers.Dense(1, activation="sigmoid")]


def _flatten_only() -> list[Any]:
    from keras import layers

    return [layers.Flatten()]


BASE = Block("the pretrained base", _base, "Start the model with `pretrained_base`, as the cell does.")
CLASSIFIER = Blueprint(pretrained.IMAGE_SHAPE, (BASE, Block("the head", _head, HEAD_ADVICE)))
"""The model q_2 asks for: the base, then `Flatten`, `Dense(6, relu)`, `Dense(1, sigmoid)`."""
STARTER = Blueprint(pretrained.IMAGE_SHAPE, (BASE, Block("the head", _flatten_only, HEAD_ADVICE)))
"""The model as the learner's cell starts it: the base and `Flatten`, the two dense layers still to add."""


@lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[np.ndarray, ...], int]:
    """The pretrained base as shipped, read once: its weights, and how many of them can be trained as
    `load_base()` gives it."""
    base = pretrained.load_base()
    return tuple(np.asarray(w) for w in base.get_weights()), len(base.trainable_weights)


def _numbers(weights: Sequence[Any]) -> list[np.ndarray]:
    return [np.asarray(w) for w in weights]


def _is_keras_model(value: Any) -> bool:
    from learntools_cv.core.values import keras_kind

    return keras_kind(value) == "model"


def judge_frozen(pretrained_base: Any) -> None:
    """Return if `pretrained_base` is the pretrained base, every weight of it frozen; else raise."""
    if is_placeholder(pretrained_base):
        raise NotAttempted("`pretrained_base` still holds the placeholder `____`. Re-run the setup cell that "
                           "loads the base, then freeze it.")
    if not _is_keras_model(pretrained_base):
        raise Incorrect(
            f"`pretrained_base` should be the base the setup cell loaded, a Keras model, but it is "
            f"{short_repr(pretrained_base)}. Re-run that cell, then set {code('pretrained_base.trainable = False')}.",
            mistake="not-a-model",
        )
    weights = _numbers(pretrained_base.get_weights())
    shipped, trainable_as_loaded = _shipped()
    if len(weights) != len(shipped) or any(w.shape != s.shape for w, s in zip(weights, shipped)):
        raise Incorrect(
            "`pretrained_base` is not the lesson's pretrained base: its layers differ from the base the setup cell "
            "loads. Re-run that cell, then freeze the base it loads.",
            mistake="other-base",
        )
    changed = not all(np.array_equal(w, s) for w, s in zip(weights, shipped))
    trainable = list(pretrained_base.trainable_weights)
    if trainable and len(trainable) < trainable_as_loaded:
        names = sorted({_layer_of(v) for v in trainable})
        raise Incorrect(
            f"`pretrained_base` is only partly frozen: {len(trainable)} of its {len(weights)} weights can still be "
            f"trained, in {_listing(names)}. Training would change what those layers learnt. Freeze the whole "
            f"base: {code('pretrained_base.trainable = False')}.",
            mistake="partly-frozen",
        )
    if changed:
        raise Incorrect(
            "The weights of `pretrained_base` are no longer the pretrained ones: something changed them (a fit "
            "while the base could still learn, or new random weights). Re-run the setup cell that loads the base, "
            "freeze it, then build and train the model again.",
            mistake="weights-changed",
        )
    if trainable:
        raise NotAttempted(
            f"`pretrained_base` can still be trained: {len(trainable)} of its weights would change in training, as "
            f"when the setup cell loaded it. Freeze it with {code('pretrained_base.trainable = False')}."
        )


def _layer_of(variable: Any) -> str:
    path = str(getattr(variable, "path", getattr(variable, "name", "?")))
    parts = path.split("/")
    return parts[-2] if len(parts) >= 2 else parts[0]


def _listing(names: list[str]) -> str:
    shown = [code(n) for n in names[:4]]
    more = f" and {len(names) - 4} more" if len(names) > 4 else ""
    return (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 and not more else ", ".join(shown)) + more


def _runs_of(base: list[np.ndarray], weights: list[np.ndarray]) -> int:
    """How many times `base`'s weights stand, in order, as a contiguous run of `weights` (values compared)."""
    n = len(base)
    if n == 0:
        return 0
    found = 0
    for start in range(len(weights) - n + 1):
        if all(w.shape == b.shape and np.array_equal(w, b) for w, b in zip(weights[start:start + n], base)):
            found += 1
    return found


def judge_classifier(model: Any, pretrained_base: Any) -> None:
    """Return if `model` is `pretrained_base` followed by the lesson's head; else raise naming the first
    difference. The model as the cell starts it (base and `Flatten` only) is Not attempted."""
    if is_placeholder(model):
        raise NotAttempted("`model` still holds the placeholder `____`. Build the classifier, then check again.")
    if _is_keras_model(model) and same_model(model, STARTER):
        raise NotAttempted("The head of `model` is still only `Flatten`. Add its two `Dense` layers where the "
                           "cell says `# YOUR CODE HERE`, then run the cell again.")
    if _is_keras_model(model) and _is_keras_model(pretrained_base):
        base = _numbers(pretrained_base.get_weights())
        runs = _runs_of(base, _numbers(model.get_weights()))
        if runs == 0:
            raise Incorrect(
                "`model` does not hold `pretrained_base` with its pretrained weights, so the head would learn "
                "from features nobody trained. Put `pretrained_base` itself first in `keras.Sequential([...])`, "
                "then the head.",
                mistake="no-base",
            )
    judge_model(model, CLASSIFIER)
