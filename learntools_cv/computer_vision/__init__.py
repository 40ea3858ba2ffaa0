"""Kaggle's Computer Vision course, on learntools_cv: a notebook written for Kaggle's
`learntools.computer_vision.exN` ports by changing that import to `learntools_cv.computer_vision.exN`.

Each `exN` module numbers and binds the questions of lesson N, which lives in `learntools_cv.lessons.<name>`
with its diagnosis and data; its notebooks are `solutions/exN_<name>.ipynb` (the source),
`exercises/exN_<name>.ipynb` (built from it) and `exercises/tutN_<name>.ipynb`. `visiontools` is the vision
helpers' module under the name Kaggle's notebooks import it by.
"""
