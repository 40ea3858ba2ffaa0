"""Lesson 3, Maximum Pooling: the questions (`exercise`), the diagnosis of wrong answers (`diagnosis`) and the
offline stand-in for the pretrained base (`lesson_data`). Learners reach it as
`learntools_cv.computer_vision.ex3` (or `learntools_cv.ex3`); the pictures and helpers it shares with other
lessons are in `learntools_cv.vision`."""
