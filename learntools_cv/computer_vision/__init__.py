"""Kaggle's Computer Vision course, on learntools_cv: a notebook written for Kaggle's
`learntools.computer_vision.exN` ports by changing that import to `learntools_cv.computer_vision.exN`.

Each `exN` module numbers and binds the questions of one lesson, which lives in `learntools_cv.lessons.<name>`
with its diagnosis and data; `visiontools` is the vision helpers' module, under the name Kaggle's notebooks
import it by. `LESSONS` lists the lessons this course has, by number.
"""

from __future__ import annotations

__all__ = ["LESSONS"]

LESSONS: dict[int, tuple[str, str]] = {
    3: ("Maximum Pooling", "maximum_pooling"),
}
"""The course's lessons: number -> (title, the lesson's folder in `learntools_cv/lessons/`). The learner-facing
module of lesson N is `learntools_cv.computer_vision.exN`; its notebooks are `solutions/exN_<folder>.ipynb`,
`exercises/exN_<folder>.ipynb` and `exercises/tutN_<folder>.ipynb`."""
