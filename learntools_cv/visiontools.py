"""The lesson notebooks' helpers under their learner-facing name: `from learntools_cv import visiontools`.

They live in `learntools_cv.lessons.maximum_pooling.visiontools`.
"""

from learntools_cv.lessons.maximum_pooling.visiontools import *  # noqa: F403
from learntools_cv.lessons.maximum_pooling.visiontools import __all__  # noqa: F401
