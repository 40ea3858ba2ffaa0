"""Scenes for drawn subjects: a background, things in front of the subject, and the camera's faults.

Both drawn image sets, Car-or-Truck (`car_or_truck`) and the objects the shipped base was pretrained on
(`objects`), put their subject in scenes from here, so that a classifier must find the subject rather than read
the background. A scene is one of `SCENE_KINDS`, in random colours; `occlude` draws poles, bushes, fences,
walls, bollards or people in front of a region; `finish` turns the canvas into a uint8 picture through a
slight camera roll, lighting, a colour cast, blur, noise and a left-right flip. Everything is drawn from the
random generator it is given, so the same generator state gives the same picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from learntools_cv.vision.drawing import Canvas, Pen, rotate_about_centre

__all__ = ["OCCLUDER_KINDS", "SCENE_KINDS", "Finish", "Scene", "background", "finish", "occlude", "paint_colour",
           "value_noise"]

SCENE_KINDS: tuple[str, ...] = ("street", "country", "studio", "wall", "clutter")
"""The kinds of background `background` draws, in the order of their codes."""

# Colours that painted things (car bodies, trucks, shapes) come in, as people paint them: many are
# white, grey, black or silver; the rest are strong or muted colours.
_PAINTS = np.array(
    [
        [0.92, 0.92, 0.90], [0.75, 0.76, 0.78], [0.45, 0.46, 0.48], [0.10, 0.10, 0.11],  # white, silver, grey, black
        [0.72, 0.10, 0.10], [0.12, 0.22, 0.55], [0.10, 0.35, 0.20], [0.85, 0.70, 0.10],  # red, blue, green, yellow
        [0.85, 0.40, 0.08], [0.40, 0.25, 0.15], [0.55, 0.80, 0.90], [0.45, 0.10, 0.35],  # orange, brown, sky, plum
    ]
)


def paint_colour(rng: np.random.Generator) -> np.ndarray:
    """A paint colour: one of a dozen common ones, tinted a little, or (one time in three) any colour at all."""
    if rng.random() < 1 / 3:
        return rng.uniform(0.05, 0.95, size=3)
    return np.clip(_PAINTS[rng.integers(len(_PAINTS))] + rng.uniform(-0.06, 0.06, size=3), 0.0, 1.0)


def value_noise(rng: np.random.Generator, size: int, cells: int, channels: int = 1) -> np.ndarray:
    """Smooth random texture (size, size, channels) in [0, 1]: a `cells` x `cells` grid of random values,
    interpolated bilinearly."""
    grid = rng.random((cells + 1, cells + 1, channels))
    t = (np.arange(size) + 0.5) * cells / size
    i = np.minimum(t.astype(int), cells - 1)
    f = (t - i)[:, None, None]
    rows = grid[i] * (1 - f) + grid[i + 1] * f  # (size, cells + 1, channels)
    g = f.transpose(1, 0, 2)
    return rows[:, i] * (1 - g) + rows[:, i + 1] * g


@dataclass
class Scene:
    """A background on a canvas: its kind, the horizon row, and the band of rows (`floor_top` to
    `floor_bottom`) where a subject standing on the floor may have its ground line."""

    canvas: Canvas
    kind: str
    horizon: float
    floor_top: float
    floor_bottom: float

    def stand_at(self, row: float) -> Canvas:
        """The canvas, with its ground line moved to `row` so that a subject's y = 0 stands there."""
        self.canvas.ground = float(row)
        return self.canvas


def _gradient(size: int, top: np.ndarray, bottom: np.ndarray, row0: float, row1: float) -> np.ndarray:
    """A (size, size, 3) vertical blend from `top` at row0 to `bottom` at row1 (clamped beyond)."""
    rows = np.arange(size, dtype=np.float64) + 0.5
    t = np.clip((rows - row0) / max(row1 - row0, 1.0), 0.0, 1.0)[:, None, None]
    return np.broadcast_to((1 - t) * top + t * bottom, (size, size, 3)).copy()


def _sky(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Top and horizon colours of a sky: day, overcast, dusk or night."""
    kind = rng.choice(4, p=[0.5, 0.2, 0.15, 0.15])
    if kind == 0:
        top = rng.uniform([0.25, 0.45, 0.70], [0.55, 0.70, 0.95])
        return top, np.clip(top + rng.uniform(0.15, 0.35), 0, 1)
    if kind == 1:
        grey = rng.uniform(0.55, 0.85)
        return np.full(3, grey) + rng.uniform(-0.03, 0.03, 3), np.full(3, grey + 0.08)
    if kind == 2:
        return rng.uniform([0.25, 0.15, 0.35], [0.45, 0.30, 0.60]), rng.uniform([0.85, 0.45, 0.25], [1.0, 0.70, 0.45])
    return rng.uniform([0.02, 0.02, 0.08], [0.10, 0.10, 0.25]), rng.uniform([0.10, 0.10, 0.20], [0.25, 0.22, 0.35])


def _clouds(canvas: Canvas, rng: np.random.Generator, horizon: float) -> None:
    size = canvas.size
    for _ in range(rng.integers(0, 4)):
        x, row = rng.uniform(0, size), rng.uniform(0.05, 0.8) * horizon
        shade = rng.uniform(0.75, 1.0)
        for _ in range(rng.integers(3, 7)):
            canvas.ellipse(x + rng.normal(0, size * 0.06), canvas.ground - row + rng.normal(0, size * 0.015),
                           size * rng.uniform(0.04, 0.09), size * rng.uniform(0.02, 0.04), np.full(3, shade),
                           alpha=rng.uniform(0.5, 0.9))


def _skyline(canvas: Canvas, rng: np.random.Generator, horizon: float) -> None:
    """Buildings, trees or hills standing on the horizon (y measured up from it)."""
    size = canvas.size
    canvas.ground = horizon
    choice = rng.integers(4)
    if choice == 0:  # buildings with rows of windows
        x = -rng.uniform(0, size * 0.1)
        while x < size:
            width, height = size * rng.uniform(0.12, 0.3), horizon * rng.uniform(0.2, 0.8)
            wall = np.clip(rng.uniform(0.3, 0.8) * np.ones(3) + rng.uniform(-0.1, 0.1, 3), 0, 1)
            canvas.polygon([(x, 0), (x + width, 0), (x + width, height), (x, height)], wall)
            lit = rng.uniform(0.1, 0.9, 3) if rng.random() < 0.3 else wall * rng.uniform(0.4, 0.7)
            step = size * rng.uniform(0.035, 0.06)
            for wy in np.arange(step * 0.6, height - step * 0.6, step):
                for wx in np.arange(x + step * 0.4, x + width - step * 0.6, step):
                    canvas.polygon([(wx, wy), (wx + step * 0.5, wy), (wx + step * 0.5, wy + step * 0.55),
                                    (wx, wy + step * 0.55)], lit)
            x += width + size * rng.uniform(0.0, 0.06)
    elif choice == 1:  # trees
        for x in np.sort(rng.uniform(0, size, rng.integers(2, 7))):
            height = horizon * rng.uniform(0.2, 0.6)
            trunk = size * rng.uniform(0.01, 0.025)
            canvas.polygon([(x - trunk, 0), (x + trunk, 0), (x + trunk, height), (x - trunk, height)],
                           rng.uniform([0.25, 0.15, 0.05], [0.45, 0.30, 0.15]))
            leaves = rng.uniform([0.05, 0.25, 0.05], [0.35, 0.60, 0.25])
            for _ in range(rng.integers(4, 9)):
                canvas.disk(x + rng.normal(0, height * 0.18), height + rng.normal(0, height * 0.15),
                            height * rng.uniform(0.15, 0.3), np.clip(leaves + rng.uniform(-0.06, 0.06, 3), 0, 1))
    elif choice == 2:  # hills
        for _ in range(rng.integers(1, 4)):
            canvas.ellipse(rng.uniform(0, size), 0, size * rng.uniform(0.3, 0.7), horizon * rng.uniform(0.15, 0.5),
                           rng.uniform([0.2, 0.35, 0.15], [0.5, 0.6, 0.35]))
    # choice 3: an open horizon


def _floor(canvas: Canvas, rng: np.random.Generator, kind: str, horizon: float) -> None:
    """Paint everything below the horizon: a road, grass or a plain floor."""
    size = canvas.size
    rows = np.arange(size) + 0.5
    below = (rows >= horizon)[:, None, None]
    if kind == "country":
        colour = rng.uniform([0.25, 0.40, 0.10], [0.55, 0.65, 0.30])
        texture = value_noise(rng, size, int(rng.integers(6, 20)), 1) - 0.5
        floor = np.clip(colour + 0.25 * texture, 0, 1)
    elif kind == "street":
        colour = np.full(3, rng.uniform(0.22, 0.55)) + rng.uniform(-0.03, 0.03, 3)
        texture = value_noise(rng, size, int(rng.integers(10, 30)), 1) - 0.5
        floor = np.clip(colour + 0.08 * texture, 0, 1)
    else:
        colour = rng.uniform(0.15, 0.85, 3)
        floor = _gradient(size, colour * 1.05, colour * 0.8, horizon, size)
    canvas.pixels[:] = np.where(below, floor, canvas.pixels)
    if kind == "street":
        canvas.ground = horizon
        kerb = size * rng.uniform(0.015, 0.04)
        canvas.polygon([(0, 0), (size, 0), (size, -kerb), (0, -kerb)], np.full(3, rng.uniform(0.55, 0.8)))
        if rng.random() < 0.6:  # dashed lane marking
            row = -(size - horizon) * rng.uniform(0.3, 0.9)
            dash, gap = size * rng.uniform(0.06, 0.15), size * rng.uniform(0.05, 0.12)
            paint = np.array([0.92, 0.92, 0.88]) if rng.random() < 0.7 else np.array([0.90, 0.75, 0.15])
            for x in np.arange(-rng.uniform(0, dash + gap), size, dash + gap):
                canvas.polygon([(x, row), (x + dash, row), (x + dash, row - size * 0.012), (x, row - size * 0.012)],
                               paint)
    elif kind == "country" and rng.random() < 0.6:  # a dirt track
        canvas.ground = horizon
        top, bottom = -(size - horizon) * rng.uniform(0.1, 0.4), -(size - horizon) * rng.uniform(0.6, 1.0)
        canvas.polygon([(0, top), (size, top), (size, bottom), (0, bottom)],
                       rng.uniform([0.45, 0.35, 0.20], [0.65, 0.50, 0.35]), alpha=0.85)


def _wall(canvas: Canvas, rng: np.random.Generator, horizon: float) -> None:
    """A wall filling the picture down to the horizon: bricks, panels or stripes."""
    size = canvas.size
    base = rng.uniform(0.2, 0.85, 3)
    canvas.pixels[: int(math.ceil(horizon))] = base
    canvas.ground = horizon
    style = rng.integers(3)
    if style == 0:  # bricks
        height, width = size * rng.uniform(0.035, 0.07), size * rng.uniform(0.08, 0.16)
        mortar = size * 0.006
        for k, y in enumerate(np.arange(0, horizon, height)):
            for x in np.arange(-width * (k % 2) / 2, size, width):
                tone = np.clip(base * rng.uniform(0.8, 1.15) + rng.uniform(-0.04, 0.04, 3), 0, 1)
                canvas.polygon([(x + mortar, y + mortar), (x + width - mortar, y + mortar),
                                (x + width - mortar, y + height - mortar), (x + mortar, y + height - mortar)], tone)
    elif style == 1:  # panels with dark seams
        width = size * rng.uniform(0.1, 0.3)
        for x in np.arange(rng.uniform(0, width), size, width):
            canvas.polygon([(x, 0), (x + size * 0.01, 0), (x + size * 0.01, horizon), (x, horizon)], base * 0.6)
    else:  # painted stripes
        width = size * rng.uniform(0.03, 0.12)
        other = rng.uniform(0.2, 0.85, 3)
        for x in np.arange(0, size, 2 * width):
            canvas.polygon([(x, 0), (x + width, 0), (x + width, horizon), (x, horizon)], other)


def _clutter(canvas: Canvas, rng: np.random.Generator, horizon: float) -> None:
    """A busy background of random boxes and disks above the horizon."""
    size = canvas.size
    canvas.pixels[: int(math.ceil(horizon))] = rng.uniform(0.2, 0.8, 3)
    canvas.ground = horizon
    for _ in range(rng.integers(8, 25)):
        x, y = rng.uniform(0, size), rng.uniform(0, horizon)
        r = size * rng.uniform(0.02, 0.12)
        colour = rng.uniform(0.05, 0.95, 3)
        if rng.random() < 0.5:
            canvas.disk(x, y, r, colour)
        else:
            w, h = r * rng.uniform(0.5, 2), r * rng.uniform(0.5, 2)
            canvas.polygon([(x - w, y - h), (x + w, y - h), (x + w, y + h), (x - w, y + h)], colour)


def background(rng: np.random.Generator, size: int, kind: str | None = None) -> Scene:
    """A random scene on a canvas of `size` (supersampled) pixels; `kind` one of `SCENE_KINDS`, or drawn at
    random (streets and open country most often)."""
    if kind is None:
        kind = SCENE_KINDS[rng.choice(len(SCENE_KINDS), p=[0.35, 0.25, 0.15, 0.12, 0.13])]
    if kind not in SCENE_KINDS:
        raise ValueError(f"unknown scene kind {kind!r}; the kinds are {SCENE_KINDS}")
    horizon = size * rng.uniform(0.45, 0.75)
    if kind in ("street", "country"):
        top, low = _sky(rng)
        canvas = Canvas(_gradient(size, top, low, 0, horizon), ground=horizon)
        _clouds(canvas, rng, horizon)
        _skyline(canvas, rng, horizon)
    elif kind == "studio":
        wall = rng.uniform(0.1, 0.95, 3)
        canvas = Canvas(_gradient(size, wall * rng.uniform(0.7, 1.0), wall, 0, horizon), ground=horizon)
    elif kind == "wall":
        canvas = Canvas(np.zeros((size, size, 3)), ground=horizon)
        _wall(canvas, rng, horizon)
    else:
        canvas = Canvas(np.zeros((size, size, 3)), ground=horizon)
        _clutter(canvas, rng, horizon)
    _floor(canvas, rng, kind, horizon)
    floor_top = horizon + (size - horizon) * 0.15
    floor_bottom = size - (size - horizon) * 0.1
    canvas.ground = floor_bottom
    return Scene(canvas, kind, horizon, floor_top, floor_bottom)


OCCLUDER_KINDS: tuple[str, ...] = ("pole", "bush", "fence", "wall", "bollards", "person")


def occlude(canvas: Canvas, rng: np.random.Generator, left: float, right: float, top: float,
            kind: str | None = None) -> str:
    """Draw something in front of the region from canvas x `left` to `right`, whose top is `top` above the
    canvas's ground line; it hides part of that region, never all of it. Returns the occluder's kind."""
    kind = OCCLUDER_KINDS[rng.integers(len(OCCLUDER_KINDS))] if kind is None else kind
    span = right - left
    dark = rng.uniform(0.05, 0.45, 3)
    if kind == "pole":
        x, width = rng.uniform(left + 0.1 * span, right - 0.1 * span), span * rng.uniform(0.03, 0.07)
        canvas.polygon([(x, -canvas.size), (x + width, -canvas.size), (x + width, canvas.size),
                        (x, canvas.size)], dark)
        if rng.random() < 0.5:  # a sign on it
            sign = span * rng.uniform(0.08, 0.15)
            y = top * rng.uniform(0.6, 1.2)
            canvas.polygon([(x - sign, y - sign), (x + width + sign, y - sign), (x + width + sign, y + sign),
                            (x - sign, y + sign)], paint_colour(rng), outline=canvas.supersample,
                           outline_colour=np.full(3, 0.9))
    elif kind == "bush":
        centre = rng.uniform(left, right)
        leaves = rng.uniform([0.05, 0.25, 0.05], [0.35, 0.55, 0.2])
        for _ in range(rng.integers(5, 12)):
            canvas.disk(centre + rng.normal(0, span * 0.12), rng.uniform(-0.05, 0.35) * top, span * rng.uniform(0.06, 0.13),
                        np.clip(leaves + rng.uniform(-0.07, 0.07, 3), 0, 1))
    elif kind == "fence":
        height = top * rng.uniform(0.3, 0.6)
        colour = rng.uniform(0.3, 0.95, 3)
        for y in (height * 0.35, height * 0.8):
            canvas.polygon([(0, y), (canvas.size, y), (canvas.size, y + span * 0.025), (0, y + span * 0.025)], colour)
        step = span * rng.uniform(0.08, 0.2)
        for x in np.arange(rng.uniform(0, step), canvas.size, step):
            canvas.polygon([(x, -span * 0.05), (x + step * 0.3, -span * 0.05), (x + step * 0.3, height),
                            (x + step * 0.15, height + step * 0.2), (x, height)], colour)
    elif kind == "wall":
        height = top * rng.uniform(0.2, 0.45)
        canvas.polygon([(0, -canvas.size), (canvas.size, -canvas.size), (canvas.size, height), (0, height)],
                       rng.uniform(0.3, 0.8, 3))
    elif kind == "bollards":
        for x in rng.uniform(left, right, rng.integers(1, 4)):
            width, height = span * rng.uniform(0.03, 0.05), top * rng.uniform(0.25, 0.45)
            canvas.polygon([(x - width, -span * 0.05), (x + width, -span * 0.05), (x + width, height),
                            (x - width, height)], dark)
            canvas.disk(x, height, width, dark)
    elif kind == "person":
        x, height = rng.uniform(left, right), top * rng.uniform(0.8, 1.3)
        pen = Pen(x, -span * 0.04, height)
        clothes, skin = rng.uniform(0.05, 0.8, 3), rng.uniform([0.35, 0.22, 0.15], [0.95, 0.80, 0.65])
        pen.rect(canvas, -0.09, 0.0, -0.02, 0.48, clothes * 0.7)  # legs
        pen.rect(canvas, 0.02, 0.0, 0.09, 0.48, clothes * 0.7)
        pen.polygon(canvas, [(-0.13, 0.45), (0.13, 0.45), (0.15, 0.82), (-0.15, 0.82)], clothes)
        pen.disk(canvas, 0.0, 0.92, 0.09, skin)
    else:
        raise ValueError(f"unknown occluder {kind!r}; the kinds are {OCCLUDER_KINDS}")
    return kind


@dataclass(frozen=True)
class Finish:
    """What `finish` did to a picture."""

    roll: float  # degrees, anticlockwise
    gain: float  # the light's strength
    noise: float  # standard deviation of the added noise
    blurred: bool
    mirrored: bool


def finish(canvas: Canvas, rng: np.random.Generator, *, max_roll_degrees: float = 6.0,
           mirror: bool | None = None) -> tuple[np.ndarray, Finish]:
    """The canvas as a uint8 picture, through a camera's faults: a slight roll (half the time), the light's
    strength and colour, a blur (one time in four), sensor noise, and a left-right flip (half the time, or as
    `mirror` says)."""
    s = canvas.supersample
    n = canvas.size // s
    image = canvas.pixels.reshape(n, s, n, s, 3).mean(axis=(1, 3))
    roll = 0.0
    if rng.random() < 0.5:
        roll = math.radians(rng.uniform(-max_roll_degrees, max_roll_degrees))
        image = rotate_about_centre(image, roll)
    gain = rng.uniform(0.7, 1.2)
    contrast = rng.uniform(0.75, 1.15)
    cast = rng.uniform(0.9, 1.1, 3)
    mean = image.mean()
    image = ((image - mean) * contrast + mean) * gain * cast
    blurred = bool(rng.random() < 0.25)
    if blurred:
        padded = np.pad(image, ((1, 1), (1, 1), (0, 0)), mode="edge")
        weights = np.array([1.0, 2.0, 1.0]) / 4
        image = sum(w * padded[k : k + n, 1 : n + 1] for k, w in enumerate(weights))
        padded = np.pad(image, ((0, 0), (1, 1), (0, 0)), mode="edge")
        image = sum(w * padded[:, k : k + n] for k, w in enumerate(weights))
    noise = float(rng.uniform(0.0, 0.06))
    image = image + rng.normal(0.0, noise, image.shape)
    mirrored = bool(rng.random() < 0.5) if mirror is None else mirror
    if mirrored:
        image = image[:, ::-1]
    out = np.round(np.clip(image, 0.0, 1.0) * 255).astype(np.uint8)
    return np.ascontiguousarray(out), Finish(math.degrees(roll), gain, noise, blurred, mirrored)

