"""Drawing with numpy: filled shapes on an anti-aliased RGB canvas, the same pixels for the same calls.

The vision room's pictures (lesson 3's vehicles, the Car-or-Truck image set, the objects the shipped base was
pretrained on) are drawn here rather than with matplotlib, so that no font, renderer or version changes a pixel.
A `Canvas` holds a float64 RGB array at `supersample` times the output size; a shape paints the pixels whose
centres lie inside it; `Canvas.image()` averages each supersample block down, which smooths the edges.

Coordinates are canvas pixels with x to the right and y *up* from the canvas's ground line. A `Pen` draws in a
shape's own units (u along it, v up from its base) and places, scales, tilts and mirrors it on the canvas.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["OUTLINE", "SUPERSAMPLE", "Canvas", "Pen", "convex_mask", "rotate_about_centre"]

SUPERSAMPLE = 2
"""Canvases are drawn at this many times the output size and averaged down, for smooth edges."""

OUTLINE = np.array([0.08, 0.08, 0.09])
"""The default colour of a polygon's outline: near black."""

Point = tuple[float, float]
Colour = np.ndarray | Sequence[float]


def convex_mask(vertices: Sequence[Point], rows: np.ndarray, cols: np.ndarray, inset: float = 0.0) -> np.ndarray:
    """Mask of the pixels at least `inset` inside a convex polygon of (x, y) = (col, row) vertices."""
    xs = np.array([v[0] for v in vertices], dtype=np.float64)
    ys = np.array([v[1] for v in vertices], dtype=np.float64)
    area = np.sum(xs * np.roll(ys, -1) - np.roll(xs, -1) * ys)
    sign = 1.0 if area > 0 else -1.0
    inside = np.ones(np.broadcast(rows, cols).shape, dtype=bool)
    for k in range(len(xs)):
        x0, y0, x1, y1 = xs[k], ys[k], xs[(k + 1) % len(xs)], ys[(k + 1) % len(xs)]
        length = np.hypot(x1 - x0, y1 - y0)
        inside &= sign * ((x1 - x0) * (rows - y0) - (y1 - y0) * (cols - x0)) >= inset * length
    return inside


@functools.lru_cache(maxsize=8)
def _grid(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column coordinates of the pixel centres of a size x size canvas (read-only, shared)."""
    rows, cols = np.mgrid[:size, :size].astype(np.float64) + 0.5
    rows.flags.writeable = cols.flags.writeable = False
    return rows, cols


class Canvas:
    """An RGB float canvas of `pixels` (size, size, 3) in [0, 1], drawn at `supersample` times the output size.

    Every shape method takes points as (x, y) with y measured up from `ground` (a row of the canvas) and a
    `colour`: an RGB triple, or an array of the canvas's shape (a texture or shading, read where the shape is).
    `alpha` below 1 blends the colour over what is there. Work is limited to each shape's bounding box.
    """

    def __init__(self, pixels: np.ndarray, ground: float, supersample: int = SUPERSAMPLE) -> None:
        pixels = np.array(pixels, dtype=np.float64)
        if pixels.ndim != 3 or pixels.shape[0] != pixels.shape[1] or pixels.shape[2] != 3:
            raise ValueError(f"pixels must be a square RGB array, got shape {pixels.shape}")
        if pixels.shape[0] % supersample:
            raise ValueError(f"the canvas size {pixels.shape[0]} is not a multiple of supersample={supersample}")
        self.pixels = pixels
        self.size = pixels.shape[0]
        self.ground = float(ground)
        self.supersample = supersample
        self.rows, self.cols = _grid(self.size)

    @classmethod
    def sky_and_road(cls, size: int, ground: float, sky: np.ndarray, road: np.ndarray) -> Canvas:
        """A sky that pales towards the horizon at row `ground`, and a flat road below it (lesson 3's scene)."""
        rows = _grid(size)[0]
        fade = (rows / ground)[..., None]
        pixels = np.where((rows < ground)[..., None], sky * (1 - 0.25 * fade) + 0.25 * fade, road)
        return cls(pixels, ground)

    # ------------------------------------------------------------------------------------------ painting

    def window(self, xs: Sequence[float], ys: Sequence[float]) -> tuple[slice, slice] | None:
        """The rows and columns of the canvas that can hold a shape spanning canvas x `xs` and rows `ys`
        (None when it is off the canvas); `paint` takes it with a mask of that shape."""
        r0, r1 = max(0, math.floor(min(ys)) - 1), min(self.size, math.ceil(max(ys)) + 1)
        c0, c1 = max(0, math.floor(min(xs)) - 1), min(self.size, math.ceil(max(xs)) + 1)
        if r0 >= r1 or c0 >= c1:
            return None
        return slice(r0, r1), slice(c0, c1)

    def paint(self, window: tuple[slice, slice], mask: np.ndarray, colour: Colour, alpha: float = 1.0) -> None:
        """Paint `colour` where `mask` (the window's shape) is true."""
        rows, cols = window
        target = self.pixels[rows, cols]
        colour = np.asarray(colour, dtype=np.float64)
        value = colour[rows, cols][mask] if colour.ndim == 3 else colour
        if alpha >= 1.0:
            target[mask] = value
        else:
            target[mask] = (1.0 - alpha) * target[mask] + alpha * value

    def polygon(
        self,
        points: Sequence[Point],
        colour: Colour,
        outline: float = 0.0,
        alpha: float = 1.0,
        outline_colour: Colour = OUTLINE,
    ) -> None:
        """Fill a convex polygon of (x, y) points; with `outline`, a border that many canvas pixels wide."""
        vertices = [(x, self.ground - y) for x, y in points]
        window = self.window([v[0] for v in vertices], [v[1] for v in vertices])
        if window is None:
            return
        rows, cols = self.rows[window], self.cols[window]
        if outline > 0:
            self.paint(window, convex_mask(vertices, rows, cols), outline_colour, alpha)
        self.paint(window, convex_mask(vertices, rows, cols, inset=outline), colour, alpha)

    def disk(self, x: float, y: float, radius: float, colour: Colour, alpha: float = 1.0) -> None:
        row = self.ground - y
        window = self.window([x - radius, x + radius], [row - radius, row + radius])
        if window is None:
            return
        inside = (self.cols[window] - x) ** 2 + (self.rows[window] - row) ** 2 <= radius**2
        self.paint(window, inside, colour, alpha)

    def ring(self, x: float, y: float, outer: float, inner: float, colour: Colour, alpha: float = 1.0) -> None:
        """The annulus between radii `inner` and `outer`: what is inside `inner` stays as it was."""
        row = self.ground - y
        window = self.window([x - outer, x + outer], [row - outer, row + outer])
        if window is None:
            return
        distance2 = (self.cols[window] - x) ** 2 + (self.rows[window] - row) ** 2
        self.paint(window, (distance2 <= outer**2) & (distance2 >= inner**2), colour, alpha)

    def ellipse(
        self, x: float, y: float, rx: float, ry: float, colour: Colour, angle: float = 0.0, alpha: float = 1.0
    ) -> None:
        """An ellipse of half-axes `rx` (along `angle`, radians anticlockwise from the x axis) and `ry`."""
        row = self.ground - y
        reach = max(rx, ry)
        window = self.window([x - reach, x + reach], [row - reach, row + reach])
        if window is None:
            return
        dx, dy = self.cols[window] - x, row - self.rows[window]
        c, s = math.cos(angle), math.sin(angle)
        along, across = c * dx + s * dy, -s * dx + c * dy
        self.paint(window, (along / rx) ** 2 + (across / ry) ** 2 <= 1.0, colour, alpha)

    def image(self) -> np.ndarray:
        """The picture at output size: float32 (size / supersample) squared by 3, in [0, 1]."""
        s = self.supersample
        small = self.pixels.reshape(self.size // s, s, self.size // s, s, 3).mean(axis=(1, 3))
        return np.clip(small, 0.0, 1.0).astype(np.float32)


@dataclass(frozen=True)
class Pen:
    """Draws a shape in its own units on a canvas: `at(u, v)` is the canvas point of the shape's point (u, v).

    u runs along the shape and v up from its base, both in units of `scale` canvas pixels; the shape's (0, 0)
    lands on the canvas point (`x`, `y`), the shape is turned by `angle` radians anticlockwise, and `mirror`
    flips it left for right about its origin.
    """

    x: float
    y: float
    scale: float
    angle: float = 0.0
    mirror: bool = False

    def at(self, u: float, v: float) -> Point:
        u = -u if self.mirror else u
        c, s = math.cos(self.angle), math.sin(self.angle)
        return (self.x + self.scale * (c * u - s * v), self.y + self.scale * (s * u + c * v))

    def polygon(self, canvas: Canvas, points: Sequence[Point], colour: Colour, outline: float = 0.0,
                alpha: float = 1.0, outline_colour: Colour = OUTLINE) -> None:
        """A convex polygon of shape points; `outline` is in canvas pixels."""
        canvas.polygon([self.at(u, v) for u, v in points], colour, outline, alpha, outline_colour)

    def rect(self, canvas: Canvas, u0: float, v0: float, u1: float, v1: float, colour: Colour,
             outline: float = 0.0, alpha: float = 1.0, outline_colour: Colour = OUTLINE) -> None:
        """The box from corner (u0, v0) to corner (u1, v1)."""
        self.polygon(canvas, [(u0, v0), (u1, v0), (u1, v1), (u0, v1)], colour, outline, alpha, outline_colour)

    def segment(self, canvas: Canvas, a: Point, b: Point, width: float, colour: Colour, alpha: float = 1.0) -> None:
        """A straight stroke from a to b, `width` shape units wide."""
        length = math.hypot(b[0] - a[0], b[1] - a[1])
        if length == 0:
            return
        nu, nv = -(b[1] - a[1]) / length * width / 2, (b[0] - a[0]) / length * width / 2
        points = [(a[0] + nu, a[1] + nv), (b[0] + nu, b[1] + nv), (b[0] - nu, b[1] - nv), (a[0] - nu, a[1] - nv)]
        self.polygon(canvas, points, colour, alpha=alpha)

    def disk(self, canvas: Canvas, u: float, v: float, radius: float, colour: Colour, alpha: float = 1.0) -> None:
        x, y = self.at(u, v)
        canvas.disk(x, y, radius * self.scale, colour, alpha)

    def ring(self, canvas: Canvas, u: float, v: float, outer: float, inner: float, colour: Colour,
             alpha: float = 1.0) -> None:
        x, y = self.at(u, v)
        canvas.ring(x, y, outer * self.scale, inner * self.scale, colour, alpha)

    def ellipse(self, canvas: Canvas, u: float, v: float, ru: float, rv: float, colour: Colour,
                angle: float = 0.0, alpha: float = 1.0) -> None:
        """An ellipse of half-axes `ru` along u and `rv` along v (before the pen's turn), turned by `angle`."""
        x, y = self.at(u, v)
        turn = self.angle + (math.pi - angle if self.mirror else angle)
        canvas.ellipse(x, y, ru * self.scale, rv * self.scale, colour, turn, alpha)


def rotate_about_centre(pixels: np.ndarray, angle: float) -> np.ndarray:
    """`pixels` (H, W, C) turned by `angle` radians anticlockwise about the centre, bilinear; the corners that
    come from outside are filled with the nearest edge pixel."""
    height, width, channels = pixels.shape
    rows, cols = _grid(height)
    rows, cols = rows - 0.5, cols - 0.5
    cy, cx = (height - 1) / 2, (width - 1) / 2
    c, s = math.cos(angle), math.sin(angle)
    # Where each output pixel comes from: the inverse turn (rows point down, so the signs mirror).
    src_c = np.clip(cx + c * (cols - cx) - s * (rows - cy), 0, width - 1)
    src_r = np.clip(cy + s * (cols - cx) + c * (rows - cy), 0, height - 1)
    c0, r0 = np.minimum(src_c.astype(int), width - 2), np.minimum(src_r.astype(int), height - 2)
    fc, fr = (src_c - c0)[..., None], (src_r - r0)[..., None]
    flat, at = pixels.reshape(-1, channels), r0 * width + c0
    top = flat[at] * (1 - fc) + flat[at + 1] * fc
    bottom = flat[at + width] * (1 - fc) + flat[at + width + 1] * fc
    return top * (1 - fr) + bottom * fr
