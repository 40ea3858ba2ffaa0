"""Checkers for lesson 2's questions: pure functions on numpy arrays that raise `Incorrect` with a worded
diagnosis and a mistake id. They use the reference ops in `learntools_cv.reference`; none imports TensorFlow
or IPython (the function checkers build TensorFlow inputs only when TensorFlow is already loaded, as it is
wherever a learner's TensorFlow function exists)."""
