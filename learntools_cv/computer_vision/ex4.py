"""Lesson 4 of the Computer Vision course, The Sliding Window, as learner notebooks import it:

    from learntools_cv.core import binder; binder.bind(globals())
    from learntools_cv.computer_vision.ex4 import *

The questions, their diagnosis, the setup code and the lesson's series live in
`learntools_cv.lessons.sliding_window`; this module only numbers and binds them.
"""

from learntools_cv.core import bind_exercises
from learntools_cv.lessons.sliding_window.exercise import *  # noqa: F403 (question classes, for authors' tests)
from learntools_cv.lessons.sliding_window.exercise import QUESTIONS, SETUP_CODE  # noqa: F401

qvars = bind_exercises(globals(), QUESTIONS, var_format="q_{n}")
__all__ = list(qvars)
