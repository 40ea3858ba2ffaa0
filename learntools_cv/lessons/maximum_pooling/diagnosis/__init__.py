"""Checkers for lesson questions: pure functions on numpy arrays that raise `Incorrect` with a worded
diagnosis. They use the reference ops in `learntools_cv.reference`; none imports TensorFlow or IPython."""
