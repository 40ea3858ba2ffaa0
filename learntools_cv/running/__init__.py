"""Executing notebooks headless (`learntools-cv run`). Needs the `notebooks` extra."""
