"""Lesson 1, The Convolutional Classifier: a classifier for the Car-or-Truck pictures made of the project's
pretrained convolutional base, frozen, and a small dense head trained on top of it. The questions are in
`exercise`, the checkers of the frozen base and of the model in `diagnosis`; the compile judge is
`learntools_cv.vision.compiling`. Learners reach it as `learntools_cv.computer_vision.ex1`."""
