"""Lessons: each folder holds one lesson's questions, its diagnosis and its data.

A lesson depends on the framework (`learntools_cv.core`, `learntools_cv.reference`); the framework never
imports a lesson.
"""
