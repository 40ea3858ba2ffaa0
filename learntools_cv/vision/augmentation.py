"""Seeing what augmentation layers do: one picture, transformed again and again as in training.

`augmented_copies(augment, picture, count)` runs `augment` (a layer, or a `keras.Sequential` of augmentation
layers) on the picture `count` times in training mode, each time with new random settings, and returns the
results as numpy; `show_augmented(...)` draws them in a grid, the picture as it is first. Kaggle's lesson 6
does the same inline in its "Explore Augmentation" cell.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["augmented_copies", "show_augmented"]


def _one_picture(picture: Any) -> np.ndarray:
    array = np.asarray(picture, dtype=np.float32)
    if array.ndim == 4 and array.shape[0] == 1:
        array = array[0]
    if array.ndim != 3:
        raise ValueError(f"expected one picture of shape (H, W, C) or (1, H, W, C), got shape {array.shape}")
    return array


def augmented_copies(augment: Any, picture: Any, count: int = 15) -> np.ndarray:
    """`count` copies of `picture` (H, W, C), each passed through `augment` in training mode on its own, so
    that each gets its own random transformation: an array (count, H, W, C)."""
    one = _one_picture(picture)[None]
    return np.stack([np.asarray(augment(one, training=True))[0] for _ in range(count)])


def show_augmented(augment: Any, picture: Any, count: int = 15, columns: int = 4, size: float = 2.4,
                   show: bool = False) -> Figure:
    """Draw `picture` as it is, then `count` augmented copies of it, in a grid of `columns` columns."""
    import matplotlib.pyplot as plt

    original = _one_picture(picture)
    copies = augmented_copies(augment, original, count)
    rows = math.ceil((count + 1) / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(columns * size, rows * size), squeeze=False)
    for n, ax in enumerate(axes.flat):
        ax.axis("off")
        if n == 0:
            ax.imshow(np.clip(original, 0, 1))
            ax.set_title("as it is", fontsize=10)
        elif n <= count:
            ax.imshow(np.clip(copies[n - 1], 0, 1))
    if show:
        plt.show()
    return figure
