"""Checkers for the Sliding Window questions: pure functions on numpy values that raise `Incorrect` with a
worded diagnosis and a mistake id, or `Uncheckable` when the learner's own values cannot tell a right answer
from a mistake. They compute the right answers with `learntools_cv.reference` and
`learntools_cv.vision.windows`; none imports TensorFlow, IPython or pyplot.

- `window`: a kernel slid over a picture with given strides and padding (q_1);
- `field`: the receptive field of stacked layers, as a number (q_2, q_5);
- `smoothing`: a 1-D kernel and the series it smooths (q_3);
- `sizes`: a learner's function for the output size of a sliding window (q_4).
"""
