"""The vision room: what several lessons share, and the files they ship with. A module here never imports a
lesson, and the framework (`core`, `authoring`, `running`, `grading`, `report`) never imports one of these.

Numpy only (no TensorFlow, no pyplot):

- `kernels`, `patterns`: classic kernels, and pattern makers (a disk, two dots, random maps);
- `windows`: the geometry of a sliding window (where each window sits, what a stack of them sees);
- `answers`: whether a learner's answers are there yet, for cells that compute with them;
- `compiling`: judging a learner's `model.compile(...)` for a two-class classifier (the loss and the metrics,
  by what they compute; Keras is imported only when a model is judged);
- `drawing`, `scenes`, `vehicles`, `objects`: drawing pictures with numpy: a canvas, backgrounds and
  occluders, cars and trucks, and the objects the shipped base was pretrained on.

The drawn Car-or-Truck image set, `car_or_truck`, is built on first use in Kaggle's folder layout (numpy, and
Pillow to write the PNG files) and loaded with Keras (docs/data.md).

With TensorFlow (imported without its start-up log by `learntools_cv.core.tensorflow_quietly`) or pyplot:

- `images`, `features`: reading pictures and extracting features;
- `pretrained`: the small convolutional base this project pretrained, with its weights in `data/`;
- `plots`, `window_plots`: pictures for notebooks.

`data` holds the shipped pictures (found by name) and the base's weights. Learner notebooks reach the helpers
as `learntools_cv.visiontools` and `learntools_cv.data`.
"""
