"""Lesson 5's expected models (Keras layers made only when a check needs them) and the checkers of its bonus
numbers. Importing it loads no TensorFlow."""
