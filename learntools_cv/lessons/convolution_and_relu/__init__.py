"""Lesson 2, Convolution and ReLU: the first two steps of feature extraction, *filter* (a convolution with a
kernel) and *detect* (the ReLU). The questions are in `exercise`, the diagnosis of wrong answers in
`diagnosis`. Learners reach it as `learntools_cv.computer_vision.ex2`; the pictures, kernels and plots it
shares with other lessons are in `learntools_cv.vision`."""
