"""learntools' module path `learntools.core.globals_binder`, for modules that import `binder` from it.
The binder is the current session's (`learntools_cv.core.session`)."""

from learntools_cv.core.session import Binder, NotBound, binder

__all__ = ["Binder", "NotBound", "binder"]
