"""Lesson 1's checkers: the frozen base and the classifier built on it. Importing it loads no TensorFlow."""
