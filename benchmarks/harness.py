"""The measuring instruments: wall-clock samples taken round-robin, their statistics, peak memory with
tracemalloc, and a least-squares exponent. Nothing here knows about the exercise."""

from __future__ import annotations

import gc
import math
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Stats:
    """The spread of one measurement, in seconds per call."""

    median: float
    q1: float
    q3: float
    min: float
    max: float
    samples: int
    """How many samples were taken."""
    number: int
    """How many calls each sample timed (short calls are batched so a sample lasts long enough to time)."""

    @classmethod
    def of(cls, per_call: list[float], number: int) -> Stats:
        q1, median, q3 = np.percentile(per_call, [25, 50, 75])
        return cls(
            median=float(median),
            q1=float(q1),
            q3=float(q3),
            min=float(min(per_call)),
            max=float(max(per_call)),
            samples=len(per_call),
            number=number,
        )

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1

    def to_json(self, unit: float = 1e-3) -> dict[str, float | int]:
        """The figures in `unit` (milliseconds by default), as `median_ms`, `iqr_ms`, ..."""
        suffix = {1e-3: "ms", 1.0: "s"}[unit]
        values = {
            "median": self.median,
            "q1": self.q1,
            "q3": self.q3,
            "iqr": self.iqr,
            "min": self.min,
            "max": self.max,
        }
        out: dict[str, float | int] = {f"{k}_{suffix}": v / unit for k, v in values.items()}
        out["samples"] = self.samples
        out["calls_per_sample"] = self.number
        return out


@dataclass
class Timed:
    """One thing to time: `prepare()` runs untimed before each sample (e.g. binding a namespace), then
    `call()` is timed `number` times in a row. With `fresh`, `prepare()` runs (untimed) before every call
    instead: for a first call, which caches what later calls reuse."""

    call: Callable[[], object]
    prepare: Callable[[], object] = lambda: None
    fresh: bool = False


def _sample(item: Timed, number: int) -> float:
    if item.fresh:
        return sum(_sample(Timed(item.call, item.prepare), 1) for _ in range(number)) / number
    item.prepare()
    gc.disable()  # as timeit does: a collection in the middle of a sample is noise, not the code's cost
    try:
        start = time.perf_counter()
        for _ in range(number):
            item.call()
        elapsed = time.perf_counter() - start
    finally:
        gc.enable()
    return elapsed / number


def _calibrate(item: Timed, min_sample: float, warmup: int) -> tuple[int, float]:
    """Warm up, then choose how many calls a sample needs to last `min_sample` seconds; also return the
    time of one call, for budgeting."""
    for _ in range(warmup):
        item.prepare()
        item.call()
    number = 1
    while True:
        per_call = _sample(item, number)
        if per_call * number >= min_sample or number >= 1 << 16:
            return number, per_call
        number *= 2 if per_call * number * 2 >= min_sample else 4


def measure(
    items: dict[str, Timed],
    *,
    rounds: int | None = None,
    budget: float | None = None,
    min_rounds: int = 3,
    max_rounds: int = 1000,
    min_sample: float = 1e-3,
    warmup: int = 3,
) -> dict[str, Stats]:
    """Time every item, round-robin: each round takes one sample of each item in turn, so that a burst of
    load on the machine lands on all of them alike and their ratios stay fair.

    Give `rounds`, or a time `budget` in seconds from which the number of rounds is worked out (clamped to
    [min_rounds, max_rounds]).
    """
    # One full collection first (it takes ~0.3 s with TensorFlow loaded, so not before every sample).
    gc.collect()
    plan = {name: _calibrate(item, min_sample, warmup) for name, item in items.items()}
    if rounds is None:
        if budget is None:
            raise ValueError("give rounds or budget")
        per_round = sum(number * per_call for number, per_call in plan.values())
        rounds = int(budget / per_round) if per_round > 0 else max_rounds
    rounds = max(min_rounds, min(max_rounds, rounds))
    taken: dict[str, list[float]] = {name: [] for name in items}
    for _ in range(rounds):
        for name, item in items.items():
            taken[name].append(_sample(item, plan[name][0]))
    return {name: Stats.of(values, plan[name][0]) for name, values in taken.items()}


def peak_extra_bytes(call: Callable[[], object], repeat: int = 3) -> int:
    """The most memory `call()` allocated at its peak above what was allocated before it, as tracemalloc
    sees it (Python objects and numpy buffers; not TensorFlow's own allocator). The largest of `repeat`."""
    peaks = []
    gc.collect()
    for _ in range(repeat):
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            call()
            peaks.append(tracemalloc.get_traced_memory()[1] - before)
        finally:
            tracemalloc.stop()
    return max(peaks)


def exponent(sizes: list[float], costs: list[float]) -> float:
    """b in cost ~ a * size**b, by least squares on log-log."""
    if len(sizes) < 2:
        return math.nan
    slope, _ = np.polyfit(np.log(sizes), np.log(costs), 1)
    return float(slope)
