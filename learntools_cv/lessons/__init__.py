"""Lessons: each folder holds one lesson's questions, diagnosis, images, plots and data.

A lesson depends on the framework (`learntools_cv.core`, `learntools_cv.reference`); the framework never
imports a lesson.
"""
