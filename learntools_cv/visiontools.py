"""Image, kernel and plotting helpers for the computer-vision lesson notebooks, under one name:
`from learntools_cv import visiontools`.

The lessons follow a feature through a convnet's base: *filter* (convolution with a kernel), *detect* (ReLU)
and *condense* (maximum pooling). The helpers live in the vision room, `learntools_cv.vision`, in smaller modules, by what they need:

- `kernels` (numpy only): classic 3x3 kernels `edge`, `blur`, `bottom_sobel`, `emboss`, `sharpen`, and
  `KERNELS` by name;
- `patterns` (numpy only): `circle`, `two_dots`, `random_map`, `random_transform`;
- `images` (TensorFlow): `read_image` (the images shipped with the package are in `learntools_cv.data`) and
  `set_seed`;
- `features` (TensorFlow): `extraction_steps`, `pool_repeatedly`;
- `plots` (matplotlib): `show_image`, `show_kernel`, `show_feature_maps`, `show_scores`, `show_extraction`,
  `show_repeated_pooling`, and `show_maps`, which a cell that draws a learner's answer uses (it prints one
  line instead of failing while the answer is not there yet);
- `window_plots` (matplotlib): `show_sliding_window` (where the windows of one axis sit, with their stride,
  padding and dilation), `show_receptive_field` (what one output of stacked layers sees) and `show_series`
  (a series and its smoothed version; like `show_maps`, it prints one line while the answer is missing).
- `answers`: `answered`, which a cell that computes with a learner's answers uses in the same way
  (`if visiontools.answered(kernel, conv_fn, needs=...):`), or that trains a learner's model
  (`if visiontools.answered(q_1, q_2, needs=...):`, once those questions are attempted);
- `curves` (numpy; pyplot to draw): `learning_curves`, the loss and accuracy of one or more fits joined, and
  `show_learning_curves`, which draws them;
- `augmentation` (Keras; pyplot to draw): `augmented_copies` and `show_augmented`, one picture through
  augmentation layers again and again, as in training;
- `pretrained`: `pretrained_base_path()`, the file of the project's pretrained base, for
  `keras.models.load_model(visiontools.pretrained_base_path())` (docs/data.md says what the base is).

Plotting helpers return their Axes or Figure; they never call `plt.show()` unless asked to with `show=True`.
Helpers that compute something return numpy arrays, except `read_image`, which returns a `tf.Tensor` ready
for `tf.nn`. Everything random takes a `seed`. TensorFlow is imported without its start-up log
(`learntools_cv.core.tensorflow_quietly`). The exercise's checkers import none of these.
"""

from __future__ import annotations

from learntools_cv.vision.answers import answered
from learntools_cv.vision.augmentation import augmented_copies, show_augmented
from learntools_cv.vision.curves import learning_curves, show_learning_curves
from learntools_cv.vision.features import extraction_steps, pool_repeatedly
from learntools_cv.vision.images import read_image, set_seed
from learntools_cv.vision.kernels import KERNELS, blur, bottom_sobel, edge, emboss, sharpen
from learntools_cv.vision.patterns import circle, random_map, random_transform, two_dots
from learntools_cv.vision.plots import (
    show_extraction,
    show_feature_maps,
    show_image,
    show_kernel,
    show_maps,
    show_repeated_pooling,
    show_scores,
)
from learntools_cv.vision.pretrained import base_path as pretrained_base_path
from learntools_cv.vision.window_plots import show_receptive_field, show_series, show_sliding_window

__all__ = [
    "KERNELS",
    "answered",
    "augmented_copies",
    "blur",
    "bottom_sobel",
    "circle",
    "edge",
    "emboss",
    "extraction_steps",
    "learning_curves",
    "pool_repeatedly",
    "pretrained_base_path",
    "random_map",
    "random_transform",
    "read_image",
    "set_seed",
    "sharpen",
    "show_augmented",
    "show_extraction",
    "show_feature_maps",
    "show_image",
    "show_kernel",
    "show_learning_curves",
    "show_maps",
    "show_receptive_field",
    "show_repeated_pooling",
    "show_scores",
    "show_series",
    "show_sliding_window",
    "two_dots",
]
