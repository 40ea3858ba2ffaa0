"""The vision room's learning curves and augmentation pictures, tested on their data: `learning_curves` joins
fits as the notebooks train them (one cell, or two after each other), and `show_learning_curves` draws exactly
those numbers; `augmented_copies` gives pictures transformed in training mode, and `show_augmented` draws the
picture and those copies."""

from __future__ import annotations

import keras
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from learntools_cv.vision.augmentation import augmented_copies, show_augmented  # noqa: E402
from learntools_cv.vision.curves import learning_curves, show_learning_curves  # noqa: E402

FIRST = {"loss": [0.7, 0.6, 0.5], "binary_accuracy": [0.5, 0.6, 0.7], "val_loss": [0.69, 0.65, 0.66],
         "val_binary_accuracy": [0.5, 0.55, 0.6]}
MORE = {"loss": [0.4, 0.3], "binary_accuracy": [0.8, 0.9], "val_loss": [0.7, 0.8], "val_binary_accuracy": [0.6, 0.58]}


class History:
    """What `model.fit` returns, as far as the curves read it."""

    def __init__(self, history):
        self.history = history


def test_one_fit_gives_its_numbers_epoch_by_epoch() -> None:
    curves = learning_curves(History(FIRST))
    assert curves.epochs.tolist() == [1, 2, 3]
    assert curves.loss.tolist() == FIRST["loss"] and curves.val_loss.tolist() == FIRST["val_loss"]
    assert curves.accuracy.tolist() == FIRST["binary_accuracy"]
    assert curves.val_accuracy.tolist() == FIRST["val_binary_accuracy"]
    assert (curves.metric, curves.starts) == ("binary_accuracy", ())
    assert curves.gap == pytest.approx(0.1)


def test_two_fits_are_joined_and_the_second_start_is_kept() -> None:
    curves = learning_curves(History(FIRST), MORE)
    assert curves.epochs.tolist() == [1, 2, 3, 4, 5]
    assert curves.val_accuracy.tolist() == [0.5, 0.55, 0.6, 0.6, 0.58]
    assert curves.starts == (4,)


def test_an_accuracy_named_accuracy_is_found_and_none_is_allowed() -> None:
    named = learning_curves({"loss": [1.0], "accuracy": [0.5], "val_loss": [1.1], "val_accuracy": [0.4]})
    assert (named.metric, named.accuracy.tolist(), named.val_accuracy.tolist()) == ("accuracy", [0.5], [0.4])
    bare = learning_curves({"loss": [1.0, 0.5]})
    assert (bare.accuracy, bare.val_loss, bare.metric) == (None, None, None)


def test_what_is_no_history_is_refused_with_its_name() -> None:
    with pytest.raises(TypeError, match="got list"):
        learning_curves([0.5, 0.4])


def test_the_picture_draws_exactly_the_histories_numbers() -> None:
    figure = show_learning_curves(History(FIRST), History(MORE))
    loss_ax, accuracy_ax = figure.axes
    lines = {line.get_gid(): line for ax in figure.axes for line in ax.get_lines()}
    assert lines["loss-training"].get_xdata().tolist() == [1, 2, 3, 4, 5]
    assert lines["loss-training"].get_ydata().tolist() == FIRST["loss"] + MORE["loss"]
    assert lines["loss-validation"].get_ydata().tolist() == FIRST["val_loss"] + MORE["val_loss"]
    assert lines["accuracy-training"].get_ydata().tolist() == FIRST["binary_accuracy"] + MORE["binary_accuracy"]
    assert lines["accuracy-validation"].get_ydata().tolist() == (FIRST["val_binary_accuracy"]
                                                                  + MORE["val_binary_accuracy"])
    assert (loss_ax.get_title(), accuracy_ax.get_title()) == ("Loss", "Accuracy")
    # The second fit's start is marked between epochs 3 and 4, on both sides.
    marks = [line for ax in figure.axes for line in ax.get_lines() if line.get_gid() == "next-fit"]
    assert [m.get_xdata()[0] for m in marks] == [3.5, 3.5]
    assert accuracy_ax.get_ylim()[1] == pytest.approx(1.01)
    plt.close(figure)


def test_augmented_copies_are_the_picture_transformed_in_training_mode() -> None:
    picture = np.random.default_rng(0).uniform(size=(8, 8, 3)).astype("float32")
    flip = keras.layers.RandomFlip("horizontal", seed=3)
    copies = augmented_copies(flip, picture, count=12)
    assert copies.shape == (12, 8, 8, 3)
    flipped = [np.array_equal(c, picture[:, ::-1]) for c in copies]
    assert all(f or np.array_equal(c, picture) for f, c in zip(flipped, copies))
    assert any(flipped) and not all(flipped)


def test_the_augmentation_picture_shows_the_picture_then_its_copies() -> None:
    picture = np.random.default_rng(1).uniform(0.4, 0.6, size=(1, 8, 8, 3)).astype("float32")  # stays in [0, 1]
    contrast = keras.layers.RandomContrast(0.5, seed=1)
    figure = show_augmented(contrast, picture, count=7, columns=4)
    shown = [ax.get_images()[0].get_array() for ax in figure.axes if ax.get_images()]
    assert len(figure.axes) == 8 and len(shown) == 8
    np.testing.assert_array_equal(shown[0], picture[0])
    # Every copy is the picture with its contrast changed: the same pixels, stretched about each channel's mean.
    mean = picture[0].mean(axis=(0, 1))
    for copy in shown[1:]:
        factors = (np.asarray(copy) - mean) / (picture[0] - mean)
        assert np.allclose(factors, factors.flat[0], atol=1e-3) and 1.0 <= factors.flat[0] <= 1.5 + 1e-6
    plt.close(figure)
