"""Feature extraction as the lessons show it, computed with TensorFlow: filter (convolution), detect (activation) and
condense (max pooling), and pooling again and again. Results are float32 numpy arrays."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from learntools_cv.core.tensorflow_quietly import tensorflow
from learntools_cv.reference import as_padding, as_pair
from learntools_cv.vision.patterns import Size, _numpy

tf = tensorflow()

__all__ = ["extraction_steps", "pool_repeatedly"]


def _as_batch(image: Any) -> tf.Tensor:
    """An image as a float32 batch of one grayscale image, (1, H, W, 1)."""
    tensor = tf.convert_to_tensor(_numpy(image), dtype=tf.float32)
    if tensor.shape.rank == 2:
        tensor = tensor[..., tf.newaxis]
    if tensor.shape.rank == 3:
        tensor = tensor[tf.newaxis]
    if tensor.shape.rank != 4 or tensor.shape[0] != 1:
        raise ValueError(f"expected one image of shape (H, W), (H, W, C) or (1, H, W, C), got shape {tensor.shape}")
    channels = tensor.shape[-1]
    if channels == 4:
        tensor = tensor[..., :3]  # the alpha channel carries no features
    if channels in (3, 4):
        tensor = tf.image.rgb_to_grayscale(tensor)
    elif channels != 1:
        raise ValueError(f"expected 1, 3 or 4 channels, got {channels}")
    return tensor


def _activation(activation: str | Callable[[tf.Tensor], tf.Tensor] | None) -> Callable[[tf.Tensor], tf.Tensor]:
    if activation is None or activation == "linear":
        return tf.identity
    if activation == "relu":
        return tf.nn.relu
    if callable(activation):
        return activation
    raise ValueError(f"activation must be 'relu', 'linear', None or a function, got {activation!r}")


def extraction_steps(
    image: Any,
    kernel: Any,
    conv_stride: int = 1,
    conv_padding: str = "VALID",
    activation: str | Callable[[tf.Tensor], tf.Tensor] | None = "relu",
    pool_size: Size = 2,
    pool_stride: Size = 2,
    pool_padding: str = "SAME",
) -> dict[str, np.ndarray]:
    """The four stages of feature extraction, computed with `tf.nn`, each as a float32 (H, W) numpy array.

    Returns ``{"input": ..., "filter": ..., "detect": ..., "condense": ...}``:

    - input: the image in grayscale (an RGB image is converted);
    - filter: ``tf.nn.conv2d`` of the input with the 2-D `kernel`;
    - detect: `activation` applied to the filtered image (ReLU by default);
    - condense: ``tf.nn.pool`` with ``pooling_type="MAX"`` of the detected image.
    """
    batch = _as_batch(image)
    kernel_tensor = tf.convert_to_tensor(_numpy(kernel), dtype=tf.float32)
    if kernel_tensor.shape.rank == 2:
        kernel_tensor = tf.reshape(kernel_tensor, [*kernel_tensor.shape, 1, 1])
    if kernel_tensor.shape.rank != 4 or tuple(kernel_tensor.shape[2:]) != (1, 1):
        raise ValueError(f"kernel must have shape (h, w) or (h, w, 1, 1), got {tuple(kernel_tensor.shape)}")
    filtered = tf.nn.conv2d(
        batch, kernel_tensor, strides=conv_stride, padding=as_padding(conv_padding, "conv_padding")
    )
    detected = _activation(activation)(filtered)
    condensed = tf.nn.pool(
        detected,
        window_shape=as_pair(pool_size, "pool_size"),
        pooling_type="MAX",
        strides=as_pair(pool_stride, "pool_stride"),
        padding=as_padding(pool_padding, "pool_padding"),
    )
    stages = {"input": batch, "filter": filtered, "detect": detected, "condense": condensed}
    return {name: np.asarray(tensor.numpy()[0, :, :, 0], dtype=np.float32) for name, tensor in stages.items()}


def pool_repeatedly(image: Any, times: int = 3, window: int = 2) -> list[np.ndarray]:
    """`image`, then the result of max pooling it 1, 2, ..., `times` times (window = stride = `window`).

    Returns ``times + 1`` float32 (H, W) arrays; pooling uses ``padding="SAME"``, so each is
    ``ceil(previous / window)`` on a side.
    """
    if times < 0:
        raise ValueError(f"times must not be negative, got {times}")
    current = _as_batch(image)
    results = [current]
    for _ in range(times):
        current = tf.nn.pool(
            current, window_shape=(window, window), pooling_type="MAX", strides=(window, window), padding="SAME"
        )
        results.append(current)
    return [np.asarray(r.numpy()[0, :, :, 0], dtype=np.float32) for r in results]
