"""Lesson 6's expected models (Keras layers made only when a check needs them) and the checker of its bonus
question. Importing it loads no TensorFlow."""
