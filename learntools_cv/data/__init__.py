"""The shipped pictures under their learner-facing name: `from learntools_cv.data import image_path`.

The images live in `learntools_cv.vision.data`.
"""

from learntools_cv.vision.data import IMAGE_NAMES, image_path, lesson_images

__all__ = ["IMAGE_NAMES", "image_path", "lesson_images"]
