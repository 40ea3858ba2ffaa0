"""The data of lesson 4, The Sliding Window, found by name. Every file here whose kind the package ships (see
setup.cfg) is installed with it.

- `search_interest.csv`: five years of made-up weekly interest in a search term, 0 to 100, in the manner of
  Google Trends (Kaggle's exercise uses a real Google Trends series, which cannot be downloaded offline).
  `tools/make_series.py` makes it; `search_interest()` reads it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

__all__ = ["data_path", "search_interest"]

_HERE = Path(__file__).resolve().parent


def data_path(filename: str) -> Path:
    """The path of this lesson's data file `filename`; FileNotFoundError names the files there are."""
    path = _HERE / filename
    if not path.is_file() or path.name == "__init__.py":
        there = sorted(p.name for p in _HERE.iterdir() if p.is_file() and p.suffix != ".py")
        raise FileNotFoundError(
            f"lesson sliding_window has no data file {filename!r}; it has: {', '.join(there) or 'none yet'}"
        )
    return path


def search_interest() -> tuple[np.ndarray, np.ndarray]:
    """(weeks, interest): each week's Sunday as `datetime64[D]`, and that week's interest as float32, from
    `search_interest.csv`."""
    with data_path("search_interest.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    weeks = np.array([row["week"] for row in rows], dtype="datetime64[D]")
    interest = np.array([float(row["interest"]) for row in rows], dtype=np.float32)
    return weeks, interest
