"""The notebooks' vision helpers under the name Kaggle's course imports them by:
`from learntools_cv.computer_vision import visiontools` (the same module as `learntools_cv.visiontools`)."""

from learntools_cv.visiontools import *  # noqa: F403
from learntools_cv.visiontools import __all__  # noqa: F401
