"""What the wheel ships: every file of the package, data included, and a new lesson's data files with no edit
to the packaging settings. The wheel is built from a copy of this checkout's tracked files, with a new lesson
(made by `learntools-cv new`) and a data file of its own added."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from learntools_cv.authoring.scaffold import scaffold

REPO = Path(__file__).resolve().parents[1]


def tracked(prefix: str) -> list[str]:
    done = subprocess.run(["git", "ls-files", "-z", prefix], cwd=REPO, capture_output=True, check=True)
    return [name for name in done.stdout.decode().split("\0") if name]


@pytest.mark.slow
def test_the_wheel_ships_every_package_file_and_a_new_lessons_data(tmp_path: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.skip("needs a git checkout, to know which files are the package's")
    copy = tmp_path / "checkout"
    for name in tracked("."):
        if (REPO / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, copy / name)
    scaffold("new_lesson", copy)
    (copy / "learntools_cv/lessons/new_lesson/data/weights.keras").write_bytes(b"model")
    (copy / "learntools_cv/lessons/new_lesson/data/series.npy").write_bytes(b"series")

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path / "dist", copy],
        check=True, capture_output=True, timeout=600,
    )
    (wheel,) = (tmp_path / "dist").glob("learntools_cv-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    package_files = {name for name in tracked("learntools_cv") if "/__pycache__/" not in name}
    assert package_files - shipped == set()
    assert {
        "learntools_cv/lessons/new_lesson/data/weights.keras",
        "learntools_cv/lessons/new_lesson/data/series.npy",
        "learntools_cv/lessons/new_lesson/exercise.py",
        "learntools_cv/lessons/new_lesson/__init__.py",
    } <= shipped
    assert any(name.startswith("learntools_cv/vision/data/") and name.endswith(".png") for name in shipped)
