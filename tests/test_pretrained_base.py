"""The shipped pretrained base: a small Keras 3 file in the package that loads offline, has the layers and shapes
its docs give, is the file its training record describes, was trained on drawn objects that are not vehicles,
and (slow) transfers to Car-or-Truck: a frozen base with a small head beats the same layers with random weights.
"""

from __future__ import annotations

import hashlib
import socket
import zipfile
from pathlib import Path

import keras
import numpy as np
import pytest

from learntools_cv.vision import car_or_truck, objects, pretrained
from learntools_cv.vision.objects import OBJECT_CLASSES


@pytest.fixture(scope="module")
def base() -> keras.Model:
    return pretrained.load_base()


def test_the_file_ships_in_the_package_in_keras_3_format() -> None:
    path = pretrained.base_path()
    assert path.parent == Path(pretrained.__file__).resolve().parent / "data"
    assert path.suffix == ".keras" and zipfile.is_zipfile(path)
    with zipfile.ZipFile(path) as archive:
        assert {"config.json", "metadata.json", "model.weights.h5"} <= set(archive.namelist())
    assert path.stat().st_size < 2_000_000  # a few MB at most


def test_it_loads_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("loading the base must not use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(keras.utils, "get_file", no_network)
    model = keras.models.load_model(pretrained.base_path())  # as a notebook would, without our helper
    assert model.count_params() == pretrained.training_record()["parameters"]


def test_shapes_layers_and_parameter_count(base: keras.Model) -> None:
    assert tuple(base.input_shape) == (None, 128, 128, 3)
    assert tuple(base.output_shape) == (None, 8, 8, 64)
    convs = [layer for layer in base.layers if isinstance(layer, keras.layers.Conv2D)]
    assert [c.filters for c in convs] == list(pretrained.BLOCKS)
    assert all(c.kernel_size == (3, 3) and c.padding == "same" for c in convs)
    assert sum(isinstance(layer, keras.layers.MaxPooling2D) for layer in base.layers) == 4
    # 3x3 kernels without biases, then batch normalisation's four vectors per block.
    widths = (3, *pretrained.BLOCKS)
    expected = sum(9 * a * b + 4 * b for a, b in zip(widths, widths[1:]))
    assert base.count_params() == expected == 61040
    assert base.trainable and base.trainable_weights  # as loaded: the lesson's learner freezes it


def test_build_base_is_the_same_architecture_with_fresh_weights(base: keras.Model) -> None:
    fresh = pretrained.build_base()
    assert [type(x).__name__ for x in fresh.layers] == [type(x).__name__ for x in base.layers]
    assert [w.shape for w in fresh.weights] == [w.shape for w in base.weights]
    assert not np.allclose(fresh.get_layer("block1_conv").kernel, base.get_layer("block1_conv").kernel)


def test_freezing_leaves_nothing_to_train(base: keras.Model) -> None:
    base.trainable = False
    try:
        assert base.trainable_weights == []
        model = keras.Sequential([base, keras.layers.Flatten(), keras.layers.Dense(1)])
        model.build((None, 128, 128, 3))
        assert [w.shape for w in model.trainable_weights] == [(8 * 8 * 64, 1), (1,)]
    finally:
        base.trainable = True


def test_the_record_describes_the_shipped_file() -> None:
    record = pretrained.training_record()
    assert record["file_sha256"] == hashlib.sha256(pretrained.base_path().read_bytes()).hexdigest()
    assert record["file_bytes"] == pretrained.base_path().stat().st_size
    assert record["classes"] == list(OBJECT_CLASSES)
    assert record["pictures"] == len(OBJECT_CLASSES) * 400 and record["image_shape"] == [128, 128, 3]
    assert record["held_out_accuracy"][-1] > 10 / len(OBJECT_CLASSES)  # far above chance
    assert "VGG16" in record["what"] and "not" in record["what"]


def test_the_pretraining_task_is_another_task() -> None:
    vehicles = {"car", "truck", "bus", "van", "lorry", "pickup", "tanker", "train", "bicycle", "tractor"}
    assert not vehicles & {word for name in OBJECT_CLASSES for word in name.split()}
    assert len(OBJECT_CLASSES) == len(set(OBJECT_CLASSES)) == 37


def test_pretraining_pictures_are_deterministic_and_cycle_through_the_classes() -> None:
    images, labels = objects.object_batch(seed=5, count=40)
    again, _ = objects.object_batch(seed=5, count=3, start=37)
    assert images.shape == (40, 128, 128, 3) and images.dtype == np.uint8
    assert labels.tolist() == [k % 37 for k in range(40)]
    np.testing.assert_array_equal(images[37:], again)
    assert not np.array_equal(objects.object_batch(seed=6, count=1)[0], images[:1])


def test_the_features_respond_to_the_picture(base: keras.Model) -> None:
    spec = car_or_truck.Spec(seed=2)
    batch = np.stack([car_or_truck.draw_file(spec, "valid", kind, i).image for kind in ("car", "truck")
                      for i in range(4)]).astype(np.float32) / 255
    features = np.asarray(base(batch, training=False))
    assert features.shape == (8, 8, 8, 64) and (features >= 0).all()  # after ReLU and max pooling
    np.testing.assert_array_equal(features, np.asarray(base(batch, training=False)))
    assert np.abs(features[0] - features[1]).mean() > 0.05 * features.mean()
    assert (features.reshape(-1, 64) > 0).mean(axis=0).min() > 0.0  # no channel is dead on these pictures


@pytest.mark.slow
def test_transfer_is_real(tmp_path: Path) -> None:
    """A lesson-1 model on a small Car-or-Truck set: the pretrained base beats random frozen weights."""
    folder = car_or_truck.build_dataset(tmp_path / "data", car_or_truck.Spec(200, 100, seed=7))
    accuracy = {}
    for which in ("pretrained", "random"):
        keras.utils.set_random_seed(31415)
        ds_train, ds_valid = car_or_truck.load_datasets(folder=folder, seed=0)
        base = pretrained.load_base() if which == "pretrained" else pretrained.build_base()
        base.trainable = False
        model = keras.Sequential([base, keras.layers.Flatten(), keras.layers.Dense(6, activation="relu"),
                                  keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["binary_accuracy"])
        history = model.fit(ds_train, validation_data=ds_valid, epochs=8, verbose=0)
        accuracy[which] = history.history["val_binary_accuracy"][-1]
    assert accuracy["pretrained"] > 0.65, accuracy
    assert accuracy["pretrained"] > accuracy["random"] + 0.1, accuracy
