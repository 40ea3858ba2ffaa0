"""`learntools_cv.core.figures`: the comparison pictures are checked on the data they draw (colour scales and
limits, colour maps, colour bars, titles and where they stand, sizes), not only that a PNG comes out."""

from __future__ import annotations

import io

import numpy as np
import pytest

from learntools_cv.core import figures
from learntools_cv.core.outcome import Figure

EXPECTED = np.random.default_rng(0).random((199, 199)).astype(np.float32) * 3
ANSWER = EXPECTED * 0.5  # average pooling gives dimmer maps, say


def maps_and_difference(fig):
    """The three panel axes and the colour-bar axes of an answer/expected/difference figure."""
    panels = [ax for ax in fig.axes if ax.get_images() and ax.get_title()]
    bars = [ax for ax in fig.axes if ax not in panels and ax.get_visible() and ax.axison]
    return panels, bars


def test_answer_and_expected_share_one_scale_with_zero_in_it() -> None:
    fig = figures.draw(Figure(actual=ANSWER, expected=EXPECTED, title="image_condense_avg"))
    (yours, expected, difference), bars = maps_and_difference(fig)
    clims = [ax.get_images()[0].get_clim() for ax in (yours, expected)]
    assert clims[0] == clims[1] == (0.0, pytest.approx(float(EXPECTED.max())))
    assert [ax.get_images()[0].get_cmap().name for ax in (yours, expected)] == ["magma", "magma"]
    assert len(bars) == 2  # one for the shared scale, one for the difference


def test_the_difference_is_diverging_and_centred_on_zero() -> None:
    fig = figures.draw(Figure(actual=ANSWER, expected=EXPECTED))
    (_, _, difference), _ = maps_and_difference(fig)
    image = difference.get_images()[0]
    low, high = image.get_clim()
    assert low == -high == pytest.approx(-float(np.abs(ANSWER - EXPECTED).max()))
    assert image.get_cmap().name == "RdBu_r"
    np.testing.assert_allclose(image.get_array(), ANSWER.astype(np.float64) - EXPECTED)


def test_titles_stand_over_their_own_panels_and_the_heading_at_the_left() -> None:
    fig = figures.draw(Figure(actual=ANSWER, expected=EXPECTED, title="image_condense"))
    panels, _ = maps_and_difference(fig)
    assert [ax.get_title() for ax in panels] == ["Your answer", "Expected", "Difference (yours - expected)"]
    heading = fig._suptitle
    assert (heading.get_text(), heading.get_horizontalalignment()) == ("image_condense", "left")
    assert heading.get_position()[0] < 0.05  # over the whole row, from its left edge, not over the middle panel


def test_panels_are_large_enough_to_read() -> None:
    data = figures.png(Figure(actual=ANSWER, expected=EXPECTED, title="image_condense"), dpi=72)
    from matplotlib.image import imread

    height, width, _ = imread(io.BytesIO(data)).shape
    assert width >= 3 * figures.PANEL_PIXELS and height >= figures.PANEL_PIXELS
    fig = figures.draw(Figure(actual=ANSWER, expected=EXPECTED), dpi=72)
    fig.savefig(io.BytesIO(), format="png", dpi=72)  # lays the figure out as it is shown
    for ax in maps_and_difference(fig)[0]:
        box = ax.get_window_extent()
        assert min(box.width, box.height) >= 0.85 * figures.PANEL_PIXELS


def test_a_constant_tiny_map_is_drawn_as_bright_as_its_value() -> None:
    # q_6: two dots pooled five times are one bright pixel; it used to be drawn solid black.
    steps = [np.zeros((4, 4)), np.zeros((2, 2)), np.ones((1, 1))]
    steps[0][1, 1] = steps[0][1, 3] = 1.0
    steps[1][0, 0] = steps[1][0, 1] = 1.0
    panels = tuple((f"pooled {i}x" if i else "start", s) for i, s in enumerate(steps))
    fig = figures.draw(Figure(actual=steps[-1], expected=None, title="Two dots 2 pixels apart", panels=panels))
    axes = [ax for ax in fig.axes if ax.get_images() and ax.get_title()]
    assert [ax.get_title() for ax in axes] == ["start", "pooled 1x", "pooled 2x"]
    last = axes[-1].get_images()[0]
    assert last.get_clim() == (0.0, 1.0)
    assert last.norm(1.0) == 1.0  # the top of the colour scale
    assert {ax.get_images()[0].get_interpolation() for ax in axes} == {"nearest"}


def test_many_panels_wrap_into_rows() -> None:
    panels = tuple((f"pooled {i}x", np.ones((2, 2)) * i) for i in range(7))
    fig = figures.draw(Figure(actual=None, expected=None, title="t", panels=panels), dpi=72)
    fig.savefig(io.BytesIO(), format="png", dpi=72)
    drawn = [ax for ax in fig.axes if ax.get_images()]
    rows = {round(ax.get_position().y0, 2) for ax in drawn}
    assert len(drawn) == 7 and len(rows) == 3
    assert {ax.get_images()[0].get_clim() for ax in drawn} == {(0.0, 6.0)}


def test_a_map_of_zeros_and_nan_still_draws() -> None:
    answer = np.zeros((3, 3))
    expected = np.full((3, 3), np.nan)
    fig = figures.draw(Figure(actual=answer, expected=expected))
    (yours, _, difference), _ = maps_and_difference(fig)
    assert yours.get_images()[0].get_clim() == (0.0, 1.0)
    assert difference.get_images()[0].get_clim() == (-1.0, 1.0)
    assert figures.png(Figure(actual=answer, expected=expected)).startswith(b"\x89PNG")


SERIES = np.sin(np.linspace(0, 6, 120)) * 10 + 50


def test_a_series_is_drawn_as_lines_with_its_difference_below() -> None:
    answer = SERIES + np.linspace(0, 2, SERIES.size)
    fig = figures.draw(Figure(actual=answer, expected=SERIES, title="ts_filter", series=True))
    top, bottom = [ax for ax in fig.axes if ax.get_lines()]
    lines = {line.get_label(): line for line in top.get_lines()}
    np.testing.assert_allclose(lines["Your answer"].get_ydata(), answer)
    np.testing.assert_allclose(lines["Expected"].get_ydata(), SERIES)
    np.testing.assert_array_equal(lines["Your answer"].get_xdata(), np.arange(SERIES.size))
    assert lines["Your answer"].get_color() == figures.SERIES_COLORS["yours"]
    difference, zero = bottom.get_lines()
    np.testing.assert_allclose(difference.get_ydata(), answer - SERIES)
    assert list(zero.get_ydata()) == [0.0, 0.0]
    assert (top.get_title(), bottom.get_title()) == ("Your answer and the expected series", "Difference (yours - expected)")
    assert fig._suptitle.get_text() == "ts_filter"


def test_a_series_of_another_length_is_drawn_beside_the_expected_one_without_a_difference() -> None:
    answer = np.concatenate([[0.0], SERIES, [0.0]])
    fig = figures.draw(Figure(actual=answer, expected=SERIES, series=True))
    (top,) = [ax for ax in fig.axes if ax.get_lines()]
    assert [line.get_label() for line in top.get_lines()] == ["Expected", "Your answer"]
    assert len(top.get_lines()[1].get_ydata()) == SERIES.size + 2
    figures.png(Figure(actual=answer, expected=None, series=True))  # and alone
