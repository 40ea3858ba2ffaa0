"""Notebook cells that compute with a learner's answers, run only once those answers are there.

A lesson's given cells often use what the learner wrote: a kernel, a convolution function, a function of
their own. While an answer still holds the placeholder `____` (or is a function whose body is still only
`pass`), such a cell would fail with a traceback on "Run All", or show nonsense. Written as

    if visiontools.answered(kernel, conv_fn, needs='Answer questions 1 and 2 first.'):
        image_filter = conv_fn(input=image, filters=kernel, strides=1, padding='SAME')

the cell keeps its code in view and prints one line instead. An answer that is not a placeholder can still be
the starter (a model whose block three is still empty, a `compile` without a loss); a cell that trains such a
model names the questions instead, and runs once their checks no longer say *Not attempted*:

    if visiontools.answered(q_1, q_2, needs='Answer questions 1 and 2 first: this cell trains your model.'):
        history = model.fit(ds_train, validation_data=ds_valid, epochs=25)

Imports neither TensorFlow nor pyplot.
"""

from __future__ import annotations

from typing import Any

from learntools_cv.core.placeholder import is_placeholder
from learntools_cv.core.question import has_empty_body
from learntools_cv.core.status import Status
from learntools_cv.core.view import QuestionView

__all__ = ["answered"]


def answered(*values: Any, needs: str = "") -> bool:
    """True when every one of `values` is an answer: not the placeholder `____`, not a function whose body
    is still empty (the way the framework tells that a question is not attempted), and, for a question
    (`q_1`), one whose check does not say Not attempted. Otherwise prints `needs` (or a line saying an
    answer is missing) and returns False."""
    if not any(_missing(value) for value in values):
        return True
    print(needs or "Fill in the blanks (`____`) above first: this cell uses your answers.")
    return False


def _missing(value: Any) -> bool:
    if type(value) is QuestionView:  # the exact type: a learner's object cannot pass for a question
        # The check's own attempt detection, without showing or recording anything.
        return value.evaluate().status is Status.NOT_ATTEMPTED
    return is_placeholder(value) or _empty_function(value)


def _empty_function(value: Any) -> bool:
    try:
        return callable(value) and not isinstance(value, type) and has_empty_body(value)
    except Exception:  # a learner's object that lies about itself is an answer, to be judged by its check
        return False
