"""Side views of cars and trucks of several body styles, drawn with a `Pen` in units of the vehicle's length.

Each model draws one vehicle facing right (its front at u = 1), standing on v = 0, with its own proportions
drawn at random within the style's range. Cars: sedan, hatchback, estate, coupe, SUV. Trucks: box truck,
pickup, tanker, articulated lorry, dump truck, flatbed. What sets the classes apart is what sets them apart in
photos: trucks are taller for their length or much longer, with a cab standing apart from a load, and often
more wheels; cars have a low body under a glass cabin. Colours come from the same paints for both classes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from learntools_cv.vision.drawing import Canvas, Pen
from learntools_cv.vision.scenes import paint_colour

__all__ = ["CAR_MODELS", "TRUCK_MODELS", "Paint", "Vehicle", "draw_vehicle"]


@dataclass(frozen=True)
class Paint:
    """The colours and line of one vehicle."""

    body: np.ndarray
    load: np.ndarray  # a truck's box, tank or bed; a car's is its body colour
    glass: np.ndarray
    rim: np.ndarray
    outline: float  # canvas pixels; 0 for none
    lights: bool

    @classmethod
    def random(cls, rng: np.random.Generator, supersample: int) -> Paint:
        body = paint_colour(rng)
        load = body if rng.random() < 0.4 else paint_colour(rng)
        glass = rng.choice(4)
        glass = [np.array([0.55, 0.72, 0.85]), np.array([0.15, 0.18, 0.22]), np.array([0.35, 0.42, 0.48]),
                 np.array([0.75, 0.85, 0.90])][glass] + rng.uniform(-0.05, 0.05, 3)
        rim = [np.array([0.75, 0.76, 0.78]), np.array([0.15, 0.15, 0.16]), np.array([0.9, 0.9, 0.88])][rng.integers(3)]
        outline = 0.0 if rng.random() < 0.35 else supersample * rng.uniform(0.5, 1.3)
        return cls(body, load, np.clip(glass, 0, 1), rim, outline, bool(rng.random() < 0.8))


@dataclass(frozen=True)
class Vehicle:
    """What was drawn: the class, the body style, and the height of its top in units of its length."""

    kind: str
    model: str
    height: float
    wheels: int


_TYRE = np.array([0.10, 0.10, 0.11])
_DARK = np.array([0.18, 0.18, 0.19])
_HEADLIGHT = np.array([0.98, 0.95, 0.75])
_TAILLIGHT = np.array([0.80, 0.08, 0.06])


def _wheel(canvas: Canvas, pen: Pen, u: float, r: float, paint: Paint, arch: bool = True) -> None:
    if arch:
        pen.disk(canvas, u, r, r * 1.18, _DARK)
    pen.disk(canvas, u, r, r, _TYRE)
    pen.disk(canvas, u, r, r * 0.55, paint.rim)
    pen.disk(canvas, u, r, r * 0.18, _DARK)


def _shaded(canvas: Canvas, pen: Pen, colour: np.ndarray, v_top: float, v_bottom: float) -> np.ndarray:
    """`colour` lit from above: lighter at the top of the span v_bottom..v_top, darker below."""
    top, bottom = canvas.ground - pen.at(0, v_top)[1], canvas.ground - pen.at(0, v_bottom)[1]
    rows = np.arange(canvas.size, dtype=np.float64) + 0.5
    t = np.clip((rows - top) / max(bottom - top, 1.0), 0, 1)[:, None, None]
    return np.broadcast_to(np.clip(colour * (1.12 - 0.32 * t), 0, 1), canvas.pixels.shape)


def _window(pen: Pen, canvas: Canvas, rear: tuple[float, float, float, float],
            front: tuple[float, float, float, float], glass: np.ndarray) -> None:
    """A window between two slanted edges, each given as (u at the bottom, v bottom, u at the top, v top)."""
    pen.polygon(canvas, [(rear[0], rear[1]), (front[0], front[1]), (front[2], front[3]), (rear[2], rear[3])], glass)


def _car(canvas: Canvas, pen: Pen, rng: np.random.Generator, paint: Paint, model: str) -> Vehicle:
    # Each style: wheel radius, clearance (x radius), beltline above the sill, cabin corners u (rear base,
    # rear roof, front roof, front base) and cabin height.
    styles = {
        "sedan": ((0.085, 0.10), (0.14, 0.18), ((0.14, 0.22), (0.30, 0.38), (0.56, 0.64), (0.72, 0.80)), (0.12, 0.16)),
        "hatchback": ((0.10, 0.12), (0.15, 0.19), ((0.02, 0.05), (0.07, 0.14), (0.50, 0.58), (0.70, 0.78)),
                      (0.14, 0.18)),
        "estate": ((0.085, 0.10), (0.14, 0.18), ((0.02, 0.04), (0.03, 0.06), (0.55, 0.62), (0.72, 0.78)),
                   (0.13, 0.16)),
        "coupe": ((0.085, 0.10), (0.12, 0.15), ((0.10, 0.18), (0.36, 0.44), (0.52, 0.58), (0.70, 0.78)),
                  (0.09, 0.12)),
        "suv": ((0.10, 0.12), (0.18, 0.22), ((0.02, 0.05), (0.04, 0.08), (0.60, 0.66), (0.74, 0.80)), (0.15, 0.19)),
    }
    (r_lo, r_hi), (belt_lo, belt_hi), corners, (cab_lo, cab_hi) = styles[model]
    r = rng.uniform(r_lo, r_hi)
    sill = r * rng.uniform(0.55, 0.85)
    belt = sill + rng.uniform(belt_lo, belt_hi)
    top = belt + rng.uniform(cab_lo, cab_hi)
    a0, a1, a2, a3 = (rng.uniform(lo, hi) for lo, hi in corners)
    body = _shaded(canvas, pen, paint.body, top, sill)
    # Cabin first, so that the body's top edge covers its base.
    pen.polygon(canvas, [(a0, belt - 0.01), (a1, top), (a2, top), (a3, belt - 0.01)], body, paint.outline)
    inset, pillar = 0.018, rng.uniform(0.45, 0.6)
    lo, hi = belt + inset * 0.5, top - inset

    def rear(v: float) -> float:
        return a0 + (a1 - a0) * (v - belt) / (top - belt) + inset

    def front(v: float) -> float:
        return a3 + (a2 - a3) * (v - belt) / (top - belt) - inset

    split = min(max(pillar, rear(hi) + 0.05), front(hi) - 0.05)
    _window(pen, canvas, (rear(lo), lo, rear(hi), hi), (split - 0.012, lo, split - 0.012, hi), paint.glass)
    _window(pen, canvas, (split + 0.012, lo, split + 0.012, hi), (front(lo), lo, front(hi), hi), paint.glass)
    nose, tail = rng.uniform(0.0, 0.05), rng.uniform(0.0, 0.04)
    pen.polygon(canvas, [(0.0, sill), (1.0, sill), (1.0, belt - nose), (0.93, belt), (0.02, belt), (0.0, belt - tail)],
                body, paint.outline)
    pen.segment(canvas, (split, sill + 0.02), (split, belt - 0.01), 0.006, _DARK)  # door seam
    pen.rect(canvas, split - 0.09, belt - 0.035, split - 0.05, belt - 0.025, _DARK)  # handle
    pen.rect(canvas, -0.01, sill - 0.005, 0.08, sill + 0.035, _DARK)  # bumpers
    pen.rect(canvas, 0.92, sill - 0.005, 1.01, sill + 0.035, _DARK)
    if paint.lights:
        pen.rect(canvas, 0.965, belt - nose - 0.045, 1.0, belt - nose - 0.01, _HEADLIGHT)
        pen.rect(canvas, 0.0, belt - tail - 0.045, 0.025, belt - tail - 0.01, _TAILLIGHT)
    for u in (rng.uniform(0.15, 0.22), rng.uniform(0.78, 0.85)):
        _wheel(canvas, pen, u, r, paint)
    return Vehicle("car", model, top, 2)


def _cab(canvas: Canvas, pen: Pen, rng: np.random.Generator, paint: Paint, u0: float, base: float,
         top: float) -> None:
    """A truck's cab from u0 to the front (u = 1), with a sloped windscreen and a side window."""
    slant = rng.uniform(0.01, 0.05)
    body = _shaded(canvas, pen, paint.body, top, base)
    pen.polygon(canvas, [(u0, base), (1.0, base), (1.0, top - 0.3 * (top - base)), (1.0 - slant, top), (u0, top)],
                body, paint.outline)
    window_bottom = top - 0.42 * (top - base)
    pen.polygon(canvas, [(u0 + 0.3 * (1 - u0), window_bottom), (1.0 - 0.012, window_bottom),
                         (1.0 - slant - 0.01, top - 0.018), (u0 + 0.3 * (1 - u0), top - 0.018)], paint.glass)
    pen.segment(canvas, (u0 + 0.25 * (1 - u0), base + 0.02), (u0 + 0.25 * (1 - u0), top - 0.02), 0.005, _DARK)
    pen.rect(canvas, 0.985, base - 0.005, 1.01, base + 0.06, _DARK)  # bumper
    if paint.lights:
        pen.rect(canvas, 0.975, base + 0.065, 1.0, base + 0.1, _HEADLIGHT)


def _truck(canvas: Canvas, pen: Pen, rng: np.random.Generator, paint: Paint, model: str) -> Vehicle:
    load = _shaded(canvas, pen, paint.load, 0.7, 0.1)
    if model == "box truck":
        r = rng.uniform(0.07, 0.09)
        base, box_end = r * rng.uniform(1.1, 1.4), rng.uniform(0.62, 0.72)
        top = rng.uniform(0.45, 0.72)
        pen.rect(canvas, 0.0, base - 0.04, 0.97, base + 0.01, _DARK)  # chassis
        pen.rect(canvas, 0.0, base, box_end, top, load, paint.outline)
        if rng.random() < 0.5:  # a stripe or a band of lettering along the box
            v = rng.uniform(base + 0.1, top - 0.1)
            pen.rect(canvas, 0.03, v, box_end - 0.03, v + rng.uniform(0.03, 0.08), paint_colour(rng))
        _cab(canvas, pen, rng, paint, box_end + rng.uniform(0.01, 0.03), base - 0.02, top * rng.uniform(0.6, 0.8))
        axles = [0.14, 0.86] if rng.random() < 0.5 else [0.12, 0.24, 0.86]
    elif model == "pickup":
        r = rng.uniform(0.095, 0.115)
        base = r * rng.uniform(0.9, 1.2)
        bed_end, cab_end = rng.uniform(0.36, 0.42), rng.uniform(0.62, 0.68)
        bed_top = base + rng.uniform(0.14, 0.18)
        cab_top = base + rng.uniform(0.27, 0.33)
        top = cab_top
        body = _shaded(canvas, pen, paint.body, cab_top, base)
        pen.rect(canvas, 0.0, base, bed_end, bed_top, body, paint.outline)  # the bed's side
        if rng.random() < 0.4:  # something in the bed
            pen.rect(canvas, 0.05, bed_top - 0.02, bed_end - 0.08, bed_top + rng.uniform(0.04, 0.12),
                     paint_colour(rng), paint.outline)
        pen.polygon(canvas, [(bed_end, base), (cab_end + 0.05, base), (cab_end + 0.05, bed_top),
                             (cab_end, cab_top), (bed_end + 0.02, cab_top), (bed_end, cab_top - 0.03)],
                    body, paint.outline)
        pen.polygon(canvas, [(bed_end + 0.04, bed_top + 0.02), (cab_end - 0.02, bed_top + 0.02),
                             (cab_end - 0.06, cab_top - 0.025), (bed_end + 0.04, cab_top - 0.025)], paint.glass)
        bonnet = bed_top + rng.uniform(-0.02, 0.02)
        pen.polygon(canvas, [(cab_end, base), (1.0, base), (1.0, bonnet - 0.03), (0.97, bonnet), (cab_end, bonnet)],
                    body, paint.outline)
        pen.rect(canvas, 0.97, base - 0.01, 1.01, base + 0.05, _DARK)
        if paint.lights:
            pen.rect(canvas, 0.97, bonnet - 0.07, 1.0, bonnet - 0.035, _HEADLIGHT)
        axles = [rng.uniform(0.16, 0.22), rng.uniform(0.80, 0.85)]
    elif model == "tanker":
        r = rng.uniform(0.065, 0.085)
        base, tank_end = r * rng.uniform(1.2, 1.5), rng.uniform(0.68, 0.74)
        height = rng.uniform(0.2, 0.3)
        pen.rect(canvas, 0.0, base - 0.04, 0.97, base + 0.01, _DARK)
        centre = base + 0.02 + height / 2
        pen.rect(canvas, height / 2 * 0.6, base + 0.02, tank_end - height / 2 * 0.6, base + 0.02 + height, load)
        for u in (height / 2 * 0.6, tank_end - height / 2 * 0.6):
            pen.ellipse(canvas, u, centre, height / 2 * 0.6, height / 2, load)
        pen.rect(canvas, 0.1, base + 0.02 + height, tank_end - 0.1, base + 0.04 + height, _DARK)  # walkway
        top = base + 0.04 + height
        _cab(canvas, pen, rng, paint, tank_end + 0.02, base - 0.02, base + rng.uniform(0.24, 0.32))
        axles = [0.1, 0.2, 0.86] if rng.random() < 0.6 else [0.12, 0.86]
    elif model == "articulated lorry":
        r = rng.uniform(0.04, 0.055)
        base, trailer_end = r * rng.uniform(1.4, 1.8), rng.uniform(0.74, 0.79)
        top = base + rng.uniform(0.18, 0.24)
        pen.rect(canvas, 0.0, base - 0.02, 0.98, base + 0.005, _DARK)
        pen.rect(canvas, 0.0, base, trailer_end, top, load, paint.outline)
        _cab(canvas, pen, rng, paint, trailer_end + 0.015, base - 0.02, top * rng.uniform(0.85, 1.0))
        axles = [0.06, 0.12, 0.18, trailer_end - 0.04, 0.93]
    elif model == "dump truck":
        r = rng.uniform(0.085, 0.1)
        base, bed_end = r * rng.uniform(1.2, 1.4), rng.uniform(0.64, 0.70)
        top = base + rng.uniform(0.26, 0.36)
        pen.rect(canvas, 0.02, base - 0.04, 0.97, base + 0.01, _DARK)
        pen.polygon(canvas, [(0.05, base + 0.02), (bed_end - 0.03, base + 0.02), (bed_end, top), (0.0, top)],
                    load, paint.outline)
        for k in range(1, 4):  # ribs on the tipper
            u = bed_end * k / 4
            pen.segment(canvas, (u, base + 0.03), (u, top - 0.01), 0.012, np.clip(paint.load * 0.7, 0, 1))
        _cab(canvas, pen, rng, paint, bed_end + 0.02, base - 0.02, base + rng.uniform(0.22, 0.3))
        axles = [0.14, 0.3, 0.85]
    elif model == "flatbed":
        r = rng.uniform(0.07, 0.09)
        base, deck_end = r * rng.uniform(1.1, 1.4), rng.uniform(0.66, 0.72)
        deck = base + 0.04
        pen.rect(canvas, 0.0, base - 0.03, 0.97, deck, _DARK)
        top = deck
        u = rng.uniform(0.02, 0.08)
        for _ in range(rng.integers(1, 4)):  # crates on the deck
            width, height = rng.uniform(0.12, 0.3), rng.uniform(0.1, 0.3)
            if u + width > deck_end - 0.02:
                break
            pen.rect(canvas, u, deck, u + width, deck + height, paint_colour(rng), paint.outline)
            top = max(top, deck + height)
            u += width + rng.uniform(0.01, 0.05)
        cab_top = base + rng.uniform(0.26, 0.34)
        top = max(top, cab_top)
        _cab(canvas, pen, rng, paint, deck_end + 0.02, base - 0.02, cab_top)
        axles = [0.14, 0.86] if rng.random() < 0.5 else [0.1, 0.22, 0.86]
    else:
        raise ValueError(f"unknown truck model {model!r}")
    if paint.lights:
        pen.rect(canvas, 0.0, base + 0.01, 0.02, base + 0.05, _TAILLIGHT)
    for u in axles:
        _wheel(canvas, pen, u, r, paint, arch=False)
    return Vehicle("truck", model, top, len(axles))


CAR_MODELS: tuple[str, ...] = ("sedan", "hatchback", "estate", "coupe", "suv")
TRUCK_MODELS: tuple[str, ...] = ("box truck", "pickup", "tanker", "articulated lorry", "dump truck", "flatbed")

_DRAW: dict[str, Callable[..., Vehicle]] = {"car": _car, "truck": _truck}
_MODELS = {"car": CAR_MODELS, "truck": TRUCK_MODELS}


def draw_vehicle(canvas: Canvas, pen: Pen, rng: np.random.Generator, kind: str, model: str | None = None,
                 paint: Paint | None = None) -> Vehicle:
    """Draw a `kind` ("car" or "truck") with `pen` (its length is the pen's scale): a random body style of
    that kind unless `model` names one, in random paint unless `paint` is given."""
    if kind not in _MODELS:
        raise ValueError(f"kind must be 'car' or 'truck', got {kind!r}")
    models = _MODELS[kind]
    model = models[rng.integers(len(models))] if model is None else model
    if model not in models:
        raise ValueError(f"unknown {kind} model {model!r}; the models are {models}")
    paint = Paint.random(rng, canvas.supersample) if paint is None else paint
    return _DRAW[kind](canvas, pen, rng, paint, model)
