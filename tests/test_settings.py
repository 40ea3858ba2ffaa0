"""Where the project's settings live, and what checks it: each settings file has one role and says so on its
first line; scripts/check runs lint, the type check and the tests; CI runs the README's commands as written,
in a fresh virtual environment."""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pytest depends on tomli before Python 3.11
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def first_line(name: str) -> str:
    return (REPO / name).read_text(encoding="utf-8").splitlines()[0]


# ---- two settings files, one role each ----


def test_setup_cfg_says_what_ships_and_holds_only_that() -> None:
    assert first_line("setup.cfg") == (
        "# What the package ships: setuptools' package discovery and the data files it carries. The project itself"
    )
    cfg = configparser.ConfigParser()
    cfg.read(REPO / "setup.cfg", encoding="utf-8")
    assert cfg.sections() and all(s == "options" or s.startswith("options.") for s in cfg.sections())


def test_pyproject_says_it_holds_the_project_and_every_tools_settings() -> None:
    assert first_line("pyproject.toml") == (
        "# The project: what it is (metadata, dependencies, the command), how it is built, and the settings of the"
    )
    settings = pyproject()
    assert {"project", "build-system", "tool"} <= set(settings)
    assert {"pytest", "ruff", "mypy"} <= set(settings["tool"])
    assert "ini_options" in settings["tool"]["pytest"]


def test_the_test_extra_has_every_tool_scripts_check_runs() -> None:
    test_extra = pyproject()["project"]["optional-dependencies"]["test"]
    names = {re.split(r"[<>=\[]", requirement)[0] for requirement in test_extra}
    assert {"pytest", "ruff", "mypy"} <= names


# ---- the type check ----


def test_mypy_checks_the_framework_rooms_and_no_lesson() -> None:
    files = pyproject()["tool"]["mypy"]["files"]
    assert files == [
        "learntools_cv/core",
        "learntools_cv/authoring",
        "learntools_cv/running",
        "learntools_cv/grading",
        "learntools_cv/report",
        "learntools_cv/reference.py",
        "learntools_cv/cli.py",
    ]
    assert all((REPO / f).exists() for f in files)


def test_scripts_check_lints_type_checks_then_tests() -> None:
    lines = (REPO / "scripts" / "check").read_text(encoding="utf-8").splitlines()
    steps = [line for line in lines if line.startswith("python -m ")]
    assert steps == ["python -m ruff check .", "python -m mypy", 'python -m pytest "$@"']


# ---- CI does what a newcomer does ----


def readme_quick_start_commands() -> list[str]:
    """The ```bash blocks of README.md's Quick start section, read here independently of .ci/run's reader."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    return [block.strip("\n") for block in re.findall(r"^```bash\n(.*?)^```$", section, re.S | re.M)]


def test_ci_runs_the_readmes_two_commands_as_written() -> None:
    done = subprocess.run(["bash", str(REPO / ".ci" / "run"), "--print-commands"], capture_output=True,
                          text=True, timeout=60, check=True)
    commands = readme_quick_start_commands()
    assert done.stdout.splitlines() == commands
    assert len(commands) == 2
    assert commands[0].endswith("learntools-cv run") and commands[1].endswith("scripts/check")


def test_ci_runs_them_in_a_fresh_activated_virtual_environment() -> None:
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    venv, activate = lines.index("python3 -m venv .venv"), lines.index(". .venv/bin/activate")
    runs = next(i for i, line in enumerate(lines) if line.startswith('eval "$command"'))
    assert venv < activate < runs
    assert not any("pip install" in line for line in lines)  # every install is the README's own
