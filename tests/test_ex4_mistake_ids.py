"""Every named diagnosis of lesson 4 raises `Incorrect` with a stable mistake id (what graders and class reports
count): one table per checker, on numpy arrays and small functions, without a notebook; a structural test that
no `Incorrect(...)` in the diagnosis package lacks an id except the few generic "values are off" answers; and
the diagnosis imports neither TensorFlow nor pyplot."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from learntools_cv import reference
from learntools_cv.core.exceptions import Incorrect, Uncheckable
from learntools_cv.lessons.sliding_window.diagnosis.field import FieldTask
from learntools_cv.lessons.sliding_window.diagnosis.sizes import SizeFunctionTask
from learntools_cv.lessons.sliding_window.diagnosis.smoothing import SmoothingTask
from learntools_cv.lessons.sliding_window.diagnosis.window import BY_HAND, Slide, SlideTask
from learntools_cv.vision.windows import Layer


def mistake_of(judge: Callable[[], None]) -> str | None:
    """The id the checker's Incorrect carries; fails the test when the answer is judged right."""
    with pytest.raises(Incorrect) as raised:
        judge()
    return raised.value.mistake


# ---- q_1: a kernel slid over a picture ----

RNG = np.random.default_rng(11)
PICTURE = RNG.random((1, 20, 22, 1)).astype(np.float32)
KERNEL = RNG.normal(size=(3, 3, 1, 1)).astype(np.float32)
FILTERED = reference.conv2d(PICTURE, KERNEL, 1, "SAME")
ASKED = Slide((2, 2), "SAME")
TASK = SlideTask("answer", "picture", "kernel", ASKED, {"filtered": "the stride-1 map"})
RIGHT = ASKED.apply(PICTURE, KERNEL)


def slid(strides: Any = 2, padding: str = "SAME", dilation: int = 1, source: np.ndarray = PICTURE,
         kernel: np.ndarray = KERNEL) -> np.ndarray:
    return Slide(tuple(np.broadcast_to(strides, 2)), padding, dilation).apply(source, kernel)


WINDOWS: dict[str, tuple[Any, str | None]] = {
    "padding-valid": (slid(padding="VALID"), "padding-valid"),
    "stride-1": (slid(1), "stride-1"),
    "stride-as-window": (slid(3), "stride-as-window"),
    "stride-4": (slid(4), "stride-4"),
    "stride-2x1": (slid((2, 1)), "stride-2x1"),
    "dilation-not-stride": (slid(1, dilation=2), "dilation-not-stride"),
    "dilation-2": (slid(2, dilation=2), "dilation-2"),
    "padding-by-hand": (slid(padding=BY_HAND), "padding-by-hand"),
    "filtered-twice": (slid(source=FILTERED), "filtered-twice"),
    "filtered-twice+padding-valid": (slid(padding="VALID", source=FILTERED), "filtered-twice+padding-valid"),
    "not-filtered": (PICTURE[:, ::2, ::2], "not-filtered"),
    "copied-picture": (PICTURE, "copied-picture"),
    "relu-applied": (reference.relu(RIGHT), "relu-applied"),
    "pooled-filtered": (reference.pool2d(FILTERED, 2, 2, "SAME", "max"), "pooled-filtered"),
    "pooled-picture": (reference.pool2d(PICTURE, 2, 2, "SAME", "avg"), "pooled-picture"),
    "flipped-kernel": (slid(kernel=KERNEL[::-1, ::-1]), "flipped-kernel"),
    "transposed-kernel": (slid(kernel=np.swapaxes(KERNEL, 0, 1)), "transposed-kernel"),
    "other-kernel": (slid(kernel=RNG.normal(size=(3, 3, 1, 1)).astype(np.float32)), "other-kernel"),
    "scaled": (RIGHT * 3, "scaled"),
    "all-zeros": (np.zeros_like(RIGHT), "all-zeros"),
    "nan-or-inf": (np.where(RIGHT > 1, np.inf, RIGHT), "nan-or-inf"),
    "integer-dtype": (RIGHT.astype(np.int32), "integer-dtype"),
    "bool-dtype": (RIGHT > 0, "bool-dtype"),
    "one-number": (np.float32(1.0).reshape(()), "one-number"),
    "wrong-shape": (np.zeros((1, 7, 7, 1), np.float32), "wrong-shape"),
    "values-off": (RIGHT + RNG.normal(0, 0.1, RIGHT.shape).astype(np.float32), None),
    "none": (None, "none"),
    "python-list": (RIGHT.tolist(), "python-list"),
    "function-not-result": (reference.conv2d, "function-not-result"),
}


@pytest.mark.parametrize("name", list(WINDOWS))
def test_every_window_diagnosis_carries_its_id(name: str) -> None:
    answer, mistake = WINDOWS[name]
    assert mistake_of(lambda: TASK.judge(answer, PICTURE, KERNEL, {"filtered": FILTERED})) == mistake


@pytest.mark.parametrize(
    ("picture", "kernel", "mistake"),
    [(None, KERNEL, "setup-broken"), (np.zeros(5), KERNEL, "setup-broken"), (PICTURE, np.ones(4), "setup-broken")],
    ids=["no-picture", "a-row", "kernel-of-a-series"],
)
def test_a_broken_setup_carries_its_id(picture: Any, kernel: Any, mistake: str) -> None:
    assert mistake_of(lambda: TASK.judge(RIGHT, picture, kernel)) == mistake


def test_the_right_answer_passes_and_a_blank_picture_cannot_tell() -> None:
    TASK.judge(RIGHT, PICTURE, KERNEL, {"filtered": FILTERED})
    blank = np.full_like(PICTURE, 0.25)
    with pytest.raises(Uncheckable):
        TASK.judge(ASKED.apply(blank, KERNEL), blank, KERNEL)


# ---- q_2 and q_5: receptive fields ----

CONVS = FieldTask("field", (Layer(3),) * 3, ("3x3 convolution",) * 3)
POOLED = FieldTask("field", (Layer(3),) * 3 + (Layer(2, 2),), ("3x3 convolution",) * 3 + ("2x2 max pooling",))
DILATED = FieldTask("field", tuple(Layer(3, 1, d) for d in (1, 2, 4)), ("dilated 3x3 convolution",) * 3)

FIELDS: dict[str, tuple[FieldTask, Any, str | None]] = {
    "added-windows": (CONVS, 9, "added-windows"),
    "multiplied-windows": (CONVS, 27, "multiplied-windows"),
    "missing-layer": (CONVS, 5, "missing-layer"),
    "largest-window": (CONVS, 3, "largest-window"),
    "area": (CONVS, 49, "area"),
    "off-by-one": (CONVS, 8, "off-by-one"),
    "doubled-field": (POOLED, 14, "doubled-field"),
    "missing-pooling": (POOLED, 7, "missing-layer"),
    "ignored-dilation": (DILATED, 7, "ignored-dilation"),
    "string": (CONVS, "7", "string"),
    "not-square": (CONVS, (7, 9), "not-square"),
    "not-whole": (CONVS, 7.5, "not-whole"),
    "boolean": (CONVS, True, "not-a-number"),
    "none": (CONVS, None, "not-a-number"),
    "array-of-three": (CONVS, np.array([7, 7, 7]), "not-a-number"),
    "other": (CONVS, 12, None),
}


@pytest.mark.parametrize("name", list(FIELDS))
def test_every_field_diagnosis_carries_its_id(name: str) -> None:
    task, answer, mistake = FIELDS[name]
    assert mistake_of(lambda: task.judge(answer)) == mistake


# ---- q_3: a kernel and the series it smooths ----

SERIES = np.cumsum(np.random.default_rng(3).normal(size=60)).astype(np.float32) + 50
SMOOTH_KERNEL = np.array([0.1, 0.2, 0.3, 0.4])
SMOOTHING = SmoothingTask("kernel", "smoothed", "series")
SMOOTHED = reference.conv1d(SERIES, SMOOTH_KERNEL, 1, "VALID")

SERIES_MISTAKES: dict[str, tuple[Any, Any, Any, str | None]] = {
    "weights-sum": (SMOOTH_KERNEL * 2, SMOOTHED, SERIES, "weights-sum"),
    "one-weight": (np.array([1.0]), SMOOTHED, SERIES, "one-weight"),
    "kernel-not-1d": (np.ones((2, 2)) / 4, SMOOTHED, SERIES, "kernel-not-1d"),
    "kernel-not-finite": (np.array([0.5, np.nan]), SMOOTHED, SERIES, "kernel-not-finite"),
    "not-numbers": (["a", "b"], SMOOTHED, SERIES, "not-numbers"),
    "kernel-too-long": (np.full(70, 1 / 70), SMOOTHED, SERIES, "kernel-too-long"),
    "padding-same": (SMOOTH_KERNEL, reference.conv1d(SERIES, SMOOTH_KERNEL, 1, "SAME"), SERIES, "padding-same"),
    "flipped-kernel": (SMOOTH_KERNEL, np.convolve(SERIES, SMOOTH_KERNEL, "valid"), SERIES, "flipped-kernel"),
    "np-convolve-full": (SMOOTH_KERNEL, np.convolve(SERIES, SMOOTH_KERNEL), SERIES, "np-convolve-full"),
    "np-convolve-same": (SMOOTH_KERNEL, np.convolve(SERIES, SMOOTH_KERNEL, "same"), SERIES, "np-convolve-same"),
    "stride-2": (SMOOTH_KERNEL, reference.conv1d(SERIES, SMOOTH_KERNEL, 2), SERIES, "stride-2"),
    "stride-as-window": (SMOOTH_KERNEL, reference.conv1d(SERIES, SMOOTH_KERNEL, 4), SERIES, "stride-as-window"),
    "dilation-2": (SMOOTH_KERNEL, reference.conv1d(SERIES, SMOOTH_KERNEL, 1, "VALID", 2), SERIES, "dilation-2"),
    "kernel-as-channels": (SMOOTH_KERNEL, SERIES[:, None] * SMOOTH_KERNEL, SERIES, "kernel-as-channels"),
    "leading-nans": (
        np.full(4, 0.25),
        np.concatenate([np.full(3, np.nan), reference.conv1d(SERIES, np.full(4, 0.25))]),
        SERIES,
        "leading-nans",
    ),
    "not-smoothed": (SMOOTH_KERNEL, SERIES, SERIES, "not-smoothed"),
    "stale-kernel": (SMOOTH_KERNEL, reference.conv1d(SERIES, np.full(4, 0.25)), SERIES, "stale-kernel"),
    "all-zeros": (SMOOTH_KERNEL, np.zeros_like(SMOOTHED), SERIES, "all-zeros"),
    "nan-or-inf": (SMOOTH_KERNEL, np.full_like(SMOOTHED, np.nan), SERIES, "nan-or-inf"),
    "integer-dtype": (SMOOTH_KERNEL, SMOOTHED.astype(np.int64), SERIES, "integer-dtype"),
    "bool-dtype": (SMOOTH_KERNEL, SMOOTHED > 50, SERIES, "bool-dtype"),
    "wrong-shape": (SMOOTH_KERNEL, np.zeros(10), SERIES, "wrong-shape"),
    "values-off": (SMOOTH_KERNEL, SMOOTHED + 1, SERIES, None),
    "setup-broken": (SMOOTH_KERNEL, SMOOTHED, np.zeros((3, 3)), "setup-broken"),
}


@pytest.mark.parametrize("name", list(SERIES_MISTAKES))
def test_every_smoothing_diagnosis_carries_its_id(name: str) -> None:
    kernel, answer, series, mistake = SERIES_MISTAKES[name]
    assert mistake_of(lambda: SMOOTHING.judge(kernel, answer, series)) == mistake


def test_a_right_series_passes_and_a_flat_one_cannot_tell() -> None:
    SMOOTHING.judge(SMOOTH_KERNEL, SMOOTHED, SERIES)
    flat = np.full(60, 7.0)
    with pytest.raises(Uncheckable):
        SMOOTHING.judge(SMOOTH_KERNEL, reference.conv1d(flat, SMOOTH_KERNEL), flat)


# ---- q_4: the learner's output-size function ----

SIZES = SizeFunctionTask(call_timeout=0.2)


def _endless(size: int, window: int, stride: int, padding: str) -> int:
    while True:
        pass


def _same(formula: Callable[[int, int, int], int]) -> Callable[[int, int, int, str], int]:
    return lambda n, k, s, p: formula(n, k, s) if p == "SAME" else (n - k) // s + 1


def _valid(formula: Callable[[int, int, int], int]) -> Callable[[int, int, int, str], int]:
    return lambda n, k, s, p: -(-n // s) if p == "SAME" else formula(n, k, s)


FUNCTIONS: dict[str, tuple[Any, str]] = {
    "valid-without-plus-one": (_valid(lambda n, k, s: (n - k) // s), "valid-without-plus-one"),
    "valid-rounded-down": (_valid(lambda n, k, s: (n - k + 1) // s), "valid-rounded-down"),
    "valid-ignores-stride": (_valid(lambda n, k, s: n - k + 1), "valid-ignores-stride"),
    "valid-window-for-stride": (_valid(lambda n, k, s: (n - s) // k + 1), "window-for-stride"),
    "valid-gives-same": (_valid(lambda n, k, s: -(-n // s)), "valid-gives-same"),
    "same-rounded-down": (_same(lambda n, k, s: n // s), "same-rounded-down"),
    "same-ignores-stride": (_same(lambda n, k, s: n), "same-ignores-stride"),
    "same-pads-both-sides": (_same(lambda n, k, s: (n + 2 * (k // 2) - k) // s + 1), "same-pads-both-sides"),
    "same-gives-valid": (_same(lambda n, k, s: (n - k) // s + 1), "same-gives-valid"),
    "same-window-for-stride": (_same(lambda n, k, s: -(-n // k)), "window-for-stride"),
    "wrong-size": (_valid(lambda n, k, s: n - k), "wrong-size"),
    "not-whole": (lambda n, k, s, p: n / s, "not-whole"),
    "not-a-number": (lambda n, k, s, p: "3", "not-a-number"),
    "returned-none": (lambda n, k, s, p: None, "returned-none"),
    "function-raised": (lambda n, k, s, p: n // 0, "function-raised"),
    "function-timeout": (_endless, "function-timeout"),
    "not-a-function": (3, "not-a-function"),
}


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_every_size_diagnosis_carries_its_id(name: str) -> None:
    fn, mistake = FUNCTIONS[name]
    assert mistake_of(lambda: SIZES.judge(fn)) == mistake


# ---- the structure ----

# Every Incorrect of the diagnosis names its mistake, or says `mistake=None` where the values are off in no
# way the checker knows: tests/test_course.py holds every lesson to it.


@pytest.mark.parametrize(
    "module",
    [
        "learntools_cv.lessons.sliding_window.diagnosis.window",
        "learntools_cv.lessons.sliding_window.diagnosis.field",
        "learntools_cv.lessons.sliding_window.diagnosis.smoothing",
        "learntools_cv.lessons.sliding_window.diagnosis.sizes",
        "learntools_cv.lessons.sliding_window.exercise",
        "learntools_cv.lessons.sliding_window.data",
    ],
)
def test_the_diagnosis_imports_neither_tensorflow_nor_pyplot(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "print(sorted(m for m in ('tensorflow', 'keras', 'matplotlib.pyplot', 'IPython') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_lessons_doc_names_every_declared_mistake_in_the_learners_words() -> None:
    """docs/lessons/ex4_sliding_window.md lists every mistake the questions declare, with words that contain
    what the self-check holds each one to (`Mistake.says`)."""
    from learntools_cv.core.multiproblem import MultipartProblem
    from learntools_cv.lessons.sliding_window.exercise import QUESTIONS

    doc = (Path(__file__).resolve().parents[1] / "docs" / "lessons" / "ex4_sliding_window.md").read_text()
    rows = {}
    for line in doc.splitlines():
        if line.startswith("| ") and " | " in line[2:]:
            cells = line.split(" | ")
            rows.setdefault(cells[0][2:], []).append(cells[-1])
    questions = [p for q in QUESTIONS for p in (q.problems if isinstance(q, MultipartProblem) else [q])]
    missing = []
    for question in questions:
        for mistake in question.mistakes:
            words = rows.get(mistake.id, [])
            if not any(mistake.says in w.replace("\\|", "|") for w in words):
                missing.append((question.__name__, mistake.id))
    assert missing == []
