"""Lesson 5, Custom Convnets: a convolutional classifier built from blocks of `Conv2D` and `MaxPool2D`
layers, trained from scratch on the Car-or-Truck pictures. The questions are in `exercise`, the models they
expect and the checkers of the bonus numbers in `diagnosis`; the whole-model judge they use is
`learntools_cv.vision.models`. Learners reach it as `learntools_cv.computer_vision.ex5`."""
