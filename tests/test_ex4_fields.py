"""ex4 q_2.a, q_2.b and q_5: receptive fields given as numbers. Every form of the right number passes, every
named slip gets its words and id (worked out of the stack, not listed by hand), anything that is not a number is
worded. Messages are pinned in full."""

from __future__ import annotations

from collections.abc import Iterator

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


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("q_2.a", "field_three_convs = 7"),
        ("q_2.a", "field_three_convs = 7.0"),
        ("q_2.a", "field_three_convs = np.int64(7)"),
        ("q_2.a", "field_three_convs = (7, 7)"),
        ("q_2.a", "field_three_convs = [7, 7]"),
        ("q_2.a", "field_three_convs = 3 + 2 + 2"),
        ("q_2.a", "field_three_convs = tf.constant(7)"),
        ("q_2.a", "field_three_convs = np.array([7, 7])"),
        ("q_2.b", "field_with_pooling = 8"),
        ("q_5", "field_dilated = 15"),
    ],
)
def test_the_right_number_in_any_form_is_correct(nb: Ex4Notebook, question: str, answer: str) -> None:
    assert nb.run(answer).check(question).status is Status.CORRECT


def test_a_right_answer_says_what_the_pooling_changed(nb: Ex4Notebook) -> None:
    assert nb.run("field_with_pooling = 8").check("q_2.b").message == (
        "Correct: The pooling widened the field by only one pixel, but it doubled the distance between neighbouring "
        "outputs: from here on, each further 3x3 convolution adds 4 pixels to the field instead of 2."
    )


@pytest.mark.parametrize(
    ("code", "mistake", "message"),
    [
        pytest.param(
            'field_three_convs = 9',
            'added-windows',
            "Incorrect: 9 adds up the windows' sizes, which counts the overlaps again: a window's neighbours "
            "are only one step apart, so each layer widens the field by its window's size minus one.",
            id='added-windows',
        ),
        pytest.param(
            'field_three_convs = 27',
            'multiplied-windows',
            "Incorrect: 27 multiplies the windows' sizes. Fields do not multiply: neighbouring outputs of a "
            "layer see overlapping patches, so each layer only widens the field, by its window's size minus "
            'one.',
            id='multiplied-windows',
        ),
        pytest.param(
            'field_three_convs = 5',
            'missing-layer',
            'Incorrect: 5 is the field of one layer fewer: two layers. Each 3x3 convolution reaches one more '
            'cell on each side of what the layer below sees.',
            id='missing-layer',
        ),
        pytest.param(
            'field_three_convs = 49',
            'area',
            'Incorrect: 49 counts every pixel of the square field. The question asks for the number of pixels '
            'along one side.',
            id='area',
        ),
        pytest.param(
            'field_three_convs = 6',
            'off-by-one',
            'Incorrect: 6 is one pixel too few. Count cells, not the steps between them: one output sees 1 '
            "cell of its own layer, and each layer below adds its window's size minus one, times the distance "
            'between neighbouring cells of the layer under it.',
            id='one-too-few',
        ),
        pytest.param(
            'field_three_convs = 8',
            'off-by-one',
            'Incorrect: 8 is one pixel too many. Count cells, not the steps between them: one output sees 1 '
            "cell of its own layer, and each layer below adds its window's size minus one, times the distance "
            'between neighbouring cells of the layer under it.',
            id='one-too-many',
        ),
        pytest.param(
            'field_three_convs = 3',
            'largest-window',
            'Incorrect: 3 is the widest window of the stack alone. The layers below it widen the field too: '
            'add what each one adds.',
            id='largest-window',
        ),
        pytest.param(
            'field_three_convs = 12',
            None,
            'Incorrect: `field_three_convs` is 12, which is not the receptive field of three 3x3 convolutions. '
            'Follow one output down the stack: at each layer, its window reaches a few more cells on each side '
            'of the layer below than the cells above it cover.',
            id='other',
        ),
        pytest.param(
            "field_three_convs = '7x7'",
            'string',
            "Incorrect: `field_three_convs` is a string (`'7x7'`). Assign a number, without quotes: the number "
            'of pixels on one side of the field.',
            id='string',
        ),
        pytest.param(
            'field_three_convs = (7, 5)',
            'not-square',
            'Incorrect: `field_three_convs` is 7 by 5, but the windows are square, so the field is too. Assign '
            'the number of pixels on one side.',
            id='not-square',
        ),
        pytest.param(
            'field_three_convs = 6.5',
            'not-whole',
            'Incorrect: `field_three_convs` is 6.5, but a receptive field is a whole number of pixels.',
            id='not-whole',
        ),
        pytest.param(
            'field_three_convs = True',
            'not-a-number',
            'Incorrect: `field_three_convs` is a boolean. Assign the number of pixels on one side of the field.',
            id='boolean',
        ),
        pytest.param(
            'field_three_convs = None',
            'not-a-number',
            'Incorrect: `field_three_convs` is `None`. Assign a number: the pixels on one side of the field.',
            id='none',
        ),
        pytest.param(
            'field_three_convs = [7, 7, 7]',
            'not-a-number',
            'Incorrect: `field_three_convs` is a Python list. Assign a number: the pixels on one side of the field.',
            id='a-list-of-three',
        ),
    ],
)
def test_q2a_mistakes_are_named(nb: Ex4Notebook, code: str, mistake: str | None, message: str) -> None:
    outcome = nb.run(code).check("q_2.a")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, message)


@pytest.mark.parametrize(
    ("code", "mistake", "message"),
    [
        pytest.param(
            'field_with_pooling = 14',
            'doubled-field',
            'Incorrect: 14 doubles the field of the layers below the pooling. A pooling with stride 2 doubles '
            'how fast the field grows in the layers after it, not the field itself: each pooled output sees '
            'two neighbouring outputs of the layer below, and their fields overlap in all but one row.',
            id='doubled',
        ),
        pytest.param(
            'field_with_pooling = 7',
            'missing-layer',
            "Incorrect: 7 is the field of the layers before the pooling. The pooling's window spans 2 "
            'neighbouring outputs of the layer below it, and each of those sees a field one pixel further '
            'along than its neighbour: the pooled output sees a little more.',
            id='missing-pooling',
        ),
        pytest.param(
            'field_with_pooling = 11',
            'added-windows',
            "Incorrect: 11 adds up the windows' sizes, which counts the overlaps again: a window's neighbours "
            "are only one step apart, so each layer widens the field by its window's size minus one.",
            id='added-windows',
        ),
        pytest.param(
            'field_with_pooling = 9',
            'off-by-one',
            'Incorrect: 9 is one pixel too many. Count cells, not the steps between them: one output sees 1 '
            "cell of its own layer, and each layer below adds its window's size minus one, times the distance "
            'between neighbouring cells of the layer under it.',
            id='off-by-one',
        ),
        pytest.param(
            'field_with_pooling = 64',
            'area',
            'Incorrect: 64 counts every pixel of the square field. The question asks for the number of pixels '
            'along one side.',
            id='area',
        ),
        pytest.param(
            'field_with_pooling = 54',
            'multiplied-windows',
            "Incorrect: 54 multiplies the windows' sizes. Fields do not multiply: neighbouring outputs of a "
            "layer see overlapping patches, so each layer only widens the field, by its window's size minus "
            'one.',
            id='multiplied',
        ),
        pytest.param(
            'field_with_pooling = 16',
            None,
            'Incorrect: `field_with_pooling` is 16, which is not the receptive field of three 3x3 '
            'convolutions, then 2x2 max pooling with stride 2. Follow one output down the stack: at each '
            'layer, its window reaches a few more cells on each side of the layer below than the cells above '
            'it cover.',
            id='other',
        ),
    ],
)
def test_q2b_mistakes_are_named(nb: Ex4Notebook, code: str, mistake: str | None, message: str) -> None:
    outcome = nb.run(code).check("q_2.b")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, message)


@pytest.mark.parametrize(
    ("code", "mistake", "message"),
    [
        pytest.param(
            'field_dilated = 7',
            'ignored-dilation',
            'Incorrect: 7 is the field of these layers without their dilation. A dilated kernel keeps its '
            'weights but spreads them out: a 3-wide kernel with dilation 2 spans 5 pixels, and with dilation '
            '4, 9.',
            id='ignored-dilation',
        ),
        pytest.param(
            'field_dilated = 17',
            'added-windows',
            "Incorrect: 17 adds up the windows' sizes, which counts the overlaps again: a window's neighbours "
            "are only one step apart, so each layer widens the field by its window's size minus one.",
            id='added-windows',
        ),
        pytest.param(
            'field_dilated = 135',
            'multiplied-windows',
            "Incorrect: 135 multiplies the windows' sizes. Fields do not multiply: neighbouring outputs of a "
            "layer see overlapping patches, so each layer only widens the field, by its window's size minus "
            'one.',
            id='multiplied',
        ),
        pytest.param(
            'field_dilated = 9',
            'largest-window',
            'Incorrect: 9 is the widest window of the stack alone. The layers below it widen the field too: '
            'add what each one adds.',
            id='largest-window',
        ),
        pytest.param(
            'field_dilated = 16',
            'off-by-one',
            'Incorrect: 16 is one pixel too many. Count cells, not the steps between them: one output sees 1 '
            "cell of its own layer, and each layer below adds its window's size minus one, times the distance "
            'between neighbouring cells of the layer under it.',
            id='off-by-one',
        ),
        pytest.param(
            'field_dilated = 225',
            'area',
            'Incorrect: 225 counts every pixel of the square field. The question asks for the number of pixels '
            'along one side.',
            id='area',
        ),
    ],
)
def test_q5_mistakes_are_named(nb: Ex4Notebook, code: str, mistake: str | None, message: str) -> None:
    outcome = nb.run(code).check("q_5")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, message)


def test_the_fields_are_the_ones_tensorflow_measures() -> None:
    """The right numbers come from the stack (vision.windows.receptive_field), which
    tests/test_vision_windows.py measures with TensorFlow's gradients."""
    from learntools_cv.lessons.sliding_window import exercise

    assert (exercise.FIELD_THREE.expected, exercise.FIELD_POOLED.expected, exercise.FIELD_DILATED.expected) == (7, 8, 15)
