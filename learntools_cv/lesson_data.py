"""Lesson 3's offline stand-in for a pretrained base, under the name notebooks written before the course had
six lessons import it by: `from learntools_cv import lesson_data`. It lives in
`learntools_cv.lessons.maximum_pooling.lesson_data`, which is what lesson 3's notebooks import now."""

from learntools_cv.lessons.maximum_pooling.lesson_data import *  # noqa: F403
from learntools_cv.lessons.maximum_pooling.lesson_data import __all__  # noqa: F401
