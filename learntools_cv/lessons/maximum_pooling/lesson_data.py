"""An offline stand-in for the exercise's "pretrained base on Car-or-Truck images" part.

Kaggle's exercise runs a pretrained VGG16 base on photos from its Car-or-Truck data set and looks at what
global average pooling keeps of the resulting feature maps: one number per map, the scores a classifier head
would work from. Neither VGG16's weights nor those photos can be downloaded where these lessons must run, so
this module offers a small, honest substitute:

- `vehicle_images`: drawings (not photos) of cars and trucks, made with numpy, deterministic for a seed;
- `feature_base`: a two-block convolutional base whose kernels are *designed by hand* (oriented-edge,
  brightness and colour detectors), not trained, and not VGG16. Each of its final feature maps responds to
  one thing, listed by `feature_names`, so a notebook can say what each score means;
- `feature_scores`: the base followed by global average pooling.

What the scores show, at the default size of 128 pixels (tested for several seeds): trucks, being tall boxes,
score higher on "vertical edges" than any car; cars, with their sloped windscreens and rear windows, score
higher on the two diagonal features than on the vertical one, while for trucks it is the other way round.
Below about 96 pixels the drawings get too coarse for this to hold.

This module imports Keras only when a base is built or run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from learntools_cv.core.tensorflow_quietly import tensorflow
from learntools_cv.vision.drawing import OUTLINE, SUPERSAMPLE, Canvas

if TYPE_CHECKING:
    import keras

__all__ = ["VEHICLE_CLASSES", "feature_base", "feature_names", "feature_scores", "vehicle_images"]

#: The classes `vehicle_images` draws; each image's name starts with one of them.
VEHICLE_CLASSES: tuple[str, ...] = ("car", "truck")

_FEATURE_NAMES: tuple[str, ...] = (
    "vertical edges",
    "horizontal edges",
    "rising diagonal edges (/)",
    "falling diagonal edges (\\)",
    "edges in any direction",
    "dark areas",
    "bright areas",
    "strong colour",
)

_LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)  # ITU-R 601 weights, as tf.image.rgb_to_grayscale

# ----------------------------------------------------------------------------------------------- drawings

_TYRE = np.array([0.12, 0.12, 0.13])
_HUB = np.array([0.72, 0.73, 0.75])
_GLASS = np.array([0.62, 0.78, 0.88])


def _wheel(canvas: Canvas, x: float, radius: float) -> None:
    canvas.disk(x, radius, radius, OUTLINE)
    canvas.disk(x, radius, radius * 0.86, _TYRE)
    canvas.disk(x, radius, radius * 0.42, _HUB)


def _draw_car(canvas: Canvas, x0: float, length: float, colour: np.ndarray, outline: float) -> None:
    def at(u: float, v: float) -> tuple[float, float]:
        return (x0 + u * length, v * length)

    # The cabin's sloped windscreen and rear window are what set a car apart from a truck's boxes.
    canvas.polygon([at(0.16, 0.30), at(0.37, 0.52), at(0.61, 0.52), at(0.84, 0.30)], colour, outline)
    canvas.polygon([at(0.23, 0.31), at(0.39, 0.48), at(0.48, 0.48), at(0.48, 0.31)], _GLASS)
    canvas.polygon([at(0.52, 0.31), at(0.52, 0.48), at(0.59, 0.48), at(0.76, 0.31)], _GLASS)
    canvas.polygon([at(0.0, 0.12), at(1.0, 0.12), at(1.0, 0.27), at(0.96, 0.32), at(0.04, 0.32), at(0.0, 0.27)],
                   colour, outline)
    for u in (0.2, 0.8):
        _wheel(canvas, x0 + u * length, 0.11 * length)


def _draw_truck(canvas: Canvas, x0: float, length: float, colour: np.ndarray, box: np.ndarray,
                outline: float) -> None:
    def at(u: float, v: float) -> tuple[float, float]:
        return (x0 + u * length, v * length)

    canvas.polygon([at(0.0, 0.09), at(1.0, 0.09), at(1.0, 0.16), at(0.0, 0.16)], OUTLINE)  # chassis
    canvas.polygon([at(0.0, 0.16), at(0.68, 0.16), at(0.68, 0.80), at(0.0, 0.80)], box, outline)  # cargo box
    canvas.polygon([at(0.71, 0.14), at(1.0, 0.14), at(1.0, 0.58), at(0.97, 0.64), at(0.71, 0.64)], colour, outline)
    canvas.polygon([at(0.76, 0.44), at(0.95, 0.44), at(0.95, 0.59), at(0.76, 0.59)], _GLASS)
    for u in (0.14, 0.32, 0.86):
        _wheel(canvas, x0 + u * length, 0.10 * length)


def vehicle_images(size: int = 128, seed: int = 0, per_class: int = 2) -> dict[str, np.ndarray]:
    """Drawings of cars and trucks seen from the side: ``{"car_0": ..., "car_1": ..., "truck_0": ...}``.

    Each image is a float32 (size, size, 3) RGB array in [0, 1]: a vehicle on a road under a sky, with a
    random body colour, length, position and facing direction. The same `size`, `seed` and `per_class` give
    the same images. They are drawings made for this lesson, not photos from the Car-or-Truck data set.
    """
    if size < 32 or size % SUPERSAMPLE:
        raise ValueError(f"size must be an even number of at least 32, got {size}")
    if per_class < 1:
        raise ValueError(f"per_class must be at least 1, got {per_class}")
    rng = np.random.default_rng(seed)
    images: dict[str, np.ndarray] = {}
    big = size * SUPERSAMPLE
    for kind in VEHICLE_CLASSES:
        for index in range(per_class):
            sky = rng.uniform([0.55, 0.70, 0.85], [0.75, 0.85, 0.97])
            road = np.full(3, rng.uniform(0.35, 0.5))
            canvas = Canvas.sky_and_road(big, ground=big * rng.uniform(0.80, 0.86), sky=sky, road=road)
            length = big * rng.uniform(0.72, 0.84)
            x0 = rng.uniform(0.03 * big, big - length - 0.03 * big)
            colour = rng.uniform(0.15, 0.85, size=3)
            outline = big / 80  # about 1.6 pixels once scaled down: every shape has a clear border
            if kind == "car":
                _draw_car(canvas, x0, length, colour, outline)
            else:
                box = np.full(3, rng.uniform(0.75, 0.95))
                _draw_truck(canvas, x0, length, colour, box, outline)
            image = canvas.image()
            if rng.integers(0, 2):
                image = np.ascontiguousarray(image[:, ::-1])  # face the other way
            images[f"{kind}_{index}"] = image
    return images


# ------------------------------------------------------------------------------------------ the conv base


def feature_names() -> tuple[str, ...]:
    """What each of `feature_base`'s final feature maps responds to, in channel order."""
    return _FEATURE_NAMES


def _first_block_weights() -> tuple[np.ndarray, np.ndarray]:
    """Kernels (3, 3, 3, 14) and biases (14,) of the first convolution.

    Channels 0-7: edges of four orientations, each in both polarities (dark-to-light and light-to-dark);
    8-9: brightness and darkness of the pixel; 10-13: colour opponents (red/green and blue/yellow, both ways).
    """
    sobel_x = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float32)
    # Its gradient points to the top right, so it lights up edges running from top left to bottom right.
    falling = np.array([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]], dtype=np.float32)
    oriented = [sobel_x, sobel_x.T, np.fliplr(falling), falling]  # vertical, horizontal, rising, falling
    kernels = np.zeros((3, 3, 3, 14), dtype=np.float32)
    biases = np.zeros(14, dtype=np.float32)
    for k, kernel in enumerate(oriented):
        for polarity, channel in ((1, 2 * k), (-1, 2 * k + 1)):
            kernels[:, :, :, channel] = polarity * kernel[:, :, None] * _LUMA
            biases[channel] = -0.25  # ignore faint gradients such as the sky's
    kernels[1, 1, :, 8], biases[8] = 2 * _LUMA, -1.0  # bright: 2 * (luma - 0.5)
    kernels[1, 1, :, 9], biases[9] = -2 * _LUMA, 1.0  # dark: 2 * (0.5 - luma)
    opponents = [(1, -1, 0), (-1, 1, 0), (-0.5, -0.5, 1), (0.5, 0.5, -1)]
    for k, weights in enumerate(opponents):
        kernels[1, 1, :, 10 + k] = weights
        biases[10 + k] = -0.1
    return kernels, biases


def _second_block_weights() -> tuple[np.ndarray, np.ndarray]:
    """Kernels (5, 5, 14, 8) and biases (8,) of the second convolution: one map per `feature_names` entry.

    An orientation feature adds up both polarities of one edge channel along a 5-pixel line of that
    orientation and subtracts the same channel along two parallel lines on either side. A long straight edge
    of that orientation lies on the centre line only and passes; an edge at another angle crosses the side
    lines as often as the centre line and cancels (3x3 edge kernels alone respond to every angle).
    """
    kernels = np.zeros((5, 5, 14, 8), dtype=np.float32)
    offsets = np.arange(5)
    lines = [  # (rows, cols) of the centre line, and how to move it sideways by one step
        ((offsets, np.full(5, 2)), (0, 1)),  # vertical
        ((np.full(5, 2), offsets), (1, 0)),  # horizontal
        ((4 - offsets, offsets), (1, 1)),  # rising: bottom left to top right
        ((offsets, offsets), (1, -1)),  # falling: top left to bottom right
    ]
    for feature, ((rows, cols), (dr, dc)) in enumerate(lines):
        channels = slice(2 * feature, 2 * feature + 2)
        kernels[rows, cols, channels, feature] += 1 / 5
        for side in (-1, 1):
            r, c = rows + side * 2 * dr, cols + side * 2 * dc
            keep = (r >= 0) & (r < 5) & (c >= 0) & (c < 5)
            kernels[r[keep], c[keep], channels, feature] -= 1 / (2 * keep.sum())
    kernels[1:4, 1:4, 0:8, 4] = 1 / 36  # any edge: local edge energy, scaled to match the others
    kernels[:, :, 9, 5] = 1 / 25  # dark areas
    kernels[:, :, 8, 6] = 1 / 25  # bright areas
    kernels[:, :, 10:14, 7] = 1 / 25  # strong colour
    biases = np.array([-0.1, -0.1, -0.1, -0.1, -0.1, -0.2, -0.2, -0.05], dtype=np.float32)
    return kernels, biases


def feature_base() -> keras.Model:
    """A small, fixed convolutional base standing in for a pretrained one (it is *not* VGG16, nor trained).

    Layers: Conv2D(14, 3x3, ReLU) -> MaxPool2D(2) -> Conv2D(8, 5x5, ReLU) -> MaxPool2D(2), all with "valid"
    padding so the image border makes no edges of its own. The kernels are written by hand (see
    `feature_names` for what each of the 8 output maps detects), the weights are frozen, and nothing is
    downloaded. Input: RGB images in [0, 1] of any size of at least 14x14; a 128x128 image gives 29x29x8
    feature maps.
    """
    tensorflow()  # first, so that its start-up log stays out of the notebook
    import keras  # imported here so that drawing the images does not need TensorFlow

    model = keras.Sequential(
        [
            keras.Input(shape=(None, None, 3)),
            keras.layers.Conv2D(14, 3, padding="valid", activation="relu", name="detectors"),
            keras.layers.MaxPool2D(2, name="pool_1"),
            keras.layers.Conv2D(8, 5, padding="valid", activation="relu", name="features"),
            keras.layers.MaxPool2D(2, name="pool_2"),
        ],
        name="hand_designed_base",
    )
    model.get_layer("detectors").set_weights(list(_first_block_weights()))
    model.get_layer("features").set_weights(list(_second_block_weights()))
    model.trainable = False
    return model


def feature_scores(
    images: Mapping[str, Any] | Any, base: keras.Model | None = None
) -> dict[str, np.ndarray] | np.ndarray:
    """Global average pooling of the base's feature maps: one score per feature map and image.

    `images` is a dict of name -> (H, W, 3) image (the result is then a dict of name -> (8,) scores), or an
    array of shape (N, H, W, 3) or (H, W, 3) (the result is then an (N, 8) array). `base` defaults to
    `feature_base()`.
    """
    tensorflow()
    import keras

    base = feature_base() if base is None else base
    pool = keras.layers.GlobalAveragePooling2D()
    if isinstance(images, Mapping):
        names = list(images)
        batch = np.stack([np.asarray(images[name], dtype=np.float32) for name in names])
        scores = np.asarray(pool(base(batch, training=False)))
        return {name: scores[k] for k, name in enumerate(names)}
    batch = np.asarray(images, dtype=np.float32)
    if batch.ndim == 3:
        batch = batch[np.newaxis]
    return np.asarray(pool(base(batch, training=False)))
