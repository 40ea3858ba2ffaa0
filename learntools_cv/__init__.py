"""learntools_cv: auto-graded exercises for computer-vision notebooks.

Importing this package is cheap: it does not import TensorFlow (nor numpy, until a name below needs it). The
exercise framework lives in `learntools_cv.core`; lessons live in modules such as `learntools_cv.ex3`.

`learntools_cv.progress()` shows which questions of the bound exercise are done.
"""

__version__ = "0.1.0"
__all__ = ["__version__", "progress"]


def __getattr__(name: str) -> object:
    # `progress` lives in the core; importing it lazily keeps `import learntools_cv` light.
    if name == "progress":
        from learntools_cv.core.session import progress

        return progress
    raise AttributeError(f"module 'learntools_cv' has no attribute {name!r}")
