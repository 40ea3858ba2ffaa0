"""Exercise modules written as Kaggle's learntools exercise modules are written, one per real module of the
`python` and `intro_to_programming` tracks.

Each module says at its top which real module it mirrors. It uses the same core features in the same way
(question classes, attributes, helper calls, `CS.load`, multipart questions, injected methods), with questions,
hints and solutions of our own. Its only link to the framework is its `learntools_cv.core` import lines, which
sit exactly where the real module imports from `learntools.core`; test_learntools_tracks.py checks that.
"""
