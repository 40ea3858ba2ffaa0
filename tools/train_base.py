"""Train the shipped convolutional base on drawn objects, deterministically, and write it into the package.

    python tools/train_base.py                 # the shipped base: 400 pictures x 37 classes, 20 epochs
    python tools/train_base.py --quick --out DIR   # a smoke run: a few pictures, one epoch, written to DIR

What it does (see docs/data.md):
1. draws the pretraining set, `learntools_cv.vision.objects`: `--per-class` pictures of each of its 37 classes
   of objects that are not vehicles, 128x128, with seed `--seed` (in `--workers` processes; picture k has its
   own random stream, so the set is the same whatever the number of workers);
2. holds out a tenth of it, and trains `pretrained.build_base()` under a classifier head (global average
   pooling, dropout, a softmax over the 37 classes) with Adam and a cosine-decaying learning rate, with Keras'
   seeds fixed and TensorFlow's deterministic ops on;
3. writes the base alone (not the head) to `learntools_cv/vision/data/pretrained_base.keras`, and
   `pretrained_base.json` beside it: the classes, counts, epochs, held-out accuracy by epoch, seconds taken,
   versions, and the file's SHA-256.

On the project's machine (2 shared CPU cores, no GPU) drawing takes 2 to 4 minutes and training 15 to 30
minutes, depending on the load of the machine. The weights depend on TensorFlow's kernels: the same versions
on the same kind of CPU give the same file contents; another machine gives a base that differs in the last
digits and scores within noise of it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from learntools_cv.vision import pretrained  # noqa: E402
from learntools_cv.vision.objects import OBJECT_CLASSES, object_batch  # noqa: E402

DATA_DIR = REPO / "learntools_cv" / "vision" / "data"


def _chunk(args: tuple[int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    seed, start, count = args
    return object_batch(seed, count, pretrained.IMAGE_SHAPE[0], start)


def draw_set(seed: int, total: int, workers: int) -> tuple[np.ndarray, np.ndarray]:
    """Pictures 0 .. total - 1 of the pretraining set `seed`, drawn in `workers` processes."""
    step = 250
    chunks = [(seed, start, min(step, total - start)) for start in range(0, total, step)]
    if workers > 1:
        # "spawn": the children start clean instead of inheriting this process's threads.
        with get_context("spawn").Pool(workers) as pool:
            parts = pool.map(_chunk, chunks)
    else:
        parts = [_chunk(c) for c in chunks]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=400, help="pictures per class (default 400)")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20251204)
    parser.add_argument("--workers", type=int, default=2, help="processes that draw the pictures")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="folder for the .keras and .json files")
    parser.add_argument("--quick", action="store_true", help="smoke run: 8 pictures per class, one epoch")
    args = parser.parse_args(argv)
    if args.quick:
        args.per_class, args.epochs = 8, 1

    from learntools_cv.core.tensorflow_quietly import tensorflow

    tf = tensorflow()
    import keras

    started = time.perf_counter()
    total = args.per_class * len(OBJECT_CLASSES)
    images, labels = draw_set(args.seed, total, args.workers)
    drawn = time.perf_counter() - started
    print(f"drew {total} pictures of {len(OBJECT_CLASSES)} classes in {drawn:.0f} s", flush=True)

    # Labels cycle through the classes, so the first tenth holds every class equally.
    held = total // 10
    keras.utils.set_random_seed(args.seed)
    tf.config.experimental.enable_op_determinism()
    batch = 64

    def to_float(image: tf.Tensor, label: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        # As the lessons' loading cell does: uint8 pictures become floats in [0, 1].
        return tf.image.convert_image_dtype(image, tf.float32), label

    train = (tf.data.Dataset.from_tensor_slices((images[held:], labels[held:]))
             .shuffle(total, seed=args.seed, reshuffle_each_iteration=True).batch(batch).map(to_float).prefetch(2))
    valid = tf.data.Dataset.from_tensor_slices((images[:held], labels[:held])).batch(128).map(to_float)

    base = pretrained.build_base()
    classifier = keras.Sequential([
        base,
        keras.layers.GlobalAveragePooling2D(name="pool"),
        keras.layers.Dropout(0.3, name="dropout"),
        keras.layers.Dense(len(OBJECT_CLASSES), activation="softmax", name="classes"),
    ], name="pretraining")
    steps = args.epochs * int(np.ceil((total - held) / batch))
    schedule = keras.optimizers.schedules.CosineDecay(2e-3, decay_steps=steps, alpha=0.02)
    classifier.compile(optimizer=keras.optimizers.Adam(schedule), loss="sparse_categorical_crossentropy",
                       metrics=["accuracy"])
    t0 = time.perf_counter()
    history = classifier.fit(train, validation_data=valid, epochs=args.epochs, verbose=2)
    trained = time.perf_counter() - t0

    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / pretrained.BASE_FILE
    base.save(path)
    record = {
        "what": "a convolutional base pretrained by learntools_cv on drawn objects; not VGG16, never shown a photo",
        "task": "learntools_cv.vision.objects: classify drawn objects that are not vehicles",
        "classes": list(OBJECT_CLASSES),
        "pictures": total,
        "held_out": held,
        "image_shape": list(pretrained.IMAGE_SHAPE),
        "seed": args.seed,
        "epochs": args.epochs,
        "batch_size": batch,
        "optimizer": "Adam, cosine decay from 2e-3 to 4e-5",
        "head": "GlobalAveragePooling2D, Dropout(0.3), Dense(37, softmax); not shipped",
        "held_out_accuracy": [round(float(a), 4) for a in history.history["val_accuracy"]],
        "train_accuracy": [round(float(a), 4) for a in history.history["accuracy"]],
        "parameters": int(base.count_params()),
        "seconds_drawing": round(drawn, 1),
        "seconds_training": round(trained, 1),
        "command": "python tools/train_base.py" + (" --quick" if args.quick else ""),
        "versions": {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__,
                     "python": platform.python_version()},
        "cpus": os.cpu_count(),
        "file": pretrained.BASE_FILE,
        "file_bytes": path.stat().st_size,
        "file_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }
    (args.out / pretrained.RECORD_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"held-out accuracy {record['held_out_accuracy'][-1]:.3f} after {args.epochs} epochs, "
          f"trained in {trained:.0f} s; wrote {path} ({record['file_bytes']:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
