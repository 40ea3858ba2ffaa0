"""Tests for learntools_cv.visiontools and the images shipped in learntools_cv.data."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere in this module

import importlib.util
import random
import re
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st

from learntools_cv import visiontools
from learntools_cv.vision import data
from learntools_cv.visiontools import (
    KERNELS,
    blur,
    bottom_sobel,
    circle,
    edge,
    emboss,
    extraction_steps,
    pool_repeatedly,
    random_map,
    random_transform,
    read_image,
    set_seed,
    sharpen,
    show_extraction,
    show_feature_maps,
    show_image,
    show_kernel,
    show_repeated_pooling,
    show_scores,
    two_dots,
)

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "learntools_cv" / "vision" / "data"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def lit_pixels(image: np.ndarray) -> list[tuple[int, int]]:
    return [tuple(int(i) for i in p) for p in np.argwhere(image > 0)]


def max_pool_numpy(image: np.ndarray, window: int) -> np.ndarray:
    """2-D max pooling with stride = window and SAME padding, written independently of TensorFlow."""
    height, width = image.shape
    out_h, out_w = -(-height // window), -(-width // window)
    padded = np.full((out_h * window, out_w * window), -np.inf, dtype=np.float64)
    # SAME padding splits the padding, the odd pixel going to the bottom/right.
    top, left = (out_h * window - height) // 2, (out_w * window - width) // 2
    padded[top : top + height, left : left + width] = image
    return padded.reshape(out_h, window, out_w, window).max(axis=(1, 3)).astype(np.float32)


# ------------------------------------------------------------------------------------------ shipped data


def test_image_names_and_paths():
    assert data.IMAGE_NAMES == ("car_illustration", "street_scene")
    images = data.lesson_images()
    assert list(images) == list(data.IMAGE_NAMES)
    for name, path in images.items():
        assert path == data.image_path(name)
        assert path.is_file() and path.suffix == ".png" and path.parent == DATA_DIR


def test_unknown_image_name_lists_the_valid_ones():
    with pytest.raises(ValueError) as excinfo:
        data.image_path("car_photo")
    assert str(excinfo.value) == "Unknown image name 'car_photo'. Valid names: 'car_illustration', 'street_scene'."


def test_package_data_is_small():
    files = [p for p in DATA_DIR.iterdir() if p.is_file() and p.suffix in {".png", ".npz", ".json"}]
    assert {p.name for p in files} >= {"car_illustration.png", "street_scene.png"}
    assert sum(p.stat().st_size for p in files) < 1_000_000


def test_data_module_does_not_import_tensorflow():
    code = "import sys, learntools_cv.data as d; d.lesson_images(); print('tensorflow' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("name", "shape"), [("car_illustration", (400, 400, 3)), ("street_scene", (300, 400, 3))]
)
def test_generator_reproduces_the_shipped_images(name, shape):
    spec = importlib.util.spec_from_file_location("make_images", REPO / "tools" / "make_images.py")
    make_images = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_images)
    # Other tests run notebook cells in this process (`plt.rc('figure', autolayout=True)` among them).
    with matplotlib.rc_context({"figure.autolayout": False}):
        drawn = make_images.IMAGES[name]()
    shipped = np.round(read_image(data.image_path(name), channels=3).numpy() * 255)
    assert drawn.shape == shipped.shape == shape
    # Identical with the matplotlib that drew them; anti-aliasing may differ a little with another version.
    assert np.abs(drawn.astype(np.float64) - shipped).mean() < 2.0


# -------------------------------------------------------------------------------------------- read_image


@pytest.mark.parametrize("name", data.IMAGE_NAMES)
@pytest.mark.parametrize("channels", [1, 3])
def test_read_image_range_shape_dtype(name, channels):
    image = read_image(data.image_path(name), channels=channels)
    expected = {"car_illustration": (400, 400), "street_scene": (300, 400)}[name]
    assert isinstance(image, tf.Tensor)
    assert image.dtype == tf.float32
    assert tuple(image.shape) == (*expected, channels)
    values = image.numpy()
    assert values.min() >= 0.0 and values.max() <= 1.0
    assert values.max() - values.min() > 0.5  # a real picture, not a blank


@pytest.mark.parametrize(("size", "shape"), [(400, (400, 400, 1)), (64, (64, 64, 1)), ((50, 80), (50, 80, 1))])
def test_read_image_resizes(size, shape):
    image = read_image(data.image_path("street_scene"), size=size)
    assert tuple(image.shape) == shape
    assert 0.0 <= float(tf.reduce_min(image)) and float(tf.reduce_max(image)) <= 1.0


def test_read_image_grayscale_is_the_luminance_of_rgb():
    gray = read_image(data.image_path("car_illustration"), channels=1).numpy()[..., 0]
    rgb = read_image(data.image_path("car_illustration"), channels=3).numpy()
    luminance = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    assert np.abs(gray - luminance).max() < 0.02


def test_read_image_reads_jpeg(tmp_path):
    pixels = np.zeros((20, 30, 3), dtype=np.uint8)
    pixels[:, 15:] = 255
    path = tmp_path / "half.jpg"
    tf.io.write_file(str(path), tf.io.encode_jpeg(pixels, quality=100))
    image = read_image(path, channels=3).numpy()
    assert image.shape == (20, 30, 3) and image.dtype == np.float32
    assert image[:, :12].max() < 0.1 and image[:, 18:].min() > 0.9


def test_read_image_missing_file_names_the_path(tmp_path):
    missing = tmp_path / "no_such_car.png"
    with pytest.raises(FileNotFoundError, match=re.escape(f"No image file at {missing}")):
        read_image(missing)


def test_read_image_rejects_two_channels():
    with pytest.raises(ValueError, match=re.escape("channels must be 1, 3 or 4, got 2")):
        read_image(data.image_path("car_illustration"), channels=2)


# ----------------------------------------------------------------------------------------------- kernels


def test_kernel_values():
    np.testing.assert_array_equal(edge, [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])
    np.testing.assert_array_equal(blur, np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16)
    np.testing.assert_array_equal(bottom_sobel, [[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
    np.testing.assert_array_equal(emboss, [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])
    np.testing.assert_array_equal(sharpen, [[0, -1, 0], [-1, 5, -1], [0, -1, 0]])
    assert KERNELS == {"edge": edge, "blur": blur, "bottom_sobel": bottom_sobel, "emboss": emboss, "sharpen": sharpen}


@pytest.mark.parametrize("name", sorted(KERNELS))
def test_kernels_are_read_only_float32_3x3(name):
    kernel = KERNELS[name]
    assert kernel.dtype == np.float32 and kernel.shape == (3, 3)
    with pytest.raises(ValueError, match="read-only"):
        kernel[0, 0] = 100


@pytest.mark.parametrize(
    ("name", "total"), [("edge", 0), ("blur", 1), ("bottom_sobel", 0), ("emboss", 1), ("sharpen", 1)]
)
def test_kernel_sums(name, total):
    # A kernel summing to 1 keeps flat areas as they are; summing to 0 turns them black.
    assert float(KERNELS[name].sum()) == pytest.approx(total)


# ---------------------------------------------------------------------------------------------- set_seed


def draws():
    return random.random(), float(np.random.rand()), tf.random.uniform((3,)).numpy().tolist()


def test_set_seed_repeats_python_numpy_and_tensorflow():
    set_seed(7)
    first = draws()
    set_seed(7)
    assert draws() == first
    set_seed(8)
    other = draws()
    assert all(a != b for a, b in zip(other, first))


def test_set_seed_needs_an_int():
    with pytest.raises(TypeError, match="seed must be an int, got float"):
        set_seed(1.5)


# ------------------------------------------------------------------------------------------ synthetic maps


def test_circle():
    disk = circle(9)
    assert disk.shape == (9, 9) and disk.dtype == np.float32
    assert set(np.unique(disk)) == {0.0, 1.0}
    assert disk[4, 4] == 1 and disk[0, 0] == 0 and disk[4, 0] == 1  # radius 4 reaches the edge midpoints
    np.testing.assert_array_equal(disk, disk.T)
    np.testing.assert_array_equal(disk, disk[::-1])
    smaller = circle((9, 9), val=0.5, r_shrink=2)
    assert set(np.unique(smaller)) == {0.0, 0.5}
    assert smaller[4, 1] == 0 and smaller[4, 2] == 0.5
    assert circle((20, 40)).shape == (20, 40)


def test_circle_shrunk_away():
    with pytest.raises(ValueError, match="leaves no disk"):
        circle(8, r_shrink=5)


def test_two_dots_default_placement():
    image = two_dots(32, distance=3)
    assert image.shape == (32, 32) and image.dtype == np.float32
    assert lit_pixels(image) == [(16, 16), (16, 19)]
    big = two_dots((20, 40), distance=5, dot_size=2, value=0.5)
    assert set(np.unique(big)) == {0.0, 0.5}
    (r0, c0), (r1, c1) = lit_pixels(big)[0], lit_pixels(big)[-1]
    assert r1 - r0 == 1 and c1 - c0 == 5 + 1  # two 2x2 dots whose left edges are 5 apart


def test_two_dots_explicit_position():
    assert lit_pixels(two_dots(16, distance=4, row=2, col=3)) == [(2, 3), (2, 7)]


def test_two_dots_seeded_is_deterministic():
    a = two_dots(32, distance=5, seed=11)
    np.testing.assert_array_equal(a, two_dots(32, distance=5, seed=11))
    placements = {tuple(lit_pixels(two_dots(32, distance=5, seed=s))[0]) for s in range(10)}
    assert len(placements) > 1
    for s in range(10):
        (r0, c0), (r1, c1) = lit_pixels(two_dots(32, distance=5, seed=s))
        assert r0 == r1 and c1 - c0 == 5


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"distance": 1, "dot_size": 2}, "distance (1) must be at least dot_size (2) so the dots do not overlap"),
        ({"size": 8, "distance": 8}, "two dots 8 apart, each 1 wide, do not fit in size (8, 8)"),
        ({"size": 8, "distance": 2, "col": 6}, "dots at row=4, col=6 do not fit in size (8, 8)"),
        ({"dot_size": 0}, "dot_size must be at least 1, got 0"),
    ],
)
def test_two_dots_errors(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        two_dots(**kwargs)


@settings(max_examples=25, deadline=None)
@given(distance=st.integers(1, 15), dot_size=st.integers(1, 2))
def test_nearby_dots_merge_after_log2_poolings(distance, dot_size):
    if distance < dot_size:
        distance = dot_size
    image = two_dots(32, distance=distance, dot_size=dot_size)
    rounds = (distance + dot_size - 1).bit_length()  # log2 of the smallest aligned block holding the pair
    pooled = pool_repeatedly(image, times=rounds)
    assert len(lit_pixels(pooled[rounds])) == 1
    assert len(lit_pixels(pooled[rounds - 1])) >= 2


def test_far_dots_stay_apart():
    pooled = pool_repeatedly(two_dots(32, distance=16), times=4)
    for stage in pooled[:4]:  # down to 4x4 the two dots are two pixels with a gap between them
        lit = lit_pixels(stage)
        assert len(lit) == 2 and lit[1][1] - lit[0][1] >= 2
    assert len(lit_pixels(pooled[4])) == 2  # 2x2: still two pixels, now side by side


def test_random_map_is_deterministic_and_sparse():
    feature_map = random_map(48, seed=5)
    np.testing.assert_array_equal(feature_map, random_map(48, seed=5))
    assert not np.array_equal(feature_map, random_map(48, seed=6))
    assert feature_map.shape == (48, 48) and feature_map.dtype == np.float32
    assert 0.5 <= feature_map.max() <= 1.0 and feature_map.min() == 0.0
    assert 0.0 < np.mean(feature_map > 0) < 0.4
    assert random_map((10, 20), seed=1, n_blobs=0).sum() == 0
    assert random_map((10, 20), seed=1).shape == (10, 20)


def test_random_transform_without_changes_is_identity():
    image = random_map(16, seed=2)
    np.testing.assert_array_equal(random_transform(image, seed=3), image)


def test_random_transform_is_deterministic_and_shifts_within_jitter():
    image = np.zeros((21, 21), dtype=np.float32)
    image[10, 10] = 1.0
    moved = [random_transform(image, jitter=3, seed=s) for s in range(30)]
    for s, result in enumerate(moved):
        np.testing.assert_array_equal(result, random_transform(image, jitter=3, seed=s))
        ((row, col),) = lit_pixels(result)
        assert abs(row - 10) <= 3 and abs(col - 10) <= 3
    assert len({tuple(lit_pixels(m)[0]) for m in moved}) > 5


def test_random_transform_fills_with_zeros():
    image = np.ones((8, 8), dtype=np.float32)
    shifted = [random_transform(image, jitter=2, seed=s) for s in range(20)]
    assert any(s.sum() < 64 for s in shifted)  # something moved out, and zeros (not wrapped pixels) came in
    assert all(set(np.unique(s)) <= {0.0, 1.0} for s in shifted)


def test_random_transform_rotates_and_flips():
    image = np.arange(16, dtype=np.float32).reshape(4, 4)
    results = [random_transform(image, rotate=True, flip=True, seed=s) for s in range(40)]
    for result in results:
        np.testing.assert_array_equal(np.sort(result, axis=None), np.arange(16))
    assert len({r.tobytes() for r in results}) == 8  # the eight symmetries of a square


def test_random_transform_keeps_batch_and_channels():
    image = tf.random.uniform((1, 12, 12, 3), seed=1)
    assert random_transform(image, jitter=2, rotate=True, seed=0).shape == (1, 12, 12, 3)
    assert random_transform(image[0], jitter=2, seed=0).shape == (12, 12, 3)


def test_random_transform_rotation_needs_a_square():
    with pytest.raises(ValueError, match=re.escape("rotate=True needs a square image, got shape (4, 6)")):
        random_transform(np.zeros((4, 6)), rotate=True)


# -------------------------------------------------------------------------------------------- extraction


def tf_extraction(image, kernel, conv_stride, conv_padding, pool_size, pool_stride, pool_padding):
    """The extraction written out with tf.nn, using max_pool2d rather than the helpers' tf.nn.pool."""
    batch = tf.reshape(tf.constant(image, tf.float32), (1, *image.shape, 1))
    filters = tf.reshape(tf.constant(kernel, tf.float32), (*kernel.shape, 1, 1))
    detected = tf.nn.relu(tf.nn.conv2d(batch, filters, strides=conv_stride, padding=conv_padding))
    return tf.nn.max_pool2d(detected, ksize=pool_size, strides=pool_stride, padding=pool_padding).numpy()[0, :, :, 0]


@pytest.mark.parametrize(
    ("conv_stride", "conv_padding", "pool_size", "pool_stride", "pool_padding"),
    [(1, "VALID", 2, 2, "SAME"), (1, "SAME", 2, 2, "SAME"), (2, "SAME", 3, 2, "VALID"), (1, "valid", 3, 1, "same")],
)
def test_show_extraction_condense_panel_is_max_pool_of_relu_conv(
    conv_stride, conv_padding, pool_size, pool_stride, pool_padding
):
    image = read_image(data.image_path("car_illustration"), size=100)
    settings_ = dict(conv_stride=conv_stride, conv_padding=conv_padding, pool_size=pool_size,
                     pool_stride=pool_stride, pool_padding=pool_padding)
    fig = show_extraction(image, emboss, **settings_)
    assert [ax.get_title() for ax in fig.axes] == ["Input", "Filter", "Detect", "Condense"]
    panels = [np.asarray(ax.images[0].get_array()) for ax in fig.axes]
    expected = tf_extraction(image.numpy()[..., 0], emboss, conv_stride, conv_padding.upper(), pool_size,
                             pool_stride, pool_padding.upper())
    np.testing.assert_allclose(panels[3], expected, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(panels[0], image.numpy()[..., 0])
    np.testing.assert_array_equal(panels[2], np.maximum(panels[1], 0))


def test_extraction_steps_shapes_and_stages():
    image = random_map(20, seed=1)
    steps = extraction_steps(image, edge)
    assert list(steps) == ["input", "filter", "detect", "condense"]
    assert [s.shape for s in steps.values()] == [(20, 20), (18, 18), (18, 18), (9, 9)]
    assert all(s.dtype == np.float32 for s in steps.values())
    linear = extraction_steps(image, edge, activation=None)
    np.testing.assert_array_equal(linear["detect"], linear["filter"])
    custom = extraction_steps(image, edge, activation=tf.nn.relu6)
    assert custom["detect"].max() <= 6


@settings(max_examples=20, deadline=None)
@given(
    height=st.integers(5, 14),
    width=st.integers(5, 14),
    window=st.integers(1, 3),
    seed=st.integers(0, 2**16),
)
def test_extraction_steps_agree_with_numpy(height, width, window, seed):
    rng = np.random.default_rng(seed)
    image = rng.uniform(size=(height, width)).astype(np.float32)
    kernel = rng.normal(size=(3, 3)).astype(np.float32)
    steps = extraction_steps(image, kernel, pool_size=window, pool_stride=window)
    windows = np.lib.stride_tricks.sliding_window_view(image, (3, 3))
    filtered = np.einsum("ijkl,kl->ij", windows, kernel)
    np.testing.assert_allclose(steps["filter"], filtered, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(steps["condense"], max_pool_numpy(np.maximum(filtered, 0), window), rtol=1e-5, atol=1e-5)


def test_extraction_of_an_rgb_image_uses_grayscale():
    rgb = read_image(data.image_path("street_scene"), channels=3, size=64)
    steps = extraction_steps(rgb, edge, conv_padding="SAME")
    np.testing.assert_allclose(steps["input"], tf.image.rgb_to_grayscale(rgb).numpy()[..., 0], atol=1e-6)
    assert steps["condense"].shape == (32, 32)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        # One padding reader for the lesson and the reference ops (`reference.as_padding`), so one wording.
        ({"conv_padding": "FULL"}, "conv_padding must be 'SAME' or 'VALID'; got 'FULL'"),
        ({"pool_padding": 0}, "pool_padding must be 'SAME' or 'VALID'; got 0"),
        ({"activation": "tanh"}, "activation must be 'relu', 'linear', None or a function, got 'tanh'"),
    ],
)
def test_extraction_steps_errors(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        extraction_steps(np.zeros((8, 8)), edge, **kwargs)


def test_extraction_steps_rejects_a_multichannel_kernel():
    with pytest.raises(ValueError, match=re.escape("kernel must have shape (h, w) or (h, w, 1, 1), got (3, 3, 2, 1)")):
        extraction_steps(np.zeros((8, 8)), np.zeros((3, 3, 2, 1)))


def test_show_extraction_layouts():
    image = random_map(16, seed=0)
    assert len(show_extraction(image, edge, subplot_shape=(2, 2)).axes) == 4
    fig = show_extraction(image, edge, subplot_shape=(2, 3))
    assert len(fig.axes) == 6
    assert [len(ax.images) for ax in fig.axes] == [1, 1, 1, 1, 0, 0]
    with pytest.raises(ValueError, match=re.escape("subplot_shape (1, 3) has fewer than the 4 panels needed")):
        show_extraction(image, edge, subplot_shape=(1, 3))


def test_show_true_calls_plt_show(monkeypatch):
    calls = []
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: calls.append(1))
    show_extraction(random_map(16, seed=0), edge)
    assert calls == []
    show_extraction(random_map(16, seed=0), edge, show=True)
    show_repeated_pooling(two_dots(8), times=1, show=True)
    show_feature_maps(np.zeros((4, 4, 2)), show=True)
    assert calls == [1, 1, 1]


# ---------------------------------------------------------------------------------------------- pooling


def test_pool_repeatedly_shapes_and_values():
    image = random_map((30, 17), seed=4)
    stages = pool_repeatedly(image, times=3)
    assert [s.shape for s in stages] == [(30, 17), (15, 9), (8, 5), (4, 3)]
    for before, after in zip(stages, stages[1:]):
        np.testing.assert_array_equal(after, max_pool_numpy(before, 2))
    assert len(pool_repeatedly(image, times=0)) == 1
    assert [s.shape for s in pool_repeatedly(image, times=2, window=3)] == [(30, 17), (10, 6), (4, 2)]


def test_show_repeated_pooling_draws_each_stage():
    image = two_dots(32, distance=3)
    fig = show_repeated_pooling(image, times=3)
    assert len(fig.axes) == 4
    assert [ax.get_title() for ax in fig.axes] == ["Original", "Pooled 1\u00d7", "Pooled 2\u00d7", "Pooled 3\u00d7"]
    for ax, stage in zip(fig.axes, pool_repeatedly(image, times=3)):
        np.testing.assert_array_equal(ax.images[0].get_array(), stage)
        assert ax.images[0].get_clim() == (0.0, 1.0)
    assert fig.axes[3].get_xlabel() == "4\u00d74"


# --------------------------------------------------------------------------------------------- plotting


@pytest.mark.parametrize(
    ("shape", "shown"),
    [((6, 5), (6, 5)), ((6, 5, 1), (6, 5)), ((1, 6, 5, 1), (6, 5)), ((6, 5, 3), (6, 5, 3)), ((1, 6, 5, 3), (6, 5, 3))],
)
def test_show_image_squeezes_batch_and_channel(shape, shown):
    image = tf.random.uniform(shape, seed=3)
    ax = show_image(image, cmap="gray", title="x")
    assert ax.get_title() == "x"
    assert ax.images[0].get_array().shape == shown
    assert not ax.axison


def test_show_image_keeps_uint8_rgb():
    pixels = np.full((4, 4, 3), 200, dtype=np.uint8)
    shown = show_image(pixels).images[0].get_array()
    assert shown.dtype == np.uint8 and shown.max() == 200


def test_show_image_draws_on_the_given_axes():
    fig, axes = plt.subplots(1, 2)
    assert show_image(np.zeros((3, 3)), ax=axes[1]) is axes[1]
    assert len(axes[0].images) == 0 and len(axes[1].images) == 1


@pytest.mark.parametrize("shape", [(2, 4, 4, 1), (4, 4, 2), (4,)])
def test_show_image_rejects_other_shapes(shape):
    with pytest.raises(ValueError, match="expected an image of shape|can only show one image"):
        show_image(np.zeros(shape))


def test_show_kernel_writes_each_number():
    ax = show_kernel(emboss)
    assert [t.get_text() for t in ax.texts] == ["-2", "-1", "0", "-1", "1", "1", "0", "1", "2"]
    assert ax.texts[0].get_fontsize() == 28
    np.testing.assert_array_equal(ax.images[0].get_array(), emboss)
    assert ax.images[0].get_clim() == (-2.0, 2.0)  # centred on zero


def test_show_kernel_digits_and_labels():
    fig, axes = plt.subplots(1, 3)
    assert [t.get_text() for t in show_kernel(blur, ax=axes[0]).texts][:2] == ["0.0625", "0.125"]
    assert [t.get_text() for t in show_kernel(blur, digits=2, text_size=10, ax=axes[1]).texts][:2] == ["0.06", "0.12"]
    assert len(show_kernel(blur, label=False, ax=axes[2]).texts) == 0
    assert show_kernel(tf.reshape(edge, (3, 3, 1, 1))).images[0].get_array().shape == (3, 3)


def test_show_feature_maps_grid():
    maps = np.stack([random_map(12, seed=s) for s in range(6)], axis=-1)
    fig = show_feature_maps(maps, ncols=4, show_scores=True)
    assert len(fig.axes) == 8
    assert [len(ax.images) for ax in fig.axes] == [1] * 6 + [0] * 2
    assert fig.axes[2].get_title() == f"Feature 2\naverage {maps[..., 2].mean():.3f}"
    np.testing.assert_array_equal(fig.axes[5].images[0].get_array(), maps[..., 5])
    assert len({ax.images[0].get_clim() for ax in fig.axes[:6]}) == 1  # one shared colour scale


def test_show_feature_maps_batch_of_one_and_names():
    maps = tf.random.uniform((1, 5, 5, 3), seed=2)
    fig = show_feature_maps(maps, names=["a", "b", "c"], shared_scale=False)
    assert [ax.get_title() for ax in fig.axes] == ["a", "b", "c"]
    with pytest.raises(ValueError, match=re.escape("got 2 names for 3 feature maps")):
        show_feature_maps(maps, names=["a", "b"])
    with pytest.raises(ValueError, match="expected the feature maps of one image, got a batch of 2"):
        show_feature_maps(np.zeros((2, 5, 5, 3)))


def test_show_scores_bars():
    ax = show_scores(np.array([[0.1, 0.3, 0.2]]), names=["x", "y", "z"])
    assert [round(p.get_height(), 6) for p in ax.patches] == [0.1, 0.3, 0.2]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "y", "z"]
    assert ax.get_legend() is None
    fig, ax2 = plt.subplots()
    show_scores({"car": [1, 2], "truck": [3, 4]}, ax=ax2)
    assert len(ax2.patches) == 4
    assert [t.get_text() for t in ax2.get_legend().get_texts()] == ["car", "truck"]
    with pytest.raises(ValueError, match=re.escape("every score vector must have the same length, got lengths [2, 3]")):
        show_scores({"a": [1, 2], "b": [1, 2, 3]})


def test_public_names():
    assert visiontools.__all__ == sorted(visiontools.__all__)
    assert all(hasattr(visiontools, name) for name in visiontools.__all__)


# ------------------------------------------------------------------- what each module imports (issue 11)


def _imported_after(statement: str) -> list[str]:
    code = (
        f"import sys\n{statement}\n"
        "print(sorted(m for m in ('tensorflow', 'keras', 'matplotlib.pyplot', 'IPython') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return eval(done.stdout.strip())


@pytest.mark.parametrize(
    "module",
    [
        "learntools_cv.vision.kernels",
        "learntools_cv.vision.patterns",
        "learntools_cv.vision.answers",
        "learntools_cv.lessons.maximum_pooling.diagnosis",
        "learntools_cv.lessons.maximum_pooling.diagnosis.pooling",
        "learntools_cv.lessons.maximum_pooling.diagnosis.global_pool",
        "learntools_cv.lessons.maximum_pooling.diagnosis.invariance",
        "learntools_cv.core.functions",
        "learntools_cv.lessons.maximum_pooling.exercise",
        "learntools_cv.lessons.convolution_and_relu.diagnosis.kernels",
        "learntools_cv.lessons.convolution_and_relu.diagnosis.backend",
        "learntools_cv.lessons.convolution_and_relu.diagnosis.orientation",
        "learntools_cv.lessons.convolution_and_relu.exercise",
        "learntools_cv.core.tensorflow_quietly",
        "learntools_cv.reference",
    ],
)
def test_numpy_only_modules_and_the_diagnosis_import_neither_tensorflow_nor_pyplot(module):
    assert _imported_after(f"import {module}") == []


def test_patterns_work_on_tensors_without_tensorflow_of_their_own():
    from learntools_cv.vision import patterns

    moved = patterns.random_transform(tf.constant(two_dots(size=8, distance=2)), jitter=1, seed=0)
    assert moved.dtype == np.float32 and moved.shape == (8, 8)


def test_visiontools_reexports_every_helper_from_its_module():
    from learntools_cv.vision import (
        answers,
        augmentation,
        curves,
        features,
        images,
        kernels,
        patterns,
        plots,
        pretrained,
        window_plots,
    )

    modules = (answers, augmentation, curves, features, images, kernels, patterns, plots, window_plots)
    homes = {name: mod for mod in modules for name in mod.__all__}
    assert set(visiontools.__all__) == set(homes) - {"Size"} | {"pretrained_base_path"}
    for name in set(visiontools.__all__) - {"pretrained_base_path"}:
        assert getattr(visiontools, name) is getattr(homes[name], name), name
    # The base's file under the name a notebook reads it by: keras.models.load_model(visiontools.pretrained_base_path())
    assert visiontools.pretrained_base_path is pretrained.base_path


# ------------------------------------------------------------------- TensorFlow without its start-up log


def test_importing_visiontools_prints_no_tensorflow_start_up_log():
    done = subprocess.run(
        [sys.executable, "-c", "from learntools_cv import visiontools\nprint('imported')"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (done.stdout, done.stderr) == ("imported\n", "")


STARTUP_LOG = [
    "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR",
    "I0000 00:00:1796087169.237003   10543 port.cc:153] oneDNN custom operations are on. You may see slightly "
    "different numerical results due to floating-point round-off errors from different computation orders.",
    "I0000 00:00:1796087169.237920   10543 cudart_stub.cc:31] Could not find cuda drivers on your machine, "
    "GPU will not be used.",
    "I0000 00:00:1796087169.289662   10543 cpu_feature_guard.cc:227] This TensorFlow binary is optimized to "
    "use available CPU instructions in performance-critical operations.",
    "To enable the following instructions: AVX2 AVX512F FMA, in other operations, rebuild TensorFlow with the "
    "appropriate compiler flags.",
    "E0000 00:00:1796087172.471077   10543 cuda_platform.cc:52] failed call to cuInit: INTERNAL: CUDA error: "
    "Failed call to cuInit: UNKNOWN ERROR (303)",
    "2024-05-02 10:00:00.123456: I tensorflow/core/util/port.cc:113] oneDNN custom operations are on.",
]
NOT_NOISE = [
    "Traceback (most recent call last):",
    "ValueError: my own mistake",
    "UserWarning: a learner's warning",
    "I think this line is mine",
]


def test_the_start_up_log_is_recognised_and_nothing_else():
    from learntools_cv.core.tensorflow_quietly import is_startup_noise, without_startup_noise

    assert [line for line in STARTUP_LOG if not is_startup_noise(line)] == []
    assert [line for line in NOT_NOISE if is_startup_noise(line)] == []
    mixed = "\n".join(STARTUP_LOG[:3] + NOT_NOISE[:1] + STARTUP_LOG[3:] + NOT_NOISE[1:]) + "\n"
    assert without_startup_noise(mixed) == "\n".join(NOT_NOISE) + "\n"


def test_other_lines_written_while_tensorflow_starts_are_kept(capfd):
    import os

    from learntools_cv.core import tensorflow_quietly

    with tensorflow_quietly._stderr_filtered():
        os.write(2, (STARTUP_LOG[1] + "\nsomething of the learner's own\n").encode())
    assert capfd.readouterr().err == "something of the learner's own\n"


# ---------------------------------------------------------------------------------------- show_maps


def test_show_maps_waits_for_a_placeholder_with_one_line(capsys):
    from learntools_cv.core.placeholder import PLACEHOLDER

    figures = plt.get_fignums()
    shown = visiontools.show_maps({"Detect": np.ones((4, 4)), "Condense": PLACEHOLDER}, needs="Answer question 1 first.")
    assert shown is None and plt.get_fignums() == figures
    assert capsys.readouterr().out == "Answer question 1 first.\n"


@pytest.mark.parametrize(
    ("value", "line"),
    [
        (None, "Nothing to draw for 'Condense': it is None.\n"),
        (np.zeros((2, 3, 4, 5)), "Nothing to draw for 'Condense': its shape is (2, 3, 4, 5), which is not a single map.\n"),
        (print, "Nothing to draw for 'Condense': it is the function print itself, not its result.\n"),
        (np.array(["a", "b"]), "Nothing to draw for 'Condense': it is an array of strings.\n"),
    ],
)
def test_show_maps_says_in_one_line_what_cannot_be_drawn(value, line, capsys):
    assert visiontools.show_maps({"Condense": value}, needs="Answer question 1 first.") is None
    assert capsys.readouterr().out == line


def test_show_maps_draws_on_one_scale_that_includes_zero():
    fig = visiontools.show_maps({"Detect": np.full((4, 4), 3.0), "Condense": tf.ones((1, 2, 2, 1))})
    images = [ax.get_images()[0] for ax in fig.axes]
    assert [im.get_clim() for im in images] == [(0.0, 3.0), (0.0, 3.0)]
    assert [ax.get_title() for ax in fig.axes] == ["Detect", "Condense"]
    assert images[1].get_array().shape == (2, 2)
    # A constant map alone is drawn as bright as its value, not at the bottom of a zero-width scale.
    (alone,) = visiontools.show_maps({"Pooled 5x": np.full((1, 1), 0.8)}).axes
    assert alone.get_images()[0].get_clim() == (0.0, 0.8)
