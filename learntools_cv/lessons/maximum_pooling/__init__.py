"""Lesson 3, Maximum Pooling: the exercise (`exercise`), the diagnosis of wrong answers (`diagnosis`), the
notebook helpers (`visiontools`), the offline stand-in for the pretrained base (`lesson_data`) and the shipped
images (`data`). Learners reach it as `learntools_cv.ex3` and `learntools_cv.visiontools`."""
