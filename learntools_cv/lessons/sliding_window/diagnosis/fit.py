"""Least squares for recovering the kernel a learner really used, without numpy's BLAS-threaded products.

Beside TensorFlow, numpy's threaded BLAS calls (`@`, `np.dot`, `np.linalg.lstsq` on a tall matrix) stall for
tens of milliseconds on a busy machine (measured: 61 ms for a 4096 x 9 `lstsq`, against 2 ms this way), so
the sums go through `np.einsum`, which adds up in plain loops, and only the small square system is solved.
"""

from __future__ import annotations

import numpy as np


def least_squares(columns: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The weights w minimising |columns @ w - target| for a tall `columns` (rows x unknowns), in float64."""
    a = np.asarray(columns, dtype=np.float64)
    b = np.asarray(target, dtype=np.float64)
    gram = np.einsum("ri,rj->ij", a, a)
    moments = np.einsum("ri,r->i", a, b)
    weights, *_ = np.linalg.lstsq(gram, moments, rcond=None)  # a few unknowns: rank-deficient systems too
    return weights


def ratio(actual: np.ndarray, expected: np.ndarray) -> float | None:
    """The k for which actual ~= k * expected, by least squares; None when it is not meaningful (or 1)."""
    e = np.asarray(expected).reshape(-1)
    a = np.asarray(actual).reshape(-1)
    denom = float(np.einsum("i,i->", e, e, dtype=np.float64, casting="unsafe"))
    if denom == 0 or not np.isfinite(denom):
        return None
    k = float(np.einsum("i,i->", a, e, dtype=np.float64, casting="unsafe")) / denom
    if not np.isfinite(k) or abs(k - 1) < 1e-3 or abs(k) < 1e-6:
        return None
    return k
