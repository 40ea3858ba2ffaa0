"""Running lesson 5's and 6's notebooks in this process, as a kernel runs them, for tests of what their cells
print and draw.

The training cells are the notebooks' own, on a smaller data set (20 + 10 pictures a class, built once into a
temporary folder) and for one or two epochs, so that a test sees every cell run in seconds; the full runs are
the course's notebook tests (tests/test_course.py) and the benchmark (benchmarks/training.py).
"""

from __future__ import annotations

import contextlib
import io
import json
import linecache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from learntools_cv.core import binder  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def small(source: str, data: Path) -> str:
    """A cell on the small data set, each `fit` one epoch (the second of two fits: its second epoch)."""
    source = source.replace("from learntools_cv.vision.car_or_truck import dataset_dir",
                            "from learntools_cv.vision.car_or_truck import Spec, dataset_dir")
    source = source.replace("dataset_dir()", f"dataset_dir(Spec(20, 10), cache={str(data)!r})")
    for epochs in ("epochs=25", "epochs=30", "epochs=15", "epochs=10"):
        source = source.replace(epochs, "epochs=1")
    return source.replace("initial_epoch=15,\n        epochs=1", "initial_epoch=1,\n        epochs=2")


@dataclass
class Ran:
    """A notebook run in this process: its namespace, and per code cell its source, what it printed and drew."""

    ns: dict[str, Any]
    cells: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)
    figures: list[list[Any]] = field(default_factory=list)

    def cell(self, start: str) -> int:
        """The index of the one code cell whose source starts with `start`."""
        found = [i for i, source in enumerate(self.cells) if source.lstrip().startswith(start)]
        assert len(found) == 1, (start, found)
        return found[0]

    def cell_with(self, words: str) -> int:
        """The index of the one code cell whose source holds `words`."""
        found = [i for i, source in enumerate(self.cells) if words in source]
        assert len(found) == 1, (words, found)
        return found[0]


def run(path: Path, data: Path, replace: dict[str, str] | None = None) -> Ran:
    """Run the notebook's code cells in order in a fresh namespace, on the small data set; `replace` changes
    cells' text first (a learner's other answer)."""
    nb = json.loads(path.read_text())
    ran = Ran(ns={"__name__": "__main__"})
    saved = binder.bound_namespace()
    plt.close("all")
    try:
        for number, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
            source = small("".join(cell["source"]), data)
            for old, new in (replace or {}).items():
                source = source.replace(old, new)
            filename = f"<{path.stem} cell {number} {id(ran)}>"
            linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
            out = io.StringIO()
            with contextlib.redirect_stdout(out), pytest.MonkeyPatch.context() as patch:
                patch.setattr(plt, "show", lambda *a, **k: None)
                exec(compile(source, filename, "exec"), ran.ns)
            ran.cells.append(source)
            ran.printed.append(out.getvalue())
            ran.figures.append([plt.figure(n) for n in plt.get_fignums()])
            plt.close("all")
    finally:
        binder.restore(saved)
    return ran
