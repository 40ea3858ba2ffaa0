"""The geometry of a sliding window along one axis, in numpy only: where each window of a convolution or a
pooling sits (strides, SAME or VALID padding, dilation), and which input cells one output of a stack of
such layers depends on (its receptive field).

The plots of the sliding window and of the receptive field draw what these functions compute, and the
Sliding Window lesson's checks work out the right answers with them; `tests/test_vision_windows.py` holds
them against TensorFlow's own output sizes and gradients.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from learntools_cv.reference import as_padding, pool_output_size

__all__ = ["Layer", "as_layers", "field_cells", "receptive_field", "window_starts"]


@dataclass(frozen=True)
class Layer:
    """One sliding-window layer along one axis: a convolution's kernel or a pooling's window.

    `size` is how many cells the window reads, `stride` how far it moves, `dilation` how far apart the cells
    it reads are (1: next to each other)."""

    size: int
    stride: int = 1
    dilation: int = 1

    def __post_init__(self) -> None:
        for name in ("size", "stride", "dilation"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"a layer's {name} must be a positive int; got {value!r}")

    @property
    def extent(self) -> int:
        """How many cells the window spans, from its first tap to its last."""
        return (self.size - 1) * self.dilation + 1


def as_layers(layers: Iterable[Any]) -> list[Layer]:
    """Layers from a list of `Layer`s, window sizes (stride 1) or (size, stride[, dilation]) tuples."""
    out = []
    for item in layers:
        if isinstance(item, Layer):
            out.append(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            out.append(Layer(item))
        elif isinstance(item, tuple) and 1 <= len(item) <= 3:
            out.append(Layer(*item))
        else:
            raise ValueError(f"a layer is a Layer, a window size or a (size, stride[, dilation]) tuple; got {item!r}")
    return out


def receptive_field(layers: Iterable[Any]) -> int:
    """How many input cells, along one axis, one output of the stacked `layers` depends on.

    Each layer widens the field by (its extent - 1) times the distance between neighbouring outputs of the
    layer below, which every earlier stride multiplies."""
    field, jump = 1, 1
    for layer in as_layers(layers):
        field += (layer.extent - 1) * jump
        jump *= layer.stride
    return field


def field_cells(layers: Sequence[Any], index: int = 0) -> list[list[int]]:
    """For output `index` of the last layer: the cells it depends on at every level, the input first and
    that output last (VALID windows, so level 0 is the input's cells from 0). Each level's cells are sorted.
    Dilated windows skip cells, so a level's cells need not be contiguous."""
    stack = as_layers(layers)
    levels = [[index]]
    for layer in reversed(stack):
        below = sorted({i * layer.stride + j * layer.dilation for i in levels[0] for j in range(layer.size)})
        levels.insert(0, below)
    return levels


def window_starts(size: int, window: int, stride: int = 1, padding: str = "VALID", dilation: int = 1) -> list[int]:
    """Where each window starts along an axis of `size` cells, as TensorFlow places them: cell 0 is the
    first real cell, so SAME padding's windows may start before it (at -1, say). Their count is the output's
    length."""
    extent = (window - 1) * dilation + 1
    pad = as_padding(padding)
    count = pool_output_size(size, extent, stride, pad)
    before = 0
    if pad == "SAME":
        before = max((count - 1) * stride + extent - size, 0) // 2
    return [i * stride - before for i in range(count)]
