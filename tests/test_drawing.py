"""The vision room's numpy drawing: shapes fill what they should and only that, a Pen places shapes, a camera
roll turns pictures the right way, and scenes and their faults are drawn from the generator alone."""

from __future__ import annotations

import math

import numpy as np
import pytest

from learntools_cv.vision import scenes
from learntools_cv.vision.drawing import Canvas, Pen, convex_mask, rotate_about_centre


def blank(size: int = 64) -> Canvas:
    return Canvas(np.zeros((size, size, 3)), ground=size)


def test_a_polygon_fills_its_inside_whichever_way_round() -> None:
    rows, cols = np.mgrid[:40, :40] + 0.5
    square = [(10, 10), (30, 10), (30, 20), (10, 20)]
    for vertices in (square, square[::-1]):
        mask = convex_mask(vertices, rows, cols)
        assert mask.sum() == 20 * 10 and mask[15, 20] and not mask[5, 5]
    assert convex_mask(square, rows, cols, inset=2).sum() == 16 * 6


def test_shapes_paint_only_their_bounding_box_and_blend() -> None:
    canvas = blank()
    canvas.polygon([(8, 8), (24, 8), (24, 24), (8, 24)], (1.0, 0.0, 0.0))  # y up from the bottom row
    painted = canvas.pixels[..., 0] == 1.0
    assert painted.sum() == 16 * 16 and painted[64 - 16, 16] and not painted[16, 16]
    canvas.disk(48, 48, 6, (0.0, 1.0, 0.0), alpha=0.5)
    assert canvas.pixels[64 - 48, 48, 1] == 0.5
    assert abs((canvas.pixels[..., 1] > 0).sum() - math.pi * 36) < 12
    canvas.ring(16, 48, 8, 4, (0.0, 0.0, 1.0))
    assert canvas.pixels[64 - 48, 16, 2] == 0.0 and canvas.pixels[64 - 48, 16 + 6, 2] == 1.0
    canvas.polygon([(-50, -50), (-40, -50), (-40, -40)], (1.0, 1.0, 1.0))  # off the canvas: nothing
    assert (canvas.pixels == 1.0).all(axis=-1).sum() == 0


def test_a_texture_is_read_where_the_shape_is() -> None:
    canvas = blank(16)
    texture = np.random.default_rng(0).random((16, 16, 3))
    canvas.polygon([(0, 0), (16, 0), (16, 8), (0, 8)], texture)
    np.testing.assert_array_equal(canvas.pixels[8:], texture[8:])
    assert (canvas.pixels[:8] == 0).all()


def test_the_image_averages_the_supersampled_canvas() -> None:
    canvas = blank(8)
    canvas.pixels[0, 0] = 1.0
    image = canvas.image()
    assert image.shape == (4, 4, 3) and image.dtype == np.float32 and image[0, 0, 0] == 0.25


def test_a_pen_places_turns_and_mirrors() -> None:
    pen = Pen(10.0, 5.0, 2.0)
    assert pen.at(1.0, 0.5) == (12.0, 6.0)
    assert Pen(10.0, 5.0, 2.0, mirror=True).at(1.0, 0.5) == (8.0, 6.0)
    x, y = Pen(0.0, 0.0, 1.0, angle=math.pi / 2).at(1.0, 0.0)
    assert abs(x) < 1e-12 and abs(y - 1.0) < 1e-12


def test_a_roll_turns_anticlockwise_and_zero_changes_nothing() -> None:
    image = np.random.default_rng(1).random((9, 9, 3))
    np.testing.assert_allclose(rotate_about_centre(image, 0.0), image)
    np.testing.assert_allclose(rotate_about_centre(image, math.pi / 2), np.rot90(image), atol=1e-9)


def test_value_noise_is_smooth_and_in_range() -> None:
    noise = scenes.value_noise(np.random.default_rng(2), 64, 4, 1)
    assert noise.shape == (64, 64, 1) and 0.0 <= noise.min() and noise.max() <= 1.0
    assert np.abs(np.diff(noise, axis=0)).max() < 0.1  # neighbours differ little: 4 cells over 64 pixels


@pytest.mark.parametrize("kind", scenes.SCENE_KINDS)
def test_every_scene_kind_is_drawn_from_the_generator_alone(kind: str) -> None:
    one = scenes.background(np.random.default_rng(3), 128, kind)
    two = scenes.background(np.random.default_rng(3), 128, kind)
    np.testing.assert_array_equal(one.canvas.pixels, two.canvas.pixels)
    assert one.horizon < one.floor_top < one.floor_bottom < 128
    assert one.canvas.pixels.std() > 0.02 and 0.0 <= one.canvas.pixels.min() and one.canvas.pixels.max() <= 1.0


@pytest.mark.parametrize("kind", scenes.OCCLUDER_KINDS)
def test_every_occluder_covers_part_of_the_region(kind: str) -> None:
    canvas = Canvas(np.full((128, 128, 3), 0.5), ground=110)
    assert scenes.occlude(canvas, np.random.default_rng(4), 20, 108, 40, kind) == kind
    region = canvas.pixels[110 - 40 : 110, 20:108]
    changed = (region != 0.5).any(axis=-1).mean()
    assert 0.02 < changed < 0.9


def test_finish_flips_on_request_and_makes_uint8() -> None:
    canvas = blank(32)
    canvas.pixels[:, :16] = 1.0
    image, done = scenes.finish(canvas, np.random.default_rng(5), mirror=True)
    assert image.shape == (16, 16, 3) and image.dtype == np.uint8 and done.mirrored
    assert image[:, 12:].mean() > image[:, :4].mean() + 100  # the bright half is now on the right
