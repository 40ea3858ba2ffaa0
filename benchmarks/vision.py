"""Benchmarks for the data and the base that lessons 1, 5 and 6 train on (`learntools_cv.vision`):

1. the shipped pretrained base: its file's size, parameters, the time to load it and its forward speed;
2. building the Car-or-Truck image set (`car_or_truck.DEFAULT`) from nothing, as a lesson's first run does;
3. a lesson-1 training cell, as the learner runs it: the data loaded with Kaggle's loading cell, then
   `Sequential([base (frozen), Flatten(), Dense(6, relu), Dense(1, sigmoid)])`, compiled with adam and
   binary cross-entropy, and `fit(ds_train, validation_data=ds_valid, epochs=EPOCHS)` timed as a cell, its
   first epoch (reading and decoding the PNGs, tracing) included; with the pretrained base, and with the
   same layers holding random frozen weights, to show that what the base learnt transfers; and, fairer to
   random weights, a logistic regression on each base's standardised features;
4. for the lessons' authors, lesson 5's custom convnet (Kaggle's shape) trained from scratch: the heaviest cell.

    python benchmarks/vision.py [--quick] [--out DIR]

Writes DIR/vision.json and DIR/vision.md (default DIR: benchmarks/results/). Targets are marked met/missed;
nothing fails on speed. A quick run builds a tiny set and trains two epochs: its figures only show it works.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

EPOCHS = 10
CUSTOM_EPOCHS = 3
TARGETS = {
    "cell_seconds": 60.0,  # every training cell of a lesson, on 2 CPU cores
    "transfer_gain": 0.10,  # validation accuracy, pretrained minus random frozen base
    "base_megabytes": 5.0,  # "a few MB at most"
    "build_seconds": 60.0,  # a lesson's first run builds the data set before its first cell can load it
}


def base_figures(quick: bool) -> dict[str, Any]:
    import keras
    import numpy as np

    from learntools_cv.vision import pretrained

    path = pretrained.base_path()
    started = time.perf_counter()
    base = pretrained.load_base()
    load_seconds = time.perf_counter() - started
    batch = np.random.default_rng(0).random((64, *pretrained.IMAGE_SHAPE), dtype=np.float32)
    base.predict(batch, verbose=0)
    rounds = 2 if quick else 5
    started = time.perf_counter()
    for _ in range(rounds):
        base.predict(batch, verbose=0)
    per_image = (time.perf_counter() - started) / (rounds * len(batch))
    return {
        "file": path.name,
        "bytes": path.stat().st_size,
        "parameters": int(base.count_params()),
        "layers": [f"{layer.name}: {type(layer).__name__}" for layer in base.layers],
        "input_shape": list(base.input_shape),
        "output_shape": list(base.output_shape),
        "load_seconds": load_seconds,
        "forward_images_per_second": 1 / per_image,
        "keras": keras.__version__,
        "record": pretrained.training_record(),
    }


def build_figures(spec: Any, root: Path) -> tuple[dict[str, Any], Path]:
    from learntools_cv.vision import car_or_truck

    started = time.perf_counter()
    folder = car_or_truck.dataset_dir(spec, cache=root)
    seconds = time.perf_counter() - started
    files = list(folder.rglob("*.png"))
    return {
        "spec": {"train_per_class": spec.train_per_class, "valid_per_class": spec.valid_per_class,
                 "size": spec.size, "seed": spec.seed},
        "pictures": len(files),
        "seconds": seconds,
        "bytes": sum(f.stat().st_size for f in files),
        "sha256": json.loads((folder / car_or_truck.MANIFEST).read_text())["sha256"],
    }, folder


def training_cell(folder: Path, which: str, epochs: int, epsilon: float | None = None) -> dict[str, Any]:
    """Lesson 1's cells from loading the data to fitting, on a fresh `tf.data` pipeline; fit() is timed."""
    import keras

    from learntools_cv.vision import car_or_truck, pretrained

    keras.utils.set_random_seed(31415)  # what Kaggle's notebooks seed
    ds_train, ds_valid = car_or_truck.load_datasets(folder=folder)
    if which == "pretrained":
        base = pretrained.load_base()
    else:
        base = pretrained.build_base()
    base.trainable = False
    model = keras.Sequential([
        base,
        keras.layers.Flatten(),
        keras.layers.Dense(6, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    optimizer = "adam" if epsilon is None else keras.optimizers.Adam(epsilon=epsilon)
    return _fit(model, ds_train, ds_valid, which, optimizer, epochs)


def custom_convnet_cell(folder: Path, epochs: int) -> dict[str, Any]:
    """Lesson 5's model, Kaggle's shape (three blocks: 32; 64; 128, 128 filters), trained from scratch: the
    heaviest cell of the three lessons, measured so that their authors can choose its epochs."""
    import keras
    from keras import layers

    from learntools_cv.vision import car_or_truck

    keras.utils.set_random_seed(31415)
    ds_train, ds_valid = car_or_truck.load_datasets(folder=folder)
    model = keras.Sequential([
        keras.Input(shape=(128, 128, 3)),
        layers.Conv2D(32, 3, activation="relu", padding="same"), layers.MaxPool2D(),
        layers.Conv2D(64, 3, activation="relu", padding="same"), layers.MaxPool2D(),
        layers.Conv2D(128, 3, activation="relu", padding="same"),
        layers.Conv2D(128, 3, activation="relu", padding="same"), layers.MaxPool2D(),
        layers.Flatten(), layers.Dense(6, activation="relu"), layers.Dropout(0.2),
        layers.Dense(1, activation="sigmoid"),
    ])
    return _fit(model, ds_train, ds_valid, "none (lesson 5's custom convnet, from scratch)", "adam", epochs)


def feature_probe(folder: Path) -> dict[str, Any]:
    """A fairer comparison for the random base: each base's frozen features, standardised (so random features
    are not too small for the head to learn from), under a logistic-regression head trained 20 epochs."""
    import keras
    import numpy as np

    from learntools_cv.vision import car_or_truck, pretrained

    ds_train, ds_valid = car_or_truck.load_datasets(folder=folder, seed=0)
    (xt, yt), (xv, yv) = ([np.concatenate(a) for a in zip(*[(x.numpy(), y.numpy()) for x, y in ds])]
                          for ds in (ds_train, ds_valid))
    result = {}
    for which in ("pretrained", "random"):
        keras.utils.set_random_seed(0)
        base = pretrained.load_base() if which == "pretrained" else pretrained.build_base()
        ft, fv = (base.predict(x, verbose=0).reshape(len(x), -1) for x in (xt, xv))
        mean, std = ft.mean(axis=0), ft.std(axis=0) + 1e-6
        head = keras.Sequential([keras.Input((ft.shape[1],)), keras.layers.Dense(1, activation="sigmoid")])
        head.compile(optimizer="adam", loss="binary_crossentropy", metrics=["binary_accuracy"])
        history = head.fit((ft - mean) / std, yt, validation_data=((fv - mean) / std, yv), epochs=20, batch_size=64,
                           verbose=0)
        result[which] = {"train": float(history.history["binary_accuracy"][-1]),
                         "valid": float(history.history["val_binary_accuracy"][-1])}
    return result


def _fit(model: Any, ds_train: Any, ds_valid: Any, which: str, optimizer: Any, epochs: int) -> dict[str, Any]:
    model.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["binary_accuracy"])
    started = time.perf_counter()
    history = model.fit(ds_train, validation_data=ds_valid, epochs=epochs, verbose=0)
    seconds = time.perf_counter() - started
    valid = [float(a) for a in history.history["val_binary_accuracy"]]
    return {
        "base": which,
        "optimizer": optimizer if isinstance(optimizer, str) else f"Adam(epsilon={optimizer.epsilon:g})",
        "epochs": epochs,
        "seconds": seconds,
        "val_binary_accuracy": valid,
        "binary_accuracy": [float(a) for a in history.history["binary_accuracy"]],
        "final_val_accuracy": valid[-1],
        "best_val_accuracy": max(valid),
    }


def run(quick: bool, out: Path) -> dict[str, Any]:
    from learntools_cv.vision import car_or_truck

    spec = car_or_truck.Spec(20, 10) if quick else car_or_truck.DEFAULT
    epochs = 2 if quick else EPOCHS
    base = base_figures(quick)
    print(f"base: {base['bytes']:,} bytes, {base['parameters']:,} parameters", flush=True)
    with tempfile.TemporaryDirectory(prefix="learntools-cv-vision-bench-") as tmp:
        build, folder = build_figures(spec, Path(tmp))
        print(f"data: {build['pictures']} pictures built in {build['seconds']:.1f} s", flush=True)
        cells = []
        # Pretrained and random alternate, so that a burst of load from other work lands on both alike.
        for which, epsilon in (("pretrained", None), ("random", None), ("pretrained", 0.01), ("random", 0.01)):
            if quick and epsilon is not None:
                continue
            cell = training_cell(folder, which, epochs, epsilon)
            cells.append(cell)
            print(f"cell, {which} base, {cell['optimizer']}: {cell['seconds']:.1f} s, validation accuracy "
                  f"{cell['final_val_accuracy']:.3f}", flush=True)
        probe = feature_probe(folder)
        print(f"probe: pretrained {probe['pretrained']['valid']:.3f}, random {probe['random']['valid']:.3f}", flush=True)
        custom = custom_convnet_cell(folder, 1 if quick else CUSTOM_EPOCHS)
        print(f"custom convnet: {custom['seconds']:.1f} s for {custom['epochs']} epochs", flush=True)
    by = {(c["base"], c["optimizer"]): c for c in cells}
    pre, rnd = by[("pretrained", "adam")], by[("random", "adam")]
    figures = {
        "cell_seconds": max(c["seconds"] for c in cells),
        "transfer_gain": pre["final_val_accuracy"] - rnd["final_val_accuracy"],
        "base_megabytes": base["bytes"] / 1e6,
        "build_seconds": build["seconds"],
    }
    results = {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "quick": quick,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_end": os.getloadavg()},
        "base": base,
        "build": build,
        "cells": cells,
        "feature_probe": probe,
        "custom_convnet": custom,
        "figures": figures,
        "targets": {k: {"target": t, "value": figures[k],
                        "met": figures[k] >= t if k == "transfer_gain" else figures[k] <= t}
                    for k, t in TARGETS.items()},
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "vision.json").write_text(json.dumps(results, indent=1) + "\n")
    (out / "vision.md").write_text(markdown(results))
    print(markdown(results))
    return results


def markdown(r: dict[str, Any]) -> str:
    base, build, t = r["base"], r["build"], r["targets"]
    record = base["record"]

    def mark(key: str) -> str:
        return "met" if t[key]["met"] else "**missed**"

    spec = build["spec"]
    lines = [
        f"# Data and base benchmarks{' (quick run: figures only show the benchmark works)' if r['quick'] else ''}",
        "",
        f"{r['machine']['cpus']} cores; load average at the end {r['machine']['load_average_at_end'][0]:.1f} "
        "(other work shared the machine, so times vary by a factor of two from run to run).",
        "",
        "## The pretrained base",
        "",
        f"`{base['file']}`: {base['bytes'] / 1e6:.2f} MB, {base['parameters']:,} parameters, input "
        f"{base['input_shape']}, output {base['output_shape']}; loads in {base['load_seconds']:.2f} s and runs "
        f"forward at {base['forward_images_per_second']:.0f} pictures a second. Pretrained on {record['pictures']:,} "
        f"drawn pictures of {len(record['classes'])} classes of objects that are not vehicles, "
        f"{record['epochs']} epochs in {record['seconds_training'] / 60:.0f} min (plus "
        f"{record['seconds_drawing'] / 60:.0f} min drawing); held-out accuracy "
        f"{record['held_out_accuracy'][-1]:.3f} (chance {1 / len(record['classes']):.3f}).",
        "",
        "## The Car-or-Truck image set",
        "",
        f"{build['pictures']:,} PNG pictures ({2 * spec['train_per_class']} training, {2 * spec['valid_per_class']} "
        f"validation, {spec['size']}x{spec['size']}, {build['bytes'] / 1e6:.1f} MB) built from nothing in "
        f"{build['seconds']:.1f} s.",
        "",
        "## A lesson-1 training cell",
        "",
        "Frozen base, `Flatten`, `Dense(6, relu)`, `Dense(1, sigmoid)`; binary cross-entropy; "
        f"`fit(..., epochs={r['cells'][0]['epochs']})` timed as a cell (first epoch included).",
        "",
        "| base | optimizer | cell time | per epoch | validation accuracy by epoch | final |",
        "| --- | --- | ---: | ---: | --- | ---: |",
    ]
    for c in r["cells"]:
        curve = " ".join(f"{a:.2f}" for a in c["val_binary_accuracy"])
        lines.append(f"| {c['base']} | {c['optimizer']} | {c['seconds']:.1f} s | {c['seconds'] / c['epochs']:.1f} s | "
                     f"{curve} | {c['final_val_accuracy']:.3f} |")
    custom, probe = r["custom_convnet"], r["feature_probe"]
    lines += [
        "",
        "The random base's head above barely moves: its raw features are small and alike. A fairer test "
        "standardises each base's frozen features and fits a logistic regression on them (20 epochs): "
        f"validation accuracy {probe['pretrained']['valid']:.3f} on the pretrained features "
        f"(training {probe['pretrained']['train']:.3f}), {probe['random']['valid']:.3f} on the random ones "
        f"(training {probe['random']['train']:.3f}).",
        "",
        f"For comparison, lesson 5's custom convnet (Kaggle's shape, {custom['epochs']} epoch(s) from scratch): "
        f"{custom['seconds']:.1f} s, {custom['seconds'] / custom['epochs']:.1f} s per epoch, validation accuracy "
        + " ".join(f"{a:.2f}" for a in custom["val_binary_accuracy"]) + ".",
        "",
        "## Targets",
        "",
        "| target | value | |",
        "| --- | --- | --- |",
        f"| every training cell within {t['cell_seconds']['target']:g} s on 2 cores | slowest "
        f"{t['cell_seconds']['value']:.1f} s | {mark('cell_seconds')} |",
        f"| pretrained base at least {t['transfer_gain']['target']:.2f} more validation accuracy than random "
        f"frozen weights (adam) | {t['transfer_gain']['value']:+.3f} | {mark('transfer_gain')} |",
        f"| base file at most {t['base_megabytes']['target']:g} MB | {t['base_megabytes']['value']:.2f} MB | "
        f"{mark('base_megabytes')} |",
        f"| building the data set within {t['build_seconds']['target']:g} s | {t['build_seconds']['value']:.1f} s | "
        f"{mark('build_seconds')} |",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tiny data set and two epochs")
    parser.add_argument("--out", default=str(HERE / "results"), help="folder for vision.json and vision.md")
    args = parser.parse_args(argv)
    run(args.quick, Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
