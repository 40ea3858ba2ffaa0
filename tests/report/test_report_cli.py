"""`learntools-cv report`: what it writes, and the exact words (and exit status 2) for input it cannot read."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

import pytest
from events_factory import make_event, write_events

from learntools_cv.report.cli import add_report_parser, classify, main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_gradebook_becomes_one_page(small_gradebook: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out" / "report.html"
    code, stdout, err = run(capsys, str(small_gradebook), "-o", str(out))
    assert (code, err) == (0, "")
    assert stdout.startswith(f"Wrote {out} (")
    assert stdout.rstrip().endswith(": 6 submissions (5 graded, 1 could not be graded), 3 questions.")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_events_files_and_folders_become_one_page(tmp_path: Path, capsys) -> None:
    write_events(tmp_path / "a" / "events.jsonl", [make_event(learner="a")])
    b = write_events(tmp_path / "b.jsonl", [make_event(learner="b")], ["garbage"])
    out = tmp_path / "events.html"
    code, stdout, _ = run(capsys, str(tmp_path / "a"), str(b), "-o", str(out))
    assert code == 0
    assert stdout.rstrip().endswith(": 2 events from 2 learners in 2 files, 1 line skipped.")
    assert "How learners got to Correct: learntools_cv.ex3" in out.read_text(encoding="utf-8")


def test_an_events_file_is_recognised_by_its_first_line(tmp_path: Path) -> None:
    path = write_events(tmp_path / "events.log", [make_event()])
    assert classify([str(path)]) == ("events", [str(path)])


def missing(p: Path) -> Path:
    return p / "missing.sqlite"


def empty(p: Path) -> Path:
    (p / "empty.db").write_bytes(b"")
    return p / "empty.db"


def text(p: Path) -> Path:
    (p / "notes.txt").write_text("hello")
    return p / "notes.txt"


def folder(p: Path) -> Path:
    (p / "folder").mkdir()
    return p / "folder"


@pytest.mark.parametrize(
    "make, why",
    [
        (missing, "no such file or directory"),
        (empty, "it is empty"),
        (text, "it is neither an SQLite database nor JSON lines of learntools_cv events"),
        (folder, "it is a directory with no .jsonl files in it"),
    ],
)
def test_what_is_neither_is_refused_with_the_reason(make, why: str, tmp_path: Path, capsys) -> None:
    path = make(tmp_path)
    code, out, err = run(capsys, str(path), "-o", str(tmp_path / "r.html"))
    assert (code, out) == (2, "")
    assert err == f"learntools-cv report: {path} is not a gradebook or an events file: {why}\n"
    assert not (tmp_path / "r.html").exists()


def test_an_sqlite_file_that_is_not_a_gradebook_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    code, _, err = run(capsys, str(path))
    assert code == 2
    assert (
        err == f"learntools-cv report: {path} is not a gradebook or an events file: "
        "it has no submissions or results table\n"
    )


def test_a_gradebook_with_events_is_refused(small_gradebook: Path, tmp_path: Path, capsys) -> None:
    events = write_events(tmp_path / "e.jsonl", [make_event()])
    code, _, err = run(capsys, str(small_gradebook), str(events))
    assert code == 2
    assert err.startswith(
        "learntools-cv report: give one gradebook, or any number of events files, not both or several"
    )


def test_an_unknown_assignment_lists_the_known_ones(small_gradebook: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, str(small_gradebook), "--assignment", "ex9", "-o", str(tmp_path / "r.html"))
    assert code == 2
    assert err == "learntools-cv report: the gradebook has no assignment 'ex9'; it has: ex3\n"


def test_an_unreachable_database_url_is_refused(capsys) -> None:
    code, _, err = run(capsys, "nosuchdialect://x/y")
    assert code == 2
    assert err.startswith(
        "learntools-cv report: nosuchdialect://x/y is not a gradebook or an events file: cannot open nosuchdialect URLs"
    )


def test_the_parser_wires_into_a_larger_command() -> None:
    parser = argparse.ArgumentParser(prog="learntools-cv")
    sub = parser.add_subparsers(dest="command")
    add_report_parser(sub)
    args = parser.parse_args(["report", "g.sqlite", "-o", "x.html", "--links", "page"])
    assert (args.inputs, args.output, args.links, args.feedback_dir) == (["g.sqlite"], "x.html", "page", "feedback")
    assert callable(args.func)


def test_a_missing_sqlalchemy_names_the_install_command(
    small_gradebook: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)  # as if it were not installed
    code, _, err = run(capsys, str(small_gradebook))
    assert code == 2
    assert err == (
        "learntools-cv report: reading a gradebook needs SQLAlchemy, which is not installed: "
        "python -m pip install 'learntools_cv[grading]'\n"
    )


def test_a_missing_database_driver_names_the_install_command(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    code, _, err = run(capsys, "postgresql://teacher@localhost/grades")
    assert code == 2
    assert err == (
        "learntools-cv report: reading a postgresql+psycopg gradebook needs psycopg, which is not installed: "
        "python -m pip install 'learntools_cv[grading]'\n"
    )


def test_the_events_report_needs_no_sqlalchemy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)
    events = write_events(tmp_path / "e.jsonl", [make_event()])
    code, out, err = run(capsys, str(events), "-o", str(tmp_path / "e.html"))
    assert (code, err) == (0, "") and out.startswith("Wrote ")
