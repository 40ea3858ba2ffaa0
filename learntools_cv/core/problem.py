"""learntools' module path `learntools.core.problem`, for modules that import from it directly.
The learntools question classes live in `learntools_cv.core.learntools`."""

from learntools_cv.core.learntools import *  # noqa: F403
from learntools_cv.core.learntools import __all__  # noqa: F401
