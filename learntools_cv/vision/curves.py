"""Learning curves: what a model's training history says, epoch by epoch, and a picture of it.

Kaggle's notebooks draw them with pandas (`pd.DataFrame(history.history).loc[:, ['loss', 'val_loss']].plot()`).
Here `learning_curves(history, ...)` gives the numbers (several fits one after another, as when training runs
over two cells, are joined into one run of epochs), and `show_learning_curves(...)` draws them: the loss and
the accuracy, each on the training and the validation set, side by side. The numbers drawn are the numbers
returned, which is what the tests hold the picture to.

Only the pictures import pyplot; `learning_curves` needs neither TensorFlow nor matplotlib.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["learning_curves", "show_learning_curves"]


@dataclass(frozen=True)
class Curves:
    """A training run's history, epoch by epoch (epochs counted from 1)."""

    epochs: np.ndarray
    loss: np.ndarray
    val_loss: np.ndarray | None
    accuracy: np.ndarray | None
    val_accuracy: np.ndarray | None
    metric: str | None
    """The accuracy's name in the history ('binary_accuracy', 'accuracy'), or None when there is none."""
    starts: tuple[int, ...]
    """The first epoch of each fit after the first, when several were joined."""

    @property
    def gap(self) -> float | None:
        """Training minus validation accuracy at the last epoch: how far the curves have drifted apart."""
        if self.accuracy is None or self.val_accuracy is None:
            return None
        return float(self.accuracy[-1] - self.val_accuracy[-1])


def _metrics(history: Any) -> Mapping[str, Any]:
    data = getattr(history, "history", history)
    if not isinstance(data, Mapping) or "loss" not in data:
        raise TypeError("expected what `model.fit(...)` returns (a History), or its `.history` dictionary, with a "
                        f"'loss'; got {type(history).__name__}")
    return data


def _accuracy_name(data: Mapping[str, Any]) -> str | None:
    names = [k for k in data if isinstance(k, str) and k.endswith("accuracy") and not k.startswith("val_")]
    return names[0] if names else None


def learning_curves(*histories: Any) -> Curves:
    """The loss and accuracy of one fit, or of several fits of the same model one after another, joined.
    Each history is what `model.fit(...)` returned, or its `.history` dictionary."""
    if not histories:
        raise TypeError("learning_curves() needs at least one history")
    datas = [_metrics(h) for h in histories]
    metric = _accuracy_name(datas[0])

    def joined(key: str | None) -> np.ndarray | None:
        if key is None or any(key not in d for d in datas):
            return None
        return np.concatenate([np.asarray(d[key], dtype=np.float64).reshape(-1) for d in datas])

    loss = joined("loss")
    assert loss is not None  # every history has a loss (`_metrics`)
    lengths = np.cumsum([len(d["loss"]) for d in datas])
    return Curves(
        epochs=np.arange(1, loss.size + 1),
        loss=loss,
        val_loss=joined("val_loss"),
        accuracy=joined(metric),
        val_accuracy=joined(None if metric is None else f"val_{metric}"),
        metric=metric,
        starts=tuple(int(n) + 1 for n in lengths[:-1]),
    )


TRAINING_COLOR = "#1f77b4"
VALIDATION_COLOR = "#ff7f0e"


def show_learning_curves(*histories: Any, figsize: tuple[float, float] = (11, 3.8), show: bool = False) -> Figure:
    """Draw the learning curves of one fit or of several fits joined: the loss on the left, the accuracy on
    the right, training and validation in each. A dashed line marks where each later fit began."""
    import matplotlib.pyplot as plt

    curves = learning_curves(*histories)
    figure, (loss_ax, accuracy_ax) = plt.subplots(1, 2, figsize=figsize)
    pairs = (
        (loss_ax, "Loss", curves.loss, curves.val_loss),
        (accuracy_ax, "Accuracy", curves.accuracy, curves.val_accuracy),
    )
    for ax, title, training, validation in pairs:
        if training is not None:
            ax.plot(curves.epochs, training, color=TRAINING_COLOR, label="training", gid=f"{title.lower()}-training")
        if validation is not None:
            ax.plot(curves.epochs, validation, color=VALIDATION_COLOR, label="validation",
                    gid=f"{title.lower()}-validation")
        for start in curves.starts:
            ax.axvline(start - 0.5, color="#999999", linestyle="--", linewidth=1, gid="next-fit")
        ax.set_title(title)
        ax.set_xlabel("epoch")
        ax.legend(loc="best")
    drawn = [a for a in (curves.accuracy, curves.val_accuracy) if a is not None and np.isfinite(a).any()]
    if drawn:  # from chance (0.5 for two classes) or below to 1, so that runs compare at a glance
        accuracy_ax.set_ylim(min(0.45, min(float(np.nanmin(a)) for a in drawn) - 0.02), 1.01)
    if show:
        plt.show()
    return figure
