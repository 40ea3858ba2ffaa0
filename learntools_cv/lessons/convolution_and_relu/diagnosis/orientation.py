"""Judging a kernel chosen to bring out one feature of a picture: horizontal edges, and not vertical ones.

A kernel's orientation is a property of its numbers, so it is judged on test pictures made here, where the
answer is known exactly: horizontal stripes, the same stripes turned upright, and a plain white picture. The
kernel filters each (`reference.conv2d`, 'VALID') and the ReLU keeps the positive part; its strongest response
to each says what it brings out. The learner's own picture plays no part, so no picture of theirs (a blank
one, say) can make a wrong kernel look right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import code
from learntools_cv.lessons.convolution_and_relu.diagnosis.kernels import read_kernel

# A kernel brings out horizontal edges when it answers them at least this many times as strongly as
# vertical edges, and as a plain white picture.
SELECTIVITY = 2.0


def stripes(size: int = 32, band: int = 4, horizontal: bool = True) -> np.ndarray:
    """A (1, size, size, 1) picture of black and white bands `band` pixels wide, running across (horizontal)
    or up and down."""
    bands = (np.arange(size) // band) % 2
    picture = np.repeat(bands[:, None], size, axis=1) if horizontal else np.repeat(bands[None, :], size, axis=0)
    return picture.astype(np.float64)[None, :, :, None]


@dataclass(frozen=True)
class Responses:
    """A kernel's strongest response, after the ReLU, to horizontal edges, vertical edges and flat white."""

    horizontal: float
    vertical: float
    flat: float

    @classmethod
    def of(cls, kernel: np.ndarray) -> Responses:
        def strongest(picture: np.ndarray) -> float:
            return float(reference.relu(reference.conv2d(picture, kernel, 1, "VALID")).max())

        return cls(
            horizontal=strongest(stripes(horizontal=True)),
            vertical=strongest(stripes(horizontal=False)),
            flat=max(float(kernel.sum()), 0.0),
        )


@dataclass(frozen=True)
class OrientationTask:
    """`answer` must be a 2-D kernel (at most 7x7) that brings out horizontal edges and not vertical ones."""

    answer: str = "horizontal_kernel"

    def judge(self, value: Any) -> None:
        kernel = read_kernel(value, self.answer, size=None).values
        r = Responses.of(kernel)
        name = code(self.answer)
        strong = f"(its strongest response is {_n(r.horizontal)} on horizontal stripes, {_n(r.vertical)} on vertical ones)"
        if max(r.horizontal, r.vertical) <= 1e-6 * float(np.abs(kernel).max()):
            raise Incorrect(
                f"{name} finds no edges at all: on stripes in either direction every filtered value is 0 or less, "
                "so the ReLU leaves nothing. A feature shows as positive values: change the signs of its numbers.",
                mistake="nothing-detected",
            )
        if r.flat * SELECTIVITY > r.horizontal:
            raise Incorrect(
                f"{name} lights up plain bright areas about as much as edges: on a white picture it gives "
                f"{_n(r.flat)}, and on horizontal stripes at most {_n(r.horizontal)}. Its numbers add up to "
                f"{_n(float(kernel.sum()))}; make them add up to 0, so that flat areas give 0 and only changes "
                "of brightness remain.",
                mistake="brightness",
            )
        if r.vertical > SELECTIVITY * r.horizontal:
            raise Incorrect(
                f"It looks like {name} brings out vertical edges {strong}. A kernel responds to changes of "
                "brightness along the direction its numbers change: for horizontal edges, they should change "
                "from the top row to the bottom row, and stay the same along each row.",
                mistake="vertical-edges",
            )
        if r.horizontal < SELECTIVITY * r.vertical:
            raise Incorrect(
                f"{name} brings out edges in every direction {strong}. Keep the horizontal ones only: the "
                "numbers should change from the top row to the bottom row, and stay the same along each row.",
                mistake="every-direction",
            )


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3g}"
