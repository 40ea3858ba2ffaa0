"""Lesson 6, Data Augmentation: random transformations of the training pictures (contrast, flips, turns) as
layers at the start of a model, active while it trains and idle when it predicts. The questions are in
`exercise`, the models they expect and the checker of the bonus question in `diagnosis`; the whole-model judge
they use is `learntools_cv.vision.models`. Learners reach it as `learntools_cv.computer_vision.ex6`."""
