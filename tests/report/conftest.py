"""Gradebooks and event files shared by the report's tests: a small hand-made class with awkward names, a
synthetic class of 300 with planted mistakes. The rows themselves are made in gradebook_factory.py."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
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


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return found[0].parent if found else None


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL server (Debian's package) on a private socket, run as the postgres user;
    yields its SQLAlchemy URL and stops it afterwards."""
    binaries = _postgres_bin()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as the postgres user")
        run_as = [runuser, "-u", "postgres", "--"]
    # Not under pytest's tmp folder: the postgres user cannot enter root's private folders.
    home = Path(tempfile.mkdtemp(prefix="report-pg-"))
    home.chmod(0o755)
    if run_as:
        shutil.chown(home, "postgres", "postgres")
    data, port = home / "data", _free_port()
    subprocess.run(
        [*run_as, str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = f"-p {port} -k {home} -c listen_addresses=''"
    subprocess.run(
        [*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "start", "-l", str(home / "log")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={home}&port={port}"
    finally:
        subprocess.run(
            [*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(home, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
