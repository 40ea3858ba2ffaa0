"""Lesson 3, Maximum Pooling, under its first name, for notebooks written before the course had six lessons:

    from learntools_cv.core import binder; binder.bind(globals())
    from learntools_cv.ex3 import *

It binds the same questions as `learntools_cv.computer_vision.ex3`, under this module's name (the name that
events and gradebooks record for notebooks that import it).
"""

from learntools_cv.core import bind_exercises
from learntools_cv.lessons.maximum_pooling.exercise import *  # noqa: F403 (question classes, for authors' tests)
from learntools_cv.lessons.maximum_pooling.exercise import QUESTIONS, SETUP_CODE  # noqa: F401

qvars = bind_exercises(globals(), QUESTIONS, var_format="q_{n}")
__all__ = list(qvars)
