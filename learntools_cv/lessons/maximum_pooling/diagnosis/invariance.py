"""How many rounds of 2x2 max pooling make two dots indistinguishable: the checker computes the answer from
the learner's own dot pictures, with the reference pooling op."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core.exceptions import Incorrect, NotAttempted
from learntools_cv.core.outcome import Figure
from learntools_cv.core.placeholder import is_placeholder
from learntools_cv.core.text import code, short_repr
from learntools_cv.core.values import inspect_array, load_array

MAX_ROUNDS = 12


def rounds_to_merge(image: np.ndarray) -> int | None:
    """The number of 2x2 max poolings (stride 2, 'SAME') after which the active pixels form a single pixel;
    None if they never do within MAX_ROUNDS (or the image has no active pixel)."""
    current = np.asarray(image, dtype=np.float64)
    for rounds in range(MAX_ROUNDS + 1):
        active = int(np.count_nonzero(current > 0))
        if active == 0:
            return None
        if active == 1:
            return rounds
        if current.shape == (1, 1):
            return None
        current = reference.pool2d(current, 2, 2, "SAME", "max")
    return None


def pooling_steps(image: np.ndarray, rounds: int) -> list[np.ndarray]:
    """The image and its pooled versions, 1..rounds times."""
    steps = [np.asarray(image, dtype=np.float64)]
    for _ in range(rounds):
        steps.append(reference.pool2d(steps[-1], 2, 2, "SAME", "max"))
    return steps


@dataclass(frozen=True)
class MergeTask:
    """The learner's `answer` maps each distance to a number of poolings; `source` maps each distance to a
    2-D picture of two dots that far apart."""

    answer: str
    source: str

    def judge(self, answer: Any, source: Any) -> None:
        pictures = self._pictures(source)
        expected = {d: rounds_to_merge(p) for d, p in pictures.items()}
        given = self._given(answer, list(pictures))
        wrong = [d for d in pictures if given.get(d) != expected[d]]
        if not wrong:
            return
        d = wrong[0]
        rounds = expected[d]
        said = given[d]
        # Capped: a learner's 10**9 must not pool a 1x1 picture a billion times.
        steps = pooling_steps(pictures[d], min(max(said, rounds or 0, 1), MAX_ROUNDS))
        panels = tuple((f"pooled {i}x" if i else "start", s) for i, s in enumerate(steps))
        figure = Figure(actual=steps[-1], expected=None, title=f"Two dots {d} pixels apart", panels=panels)
        if rounds is None:
            raise Incorrect(
                f"For the dots {d} pixels apart you answered {said}, but they never become one pixel here.",
                mistake="never-merge",
                figure=figure,
            )
        if said < rounds:
            count = int(np.count_nonzero(steps[said] > 0))
            raise Incorrect(
                f"For the dots {d} pixels apart you answered {said}, but after {said} pooling"
                f"{'' if said == 1 else 's'} there are still {count} active pixels. Count the pictures again: "
                "the dots merge once a single bright pixel is left.",
                mistake="too-few-poolings",
                figure=figure,
            )
        raise Incorrect(
            f"For the dots {d} pixels apart you answered {said}, but they are already one pixel after "
            f"{rounds} pooling{'' if rounds == 1 else 's'}. Look for the first picture with a single bright pixel.",
            mistake="too-many-poolings",
            figure=figure,
        )

    def _pictures(self, source: Any) -> dict[int, np.ndarray]:
        problem = (
            f"{code(self.source)} should map each distance to its picture of two dots. "
            "Re-run the cell that creates it, then check again."
        )
        if type(source) is not dict or not source:
            raise Incorrect(problem, mistake="setup-broken")
        pictures = {}
        for distance, picture in source.items():
            if type(distance) is not int:
                raise Incorrect(problem, mistake="setup-broken")
            try:
                array = load_array(inspect_array(picture, self.source), self.source)
            except Incorrect:
                raise Incorrect(problem, mistake="setup-broken") from None
            squeezed = np.squeeze(array)
            if squeezed.ndim != 2:
                raise Incorrect(problem, mistake="setup-broken")
            pictures[distance] = squeezed
        return dict(sorted(pictures.items()))

    def _given(self, answer: Any, distances: list[int]) -> dict[int, int]:
        name = code(self.answer)
        keys = ", ".join(str(d) for d in distances)
        example = "{" + ", ".join(f"{d}: ____" for d in distances) + "}"
        entries = _entries(answer, distances)
        if entries is None:
            raise Incorrect(
                f"{name} should be a dict from each distance to a number of poolings, like {code(example)}; "
                f"it is {code(short_repr(answer))}.",
                mistake="not-a-dict",
            )
        by_distance = {_whole(k): v for k, v in entries if _whole(k) is not None}
        missing = [d for d in distances if d not in by_distance]
        if missing:
            texts = [k for k, _ in entries if type(k) is str]
            if texts and all(_whole(_number(t)) in distances for t in texts):
                shown = ", ".join(code(repr(t)) for t in texts)
                raise Incorrect(
                    f"The keys of {name} are strings ({shown}), not numbers: use the distances themselves, "
                    f"as in {code(example)}.",
                    mistake="string-keys",
                )
            raise Incorrect(
                f"{name} needs an entry for each distance ({keys}); "
                f"{', '.join(str(d) for d in missing)} {'is' if len(missing) == 1 else 'are'} missing.",
                mistake="missing-distances",
            )
        unfilled = [d for d in distances if is_placeholder(by_distance[d])]
        if len(unfilled) == len(distances):
            raise NotAttempted(f"Replace each `____` in {name} with a number of poolings.")
        if unfilled:
            listed = _and(unfilled)
            label = "distance" if len(unfilled) == 1 else "distances"
            raise Incorrect(
                f"{name} still has `____` for {label} {listed}: fill in a number of poolings.",
                mistake="partly-filled",
            )
        given = {}
        for d in distances:
            value = by_distance[d]
            count = _whole(value)
            # A negative count is no number of poolings (and would index the steps from the end).
            if count is None or count < 0:
                raise Incorrect(
                    f"The entry for distance {d} in {name} should be a whole number of poolings; "
                    f"it is {code(short_repr(value))}.",
                    mistake="not-a-count",
                )
            given[d] = count
        return given


# The most entries read from a learner's mapping or sequence: a few distances, never a million.
_MAX_ENTRIES = 1000


def _entries(answer: Any, distances: list[int]) -> list[tuple[Any, Any]] | None:
    """The (key, value) pairs of the learner's answer, read once: from any mapping (a dict, a dict subclass,
    an OrderedDict, ...) or, in the order of `distances`, from a list, tuple or 1-D numpy array of as many
    counts. None when the answer is none of these, or reading it raised."""
    kind = type(answer)
    try:
        if issubclass(kind, dict):
            # dict's own methods: what the mapping really holds, whatever its class says.
            pairs = list(dict.items(answer))
        elif isinstance(answer, Mapping):
            keys = list(_bounded(iter(answer)))
            pairs = [(k, answer[k]) for k in keys]
        elif kind in (list, tuple):
            pairs = list(zip(distances, answer)) if len(answer) == len(distances) else None
        elif issubclass(kind, np.ndarray) and np.ndarray.ndim.__get__(answer) == 1:
            # The length from the shape first: a huge array (a broadcast view of a billion) is never copied.
            if np.ndarray.shape.__get__(answer)[0] != len(distances):
                return None
            pairs = list(zip(distances, np.asarray(answer).tolist()))
        else:
            pairs = None
    except Exception:  # a mapping whose own methods raise is no answer to read
        return None
    if pairs is not None and len(pairs) > _MAX_ENTRIES:
        return None
    return pairs


def _bounded(keys: Any) -> list[Any]:
    out = []
    for key in keys:
        out.append(key)
        if len(out) > _MAX_ENTRIES:
            break
    return out


def _whole(value: Any) -> int | None:
    """`value` as a whole number, read from its real type: an int, a numpy integer, or a float that is
    integral (2.0, as `np.log2(4)` gives); None for anything else (a bool, a string, 2.5, NaN, ...)."""
    kind = type(value)
    if kind is bool or issubclass(kind, np.bool_):
        return None
    if kind is int or issubclass(kind, np.integer):
        return int(value)
    if kind is float or issubclass(kind, np.floating):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            return int(number)
    return None


def _number(text: str) -> Any:
    """A key such as '2' as the number it spells, else the text itself."""
    try:
        return int(text.strip())
    except ValueError:
        return text


def _and(items: list[int]) -> str:
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
