"""ex4 q_3 (`ts_kernel`, `ts_filter`): a kernel of the learner's choice and the weekly series smoothed with it.
Every right form passes, every named slip gets its words and id, a flat series is never Correct, and a wrong
series is shown as lines beside the expected one. Messages are pinned in full."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from ex4_notebook import Ex4Notebook

from learntools_cv.core import Session, Status
from learntools_cv.core.record import EVENTS_ENV


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No events file, and a fresh session for each test."""
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    with Session().activated():
        yield


@pytest.fixture
def nb(capsys: pytest.CaptureFixture[str]) -> Ex4Notebook:
    return Ex4Notebook(capsys)


RIGHT = {
    "weighted": (
        "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n"
        "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding='VALID')"
    ),
    "a-list-kernel": (
        "ts_kernel = [0.25, 0.25, 0.25, 0.25]\n"
        "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding='VALID')"
    ),
    "a-year-long-kernel": (
        "ts_kernel = tf.fill([52], 1 / 52)\n"
        "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding='VALID')"
    ),
    "kernel-shaped-for-conv1d": (
        "ts_kernel = tf.reshape(tf.constant([0.5, 0.5]), [2, 1, 1])\n"
        "ts_filter = tf.nn.conv1d(ts_data, ts_kernel, stride=1, padding='VALID')"
    ),
    "squeezed": (
        "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n"
        "ts_filter = tf.squeeze(tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), 1, 'VALID'))"
    ),
    "keras-Conv1D": (
        "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n"
        "layer = tf.keras.layers.Conv1D(1, 4, use_bias=False)\n"
        "layer.build(ts_data.shape)\n"
        "layer.set_weights([tf.reshape(ts_kernel, [-1, 1, 1]).numpy()])\n"
        "ts_filter = layer(ts_data)"
    ),
    # np.convolve flips the kernel: with the kernel reversed it gives the same numbers.
    "np.convolve-reversed": (
        "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n"
        "ts_filter = np.convolve(series, ts_kernel.numpy()[::-1], 'valid')"
    ),
    # ...and a symmetric kernel is its own reverse.
    "np.convolve-symmetric": "ts_kernel = [0.25, 0.5, 0.25]\nts_filter = np.convolve(series, ts_kernel, 'valid')",
}


@pytest.mark.parametrize("code", RIGHT.values(), ids=RIGHT)
def test_right_answers_are_correct(nb: Ex4Notebook, code: str) -> None:
    assert nb.run(code).check("q_3").status is Status.CORRECT


def test_half_an_answer_is_not_attempted(nb: Ex4Notebook) -> None:
    outcome = nb.run("ts_kernel = tf.constant([0.5, 0.5])\nts_filter = ____").check("q_3")
    assert (outcome.status, outcome.message) == (
        Status.NOT_ATTEMPTED,
        "Not attempted: `ts_filter` still holds the placeholder `____`. Replace it with your code, then run "
        "`q_3.check()` again.",
    )


@pytest.mark.parametrize(
    ("code", "mistake", "message"),
    [
        pytest.param(
            'ts_kernel = tf.constant([1.0, 2.0, 3.0, 4.0])\n'
            "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding='VALID')",
            'weights-sum',
            'Incorrect: The weights of `ts_kernel` add up to 10, not 1, so the smoothed series would be about '
            '10 times as high as the original. Divide each weight by their sum, or choose weights that add up '
            'to 1.',
            id='weights-sum',
        ),
        pytest.param(
            'ts_kernel = tf.constant([1.0])\n'
            "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding='VALID')",
            'one-weight',
            'Incorrect: `ts_kernel` has a single weight, so each window is one week: it scales the series but '
            'smooths nothing. Use at least two weights.',
            id='one-weight',
        ),
        pytest.param(
            'ts_kernel = tf.fill([2, 2], 0.25)\n'
            'ts_filter = ts_data',
            'kernel-not-1d',
            'Incorrect: `ts_kernel` has shape `(2, 2)`. A kernel for a series is one row of weights: shape '
            '`(k,)`, such as `tf.constant([0.25, 0.25, 0.25, 0.25])`.',
            id='kernel-not-1d',
        ),
        pytest.param(
            "ts_kernel = [0.5, float('nan')]\n"
            'ts_filter = ts_data',
            'kernel-not-finite',
            'Incorrect: `ts_kernel` holds NaN or infinite weights.',
            id='kernel-not-finite',
        ),
        pytest.param(
            "ts_kernel = ['a', 'b']\n"
            'ts_filter = ts_data',
            'not-numbers',
            'Incorrect: `ts_kernel` is a list that does not hold only numbers. It should be a short row of '
            'weights, such as `[0.25, 0.25, 0.25, 0.25]`.',
            id='kernel-of-strings',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding='SAME')",
            'padding-same',
            "Incorrect: It looks like you used 'SAME' padding: it adds zeros at both ends, so the first and "
            'last values average in weeks that do not exist and drag the ends of the smoothed series towards '
            "0. This question asks for 'VALID' padding, which keeps every window inside the series: use "
            "`padding='VALID'`.",
            id='same',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            "ts_filter = np.convolve(series, ts_kernel, 'valid')",
            'flipped-kernel',
            'Incorrect: It looks like your kernel was applied back to front: `np.convolve` flips the kernel '
            'before sliding it (a convolution, as mathematicians define it), while `tf.nn.conv1d` slides it as '
            'written (a cross-correlation). Use `tf.nn.conv1d`, or give `np.convolve` the kernel reversed.',
            id='np-convolve-valid',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            'ts_filter = np.convolve(series, ts_kernel)',
            'np-convolve-full',
            "Incorrect: It looks like you used `np.convolve` in its default mode, 'full': it also keeps the "
            'windows that hang over either end, so the result is longer than the series. `tf.nn.conv1d` with '
            "'VALID' padding keeps only the windows inside (and, unlike `np.convolve`, does not flip the "
            'kernel).',
            id='np-convolve-full',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            "ts_filter = np.convolve(series, ts_kernel, 'same')",
            'np-convolve-same',
            "Incorrect: It looks like you used `np.convolve(..., 'same')`: it pads the ends and flips the "
            "kernel. This question asks for `tf.nn.conv1d` with 'VALID' padding, which keeps every window "
            'inside the series.',
            id='np-convolve-same',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=2, padding='VALID')",
            'stride-2',
            'Incorrect: It looks like you moved the window 2 weeks at a time (`stride=2`), which keeps every '
            'other smoothed value. Use `stride=1`.',
            id='stride-2',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=4, padding='VALID')",
            'stride-as-window',
            "Incorrect: It looks like you moved the window by its own width (`stride` equal to the kernel's "
            'length): the windows no longer overlap, and you get one value per block of weeks. The stride is '
            'how far the window moves, not how wide it is: use `stride=1`.',
            id='stride-as-window',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding='VALID', dilations=2)",
            'dilation-2',
            "Incorrect: It looks like you set `dilations=2`: the kernel's weights then fall on every other "
            'week, so each window spreads over twice as many weeks. Leave `dilations` out.',
            id='dilation-2',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [1, 1, -1]), stride=1, padding='VALID')",
            'kernel-as-channels',
            'Incorrect: It looks like the kernel was reshaped to `(1, 1, k)`: a window one step wide with a '
            'weight per output channel, so each channel is the series times one weight. `tf.nn.conv1d` reads '
            '`filters` as (width, in channels, out channels): reshape the kernel to `(k, 1, 1)`, for example '
            'with `tf.reshape(ts_kernel, [-1, 1, 1])`.',
            id='kernel-as-channels',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            'ts_filter = ts_data',
            'not-smoothed',
            'Incorrect: `ts_filter` is `ts_data` itself: nothing was smoothed. Slide `ts_kernel` over it with '
            '`tf.nn.conv1d`.',
            id='not-smoothed',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.25, 0.25, 0.25, 0.25])\n'
            "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding='VALID')\n"
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])',
            'stale-kernel',
            'Incorrect: `ts_filter` is `ts_data` smoothed with another kernel, about `[0.25, 0.25, 0.25, '
            '0.25]`, not with `ts_kernel` as it is now. Did you change the kernel after smoothing? Run the '
            'cell that smooths the series again.',
            id='stale-kernel',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            'ts_filter = tf.zeros([1, 258, 1])',
            'all-zeros',
            'Incorrect: `ts_filter` is all zeros. Assign the result of `tf.nn.conv1d`.',
            id='all-zeros',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            'ts_filter = tf.zeros([1, 100, 1])',
            'wrong-shape',
            'Incorrect: `ts_filter` has shape `(1, 100, 1)`, but sliding a kernel of 4 weights over the 261 '
            "steps of `ts_data` with stride 1 and 'VALID' padding gives 261 - 4 + 1 = 258 values (shape `(1, "
            '258, 1)`).',
            id='wrong-shape',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            "ts_filter = tf.cast(tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), 1, 'VALID'), tf.int32)",
            'integer-dtype',
            'Incorrect: `ts_filter` holds integers (`int32`), so the fractional part of every smoothed value '
            "is lost. Keep the floating-point result; don't cast it.",
            id='integers',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            "ts_filter = tf.fill([1, 258, 1], float('nan'))",
            'nan-or-inf',
            'Incorrect: `ts_filter` contains 258 values that are NaN or infinite, where smoothing `ts_data` '
            'gives ordinary numbers.',
            id='nan',
        ),
        pytest.param(
            'ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n'
            "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), 1, 'VALID') + 1",
            None,
            'Incorrect: `ts_filter` has the right shape, but its values are off. 258 of 258 values (100%) '
            'differ. The largest difference is 1, at [0, 113, 0]. The first ones are at [0, 0, 0], [0, 1, 0], '
            '[0, 2, 0]. This question asks for `ts_data` smoothed with `ts_kernel`: `tf.nn.conv1d` with '
            "`stride=1` and `padding='VALID'`.",
            id='values-off',
        ),
        pytest.param(
            'ts_kernel = tf.ones([300]) / 300\n'
            'ts_filter = ts_data',
            'kernel-too-long',
            'Incorrect: `ts_kernel` has 300 weights, more than the 261 steps of `ts_data`: no window fits. Use '
            'a short kernel, a few weeks long.',
            id='kernel-too-long',
        ),
        pytest.param(
            'import pandas as pd\n'
            'ts_kernel = tf.constant([0.25, 0.25, 0.25, 0.25])\n'
            'ts_filter = pd.Series(series).rolling(4).mean().to_numpy()',
            'leading-nans',
            'Incorrect: Your smoothed series starts with NaN, one for each week before the first window is '
            "full, as pandas' `rolling(...).mean()` gives it; after them it is right. `tf.nn.conv1d` with "
            "'VALID' padding keeps only the full windows: use it, or leave the NaN out.",
            id='rolling-mean',
        ),
    ],
)
def test_q3_mistakes_are_named(nb: Ex4Notebook, code: str, mistake: str | None, message: str) -> None:
    outcome = nb.run(code).check("q_3")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, message)


FLAT = (
    "Nothing to check: Your `ts_data` is flat: every step is 50. Every kernel whose weights add up to 1 smooths "
    "a flat series into the same flat line, so this check cannot tell whether `ts_filter` is right. Your kernel "
    "is fine. Re-run the cells that load the lesson's series, then your answer, and check again."
)


@pytest.mark.parametrize(
    "answer",
    [
        "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding='VALID')",
        "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel[::-1], [-1, 1, 1]), stride=1, padding='VALID')",
    ],
    ids=["right", "flipped"],
)
def test_a_flat_series_is_never_correct(nb: Ex4Notebook, answer: str) -> None:
    nb.run("ts_data = tf.fill([1, 261, 1], 50.0)\nts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])").run(answer)
    outcome = nb.check("q_3")
    assert (outcome.status, outcome.message) == (Status.UNCHECKABLE, FLAT)


def test_a_wrong_series_is_shown_as_lines_beside_the_expected_one(nb: Ex4Notebook) -> None:
    nb.run(
        "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n"
        "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel[::-1], [-1, 1, 1]), stride=1, padding='VALID')"
    )
    figure = nb.check("q_3").figure
    expected = np.convolve(nb.ns["series"], [0.4, 0.3, 0.2, 0.1], "valid")  # np.convolve flips: the right one
    assert figure.series and figure.title == "ts_filter"
    np.testing.assert_allclose(figure.expected, expected, rtol=1e-6)
    np.testing.assert_allclose(figure.actual, nb.ns["ts_filter"].numpy().reshape(-1))


def test_the_series_is_the_made_up_weekly_interest() -> None:
    from learntools_cv.lessons.sliding_window import data

    weeks, series = data.search_interest()
    assert (weeks[0], weeks[-1], len(weeks)) == (np.datetime64("2015-01-04"), np.datetime64("2019-12-29"), 261)
    assert np.all(np.diff(weeks) == np.timedelta64(7, "D"))
    assert series.dtype == np.float32 and (series.min(), series.max()) == (13.0, 100.0)
    assert np.all(series == np.round(series))


def test_the_shipped_series_is_what_the_script_makes(tmp_path) -> None:
    import importlib.util
    from pathlib import Path

    from learntools_cv.lessons.sliding_window import data

    script = Path(__file__).resolve().parents[1] / "tools" / "make_series.py"
    spec = importlib.util.spec_from_file_location("make_series", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / "search_interest.csv").read_text() == data.data_path("search_interest.csv").read_text()


def test_an_unknown_data_file_names_the_ones_there_are() -> None:
    from learntools_cv.lessons.sliding_window import data

    with pytest.raises(FileNotFoundError, match="^lesson sliding_window has no data file 'x.csv'; it has: "
                       "search_interest.csv$"):
        data.data_path("x.csv")
