"""Build the Car-or-Truck image set (`learntools_cv.vision.car_or_truck`) into the cache, or into a folder.

    python tools/make_car_or_truck.py              # the lessons' set, into the cache ($LEARNTOOLS_CV_DATA or
                                                   # ~/.cache/learntools_cv), if it is not there already
    python tools/make_car_or_truck.py --out DIR    # into DIR/train, DIR/valid (DIR must not hold a set)
    python tools/make_car_or_truck.py --train-per-class 100 --valid-per-class 50 --seed 3 --out DIR

The lessons build the same set themselves on first use (`dataset_dir()`); this script builds it ahead of
time, e.g. when a course image is made, and prints where it went, how long it took and its SHA-256 (the same
seed gives the same bytes, so two builds can be compared by it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from learntools_cv.vision import car_or_truck  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    default = car_or_truck.DEFAULT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-per-class", type=int, default=default.train_per_class)
    parser.add_argument("--valid-per-class", type=int, default=default.valid_per_class)
    parser.add_argument("--size", type=int, default=default.size, help="pixels a side")
    parser.add_argument("--seed", type=int, default=default.seed)
    parser.add_argument("--out", type=Path, help="build into this folder instead of the cache")
    args = parser.parse_args(argv)
    spec = car_or_truck.Spec(args.train_per_class, args.valid_per_class, args.size, args.seed)

    def progress(done: int, total: int) -> None:
        if done % 200 == 0 or done == total:
            print(f"  {done}/{total} pictures", file=sys.stderr, flush=True)

    started = time.perf_counter()
    if args.out is None:
        folder = car_or_truck.dataset_dir(spec, progress=progress)
    else:
        folder = car_or_truck.build_dataset(args.out, spec, progress)
    seconds = time.perf_counter() - started
    manifest = json.loads((folder / car_or_truck.MANIFEST).read_text())
    print(f"{folder}: {spec.train_per_class * 2} training and {spec.valid_per_class * 2} validation pictures, "
          f"{spec.size}x{spec.size}, seed {spec.seed}, in {seconds:.1f} s; sha256 {manifest['sha256']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
