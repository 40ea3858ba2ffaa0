"""Draw the pictures shipped in `learntools_cv/vision/data/`, deterministically.

    python tools/make_images.py            # rewrite the PNGs in learntools_cv/vision/data/
    python tools/make_images.py --out DIR  # write them somewhere else

Both images are drawn with matplotlib patches on an Agg canvas (no text, so no fonts are involved) and saved
with Pillow, which writes no timestamp: the same matplotlib and Pillow versions give byte-identical files.

- `car_illustration.png` (400x400): a flat-coloured cartoon car seen from the side, with thick dark outlines.
  The colours differ in brightness as well as hue so that the edges survive the exercise's grayscale conversion.
- `street_scene.png` (400x300): a shaded delivery van parked in front of a brick wall, with a tree and a lamp
  post. It stands in for the tutorial's car photo: it is a drawing, but it has texture (bricks, leaves, road
  markings, shading) so that an edge-detection kernel finds many edges of different strengths.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, FancyBboxPatch, Polygon, Rectangle
from PIL import Image

DATA_DIR = Path(__file__).resolve().parent.parent / "learntools_cv" / "vision" / "data"

OUTLINE = "#1a1a1a"


def _canvas(width: int, height: int, background: str) -> tuple[Figure, object]:
    """A figure of exactly width x height pixels whose data coordinates are pixels, y pointing up."""
    fig = Figure(figsize=(width / 100, height / 100), dpi=100, facecolor=background)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    ax.set_facecolor(background)
    return fig, ax


def _to_array(fig: Figure) -> np.ndarray:
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    return np.array(rgba[..., :3], dtype=np.uint8)


def _shade(ax, patch, top: tuple[float, float, float], bottom: tuple[float, float, float], extent) -> None:
    """Fill `patch` with a vertical gradient from `top` to `bottom` colour (extent = x0, x1, y0, y1)."""
    t = np.linspace(0.0, 1.0, 64)[:, None, None]
    gradient = (1 - t) * np.array(top) + t * np.array(bottom)
    image = ax.imshow(
        np.repeat(gradient, 2, axis=1), extent=extent, origin="upper", interpolation="bilinear", zorder=patch.zorder
    )
    image.set_clip_path(patch)


def draw_car_illustration() -> np.ndarray:
    """The cartoon car, as a (400, 400, 3) uint8 array."""
    fig, ax = _canvas(400, 400, "#f4f1e8")
    lw = 5
    # Road and the car's shadow.
    ax.add_patch(Rectangle((0, 0), 400, 112, facecolor="#8c8c8c", edgecolor="none"))
    ax.add_patch(Rectangle((0, 108), 400, 6, facecolor="#5a5a5a", edgecolor="none"))
    ax.add_patch(Ellipse((200, 112), 330, 22, facecolor="#4a4a4a", edgecolor="none"))
    # Cabin (behind the body), then its windows.
    cabin = [(108, 220), (150, 300), (262, 300), (312, 220)]
    ax.add_patch(Polygon(cabin, closed=True, facecolor="#c0392b", edgecolor=OUTLINE, lw=lw, joinstyle="round"))
    for window in ([(128, 222), (158, 286), (202, 286), (202, 222)], [(216, 222), (216, 286), (256, 286), (292, 222)]):
        ax.add_patch(Polygon(window, facecolor="#bfe3f5", edgecolor=OUTLINE, lw=3))
    # Body.
    body = FancyBboxPatch(
        (34, 140), 332, 86, boxstyle="round,pad=0,rounding_size=26", facecolor="#d63a2c", edgecolor=OUTLINE, lw=lw
    )
    ax.add_patch(body)
    # Door seams, handles, lights, bumpers.
    ax.plot([209, 209], [150, 224], color=OUTLINE, lw=3)
    ax.plot([120, 120], [160, 224], color=OUTLINE, lw=3)
    ax.plot([298, 298], [160, 224], color=OUTLINE, lw=3)
    for x in (178, 266):
        ax.add_patch(Rectangle((x, 200), 22, 6, facecolor="#e6e6e6", edgecolor=OUTLINE, lw=1.5))
    ax.add_patch(Rectangle((346, 196), 20, 16, facecolor="#ffd23f", edgecolor=OUTLINE, lw=2.5))
    ax.add_patch(Rectangle((34, 196), 14, 16, facecolor="#7a0e0e", edgecolor=OUTLINE, lw=2.5))
    ax.add_patch(Rectangle((22, 142), 40, 16, facecolor="#b3b3b3", edgecolor=OUTLINE, lw=3))
    ax.add_patch(Rectangle((338, 142), 40, 16, facecolor="#b3b3b3", edgecolor=OUTLINE, lw=3))
    # Wheels: dark wheel arch, tyre, rim, hub.
    for x in (112, 290):
        ax.add_patch(Circle((x, 140), 46, facecolor="#2b2b2b", edgecolor="none"))
        ax.add_patch(Circle((x, 132), 38, facecolor="#141414", edgecolor=OUTLINE, lw=lw))
        ax.add_patch(Circle((x, 132), 20, facecolor="#c9c9c9", edgecolor=OUTLINE, lw=3))
        ax.add_patch(Circle((x, 132), 6, facecolor="#555555", edgecolor="none"))
    return _to_array(fig)


def draw_street_scene() -> np.ndarray:
    """The van in front of a brick wall, as a (300, 400, 3) uint8 array."""
    rng = np.random.default_rng(20240611)
    fig, ax = _canvas(400, 300, "#a9cfe8")
    # Sky (a gradient) and the brick wall.
    sky = Rectangle((0, 240), 400, 60, facecolor="none", edgecolor="none", zorder=0)
    ax.add_patch(sky)
    _shade(ax, sky, (0.47, 0.70, 0.88), (0.78, 0.88, 0.95), (0, 400, 240, 300))
    ax.add_patch(Rectangle((0, 100), 400, 142, facecolor="#cfc6b8", edgecolor="none", zorder=1))  # mortar
    brick_h, brick_w = 14, 36
    for row, y in enumerate(range(102, 240, brick_h + 2)):
        x0 = -(brick_w // 2) * (row % 2)
        for x in range(x0, 400, brick_w + 3):
            tone = rng.uniform(-0.08, 0.08)
            colour = np.clip(np.array([0.62, 0.27, 0.20]) + tone + rng.uniform(-0.03, 0.03, 3), 0, 1)
            brick = Rectangle((x, y), brick_w, min(brick_h, 240 - y), facecolor=colour, edgecolor="none", zorder=1)
            ax.add_patch(brick)
    # Wall coping, pavement with kerb, road with a dashed centre line.
    ax.add_patch(Rectangle((0, 238), 400, 6, facecolor="#8a8580", edgecolor="none", zorder=2))
    ax.add_patch(Rectangle((0, 80), 400, 22, facecolor="#b9b5ad", edgecolor="none", zorder=2))
    for x in range(0, 400, 50):
        ax.plot([x, x + 12], [80, 102], color="#9c978e", lw=1.5, zorder=2)
    ax.add_patch(Rectangle((0, 74), 400, 7, facecolor="#75716b", edgecolor="none", zorder=2))
    road = Rectangle((0, 0), 400, 74, facecolor="none", edgecolor="none", zorder=2)
    ax.add_patch(road)
    _shade(ax, road, (0.36, 0.36, 0.38), (0.25, 0.25, 0.27), (0, 400, 0, 74))
    for x in range(-10, 400, 70):
        ax.add_patch(Rectangle((x, 18), 38, 6, facecolor="#ecebe4", edgecolor="none", zorder=3))
    # A tree on the left: trunk and a canopy of overlapping leaf clusters.
    ax.add_patch(Rectangle((44, 100), 16, 90, facecolor="#5b3a22", edgecolor="#3a2413", lw=1.5, zorder=3))
    centres = rng.normal(loc=(52, 215), scale=(24, 22), size=(90, 2))
    for (cx, cy), radius, green in zip(centres, rng.uniform(7, 15, 90), rng.uniform(0.35, 0.62, 90)):
        colour = (0.16 + 0.2 * (green - 0.35), green, 0.18)
        ax.add_patch(Circle((cx, cy), radius, facecolor=colour, edgecolor="#1f3d17", lw=0.6, zorder=4))
    # A lamp post on the right.
    ax.add_patch(Rectangle((368, 100), 7, 150, facecolor="#2d3436", edgecolor="none", zorder=3))
    ax.add_patch(Polygon([(358, 250), (385, 250), (378, 262), (365, 262)], facecolor="#2d3436", zorder=3))
    ax.add_patch(Ellipse((371.5, 247), 16, 8, facecolor="#fff3b0", edgecolor="#2d3436", lw=1.5, zorder=3))
    # The van: a boxy body with a sloped bonnet, shaded from a light above.
    body = Polygon(
        [(110, 40), (110, 200), (250, 200), (262, 196), (292, 128), (330, 118), (338, 104), (338, 40)],
        closed=True,
        facecolor="none",
        edgecolor=OUTLINE,
        lw=3,
        joinstyle="round",
        zorder=6,
    )
    ax.add_patch(body)
    base = Polygon(body.get_xy(), closed=True, facecolor="none", edgecolor="none", zorder=5)
    ax.add_patch(base)
    _shade(ax, base, (0.96, 0.96, 0.93), (0.62, 0.66, 0.70), (110, 338, 40, 200))
    # Windscreen, side window, sliding-door seams, stripe, lights, bumper.
    windscreen = [(254, 188), (282, 128), (252, 128), (252, 188)]
    ax.add_patch(Polygon(windscreen, facecolor="#2f4858", edgecolor=OUTLINE, lw=2, zorder=7))
    ax.add_patch(Polygon([(256, 184), (262, 170), (258, 170)], facecolor="#9ec1d6", edgecolor="none", zorder=7))
    ax.add_patch(Rectangle((196, 128), 48, 56, facecolor="#2f4858", edgecolor=OUTLINE, lw=2, zorder=7))
    ax.add_patch(Rectangle((200, 168), 10, 12, facecolor="#9ec1d6", edgecolor="none", zorder=7))
    for x in (190, 248):
        ax.plot([x, x], [52, 194], color=OUTLINE, lw=2, zorder=7)
    ax.add_patch(Rectangle((110, 92), 228, 12, facecolor="#e67e22", edgecolor="none", zorder=7))
    ax.add_patch(Rectangle((324, 104), 14, 12, facecolor="#fff7c2", edgecolor=OUTLINE, lw=1.5, zorder=7))
    ax.add_patch(Rectangle((110, 110), 8, 24, facecolor="#c0392b", edgecolor=OUTLINE, lw=1.5, zorder=7))
    ax.add_patch(Rectangle((104, 38), 240, 12, facecolor="#34495e", edgecolor=OUTLINE, lw=2, zorder=7))
    for x in (156, 292):
        ax.add_patch(Circle((x, 40), 30, facecolor="#1b1b1b", edgecolor=OUTLINE, lw=2, zorder=8))
        ax.add_patch(Circle((x, 40), 15, facecolor="#aab2b5", edgecolor="#444444", lw=2, zorder=8))
        for angle in np.linspace(0, 2 * np.pi, 5, endpoint=False):
            ax.plot(
                [x, x + 13 * np.cos(angle)], [40, 40 + 13 * np.sin(angle)], color="#5d6468", lw=2, zorder=9
            )
    return _to_array(fig)


IMAGES = {"car_illustration": draw_car_illustration, "street_scene": draw_street_scene}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="directory to write the PNGs to")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, draw in IMAGES.items():
        path = args.out / f"{name}.png"
        Image.fromarray(draw()).save(path, optimize=True)
        print(f"{path}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
