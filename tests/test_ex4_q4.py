"""ex4 q_4, bonus: `output_size(size, window, stride, padding)`, a learner's function judged on a table of cases
against TensorFlow's rule. Every right way of writing it passes, and every formula learners write instead is
named, with the smallest telling case. Messages are pinned in full."""

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


RIGHT = {
    "floor-division": (
        "def output_size(size, window, stride, padding):\n"
        "    if padding == 'SAME':\n"
        "        return -(-size // stride)\n"
        "    return (size - window) // stride + 1"
    ),
    "math": (
        "import math\n"
        "def output_size(size, window, stride, padding):\n"
        "    if padding == 'SAME':\n"
        "        return math.ceil(size / stride)\n"
        "    return math.floor((size - window) / stride) + 1"
    ),
    # Whole numbers as numpy floats, or in a tensor, are the right numbers too.
    "numpy-floats": (
        "def output_size(size, window, stride, padding):\n"
        "    if padding == 'SAME':\n"
        "        return np.ceil(size / stride)\n"
        "    return np.floor((size - window) / stride) + 1"
    ),
    "a-tensor": (
        "def output_size(size, window, stride, padding):\n"
        "    if padding == 'SAME':\n"
        "        return tf.math.ceil(size / stride)\n"
        "    return (size - window) // stride + 1"
    ),
    # Padding window // 2 cells on both sides is TensorFlow's count for odd windows only: here, with the
    # windows' starts counted instead, it is right for every window.
    "count-the-starts": (
        "def output_size(size, window, stride, padding):\n"
        "    last = size - 1 if padding == 'SAME' else size - window\n"
        "    return len(range(0, last + 1, stride))"
    ),
}


@pytest.mark.parametrize("code", RIGHT.values(), ids=RIGHT)
def test_right_functions_are_correct(nb: Ex4Notebook, code: str) -> None:
    assert nb.run(code).check("q_4").status is Status.CORRECT


def test_the_starter_function_is_not_attempted(nb: Ex4Notebook) -> None:
    nb.run('def output_size(size, window, stride, padding):\n    """How many windows fit."""\n    pass')
    outcome = nb.check("q_4")
    assert (outcome.status, outcome.message) == (
        Status.NOT_ATTEMPTED, "Not attempted: The body of `output_size` is still empty."
    )


def test_the_cases_are_tensorflows_counts() -> None:
    """Every case the check calls the learner's function on, counted by TensorFlow itself."""
    import numpy as np
    import tensorflow as tf

    from learntools_cv.lessons.sliding_window.diagnosis.sizes import CASES, _right

    for size, window, stride, padding in CASES:
        out = tf.nn.max_pool1d(np.zeros((1, size, 1), np.float32), window, stride, padding)
        assert _right((size, window, stride, padding)) == out.shape[1], (size, window, stride, padding)


@pytest.mark.parametrize(
    ("code", "mistake", "message"),
    [
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            "    if padding == 'SAME':\n"
            '        return -(-size // stride)\n'
            '    return (size - window) // stride',
            'valid-without-plus-one',
            "Incorrect: `output_size` returned 1 for `output_size(5, 2, 2, 'VALID')`, but 2 windows fit. For "
            "'VALID' padding it gives `(size - window) // stride`: that counts the steps the window takes, not "
            'the windows. The first window needs no step, so add 1.',
            id='valid-without-plus-one',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            "    if padding == 'SAME':\n"
            '        return -(-size // stride)\n'
            '    return (size - window + 1) // stride',
            'valid-rounded-down',
            "Incorrect: `output_size` returned 1 for `output_size(5, 2, 3, 'VALID')`, but 2 windows fit. For "
            "'VALID' padding it gives `(size - window + 1) // stride`, which rounds down where TensorFlow "
            'rounds up: a window fits wherever it starts at most `size - window` cells in, so the count is '
            '`(size - window) // stride + 1`.',
            id='valid-rounded-down',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            "    if padding == 'SAME':\n"
            '        return -(-size // stride)\n'
            '    return size - window + 1',
            'valid-ignores-stride',
            "Incorrect: `output_size` returned 4 for `output_size(5, 2, 2, 'VALID')`, but 2 windows fit. For "
            "'VALID' padding it gives `size - window + 1` whatever the stride: that is the count for a stride "
            'of 1. A larger stride skips positions.',
            id='valid-ignores-stride',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            "    if padding == 'SAME':\n"
            '        return -(-size // window)\n'
            '    return (size - stride) // window + 1',
            'window-for-stride',
            "Incorrect: `output_size` returned 3 for `output_size(5, 2, 3, 'SAME')`, but 2 windows fit. For "
            "'SAME' padding it swaps the window and the stride, dividing the size by the window: the window is "
            'how many cells each position covers, the stride how far the window moves between positions.',
            id='window-for-stride',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            '    return -(-size // stride)',
            'valid-gives-same',
            "Incorrect: `output_size` returned 3 for `output_size(5, 2, 2, 'VALID')`, but 2 windows fit. For "
            "'VALID' padding it gives what 'SAME' padding gives, `size / stride` rounded up: 'VALID' keeps "
            'every window inside, so windows that would hang over the edge do not count.',
            id='valid-gives-same',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            "    if padding == 'SAME':\n"
            '        return size // stride\n'
            '    return (size - window) // stride + 1',
            'same-rounded-down',
            "Incorrect: `output_size` returned 2 for `output_size(5, 2, 2, 'SAME')`, but 3 windows fit. For "
            "'SAME' padding it gives `size // stride`, rounded down: 'SAME' pads the edge so that a last, "
            'partly padded window fits too, so TensorFlow rounds up.',
            id='same-rounded-down',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            "    if padding == 'SAME':\n"
            '        return size\n'
            '    return (size - window) // stride + 1',
            'same-ignores-stride',
            "Incorrect: `output_size` returned 5 for `output_size(5, 2, 2, 'SAME')`, but 3 windows fit. For "
            "'SAME' padding it gives `size` whatever the stride: 'SAME' keeps the size only with stride 1. "
            'With a larger stride, a window starts every `stride` cells.',
            id='same-ignores-stride',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            "    if padding == 'same':\n"
            '        return -(-size // stride)\n'
            '    return (size - window) // stride + 1',
            'same-gives-valid',
            "Incorrect: `output_size` returned 2 for `output_size(5, 2, 2, 'SAME')`, but 3 windows fit. For "
            "'SAME' padding it gives what 'VALID' padding gives. Does your function compare `padding` with "
            "`'SAME'` exactly as written, in capitals?",
            id='lowercase-same',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            "    pad = window // 2 if padding == 'SAME' else 0\n"
            '    return (size + 2 * pad - window) // stride + 1',
            'same-pads-both-sides',
            "Incorrect: `output_size` returned 4 for `output_size(6, 2, 2, 'SAME')`, but 3 windows fit. For "
            "'SAME' padding it pads `window // 2` cells on both sides and counts as for 'VALID': right for an "
            "odd window, one window too many for an even one. TensorFlow's 'SAME' pads only what `size / "
            'stride` windows, rounded up, need.',
            id='padded-both-sides',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            "    if padding == 'SAME':\n"
            '        return size / stride\n'
            '    return (size - window) / stride + 1',
            'not-whole',
            "Incorrect: `output_size(1, 1, 2, 'SAME')` returned 0.5, but a count of windows is a whole number. "
            '`/` divides exactly; `//` rounds down, and `-(-a // b)` rounds up.',
            id='true-division',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            '    return size // 0',
            'function-raised',
            "Incorrect: `output_size(1, 1, 1, 'VALID')` raised `ZeroDivisionError: integer division or modulo "
            'by zero`.',
            id='raises',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            '    print(size - window)',
            'returned-none',
            "Incorrect: `output_size(1, 1, 1, 'VALID')` returned `None`. Did you forget a `return` statement?",
            id='no-return',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            '    return str((size - window) // stride + 1)',
            'not-a-number',
            "Incorrect: `output_size(1, 1, 1, 'VALID')` returned `'1'`, not a number of windows.",
            id='returns-a-string',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            '    return True',
            'not-a-number',
            "Incorrect: `output_size(1, 1, 1, 'VALID')` returned `True`, not a number of windows.",
            id='returns-a-boolean',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            '    while True:\n'
            '        pass',
            'function-timeout',
            "Incorrect: `output_size(1, 1, 1, 'VALID')` did not return within 0.5 seconds.",
            id='endless',
        ),
        pytest.param(
            'def output_size(size, window, stride, padding):\n'
            '    return size - window',
            'wrong-size',
            "Incorrect: `output_size` returned 3 for `output_size(5, 2, 2, 'VALID')`, but 2 windows fit. The "
            'windows start at cells 0 and 2.',
            id='other',
        ),
        pytest.param(
            'output_size = 112',
            'not-a-function',
            'Incorrect: `output_size` should be a function, but it is `112`.',
            id='not-a-function',
        ),
    ],
)
def test_q4_mistakes_are_named(nb: Ex4Notebook, code: str, mistake: str | None, message: str) -> None:
    outcome = nb.run(code).check("q_4")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, message)
