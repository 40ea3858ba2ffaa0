"""The lesson's offline stand-in for a pretrained base under its notebook name: `from learntools_cv import
lesson_data`. It lives in `learntools_cv.lessons.maximum_pooling.lesson_data`."""

from learntools_cv.lessons.maximum_pooling.lesson_data import *  # noqa: F403
from learntools_cv.lessons.maximum_pooling.lesson_data import __all__  # noqa: F401
