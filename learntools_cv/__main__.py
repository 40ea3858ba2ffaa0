"""`python -m learntools_cv` is the same as the `learntools-cv` command."""

import sys

from learntools_cv.cli import main

sys.exit(main())
