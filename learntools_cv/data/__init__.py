"""The shipped lesson images under their learner-facing name: `from learntools_cv.data import image_path`.

The images live in `learntools_cv.lessons.maximum_pooling.data`.
"""

from learntools_cv.lessons.maximum_pooling.data import IMAGE_NAMES, image_path, lesson_images

__all__ = ["IMAGE_NAMES", "image_path", "lesson_images"]
