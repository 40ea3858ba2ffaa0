"""Gradebooks and event files shared by the report's tests: a small hand-made class with awkward names, a
synthetic class of 300 with planted mistakes. The rows themselves are made in gradebook_factory.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradebook_factory import SyntheticClass, make_run, small_class, synthetic_class, write_gradebook


@pytest.fixture
def small_gradebook(tmp_path: Path) -> Path:
    return Path(
        write_gradebook(tmp_path / "gradebook.sqlite", small_class(), runs=[make_run(submissions=6, seconds=42.0)])
    )


@pytest.fixture(scope="session")
def class_300(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SyntheticClass]:
    synthetic = synthetic_class(300, seed=7)
    path = tmp_path_factory.mktemp("class300") / "gradebook.sqlite"
    write_gradebook(path, synthetic.submissions, runs=[make_run(submissions=300)])
    return path, synthetic
