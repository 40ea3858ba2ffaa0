"""The sliding window's geometry (`learntools_cv.vision.windows`) against TensorFlow, and its pictures
(`learntools_cv.vision.window_plots`) checked on the data they draw."""

from __future__ import annotations

import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from learntools_cv.core.placeholder import PLACEHOLDER  # noqa: E402
from learntools_cv.vision.window_plots import show_receptive_field, show_series, show_sliding_window  # noqa: E402
from learntools_cv.vision.windows import Layer, field_cells, receptive_field, window_starts  # noqa: E402

# ---------------------------------------------------------------------------------------------------------
# Geometry, by hand


@pytest.mark.parametrize(
    ("size", "window", "stride", "padding", "dilation", "starts"),
    [
        (7, 3, 1, "VALID", 1, [0, 1, 2, 3, 4]),
        (7, 3, 2, "VALID", 1, [0, 2, 4]),
        (7, 3, 2, "SAME", 1, [-1, 1, 3, 5]),  # 4 windows need 2 padded cells: one before, one after
        (8, 3, 2, "SAME", 1, [0, 2, 4, 6]),  # one padded cell, after the last
        (5, 3, 1, "SAME", 2, [-2, -1, 0, 1, 2]),  # a 5-cell extent, 2 padded cells on each side
        (6, 2, 3, "valid", 1, [0, 3]),
        (2, 3, 1, "VALID", 1, []),
    ],
)
def test_window_starts_by_hand(
    size: int, window: int, stride: int, padding: str, dilation: int, starts: list[int]
) -> None:
    assert window_starts(size, window, stride, padding, dilation) == starts


@pytest.mark.parametrize(
    ("layers", "field"),
    [
        ([3], 3),
        ([3, 3], 5),
        ([3, 3, 3], 7),
        ([3, 3, 3, (2, 2)], 8),  # the pooling widens the field by one: its two inputs are one pixel apart
        ([3, 3, 3, (2, 2), 3], 12),  # after it, a 3x3 layer adds 2 steps of 2
        ([(3, 1, 1), (3, 1, 2), (3, 1, 4)], 15),
        ([(2, 1, d) for d in (1, 2, 4, 8)], 16),  # WaveNet's stack
        ([(7, 2), (3, 2)], 11),  # ResNet50's first convolution and pooling
    ],
)
def test_receptive_field_by_hand(layers: list, field: int) -> None:
    assert receptive_field(layers) == field
    cells = field_cells(layers)[0]
    assert cells[-1] - cells[0] + 1 == field


def test_field_cells_follow_one_output_down_the_stack() -> None:
    assert field_cells([3, 3]) == [[0, 1, 2, 3, 4], [0, 1, 2], [0]]
    assert field_cells([(2, 2), 3], index=1) == [[2, 3, 4, 5, 6, 7], [1, 2, 3], [1]]
    assert field_cells([(2, 1, 2)]) == [[0, 2], [0]]  # a dilated window skips a cell


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ([0], "a layer's size must be a positive int; got 0"),
        ([(3, 0)], "a layer's stride must be a positive int; got 0"),
        ([(3, 1, 1.5)], "a layer's dilation must be a positive int; got 1.5"),
        (["3x3"], "a layer is a Layer, a window size or a (size, stride[, dilation]) tuple; got '3x3'"),
    ],
)
def test_bad_layers_say_what_to_pass(bad: list, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        receptive_field(bad)


def test_windows_imports_neither_tensorflow_nor_pyplot() -> None:
    code = (
        "import sys, learntools_cv.vision.windows\n"
        "print(sorted(m for m in ('tensorflow', 'matplotlib.pyplot', 'IPython') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------------------
# Geometry, against TensorFlow


@pytest.mark.slow
@settings(deadline=None, max_examples=200)
@given(
    size=st.integers(1, 30),
    window=st.integers(1, 5),
    stride=st.integers(1, 4),
    dilation=st.integers(1, 3),
    padding=st.sampled_from(["SAME", "VALID"]),
)
def test_window_starts_are_where_tf_reads(size: int, window: int, stride: int, dilation: int, padding: str) -> None:
    """Output i of tf.nn.conv1d with a one-hot kernel at tap j is input cell starts[i] + j * dilation (0 when
    that cell is padding)."""
    if padding == "VALID" and (window - 1) * dilation + 1 > size:
        return  # TensorFlow has no answer there (see tests/test_reference.py's fitted)
    x = np.arange(1, size + 1, dtype=np.float32).reshape(1, size, 1)
    starts = window_starts(size, window, stride, padding, dilation)
    for tap in range(window):
        kernel = np.zeros((window, 1, 1), np.float32)
        kernel[tap] = 1
        read = tf.nn.conv1d(x, kernel, stride, padding, dilations=dilation).numpy().reshape(-1)
        cells = [s + tap * dilation for s in starts]
        assert read.tolist() == [c + 1.0 if 0 <= c < size else 0.0 for c in cells]


def _tf_field(layers: list[Layer]) -> int:
    """The receptive field of one output of the stack, measured: the input cells whose gradient is not 0.
    The input is a few cells longer than the field, so that every layer's window fits (TensorFlow's VALID
    convolution of a too short input may crash the process)."""
    x = tf.Variable(tf.ones([1, receptive_field(layers) + 5, 1]))
    with tf.GradientTape() as tape:
        y = x
        for layer in layers:
            kernel = tf.ones([layer.size, 1, 1])
            y = tf.nn.conv1d(y, kernel, layer.stride, "VALID", dilations=layer.dilation)
        out = y[0, 0, 0]
    return int(np.count_nonzero(tape.gradient(out, x).numpy()))


@pytest.mark.slow
@settings(deadline=None, max_examples=100)
@given(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 2), st.integers(1, 2)), min_size=1, max_size=4))
def test_receptive_field_is_what_tf_gradients_reach(specs: list[tuple[int, int, int]]) -> None:
    layers = [Layer(*spec) for spec in specs]
    if any(layer.dilation > 1 and layer.stride > 1 for layer in layers):
        layers = [Layer(layer.size, layer.stride) for layer in layers]
    cells = field_cells(layers)[0]
    assert _tf_field(layers) == len(cells)
    assert receptive_field(layers) == cells[-1] - cells[0] + 1


def test_the_lessons_fields_are_what_tf_gradients_reach() -> None:
    """q_2 and q_5's answers, measured: a 2x2 max pooling connects like a 2-wide window of stride 2."""
    assert _tf_field([Layer(3)] * 3) == 7
    assert _tf_field([Layer(3)] * 3 + [Layer(2, 2)]) == 8
    assert _tf_field([Layer(3, 1, d) for d in (1, 2, 4)]) == 15


# ---------------------------------------------------------------------------------------------------------
# Pictures, on their data


def _gid(ax, gid: str):
    return [a for a in [*ax.patches, *ax.lines] if a.get_gid() == gid]


def test_the_sliding_window_picture_draws_a_bar_per_output_over_its_cells() -> None:
    fig, ax = plt.subplots()
    show_sliding_window(7, 3, stride=2, padding="SAME", ax=ax)
    bars = [p for p in ax.patches if (p.get_gid() or "").startswith("window-")]
    assert [round(p.get_x() + 0.45) for p in bars] == [-1, 1, 3, 5]  # where each window starts
    assert {round(p.get_width() + 0.1) for p in bars} == {3}
    padding = _gid(ax, "padding")
    assert sorted(round(p.get_x() + 0.45) for p in padding) == [-1, 7]
    assert len(_gid(ax, "cell")) == 7
    assert list(_gid(ax, "taps-0")[0].get_xdata()) == [-1, 0, 1]
    assert list(_gid(ax, "padded-taps-0")[0].get_xdata()) == [-1]
    assert ax.get_title() == "7 cells, window 3, stride 2, 'SAME': 4 outputs"
    plt.close(fig)


def test_the_sliding_window_picture_spreads_dilated_taps() -> None:
    fig, ax = plt.subplots()
    show_sliding_window(9, 3, dilation=2, ax=ax)
    assert list(_gid(ax, "taps-1")[0].get_xdata()) == [1, 3, 5]
    assert len([p for p in ax.patches if (p.get_gid() or "").startswith("window-")]) == 5
    assert _gid(ax, "padding") == []
    assert ax.get_title() == "9 cells, window 3 (dilation 2), stride 1, 'VALID': 5 outputs"
    plt.close(fig)


def _coloured(ax, level: int) -> list[int]:
    prefix = f"level-{level}-cell-"
    return sorted(int(p.get_gid()[len(prefix):]) for p in ax.patches if (p.get_gid() or "").startswith(prefix))


@pytest.mark.parametrize("layers", [[3, 3], [3, 3, 3, (2, 2)], [(3, 1, 1), (3, 1, 2), (3, 1, 4)]])
def test_the_receptive_field_picture_colours_the_cells_one_output_sees(layers: list) -> None:
    fig, ax = plt.subplots()
    show_receptive_field(layers, ax=ax)
    levels = field_cells(layers)
    assert [_coloured(ax, level) for level in range(len(levels))] == levels
    assert ax.get_title() == f"One output on top sees {receptive_field(layers)} input cells"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["input", *(f"layer {i + 1}" for i in range(len(layers)))]
    plt.close(fig)


def test_the_receptive_field_picture_spaces_cells_after_a_stride() -> None:
    fig, ax = plt.subplots()
    show_receptive_field([3, (2, 2), 3], names=["conv", "pool", "conv"], ax=ax)
    pooled = sorted(p.get_x() for p in ax.patches if p.get_y() == pytest.approx(2 * 2 - 0.4))
    assert set(np.round(np.diff(pooled), 6)) == {2.0}  # the pooled layer's cells are 2 input cells apart
    plt.close(fig)


def test_the_series_picture_draws_each_smoothed_value_at_the_end_of_its_window() -> None:
    series = np.arange(10, dtype=np.float32) ** 1.5
    smoothed = np.convolve(series, np.full(4, 0.25), "valid")
    fig, ax = plt.subplots()
    show_series(series, tf.reshape(smoothed, [1, -1, 1]), ax=ax)
    (raw,), (smooth,) = _gid(ax, "series"), _gid(ax, "smoothed")
    np.testing.assert_array_equal(raw.get_xdata(), np.arange(10))
    np.testing.assert_array_equal(smooth.get_xdata(), np.arange(3, 10))
    np.testing.assert_allclose(smooth.get_ydata(), smoothed)
    plt.close(fig)


@pytest.mark.parametrize(
    ("smoothed", "printed"),
    [
        (PLACEHOLDER, "Answer question 3 first.\n"),
        (None, ""),
        (len, "Nothing to draw for the smoothed series: it is the function len itself, not its result.\n"),
        (np.zeros(12), "Nothing to draw for the smoothed series: it has 12 steps, more than the series' 10.\n"),
        (
            np.zeros((1, 7, 4)),
            "Nothing to draw for the smoothed series: it should be one series, of shape (W,) or (1, W, 1), not "
            "shape (1, 7, 4).\n",
        ),
    ],
)
def test_the_series_picture_says_why_it_draws_no_smoothed_series(smoothed, printed, capsys) -> None:
    plt.close("all")
    drawn = show_series(np.ones(10), smoothed, needs="Answer question 3 first.")
    assert capsys.readouterr().out == printed
    assert (drawn is None) == bool(printed)
    # No empty figure is left for `plt.show()` to print as "<Figure size ... with 0 Axes>".
    assert plt.get_fignums() == ([] if printed else [drawn.figure.number])
    assert drawn is None or tuple(drawn.figure.get_size_inches()) == (12, 3.5)
    plt.close("all")
