"""A generated class for grading benchmarks and tests: learner notebooks made from the solution notebook
(solutions/ex3_maximum_pooling.ipynb) with a realistic mix of answers, and a manifest of what was planted.

    python benchmarks/class_gen.py OUT [--learners 40] [--seed 3]

writes OUT/submitted/<learner>/ex3/ex3_maximum_pooling.ipynb for each learner and OUT/manifest.json:

    {"learners": {"learner_01": {"notebook": "...", "hostile": null | "crash" | "endless",
                                 "hostile_cell": index or null,
                                 "planted": {"q_1": {"plant": "avg-pooling", "status": "incorrect",
                                                     "mistake": "avg-pooling"}, ...}}}}

`plant` names what was put in the answer cell: "right", "not-attempted", or a mistake, named by the mistake
id the checker gives it ("avg-pooling", "window-3", "pooled-image_filter", "stride-1", "uncalled-layer", ...).
`status` is the verdict the plant must get, and `mistake` the mistake id the lesson's diagnosis gives it (null
for right and unanswered ones). Most
learners answer most questions right; one notebook crashes its process and one never finishes a cell.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SOLUTION = REPO / "solutions" / "ex3_maximum_pooling.ipynb"

_POOL = "image_condense = tf.nn.pool(\n    input={src},\n    window_shape=({w}, {w}),\n    pooling_type='{mode}',\n" \
        "    strides=({s}, {s}),\n    padding='SAME',\n)"
_AVG = _POOL.replace("image_condense =", "image_condense_avg =")

# For each question: the answer variable, and plants as (name, code, expected status, weight).
PLANTS: dict[str, tuple[str, list[tuple[str, str, str, int]]]] = {
    "q_1": ("image_condense", [
        ("right", _POOL.format(src="image_detect", w=2, mode="MAX", s=2), "correct", 22),
        ("avg-pooling", _POOL.format(src="image_detect", w=2, mode="AVG", s=2), "incorrect", 4),
        ("window-3", _POOL.format(src="image_detect", w=3, mode="MAX", s=2), "incorrect", 3),
        ("pooled-image_filter", _POOL.format(src="image_filter", w=2, mode="MAX", s=2), "incorrect", 3),
        ("stride-1", _POOL.format(src="image_detect", w=2, mode="MAX", s=1), "incorrect", 3),
        ("not-attempted", "image_condense = tf.nn.pool(\n    input=image_detect,\n    window_shape=____,\n"
                          "    pooling_type=____,\n    strides=(2, 2),\n    padding='SAME',\n)", "not_attempted", 2),
        ("uncalled-layer", "image_condense = tf.keras.layers.MaxPool2D()", "incorrect", 1),
    ]),
    "q_4": ("image_condense_avg", [
        ("right", _AVG.format(src="image_detect", w=2, mode="AVG", s=2), "correct", 12),
        ("max-pooling", _AVG.format(src="image_detect", w=2, mode="MAX", s=2), "incorrect", 3),
        ("not-attempted", "image_condense_avg = ____", "not_attempted", 5),
    ]),
    "q_5": ("pooled_scores", [
        ("right", "pooled_scores = tf.reduce_mean(feature_maps, axis=[1, 2])", "correct", 12),
        ("reduce-sum", "pooled_scores = tf.reduce_sum(feature_maps, axis=[1, 2])", "incorrect", 2),
        ("keepdims", "pooled_scores = tf.reduce_mean(feature_maps, axis=[1, 2], keepdims=True)", "incorrect", 2),
        ("not-attempted", "pooled_scores = ____", "not_attempted", 4),
    ]),
    "q_6": ("poolings_to_merge", [
        ("right", "poolings_to_merge = {2: 2, 4: 3, 8: 4}", "correct", 12),
        ("off-by-one", "poolings_to_merge = {2: 1, 4: 3, 8: 4}", "incorrect", 3),
        ("not-attempted", "poolings_to_merge = {2: ____, 4: ____, 8: ____}", "not_attempted", 5),
    ]),
    "q_7": ("max_pool_2x2", [
        ("right", "def max_pool_2x2(feature_map):\n    h, w = feature_map.shape\n"
                  "    out = np.empty(((h + 1) // 2, (w + 1) // 2), dtype=feature_map.dtype)\n"
                  "    for i in range(out.shape[0]):\n        for j in range(out.shape[1]):\n"
                  "            out[i, j] = feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()\n    return out",
         "correct", 10),
        ("strided-slice", "def max_pool_2x2(feature_map):\n    return feature_map[::2, ::2]", "incorrect", 3),
        ("drops-odd-edge", "def max_pool_2x2(feature_map):\n    h, w = feature_map.shape\n"
                           "    return feature_map[:h // 2 * 2, :w // 2 * 2].reshape(h // 2, 2, w // 2, 2)"
                           ".max(axis=(1, 3))", "incorrect", 2),
        ("not-attempted", "def max_pool_2x2(feature_map):\n    pass", "not_attempted", 5),
    ]),
}

# The mistake id each wrong plant must be given (the lesson's diagnosis names it; None for the rest).
MISTAKE_IDS: dict[tuple[str, str], str] = {
    ("q_1", "avg-pooling"): "avg-pooling",
    ("q_1", "window-3"): "window-3",
    ("q_1", "pooled-image_filter"): "pooled-image_filter",
    ("q_1", "stride-1"): "stride-1",
    ("q_1", "uncalled-layer"): "uncalled-layer",
    ("q_4", "max-pooling"): "max-pooling",
    ("q_5", "reduce-sum"): "global-sum",
    ("q_5", "keepdims"): "keepdims",
    ("q_6", "off-by-one"): "too-few-poolings",
    ("q_7", "strided-slice"): "wrong-values",
    ("q_7", "drops-odd-edge"): "wrong-shape",
}

# The thought experiments get the same verdict whatever the notebook holds.
THOUGHT = {"q_2": "not_attempted", "q_3": "not_attempted"}

HOSTILE = {
    "crash": "import os\nos._exit(1)  # the notebook's process dies here",
    "endless": "while True:  # a cell that never finishes\n    pass",
}


def _answer_cells(nb: dict[str, Any]) -> dict[str, int]:
    """The index of the cell holding each answer variable's solution region."""
    found = {}
    for index, cell in enumerate(nb["cells"]):
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] != "code" or "# BEGIN SOLUTION" not in source:
            continue
        for question, (var, _) in PLANTS.items():
            if f"{var} =" in source or f"def {var}(" in source:
                found[question] = index
    return found


def _replace_region(source: str, code: str) -> str:
    """The cell with its solution region replaced by `code` (the check call after it is kept)."""
    head, rest = source.split("# BEGIN SOLUTION", 1)
    _, tail = rest.split("# END SOLUTION", 1)
    return head + code + tail


def _pick(rng: random.Random, plants: list[tuple[str, str, str, int]]) -> tuple[str, str, str]:
    names = [p for p in plants]
    chosen = rng.choices(names, weights=[p[3] for p in plants])[0]
    return chosen[0], chosen[1], chosen[2]


def generate(out: Path, learners: int = 40, seed: int = 3) -> dict[str, Any]:
    """Write the class under `out`; return the manifest (also written to out/manifest.json)."""
    solution = json.loads(SOLUTION.read_text())
    cells = _answer_cells(solution)
    rng = random.Random(seed)
    hostile_learners = {learners - 2: "crash", learners - 1: "endless"} if learners >= 4 else {}
    manifest: dict[str, Any] = {"source": str(SOLUTION.relative_to(REPO)), "seed": seed, "learners": {}}
    for n in range(learners):
        learner = f"learner_{n + 1:02d}"
        nb = copy.deepcopy(solution)
        planted = {}
        for question, (_, plants) in PLANTS.items():
            # The first learner answers everything right: a reference every run contains.
            name, code, status = ("right", *[(p[1], p[2]) for p in plants if p[0] == "right"][0]) if n == 0 \
                else _pick(rng, plants)
            cell = nb["cells"][cells[question]]
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = _replace_region(source, code)
            planted[question] = {"plant": name, "status": status, "mistake": MISTAKE_IDS.get((question, name))}
        for question, status in THOUGHT.items():
            planted[question] = {"plant": "thought-experiment", "status": status, "mistake": None}
        hostile = hostile_learners.get(n)
        hostile_cell = None
        if hostile:
            # After the q_1 answer cell, so that q_1 was answered before the process dies or hangs.
            hostile_cell = cells["q_1"] + 1
            nb["cells"].insert(hostile_cell, {"cell_type": "code", "metadata": {}, "outputs": [],
                                              "execution_count": None, "source": HOSTILE[hostile]})
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"] = []
                cell["execution_count"] = None
        folder = out / "submitted" / learner / "ex3"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "ex3_maximum_pooling.ipynb"
        path.write_text(json.dumps(nb, indent=1))
        manifest["learners"][learner] = {
            "notebook": str(path.relative_to(out)),
            "hostile": hostile,
            "hostile_cell": hostile_cell,
            "planted": dict(sorted(planted.items())),
        }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write the class into")
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    manifest = generate(Path(args.out), args.learners, args.seed)
    print(f"Wrote {len(manifest['learners'])} notebooks and manifest.json to {args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
