"""Lesson 4, The Sliding Window: convolution and pooling both slide a window over their input, and its
stride, padding and dilation decide how big the output is and what each output sees; stacked windows see
more and more of the picture (the receptive field); and the same window slides along a time series.

Its questions (`exercise`), the diagnosis of wrong answers (`diagnosis`) and its weekly series (`data`).
Learners reach it as `learntools_cv.computer_vision.ex4`; the pictures and plots it shares with other
lessons are in `learntools_cv.vision`.
"""
