"""The task the shipped base was pretrained on: drawn objects of 37 classes, none of them a vehicle.

`tools/train_base.py` trains the base (`pretrained.py`) to tell these classes apart, then keeps its
convolutional layers. The classes are shapes (circle, ring, star, arrow, ...) and things (house, tree, fish,
sailboat, clock, ladder, ...): nothing with wheels, no car, truck, bus, van or train. They are drawn in random
colours, sizes, positions, turns and mirror images on the same kinds of scenes as the Car-or-Truck pictures
(`scenes`), with the same occluders and camera faults, so the base learns to find an object's shape in a
busy picture; what it has never seen is a vehicle. `draw_object` draws one picture; `object_batch` many.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from learntools_cv.vision.drawing import SUPERSAMPLE, Canvas, Pen
from learntools_cv.vision.scenes import background, finish, occlude, paint_colour

__all__ = ["OBJECT_CLASSES", "draw_object", "object_batch"]

Draw = Callable[[Canvas, Pen, np.random.Generator, np.ndarray], None]


def _regular(n: int, radius: float, centre: tuple[float, float] = (0.0, 0.5), turn: float = 0.0
             ) -> list[tuple[float, float]]:
    return [(centre[0] + radius * math.cos(turn + 2 * math.pi * k / n),
             centre[1] + radius * math.sin(turn + 2 * math.pi * k / n)) for k in range(n)]


def _arc(radius: float, start: float, stop: float, centre: tuple[float, float], n: int = 16
         ) -> list[tuple[float, float]]:
    return [(centre[0] + radius * math.cos(a), centre[1] + radius * math.sin(a)) for a in np.linspace(start, stop, n)]


def _second(rng: np.random.Generator, colour: np.ndarray) -> np.ndarray:
    """A colour that stands out from `colour`."""
    other = paint_colour(rng)
    return other if np.abs(other - colour).sum() > 0.4 else 1.0 - colour


def _circle(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.disk(c, 0.0, 0.5, 0.5, col)


def _ring(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.ring(c, 0.0, 0.5, 0.5, rng.uniform(0.25, 0.38), col)


def _triangle(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.polygon(c, [(-0.5, 0.0), (0.5, 0.0), (rng.uniform(-0.2, 0.2), 0.9)], col, _line(rng, c))


def _square(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.rect(c, -0.4, 0.0, 0.4, 0.8, col, _line(rng, c))


def _bar(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.rect(c, -0.5, 0.0, 0.5, rng.uniform(0.12, 0.22), col, _line(rng, c))


def _pillar(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    w = rng.uniform(0.08, 0.15)
    p.rect(c, -w, 0.0, w, 1.0, col, _line(rng, c))


def _diamond(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    w = rng.uniform(0.25, 0.4)
    p.polygon(c, [(0.0, 0.0), (w, 0.5), (0.0, 1.0), (-w, 0.5)], col, _line(rng, c))


def _hexagon(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.polygon(c, _regular(6, 0.5), col, _line(rng, c))


def _star(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    outer, inner = _regular(5, 0.5, turn=math.pi / 2), _regular(5, 0.2, turn=math.pi / 2 + math.pi / 5)
    p.polygon(c, inner, col)
    for k in range(5):
        p.polygon(c, [inner[k - 1], outer[k], inner[k]], col)


def _cross(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    w = rng.uniform(0.1, 0.16)
    p.rect(c, -w, 0.0, w, 1.0, col)
    p.rect(c, -0.5, 0.5 - w, 0.5, 0.5 + w, col)


def _crescent(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    (x, y), (bx, by) = p.at(0.0, 0.5), p.at(rng.uniform(0.18, 0.3), 0.55)
    r = 0.5 * p.scale
    row, brow = c.ground - y, c.ground - by
    window = c.window([x - r, x + r], [row - r, row + r])
    if window is not None:
        rows, cols = c.rows[window], c.cols[window]
        mask = ((cols - x) ** 2 + (rows - row) ** 2 <= r**2) & ((cols - bx) ** 2 + (rows - brow) ** 2 > (0.85 * r) ** 2)
        c.paint(window, mask, col)


def _arrow(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.rect(c, -0.5, 0.4, 0.1, 0.6, col)
    p.polygon(c, [(0.05, 0.15), (0.5, 0.5), (0.05, 0.85)], col)


def _heart(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.disk(c, -0.2, 0.68, 0.25, col)
    p.disk(c, 0.2, 0.68, 0.25, col)
    p.polygon(c, [(-0.44, 0.62), (0.44, 0.62), (0.0, 0.0)], col)


def _dome(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.polygon(c, _arc(0.5, 0.0, math.pi, (0.0, 0.0)), col, _line(rng, c))


def _trapezoid(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    top = rng.uniform(0.1, 0.3)
    p.polygon(c, [(-0.5, 0.0), (0.5, 0.0), (top, 0.6), (-top, 0.6)], col, _line(rng, c))


def _house(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.rect(c, -0.4, 0.0, 0.4, 0.55, col, _line(rng, c))
    p.polygon(c, [(-0.5, 0.53), (0.5, 0.53), (0.0, 0.95)], _second(rng, col))
    p.rect(c, -0.08, 0.0, 0.08, 0.3, np.clip(col * 0.5, 0, 1))
    glass = np.array([0.6, 0.75, 0.85])
    for u in (-0.28, 0.16):
        p.rect(c, u, 0.3, u + 0.12, 0.44, glass)


def _tree(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.rect(c, -0.06, 0.0, 0.06, 0.5, rng.uniform([0.3, 0.18, 0.08], [0.5, 0.32, 0.18]))
    green = rng.uniform([0.05, 0.3, 0.05], [0.4, 0.7, 0.3])
    for du, dv, r in ((0.0, 0.7, 0.3), (-0.2, 0.55, 0.22), (0.2, 0.55, 0.22)):
        p.disk(c, du, dv, r, green)


def _pine(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.rect(c, -0.05, 0.0, 0.05, 0.2, rng.uniform([0.3, 0.18, 0.08], [0.5, 0.32, 0.18]))
    green = rng.uniform([0.02, 0.2, 0.05], [0.2, 0.5, 0.25])
    for k, w in enumerate((0.4, 0.32, 0.24)):
        p.polygon(c, [(-w, 0.15 + 0.25 * k), (w, 0.15 + 0.25 * k), (0.0, 0.5 + 0.25 * k)], green)


def _flower(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.segment(c, (0.0, 0.0), (0.0, 0.62), 0.05, np.array([0.2, 0.55, 0.2]))
    p.ellipse(c, 0.12, 0.28, 0.12, 0.05, np.array([0.2, 0.6, 0.2]), angle=0.5)
    n = int(rng.integers(5, 9))
    for k in range(n):
        a = 2 * math.pi * k / n
        p.disk(c, 0.2 * math.cos(a), 0.72 + 0.2 * math.sin(a), 0.12, col)
    p.disk(c, 0.0, 0.72, 0.1, _second(rng, col))


def _fish(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.polygon(c, [(-0.5, 0.15), (-0.25, 0.5), (-0.5, 0.85)], col)
    p.ellipse(c, 0.08, 0.5, 0.42, 0.25, col)
    p.disk(c, 0.3, 0.57, 0.05, np.ones(3))
    p.disk(c, 0.31, 0.57, 0.025, np.zeros(3))


def _bird(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.ellipse(c, 0.0, 0.45, 0.32, 0.18, col)
    p.disk(c, 0.3, 0.62, 0.13, col)
    p.polygon(c, [(0.4, 0.66), (0.55, 0.6), (0.4, 0.56)], np.array([0.95, 0.65, 0.1]))
    p.polygon(c, [(-0.15, 0.5), (0.15, 0.5), (-0.1, 0.95)], _second(rng, col))
    p.polygon(c, [(-0.3, 0.45), (-0.55, 0.6), (-0.55, 0.35)], col)
    p.disk(c, 0.33, 0.66, 0.025, np.zeros(3))


def _sailboat(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.polygon(c, [(-0.5, 0.2), (0.5, 0.2), (0.35, 0.0), (-0.35, 0.0)], col, _line(rng, c))
    p.rect(c, -0.02, 0.2, 0.02, 1.0, np.array([0.35, 0.25, 0.15]))
    p.polygon(c, [(0.04, 0.28), (0.04, 0.95), (0.42, 0.28)], np.array([0.95, 0.95, 0.92]))
    p.polygon(c, [(-0.04, 0.32), (-0.04, 0.8), (-0.3, 0.32)], _second(rng, col))


def _mushroom(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.rect(c, -0.1, 0.0, 0.1, 0.45, np.array([0.92, 0.88, 0.78]))
    p.polygon(c, _arc(0.45, 0.0, math.pi, (0.0, 0.4)), col)
    for du, dv in ((-0.2, 0.55), (0.05, 0.7), (0.22, 0.52)):
        p.disk(c, du, dv, 0.06, np.ones(3))


def _traffic_light(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.rect(c, -0.04, 0.0, 0.04, 0.45, np.full(3, 0.25))
    p.rect(c, -0.16, 0.45, 0.16, 1.0, np.full(3, 0.12))
    lit = rng.integers(3)
    for k, colour in enumerate(([0.9, 0.1, 0.1], [0.95, 0.75, 0.1], [0.1, 0.8, 0.3])):
        p.disk(c, 0.0, 0.9 - 0.17 * k, 0.07, np.array(colour) * (1.0 if k == lit else 0.35))


def _clock(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.disk(c, 0.0, 0.5, 0.5, col)
    p.disk(c, 0.0, 0.5, 0.42, np.array([0.96, 0.95, 0.9]))
    for k in range(12):
        a = 2 * math.pi * k / 12
        p.disk(c, 0.35 * math.cos(a), 0.5 + 0.35 * math.sin(a), 0.025, np.zeros(3))
    for length, a in ((0.3, rng.uniform(0, 2 * math.pi)), (0.2, rng.uniform(0, 2 * math.pi))):
        p.segment(c, (0.0, 0.5), (length * math.cos(a), 0.5 + length * math.sin(a)), 0.035, np.zeros(3))


def _umbrella(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.polygon(c, _arc(0.5, 0.0, math.pi, (0.0, 0.5)), col)
    p.segment(c, (0.0, 0.5), (0.0, 0.08), 0.035, np.full(3, 0.2))
    p.ring(c, -0.07, 0.08, 0.085, 0.05, np.full(3, 0.2))


def _tower(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    w = rng.uniform(0.18, 0.28)
    p.rect(c, -w, 0.0, w, 0.9, col, _line(rng, c))
    p.segment(c, (0.0, 0.9), (0.0, 1.05), 0.02, np.full(3, 0.3))
    glass = np.clip(1.0 - col * 0.8, 0, 1)
    for v in np.arange(0.08, 0.82, 0.1):
        for u in np.linspace(-w + 0.06, w - 0.1, 3):
            p.rect(c, u, v, u + 0.05, v + 0.05, glass)


def _snowman(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    white = np.array([0.95, 0.96, 0.98])
    for v, r in ((0.2, 0.2), (0.52, 0.15), (0.76, 0.11)):
        p.disk(c, 0.0, v, r, white)
    p.polygon(c, [(0.0, 0.78), (0.2, 0.75), (0.0, 0.73)], np.array([0.95, 0.5, 0.1]))
    p.rect(c, -0.12, 0.85, 0.12, 0.88, col)
    p.rect(c, -0.08, 0.88, 0.08, 1.0, col)


def _sun(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    n = int(rng.integers(8, 14))
    for k in range(n):
        a = 2 * math.pi * k / n
        p.segment(c, (0.3 * math.cos(a), 0.5 + 0.3 * math.sin(a)), (0.5 * math.cos(a), 0.5 + 0.5 * math.sin(a)),
                  0.05, col)
    p.disk(c, 0.0, 0.5, 0.25, col)


def _mountain(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    rock = np.clip(col * 0.5 + 0.2, 0, 1)
    peak = rng.uniform(-0.15, 0.15)
    p.polygon(c, [(-0.5, 0.0), (0.5, 0.0), (peak, 0.8)], rock)
    p.polygon(c, [(peak - 0.12, 0.62), (peak + 0.12, 0.62), (peak, 0.8)], np.array([0.97, 0.97, 0.99]))


def _tent(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.polygon(c, [(-0.5, 0.0), (0.5, 0.0), (0.0, 0.7)], col, _line(rng, c))
    p.polygon(c, [(-0.12, 0.0), (0.12, 0.0), (0.0, 0.35)], np.clip(col * 0.35, 0, 1))


def _mug(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.ring(c, 0.28, 0.35, 0.16, 0.09, col)
    p.polygon(c, [(-0.28, 0.0), (0.28, 0.0), (0.32, 0.65), (-0.32, 0.65)], col, _line(rng, c))


def _table(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.rect(c, -0.5, 0.45, 0.5, 0.55, col)
    for u in (-0.45, 0.38):
        p.rect(c, u, 0.0, u + 0.07, 0.46, col)


def _chair(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.rect(c, -0.3, 0.4, 0.3, 0.48, col)
    p.rect(c, 0.22, 0.4, 0.3, 1.0, col)
    for u in (-0.3, 0.22):
        p.rect(c, u, 0.0, u + 0.07, 0.42, col)


def _ladder(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    for u in (-0.22, 0.17):
        p.rect(c, u, 0.0, u + 0.05, 1.0, col)
    for v in np.arange(0.12, 0.95, 0.15):
        p.rect(c, -0.2, v, 0.2, v + 0.035, col)


def _bottle(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.rect(c, -0.16, 0.0, 0.16, 0.6, col)
    p.polygon(c, [(-0.16, 0.58), (0.16, 0.58), (0.06, 0.75), (-0.06, 0.75)], col)
    p.rect(c, -0.06, 0.74, 0.06, 0.95, col)
    p.rect(c, -0.16, 0.2, 0.16, 0.38, _second(rng, col))


def _balloon(c: Canvas, p: Pen, rng: np.random.Generator, col: np.ndarray) -> None:
    p.segment(c, (0.0, 0.0), (0.04, 0.42), 0.015, np.full(3, 0.25))
    p.ellipse(c, 0.0, 0.7, 0.22, 0.28, col)
    p.polygon(c, [(-0.04, 0.4), (0.04, 0.4), (0.0, 0.44)], col)


def _line(rng: np.random.Generator, canvas: Canvas) -> float:
    """An outline width for a shape: none, or up to about a pixel and a half at output size."""
    return 0.0 if rng.random() < 0.5 else canvas.supersample * rng.uniform(0.5, 1.5)


_CLASSES: dict[str, tuple[Draw, bool]] = {  # name: (drawing, whether it stands on the floor)
    "circle": (_circle, False), "ring": (_ring, False), "triangle": (_triangle, False), "square": (_square, False),
    "bar": (_bar, False), "pillar": (_pillar, True), "diamond": (_diamond, False), "hexagon": (_hexagon, False),
    "star": (_star, False), "cross": (_cross, False), "crescent": (_crescent, False), "arrow": (_arrow, False),
    "heart": (_heart, False), "dome": (_dome, True), "trapezoid": (_trapezoid, False), "house": (_house, True),
    "tree": (_tree, True), "pine": (_pine, True), "flower": (_flower, True), "fish": (_fish, False),
    "bird": (_bird, False), "sailboat": (_sailboat, True), "mushroom": (_mushroom, True),
    "traffic light": (_traffic_light, True), "clock": (_clock, False), "umbrella": (_umbrella, False),
    "tower": (_tower, True), "snowman": (_snowman, True), "sun": (_sun, False), "mountain": (_mountain, True),
    "tent": (_tent, True), "ladder": (_ladder, True), "mug": (_mug, True), "table": (_table, True),
    "chair": (_chair, True), "bottle": (_bottle, True), "balloon": (_balloon, False),
}

OBJECT_CLASSES: tuple[str, ...] = tuple(_CLASSES)
"""The pretraining task's 37 classes, in label order."""


def draw_object(label: int, rng: np.random.Generator, size: int = 128) -> np.ndarray:
    """A uint8 (size, size, 3) picture of one object of class `OBJECT_CLASSES[label]` in a random scene."""
    draw, grounded = _CLASSES[OBJECT_CLASSES[label]]
    big = size * SUPERSAMPLE
    scene = background(rng, big)
    extent = big * rng.uniform(0.3, 0.85)
    if grounded:
        canvas = scene.stand_at(rng.uniform(scene.floor_top, scene.floor_bottom))
        y, turn = 0.0, rng.uniform(-0.08, 0.08)
    else:
        canvas = scene.canvas
        y, turn = rng.uniform(0.0, canvas.ground - extent), rng.uniform(-math.pi / 6, math.pi / 6)
    x = rng.uniform(0.35 * extent, big - 0.35 * extent)
    pen = Pen(x, y, extent, turn, bool(rng.random() < 0.5))
    draw(canvas, pen, rng, paint_colour(rng))
    if rng.random() < 0.3:
        occlude(canvas, rng, x - 0.5 * extent, x + 0.5 * extent, y + extent)
    image, _ = finish(canvas, rng)
    return image


def object_batch(seed: int, count: int, size: int = 128, start: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Pictures `start` to `start + count` of the pretraining set `seed`: uint8 (count, size, size, 3) images and
    int32 labels that cycle through the classes. Picture k has its own random stream, so any slice is the same
    pictures whichever way the set is cut up."""
    images = np.empty((count, size, size, 3), dtype=np.uint8)
    labels = np.empty(count, dtype=np.int32)
    for k in range(count):
        index = start + k
        labels[k] = index % len(OBJECT_CLASSES)
        images[k] = draw_object(int(labels[k]), np.random.default_rng([seed, index]), size)
    return images, labels
