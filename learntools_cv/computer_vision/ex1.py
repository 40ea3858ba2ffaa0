"""Lesson 1 of the Computer Vision course, The Convolutional Classifier, as learner notebooks import it:

    from learntools_cv.core import binder; binder.bind(globals())
    from learntools_cv.computer_vision.ex1 import *

The questions, their diagnosis and the setup code live in `learntools_cv.lessons.convolutional_classifier`; this module
only numbers and binds them.
"""

from learntools_cv.core import bind_exercises
from learntools_cv.lessons.convolutional_classifier.exercise import *  # noqa: F403 (question classes, for authors' tests)
from learntools_cv.lessons.convolutional_classifier.exercise import GRADING_LIMITS, QUESTIONS, SETUP_CODE  # noqa: F401

qvars = bind_exercises(globals(), QUESTIONS, var_format="q_{n}")
__all__ = list(qvars)
