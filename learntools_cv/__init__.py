"""learntools_cv: auto-graded exercises for computer-vision notebooks.

Importing this package is cheap: it does not import TensorFlow. The exercise framework lives in
`learntools_cv.core`; lessons live in modules such as `learntools_cv.ex3`.
"""

__version__ = "0.1.0"
