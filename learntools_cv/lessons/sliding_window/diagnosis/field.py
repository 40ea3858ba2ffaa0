"""Judging a receptive field given as a number: how many pixels, along one side, one output of a stack of
sliding-window layers sees.

`FieldTask.judge(answer)` works the right number out of the stack with `vision.windows.receptive_field` and,
when the learner's number differs, tries the slips learners make (each worked out of the same stack, so they
hold for any stack): counting one layer too few, adding or multiplying the windows' sizes, doubling the field
after a pooling with stride 2 instead of widening it, ignoring dilation, giving the area, or missing by one.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import code, short_repr
from learntools_cv.core.values import describe_non_array, inspect_array, load_array
from learntools_cv.vision.windows import Layer, receptive_field


@dataclass(frozen=True)
class Slip:
    """A wrong way of working the field out: `compute(task)` is the number it gives, `says(task, number)`
    what is wrong with it, `id` the mistake's id."""

    id: str
    compute: Callable[[FieldTask], int | None]
    says: Callable[[FieldTask, int], str]


@dataclass(frozen=True)
class FieldTask:
    """The learner's number `answer` is the receptive field of `layers`, which `names` describe one by one
    ("3x3 convolution", "2x2 max pooling with stride 2")."""

    answer: str
    layers: tuple[Layer, ...]
    names: tuple[str, ...]

    @property
    def expected(self) -> int:
        return receptive_field(self.layers)

    def judge(self, answer: Any) -> None:
        number = self._number(answer)
        expected = self.expected
        if number == expected:
            return
        for slip in SLIPS:
            value = slip.compute(self)
            if value is not None and value != expected and value == number:
                raise Incorrect(slip.says(self, number), mistake=slip.id)
        if abs(number - expected) == 1:  # after the slips: 7 for 8 is first the pooling left out
            raise Incorrect(
                f"{number} is one pixel {'too many' if number > expected else 'too few'}. Count cells, not the "
                "steps between them: one output sees 1 cell of its own layer, and each layer below adds its "
                "window's size minus one, times the distance between neighbouring cells of the layer under it.",
                mistake="off-by-one",
            )
        raise Incorrect(
            f"{code(self.answer)} is {number}, which is not the receptive field of {self._stack()}. Follow one "
            "output down the stack: at each layer, its window reaches a few more cells on each side of the "
            "layer below than the cells above it cover.",
            mistake=None,  # no named mistake: the values are off in no way the checker knows
        )

    def _stack(self) -> str:
        counts: list[tuple[str, int]] = []
        for name in self.names:
            if counts and counts[-1][0] == name:
                counts[-1] = (name, counts[-1][1] + 1)
            else:
                counts.append((name, 1))
        words = [name if n == 1 else f"{_count(n)} {name}s" for name, n in counts]
        return ", then ".join(words)

    def _number(self, answer: Any) -> int:
        """The learner's answer as a whole number; Incorrect saying what it is otherwise. A pair of equal
        numbers (height, width) counts as that number."""
        name = code(self.answer)
        if isinstance(answer, (bool, np.bool_)):
            raise Incorrect(f"{name} is a boolean. Assign the number of pixels on one side of the field.",
                            mistake="not-a-number")
        if isinstance(answer, str):
            raise Incorrect(
                f"{name} is a string ({code(short_repr(answer, 30))}). Assign a number, without quotes: the "
                "number of pixels on one side of the field.",
                mistake="string",
            )
        if isinstance(answer, (tuple, list)) and len(answer) == 2:
            first, second = (self._number(item) for item in answer)
            if first != second:
                raise Incorrect(
                    f"{name} is {first} by {second}, but the windows are square, so the field is too. Assign "
                    "the number of pixels on one side.",
                    mistake="not-square",
                )
            return first
        value = self._scalar(answer)
        if not math.isfinite(value) or value != int(value):
            raise Incorrect(
                f"{name} is {value:g}, but a receptive field is a whole number of pixels.", mistake="not-whole"
            )
        return int(value)

    def _scalar(self, answer: Any) -> float:
        name = code(self.answer)
        if isinstance(answer, numbers.Real):
            try:
                return float(answer)
            except Exception:  # a number-like object of the learner's whose conversion fails
                raise Incorrect(f"{name} could not be read as a number.", mistake="not-a-number") from None
        what = describe_non_array(answer)
        if what is not None:
            raise Incorrect(f"{name} is {what}. Assign a number: the pixels on one side of the field.",
                            mistake="not-a-number")
        array = load_array(inspect_array(answer, self.answer), self.answer)
        if array.size == 2:
            return float(self._number(tuple(array.reshape(-1).tolist())))
        if array.size != 1 or array.dtype.kind not in "iuf":
            raise Incorrect(
                f"{name} has shape {code(str(array.shape))}. Assign one number: the pixels on one side of the field.",
                mistake="not-a-number",
            )
        return float(array.reshape(-1)[0])


# ---- the slips, each worked out of the stack ----


def _count(n: int) -> str:
    return {2: "two", 3: "three", 4: "four", 5: "five"}.get(n, str(n))


def _without_last(task: FieldTask) -> int | None:
    return receptive_field(task.layers[:-1]) if len(task.layers) > 1 else None


def _last_is_pooling(task: FieldTask) -> bool:
    return "pool" in task.names[-1]


def _doubled(task: FieldTask) -> int | None:
    last = task.layers[-1]
    if last.stride == 1 or len(task.layers) == 1:
        return None
    return receptive_field(task.layers[:-1]) * last.stride


def _added(task: FieldTask) -> int:
    return sum(layer.extent for layer in task.layers)


def _multiplied(task: FieldTask) -> int:
    return math.prod(layer.extent for layer in task.layers)


def _undilated(task: FieldTask) -> int | None:
    if all(layer.dilation == 1 for layer in task.layers):
        return None
    return receptive_field(Layer(layer.size, layer.stride) for layer in task.layers)


def _dilated_example(task: FieldTask) -> str:
    """'a 3-wide kernel with dilation 2 spans 5 pixels, and with dilation 4, 9'."""
    dilated = [layer for layer in task.layers if layer.dilation > 1]
    first, rest = dilated[0], dilated[1:]
    words = f"a {first.size}-wide kernel with dilation {first.dilation} spans {first.extent} pixels"
    if rest and rest[-1].size == first.size:
        words += f", and with dilation {rest[-1].dilation}, {rest[-1].extent}"
    return words


def _largest(task: FieldTask) -> int | None:
    return max(layer.extent for layer in task.layers) if len(task.layers) > 1 else None


def _missing_layer_words(task: FieldTask, number: int) -> str:
    if _last_is_pooling(task):
        return (
            f"{number} is the field of the layers before the pooling. The pooling's window spans "
            f"{task.layers[-1].size} neighbouring outputs of the layer below it, and each of those sees a field "
            "one pixel further along than its neighbour: the pooled output sees a little more."
        )
    return (
        f"{number} is the field of one layer fewer: {_count(len(task.layers) - 1)} layers. Each "
        f"{task.names[-1]} reaches one more cell on each side of what the layer below sees."
    )


SLIPS: tuple[Slip, ...] = (
    Slip(
        "doubled-field",
        _doubled,
        lambda task, number: (
            f"{number} doubles the field of the layers below the pooling. A pooling with stride "
            f"{task.layers[-1].stride} doubles how fast the field grows in the layers *after* it, not the "
            "field itself: each pooled output sees two neighbouring outputs of the layer below, and their "
            "fields overlap in all but one row."
        ),
    ),
    Slip(
        "ignored-dilation",
        _undilated,
        lambda task, number: (
            f"{number} is the field of these layers without their dilation. A dilated kernel keeps its weights "
            f"but spreads them out: {_dilated_example(task)}."
        ),
    ),
    Slip(
        "added-windows",
        _added,
        lambda task, number: (
            f"{number} adds up the windows' sizes, which counts the overlaps again: a window's neighbours are "
            "only one step apart, so each layer widens the field by its window's size minus one."
        ),
    ),
    Slip(
        "multiplied-windows",
        _multiplied,
        lambda task, number: (
            f"{number} multiplies the windows' sizes. Fields do not multiply: neighbouring outputs of a layer "
            "see overlapping patches, so each layer only widens the field, by its window's size minus one."
        ),
    ),
    Slip("missing-layer", _without_last, _missing_layer_words),
    Slip(
        "largest-window",
        _largest,
        lambda task, number: (
            f"{number} is the widest window of the stack alone. The layers below it widen the field too: "
            "add what each one adds."
        ),
    ),
    Slip(
        "area",
        lambda task: task.expected**2,
        lambda task, number: (
            f"{number} counts every pixel of the square field. The question asks for the number of pixels "
            "along one side."
        ),
    ),
)


def layers_of(spec: Sequence[tuple[str, Layer]]) -> tuple[tuple[Layer, ...], tuple[str, ...]]:
    """(layers, names) from (name, layer) pairs, for building a FieldTask."""
    return tuple(layer for _, layer in spec), tuple(name for name, _ in spec)
