"""TensorFlow, imported without its start-up log.

Importing TensorFlow writes a dozen lines to the process's standard error before anything can configure its
logging (oneDNN, "Could not find cuda drivers", the CPU feature guard, "failed call to cuInit", each behind
"WARNING: All log messages before absl::InitializeLog() is called..."); `TF_CPP_MIN_LOG_LEVEL` does not
silence them. In a notebook they are the first thing a learner sees, in a pink box. `tensorflow()` imports
TensorFlow and probes its devices (where the CUDA lines come from) with file descriptor 2 sent to a
temporary file, then writes back every line that is not such a start-up line: nothing else is hidden.

The vision helpers import TensorFlow through here, so a notebook whose first import is one of them
(`from learntools_cv import visiontools`) never shows the log; so do the grader's Dask workers, whose output
is the teacher's terminal.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from types import ModuleType

__all__ = ["is_startup_noise", "tensorflow", "without_startup_noise"]

# absl's "I0000 00:00:1796087169.237003   10543 port.cc:153] ..." and TensorFlow's older
# "2024-05-02 10:00:00.123456: I tensorflow/core/...cc:42] ..." prefixes.
_LOG_LINE = re.compile(r"^(?:[IWE]\d{4} [\d:.]+\s+\d+ \S+:\d+\]|\d{4}-\d\d-\d\d [\d:.]+: [IWE] \S+:\d+\])")
_NOISE = (
    "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR",
    "To enable the following instructions:",  # the second line of the CPU feature guard's message
)


def is_startup_noise(line: str) -> bool:
    """True for a line TensorFlow logs while it starts: a C++ log line, or one of its known companions."""
    return bool(_LOG_LINE.match(line)) or line.startswith(_NOISE)


def without_startup_noise(text: str) -> str:
    """`text` without TensorFlow's start-up lines."""
    return "".join(line for line in text.splitlines(keepends=True) if not is_startup_noise(line))


def tensorflow() -> ModuleType:
    """The `tensorflow` module, imported (and its devices probed) without the start-up log."""
    already = sys.modules.get("tensorflow")
    if already is not None and hasattr(already, "config"):
        return already
    with _stderr_filtered():
        import tensorflow as tf

        tf.config.list_physical_devices()  # CUDA is probed here, and logs that it is missing
    return tf


@contextlib.contextmanager
def _stderr_filtered() -> Iterator[None]:
    """Send what is written to file descriptor 2 to a temporary file, and write back what is not noise."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no descriptor 2 (an embedded interpreter): as it is
        yield
        return
    with tempfile.TemporaryFile() as caught:
        os.dup2(caught.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            caught.seek(0)
            kept = without_startup_noise(caught.read().decode(errors="replace"))
            if kept:
                sys.stderr.write(kept)
                sys.stderr.flush()
