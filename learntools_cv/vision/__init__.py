"""The vision room: helpers that several lessons share, and the pictures they ship with.

- `kernels`, `patterns`, `windows`: numpy only (no TensorFlow, no pyplot); `windows` is the geometry of a
  sliding window (where each window sits, what a stack of them sees);
- `answers`: whether a learner's answers are there yet, for cells that compute with them (neither TensorFlow
  nor pyplot);
- `tensorflow_quietly`: TensorFlow imported without its start-up log;
- `images`, `features`: reading pictures and extracting features, with TensorFlow;
- `plots`, `window_plots`: pictures for notebooks, with pyplot;
- `data`: the shipped pictures, found by name.

Learner notebooks reach them as `learntools_cv.visiontools` and `learntools_cv.data`. A module here never
imports a lesson, and the framework (`core`, `authoring`, `running`, `grading`, `report`) never imports one
of these.
"""
