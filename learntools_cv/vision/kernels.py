"""Classic 3x3 convolution kernels, as read-only float32 numpy arrays. Numpy only."""

from __future__ import annotations

import numpy as np

__all__ = ["KERNELS", "blur", "bottom_sobel", "edge", "emboss", "sharpen"]


def _kernel(rows: list[list[float]]) -> np.ndarray:
    array = np.array(rows, dtype=np.float32)
    array.setflags(write=False)  # module constants: a learner's in-place edit must not change them for everyone
    return array


#: Outline (Laplacian) kernel: responds where a pixel differs from its eight neighbours.
edge = _kernel([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])
#: Gaussian blur: a weighted average of the neighbourhood (weights sum to 1).
blur = _kernel([[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]])
#: Bottom Sobel kernel: responds to horizontal edges that are darker above than below.
bottom_sobel = _kernel([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
#: Emboss kernel (the one the Maximum Pooling exercise uses): lights edges facing the bottom right.
emboss = _kernel([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])
#: Sharpen kernel: the pixel, plus how much it differs from its four direct neighbours.
sharpen = _kernel([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])

#: The predefined kernels by name.
KERNELS: dict[str, np.ndarray] = {
    "edge": edge,
    "blur": blur,
    "bottom_sobel": bottom_sobel,
    "emboss": emboss,
    "sharpen": sharpen,
}
