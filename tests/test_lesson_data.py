"""Tests for learntools_cv.lesson_data: the drawn vehicles and the hand-designed convolutional base."""

import inspect
import re
import socket
import subprocess
import sys
import time

import keras
import numpy as np
import pytest

from learntools_cv.lesson_data import VEHICLE_CLASSES, feature_base, feature_names, feature_scores, vehicle_images
from learntools_cv.lessons.maximum_pooling import lesson_data

VERTICAL = feature_names().index("vertical edges")
RISING = feature_names().index("rising diagonal edges (/)")
FALLING = feature_names().index("falling diagonal edges (\\)")
HORIZONTAL = feature_names().index("horizontal edges")


@pytest.fixture(scope="module")
def base():
    return feature_base()


# ------------------------------------------------------------------------------------------------ images


def test_vehicle_images_names_shapes_and_range():
    images = vehicle_images()
    assert list(images) == ["car_0", "car_1", "truck_0", "truck_1"]
    for image in images.values():
        assert image.shape == (128, 128, 3) and image.dtype == np.float32
        assert image.min() >= 0.0 and image.max() <= 1.0
        assert image.std() > 0.1  # something is drawn on the sky and road
    assert list(vehicle_images(size=64, per_class=3)) == [f"{kind}_{i}" for kind in VEHICLE_CLASSES for i in range(3)]
    assert vehicle_images(size=64)["car_0"].shape == (64, 64, 3)


def test_vehicle_images_are_deterministic():
    first, again, other = vehicle_images(seed=3), vehicle_images(seed=3), vehicle_images(seed=4)
    for name in first:
        np.testing.assert_array_equal(first[name], again[name])
        assert not np.array_equal(first[name], other[name])


def test_trucks_are_taller_than_cars():
    # The drawn vehicle is everything that is neither sky nor road: for each column, its topmost such row.
    def top_row(image):
        sky = image[0]  # first row: sky only
        differs = np.abs(image - sky[None]).max(axis=-1) > 0.3
        rows = np.where(differs.any(axis=1))[0]
        return rows.min()

    images = vehicle_images(per_class=3)
    cars = [top_row(images[f"car_{i}"]) for i in range(3)]
    trucks = [top_row(images[f"truck_{i}"]) for i in range(3)]
    assert max(trucks) < min(cars)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"size": 31}, "size must be an even number of at least 32, got 31"),
     ({"size": 65}, "size must be an even number of at least 32, got 65"),
     ({"per_class": 0}, "per_class must be at least 1, got 0")],
)
def test_vehicle_images_errors(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        vehicle_images(**kwargs)


def test_drawing_does_not_import_tensorflow():
    code = (
        "import sys, learntools_cv.lesson_data as d; d.vehicle_images(size=32); d.feature_names(); "
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False False"


# -------------------------------------------------------------------------------------------------- base


def test_base_layers_and_output_shape(base):
    assert base.name == "hand_designed_base"
    assert [type(layer).__name__ for layer in base.layers] == ["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D"]
    assert not base.trainable and base.trainable_weights == []
    batch = np.stack(list(vehicle_images().values()))
    maps = np.asarray(base(batch))
    assert maps.shape == (4, 29, 29, len(feature_names()))
    assert maps.min() >= 0.0  # ReLU outputs
    assert np.asarray(base(np.zeros((1, 14, 14, 3), np.float32))).shape == (1, 1, 1, 8)


def test_feature_names():
    names = feature_names()
    assert len(names) == 8 == len(set(names))
    assert names[:4] == (
        "vertical edges", "horizontal edges", "rising diagonal edges (/)", "falling diagonal edges (\\)"
    )


def test_base_is_deterministic(base):
    other = feature_base()
    for mine, theirs in zip(base.get_weights(), other.get_weights()):
        np.testing.assert_array_equal(mine, theirs)
    batch = np.stack(list(vehicle_images().values()))
    np.testing.assert_array_equal(np.asarray(base(batch)), np.asarray(other(batch)))


def test_base_weights_are_the_hand_designed_ones(base):
    kernels, biases = lesson_data._first_block_weights()
    weights = base.get_layer("detectors").get_weights()
    np.testing.assert_array_equal(weights[0], kernels)
    np.testing.assert_array_equal(weights[1], biases)
    # The vertical-edge detector is a Sobel kernel applied to luminance.
    sobel_x = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    np.testing.assert_allclose(weights[0][..., 0].sum(axis=-1), sobel_x, atol=1e-6)


def test_nothing_is_downloaded(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the lesson data must not use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(keras.utils, "get_file", no_network)
    scores = feature_scores(vehicle_images(size=64))
    assert len(scores) == 4
    source = inspect.getsource(lesson_data)
    assert "imagenet" not in source.lower() and "keras.applications" not in source


def test_base_is_fast():
    images = np.stack(list(vehicle_images().values()))
    feature_scores(images)  # warm up: first calls trace and allocate
    start = time.perf_counter()
    feature_scores(images)
    assert time.perf_counter() - start < 1.0


# ----------------------------------------------------------------------------------------------- scores


def test_feature_scores_are_global_average_pooling(base):
    images = vehicle_images()
    batch = np.stack(list(images.values()))
    expected = np.asarray(base(batch)).mean(axis=(1, 2))
    as_array = feature_scores(batch, base)
    assert as_array.shape == (4, 8)
    np.testing.assert_allclose(as_array, expected, rtol=1e-5, atol=1e-7)
    as_dict = feature_scores(images, base)
    assert list(as_dict) == list(images)
    for k, name in enumerate(images):
        np.testing.assert_allclose(as_dict[name], expected[k], rtol=1e-5, atol=1e-7)
    assert feature_scores(images["car_0"], base).shape == (1, 8)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_trucks_and_cars_score_differently(base, seed):
    scores = feature_scores(vehicle_images(seed=seed, per_class=3), base)
    cars = np.array([v for name, v in scores.items() if name.startswith("car")])
    trucks = np.array([v for name, v in scores.items() if name.startswith("truck")])
    # Every truck has more vertical edges (its tall boxes) than any car ...
    assert trucks[:, VERTICAL].min() > cars[:, VERTICAL].max()
    # ... and each car has more diagonal than vertical edges (its sloped windows), each truck fewer.
    assert np.all((cars[:, RISING] + cars[:, FALLING]) / 2 > cars[:, VERTICAL])
    assert np.all((trucks[:, RISING] + trucks[:, FALLING]) / 2 < trucks[:, VERTICAL])


def step_image(angle_degrees, size=64):
    """A dark/light step edge through the centre; its normal points at `angle_degrees` (x right, y down)."""
    rows, cols = np.mgrid[:size, :size] + 0.5
    theta = np.radians(angle_degrees)
    distance = (cols - size / 2) * np.cos(theta) + (rows - size / 2) * np.sin(theta)
    gray = 0.25 + 0.5 * np.clip(distance + 0.5, 0, 1)
    return np.repeat(gray[..., None], 3, axis=-1).astype(np.float32)


@pytest.mark.parametrize(
    ("angle", "feature"),
    [(0, VERTICAL), (180, VERTICAL), (90, HORIZONTAL), (270, HORIZONTAL), (45, RISING), (225, RISING),
     (135, FALLING), (315, FALLING)],
)
def test_orientation_features_respond_to_their_own_orientation(base, angle, feature):
    scores = feature_scores(step_image(angle), base)[0]
    orientation = scores[[VERTICAL, HORIZONTAL, RISING, FALLING]]
    assert scores[feature] == orientation.max()
    assert scores[feature] > 4 * np.sort(orientation)[-2]  # well above the other orientations
