"""The report pages in a real browser: headless Chromium (the Debian package) driven by Playwright.

Each test opens a page from a file, as a teacher would, and checks what a teacher would see: no script
errors, every chart drawn with a size, the mistake bars equal to the gradebook's counts (read here with plain
SQL), sorting and filtering that work, and learner links that open the learner's feedback. Screenshots are
kept in $LEARNTOOLS_CV_ARTIFACTS (default tests/artifacts/, which git ignores). With
LEARNTOOLS_CV_UPDATE_DOCS=1 the class report's screenshot is also copied to docs/images/report.png.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from events_factory import synthetic_cohort
from gradebook_factory import make_run, synthetic_class, write_gradebook

from learntools_cv.report.cli import main

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium is not installed (apt-get install chromium)"),
]


def sql(path: Path, query: str, *args) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(query, args).fetchall()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    folder = Path(os.environ.get("LEARNTOOLS_CV_ARTIFACTS") or REPO / "tests" / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("LEARNTOOLS_CV_ARTIFACTS"):
        (folder / ".gitignore").write_text("*\n")  # screenshots are artefacts of a run, never committed
    return folder


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
    )
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page opened from a file, with every console error and uncaught exception it produced."""

    def __init__(self, browser, path: Path, width: int = 1280, height: int = 900):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.page.on(
            "console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None
        )
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url}"))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("html[data-ready=true]")

    def rows(self, key: str = "a0") -> list[dict]:
        """The learners table's visible rows: learner, score and each question's status and mistake."""
        return self.page.evaluate(
            """key => Array.from(document.querySelectorAll(`#learners-${key} tbody tr`)).map(tr => ({
                learner: tr.getAttribute('data-learner'),
                score: tr.querySelector('td[data-score]').getAttribute('data-score'),
                bonus: tr.querySelector('td[data-bonus]').getAttribute('data-bonus'),
                statuses: Array.from(tr.querySelectorAll('td[data-status]')).map(td => td.getAttribute('data-status')),
                mistakes: Array.from(tr.querySelectorAll('td[data-status]')).map(td => td.getAttribute('data-mistake')),
            }))""",
            key,
        )

    def info(self, key: str = "a0") -> str:
        return self.page.inner_text(f"#learners-{key} .table-info")


def assert_charts_visible(page) -> int:
    charts = page.query_selector_all("svg.chart")
    assert charts
    for chart in charts:
        box = chart.bounding_box()
        assert chart.is_visible() and box and box["width"] > 0 and box["height"] > 0, chart.get_attribute("data-chart")
    return len(charts)


@pytest.fixture(scope="module")
def class_report(tmp_path_factory: pytest.TempPathFactory):
    """The report of a synthetic class of 300, written by the command next to one learner's feedback file."""
    folder = tmp_path_factory.mktemp("class-report")
    synthetic = synthetic_class(300, seed=5)
    gradebook = folder / "gradebook.sqlite"
    write_gradebook(gradebook, synthetic.submissions, runs=[make_run(submissions=300, seconds=312.5)])
    (folder / "feedback").mkdir()
    # As the grading command would write it; learner-00002's link must open this file.
    (folder / "feedback" / "learner-00002__ex3.html").write_text(
        "<!DOCTYPE html><title>Feedback</title><h1>Feedback for learner-00002</h1>", encoding="utf-8"
    )
    # Run from the class's folder, as a teacher would: the page then names the gradebook as they typed it.
    here = Path.cwd()
    os.chdir(folder)
    try:
        assert main(["gradebook.sqlite", "-o", "report.html"]) == 0
    finally:
        os.chdir(here)
    return folder / "report.html", gradebook, synthetic


def test_class_report_opens_without_errors_and_draws_every_chart(browser, class_report, artifacts) -> None:
    report, gradebook, _ = class_report
    opened = Opened(browser, report)
    page = opened.page
    charts = assert_charts_visible(page)
    assert charts == 1 + 7 + 1  # outcomes, one mistake chart per question, scores
    # Every section is there and says something.
    for section in (
        "summary",
        "questions-a0",
        "mistakes-a0",
        "unnamed-a0",
        "scores-a0",
        "learners-a0",
        "not-graded",
        "timing",
    ):
        assert page.is_visible(f"#{section}")
        assert len(page.inner_text(f"#{section}")) > 40, section
    assert page.inner_text("[data-card=submissions] .value") == "300"
    [(graded,)] = sql(gradebook, "SELECT COUNT(*) FROM submissions WHERE status = 'graded'")
    assert page.inner_text("[data-card=graded] .value") == f"{graded}"
    assert len(opened.rows()) == 50
    page.screenshot(path=str(artifacts / "report-class.png"), full_page=True)
    # For the docs: from the top of the page to the end of q_1's mistakes.
    q1 = page.query_selector('#mistakes-a0 .question[data-question="q_1"]').bounding_box()
    page.screenshot(
        path=str(artifacts / "report-top.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": q1["y"] + q1["height"] + 16},
    )
    if os.environ.get("LEARNTOOLS_CV_UPDATE_DOCS"):
        shutil.copy(artifacts / "report-top.png", REPO / "docs" / "images" / "report.png")
    assert opened.errors == []


def test_mistake_bars_equal_the_gradebooks_counts(browser, class_report) -> None:
    report, gradebook, synthetic = class_report
    page = Opened(browser, report).page
    for question in ("q_1", "q_2", "q_6"):
        bars = page.evaluate(
            """q => Array.from(document.querySelectorAll(`svg[data-chart=mistakes][data-question="${q}"] g.bar`))
                 .map(g => [g.getAttribute('data-mistake') || '(no name)', Number(g.getAttribute('data-count')),
                            g.querySelector('text.count').textContent.split(' ')[0]])""",
            question,
        )
        named = sql(
            gradebook,
            "SELECT mistake, COUNT(*) FROM results WHERE question=? AND mistake IS NOT NULL GROUP BY mistake",
            question,
        )
        [(unnamed,)] = sql(
            gradebook,
            "SELECT COUNT(*) FROM results WHERE question=? AND mistake IS NULL AND status='incorrect'",
            question,
        )
        expected = sorted(named, key=lambda mc: (-mc[1], mc[0])) + ([("(no name)", unnamed)] if unnamed else [])
        assert [(m, n) for m, n, _ in bars] == expected
        assert [shown for _, _, shown in bars] == [f"{n:,}" for _, n in expected]  # the words on the bars too
        assert dict(named) == dict(synthetic.planted[question])


def test_sorting_the_learners_table(browser, class_report) -> None:
    report, gradebook, _ = class_report
    opened = Opened(browser, report)
    page = opened.page
    scores = sorted(
        (
            s
            for (s,) in sql(
                gradebook,
                "SELECT SUM(r.points) FROM submissions s JOIN results r ON r.submission_id = s.id "
                "WHERE s.status = 'graded' AND NOT r.bonus GROUP BY s.id",
            )
        ),
        reverse=True,
    )
    page.click("#learners-a0 th[data-key=score] button")
    assert page.get_attribute("#learners-a0 th[data-key=score]", "aria-sort") == "descending"
    assert [float(r["score"]) for r in opened.rows()] == scores[:50]
    page.click("#learners-a0 th[data-key=score] button")
    assert page.get_attribute("#learners-a0 th[data-key=score]", "aria-sort") == "ascending"
    assert [float(r["score"]) for r in opened.rows()] == sorted(scores)[:50]
    # The last page ends with the notebooks that have no score, whatever the direction.
    page.click("#learners-a0 [data-go=last]")
    assert opened.rows()[-1]["score"] == ""
    page.click("#learners-a0 th[data-key=learner] button")  # a new column sorts ascending, from page 1
    assert [r["learner"] for r in opened.rows()][:2] == ["learner-00001", "learner-00002"]
    page.click("#learners-a0 th[data-key=learner] button")
    names = [r["learner"] for r in opened.rows()]
    assert names == sorted(names, reverse=True) and names[0] == "learner-00300"
    page.click("#learners-a0 th[data-key=q0] button")
    first = [r["statuses"][0] for r in opened.rows()]
    assert set(first) == {"correct"}
    assert opened.errors == []


def test_filtering_the_learners_table(browser, class_report) -> None:
    report, gradebook, _ = class_report
    opened = Opened(browser, report)
    page = opened.page
    page.fill("#learners-a0 input[type=search]", "0012")
    page.wait_for_function("() => document.querySelector('#learners-a0 .table-info').textContent.includes('filtered')")
    matching = [
        name
        for (name,) in sql(gradebook, "SELECT learner FROM submissions WHERE learner LIKE '%0012%' ORDER BY learner")
    ]
    assert [r["learner"] for r in opened.rows()] == matching
    assert opened.info() == f"Learners 1–{len(matching)} of {len(matching)} (filtered from 300)"
    page.fill("#learners-a0 input[type=search]", "")
    page.wait_for_function("() => !document.querySelector('#learners-a0 .table-info').textContent.includes('filtered')")

    [(avg,)] = sql(gradebook, "SELECT COUNT(*) FROM results WHERE question='q_1' AND mistake='avg-pooling'")
    label = page.evaluate(
        """() => Array.from(document.querySelectorAll('#learners-a0 select.filter option'))
                 .find(o => o.textContent.startsWith('q_1: mistake avg-pooling')).textContent"""
    )
    assert label == f"q_1: mistake avg-pooling ({avg})"
    page.select_option("#learners-a0 select.filter", label=label)
    assert opened.info().endswith(f" of {avg} (filtered from 300)")
    rows = opened.rows()
    assert rows and all(r["mistakes"][0] == "avg-pooling" for r in rows)

    # Clicking the mistake's bar in the histogram sets the same filter.
    page.select_option("#learners-a0 select.filter", value="")
    page.click('svg[data-chart=mistakes][data-question="q_1"] g.bar[data-mistake="window-3x3"] rect')
    [(window,)] = sql(gradebook, "SELECT COUNT(*) FROM results WHERE question='q_1' AND mistake='window-3x3'")
    assert opened.info().endswith(f" of {window} (filtered from 300)")
    assert opened.errors == []


def test_a_learner_link_opens_that_learners_feedback(browser, class_report, artifacts) -> None:
    report, gradebook, _ = class_report
    opened = Opened(browser, report)
    page = opened.page
    # learner-00001 has no feedback file: the page draws the feedback from the gradebook's rows.
    page.click('#learners-a0 tr[data-learner="learner-00001"] a.learner-link')
    page.wait_for_selector("#feedback h2")
    assert page.inner_text("#feedback h2") == "Feedback for learner-00001"
    assert not page.is_visible("#learners-a0")
    messages = sql(
        gradebook,
        "SELECT r.question, r.message FROM results r JOIN submissions s ON s.id = r.submission_id WHERE s.learner = "
        "'learner-00001'",
    )
    shown = page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('#feedback article'))
                 .map(a => [a.getAttribute('data-question'), a.querySelector('pre.message').textContent]))"""
    )
    assert shown == dict(messages)
    page.screenshot(path=str(artifacts / "report-feedback.png"))
    page.click("#feedback >> text=Back to the learners table")
    # The page changes view on `hashchange`, which the browser fires after the click has returned.
    page.wait_for_selector("#learners-a0", state="visible", timeout=5000)
    assert page.is_visible("#learners-a0") and not page.is_visible("#feedback")

    # learner-00002 has a feedback file next to the report: the link opens it.
    href = page.get_attribute('#learners-a0 tr[data-learner="learner-00002"] a.learner-link', "href")
    assert href == "feedback/learner-00002__ex3.html"
    page.click('#learners-a0 tr[data-learner="learner-00002"] a.learner-link')
    page.wait_for_url(re.compile(r".*/feedback/learner-00002__ex3\.html$"))
    assert page.inner_text("h1") == "Feedback for learner-00002"
    assert opened.errors == []


@pytest.mark.slow
def test_ten_thousand_learners_open_and_sort_quickly(browser, tmp_path: Path, artifacts) -> None:
    synthetic = synthetic_class(10_000, seed=1)
    gradebook = tmp_path / "gradebook.sqlite"
    write_gradebook(gradebook, synthetic.submissions, runs=[make_run(submissions=10_000, seconds=3600.0, workers=8)])
    start = time.perf_counter()
    assert main([str(gradebook), "-o", str(tmp_path / "report.html")]) == 0
    built = time.perf_counter() - start
    start = time.perf_counter()
    opened = Opened(browser, tmp_path / "report.html")
    opened_in = time.perf_counter() - start
    page = opened.page
    assert opened.info() == "Learners 1–50 of 10,000"
    assert page.inner_text("#learners-a0 .page-info") == "Page 1 of 200"
    start = time.perf_counter()
    page.click("#learners-a0 th[data-key=score] button")
    top = opened.rows()
    sorted_in = time.perf_counter() - start
    [(best,)] = sql(
        gradebook, "SELECT MAX(t) FROM (SELECT SUM(points) AS t FROM results WHERE NOT bonus GROUP BY submission_id)"
    )
    assert float(top[0]["score"]) == best
    page.click("#learners-a0 [data-go=last]")
    assert page.inner_text("#learners-a0 .page-info") == "Page 200 of 200"
    assert_charts_visible(page)
    page.screenshot(path=str(artifacts / "report-10000.png"))
    assert opened.errors == []
    # Generous bounds (a shared 2-core machine); the benchmark reports the real figures.
    assert built < 20 and opened_in < 20 and sorted_in < 5, (built, opened_in, sorted_in)


def test_events_report_in_the_browser(browser, tmp_path: Path, artifacts, monkeypatch: pytest.MonkeyPatch) -> None:
    planted = synthetic_cohort(tmp_path / "events", 300, seed=9)
    (tmp_path / "events" / "broken.jsonl").write_text('{"time": oops\n')
    monkeypatch.chdir(tmp_path)  # as a teacher runs it: the page names files as they were typed
    assert main(["events", "-o", "events.html"]) == 0
    opened = Opened(browser, tmp_path / "events.html")
    page = opened.page
    assert assert_charts_visible(page) >= 7 * 2 + 2
    attempts = page.evaluate(
        """() => Array.from(document.querySelectorAll('svg[data-chart=attempts][data-question=q_2] g.bar'))
                 .map(g => Number(g.getAttribute('data-count')))"""
    )
    assert attempts == [planted.attempts["q_2"].get(n, 0) for n in range(1, 10)] + [
        sum(k for n, k in planted.attempts["q_2"].items() if n >= 10)
    ]
    before = page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll(
                 'svg[data-chart=mistakes-before-correct][data-question=q_1] g.bar[data-mistake]'))
                 .map(g => [g.getAttribute('data-mistake'), Number(g.getAttribute('data-count'))]))"""
    )
    assert before == dict(planted.mistakes_before_correct["q_1"])
    assert "events/broken.jsonl:1: not valid JSON" in page.inner_text("#summary")
    page.screenshot(path=str(artifacts / "report-events.png"), full_page=True)
    attempts = page.query_selector("#attempts-x0").bounding_box()
    page.screenshot(
        path=str(artifacts / "report-events-top.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": attempts["y"] + attempts["height"] + 16},
    )
    if os.environ.get("LEARNTOOLS_CV_UPDATE_DOCS"):
        shutil.copy(artifacts / "report-events-top.png", REPO / "docs" / "images" / "report-events.png")
    assert opened.errors == []


def test_unknown_learners_and_broken_addresses_are_said_not_thrown(browser, class_report) -> None:
    report, _, _ = class_report
    opened = Opened(browser, report)
    page = opened.page
    page.evaluate("() => { window.location.hash = '#feedback/a0/nobody'; }")
    page.wait_for_selector("#feedback h2")
    assert page.inner_text("#feedback h2") == "No such learner"
    assert page.inner_text("#feedback p") == "This report has no learner called nobody."
    page.evaluate("() => { window.location.hash = '#feedback/a0/100%'; }")
    page.wait_for_function("() => document.querySelector('#feedback p').textContent.endsWith('100%.')")
    page.evaluate("() => { window.location.hash = '#learners-a0'; }")
    page.wait_for_function("() => !document.body.classList.contains('show-feedback')")
    assert opened.errors == []
