"""The page as text: self-contained, escaped, and its charts carry the gradebook's exact counts.

The page is parsed with the standard library's HTMLParser; chart figures are read from the data attributes
the SVG carries, and compared with counts read from the database with plain SQL."""

from __future__ import annotations

import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from events_factory import synthetic_cohort
from gradebook_factory import HOSTILE

from learntools_cv.report import svg
from learntools_cv.report.cli import feedback_links
from learntools_cv.report.data import analyse, load_gradebook
from learntools_cv.report.events import aggregate, read_events
from learntools_cv.report.html import STATUS_COLORS, STATUS_LABELS, events_page, gradebook_page, score_bins


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <script> elements."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._in_script: dict[str, str] | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        d = {k: v or "" for k, v in attrs}
        self.tags.append((tag, d))
        if tag == "script":
            self._in_script = d

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts.append((self._in_script, data))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def find(self, tag: str | None = None, **attrs: str) -> list[dict[str, str]]:
        attrs = {k.replace("_", "-"): v for k, v in attrs.items()}
        return [a for t, a in self.tags if (tag is None or t == tag) and all(a.get(k) == v for k, v in attrs.items())]


def page_for(path: Path, **kw) -> str:
    return gradebook_page(analyse(load_gradebook(path)), **kw)


def sql(path: Path, query: str, *args) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(query, args).fetchall()


def test_the_page_fetches_nothing(small_gradebook: Path) -> None:
    page = page_for(small_gradebook)
    tags = Tags(page)
    for tag, attrs in tags.tags:
        for name in ("src", "href", "action", "xlink:href", "srcset"):
            value = attrs.get(name, "")
            assert not re.match(r"^(https?:)?//", value), (tag, name, value)
    assert not [t for t, _ in tags.tags if t in ("link", "img", "iframe", "object", "embed")]
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # and the browser is told so


def test_learner_names_and_messages_are_escaped(small_gradebook: Path) -> None:
    page = page_for(small_gradebook)
    tags = Tags(page)
    # Only the page's own two scripts: the learners' data and the table script.
    assert [a.get("type") for a in tags.find("script")] == ["application/json", None]
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    data = json.loads(tags.scripts[0][1])
    assert HOSTILE in [row[0] for row in data["rows"]]


def test_summary_cards(small_gradebook: Path) -> None:
    tags = Tags(page_for(small_gradebook))
    cards = {a["data-card"] for a in tags.find("div", **{"class": "card"})}
    assert cards == {"submissions", "graded", "could-not-grade", "median-ex3"}
    page = page_for(small_gradebook)
    for value, what in [
        ("6", "submissions"),
        ("5", "graded"),
        ("1", "could not be graded"),
        ("1 of 2", "median score"),
    ]:
        assert f'<div class="value">{value}</div><div class="what">{what}</div>' in page


def test_mistake_bars_carry_the_databases_counts(class_300) -> None:
    path, synthetic = class_300
    tags = Tags(page_for(path))
    for question in ("q_1", "q_2", "q_7"):
        (chart,) = tags.find("svg", data_chart="mistakes", data_question=question)
        assert chart["role"] == "img"
        expected = dict(
            sql(
                path,
                "SELECT mistake, COUNT(*) FROM results WHERE question=? AND mistake IS NOT NULL GROUP BY mistake",
                question,
            )
        )
        bars = [a for a in tags.find("g", **{"class": "bar"}) if a.get("data-filter", "").startswith(("m:", "u:"))]
        qi = ["q_1", "q_2", "q_3", "q_4", "q_5", "q_6", "q_7"].index(question)
        mine = [a for a in bars if a["data-filter"].split(":")[1] == str(qi)]
        named = {a["data-mistake"]: int(a["data-count"]) for a in mine if "data-mistake" in a}
        assert named == expected == dict(synthetic.planted[question])
        [(unnamed,)] = sql(
            path, "SELECT COUNT(*) FROM results WHERE question=? AND mistake IS NULL AND status='incorrect'", question
        )
        assert [int(a["data-count"]) for a in mine if a.get("data-unnamed") == "true"] == [unnamed]


def test_outcome_segments_carry_the_databases_counts(class_300) -> None:
    path, _ = class_300
    tags = Tags(page_for(path))
    rows = tags.find("g", **{"class": "row"})
    assert [r["data-question"] for r in rows] == [f"q_{i}" for i in range(1, 8)]
    segments = tags.find("g", **{"class": "segment"})
    # Segments follow their row in document order.
    order = [(t, a) for t, a in tags.tags if t == "g" and a.get("class") in ("row", "segment")]
    seen: dict[tuple[str, str], int] = {}
    question = None
    for _, a in order:
        if a["class"] == "row":
            question = a["data-question"]
        else:
            seen[(question, a["data-status"])] = int(a["data-count"])
    expected = {
        (q, s): n for q, s, n in sql(path, "SELECT question, status, COUNT(*) FROM results GROUP BY question, status")
    }
    [(not_graded,)] = sql(path, "SELECT COUNT(*) FROM submissions WHERE status='could_not_grade'")
    for q in {q for q, _ in expected}:
        expected[(q, "could_not_grade")] = expected.get((q, "could_not_grade"), 0) + not_graded
    assert seen == {k: v for k, v in expected.items() if v}
    assert len(segments) == len(seen)


def test_score_bins_are_whole_points_or_ten_bins() -> None:
    assert score_bins([0, 1, 1, 3], 3) == [("0", 0, 0, 1), ("1", 1, 1, 2), ("2", 2, 2, 0), ("3", 3, 3, 1)]
    bins = score_bins([0.5, 9.99, 10.0, 2.5], 10)
    assert len(bins) == 10 and [b[3] for b in bins] == [1, 0, 1, 0, 0, 0, 0, 0, 0, 2]
    assert bins[0][0] == "0–1"


def test_score_chart_matches_the_scores(small_gradebook: Path) -> None:
    tags = Tags(page_for(small_gradebook))
    (chart,) = tags.find("svg", data_chart="scores")
    bars = [a for a in tags.find("g", **{"class": "bar"}) if "data-low" in a]
    assert [(a["data-label"], a["data-count"]) for a in bars] == [("0", "2"), ("1", "2"), ("2", "1")]
    page = page_for(small_gradebook)
    assert "Median 1 of 2 points on the required questions, over 5 graded submissions." in page
    assert "Bonus questions, counted apart: median 0 of 2 points; 1 submission earned some." in page


def test_learner_links_go_to_feedback_files_that_exist_and_into_the_page_otherwise(
    small_gradebook: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site" / "report.html"
    (out.parent / "feedback").mkdir(parents=True)
    (out.parent / "feedback" / "ada.html").write_text("<p>ada</p>")
    (out.parent / "feedback" / "o'brien & co.html").write_text("<p>o</p>")
    (out.parent / "feedback" / "bo__ex3.html").write_text("<p>bo, as the grading command names it</p>")
    (out.parent / "feedback" / "ed__ex4.html").write_text("<p>ed's page for another assignment</p>")
    data = json.loads(
        Tags(page_for(small_gradebook, feedback_href=feedback_links(out, Path("feedback"), "auto"))).scripts[0][1]
    )
    hrefs = {row[0]: row[4] for row in data["rows"]}
    assert hrefs == {
        "ada": "feedback/ada.html",
        "o'brien & co": "feedback/o%27brien%20%26%20co.html",
        "bo": "feedback/bo__ex3.html",
        HOSTILE: "#feedback/a0/%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E",
        "ed": "#feedback/a0/ed",
        "zoë": "#feedback/a0/zo%C3%AB",
    }
    always = feedback_links(out, Path("feedback"), "files")
    never = feedback_links(out, Path("feedback"), "page")
    assert always("ex3", "bo") == "feedback/bo__ex3.html" and never("ex3", "ada") is None
    # A name with other characters than letters, digits, '.', '-' and '_' gets a hash of itself: unique per learner.
    assert always("ex3", HOSTILE) == "feedback/_script_alert__x____script___ex3-b2038bb94e.html"
    elsewhere = feedback_links(out, tmp_path / "fb", "files")
    assert elsewhere("ex3", "bo") == "../fb/bo__ex3.html"


def test_learner_data_rows(small_gradebook: Path) -> None:
    data = json.loads(Tags(page_for(small_gradebook)).scripts[0][1])
    assert data["questions"] == ["q_1", "q_2", "q_10"]
    assert data["labels"] == [STATUS_LABELS[s] for s in data["statuses"]]
    rows = {row[0]: row for row in data["rows"]}
    name, score, bonus, graded, href, reason, res = rows["bo"]
    assert (score, bonus, graded, reason) == (0.0, 0.0, 1, -1)
    assert rows["ada"][1:4] == [2.0, 2.0, 1]
    status, mistake, message, points = res[0]
    assert data["statuses"][status] == "incorrect" and data["mistakes"][mistake] == "avg-pooling"
    assert data["messages"][message] == "Incorrect: It looks like you used average pooling.\nUse pooling_type='MAX'."
    assert rows["zoë"][1:4] == [None, None, 0]
    assert data["messages"][rows["zoë"][5]].startswith("The notebook is not valid JSON")
    assert rows["ed"][6][2] is None  # no q_10 row for ed


def test_status_words_and_colours() -> None:
    from learntools_cv.core.outcome import Status
    from learntools_cv.core.render import COLORS

    assert STATUS_LABELS == {
        "correct": "Correct",
        "incorrect": "Incorrect",
        "not_attempted": "Not attempted",
        "could_not_grade": "Could not grade",
        "no_result": "No result",
    }
    for status in ("correct", "incorrect", "not_attempted"):
        assert STATUS_COLORS[status] == COLORS[Status(status)]


@pytest.mark.parametrize(
    "color, ink",
    [
        ("#2e8b57", "#000000"),
        ("#b7950b", "#000000"),
        ("#bcccdc", "#000000"),
        ("#c0392b", "#ffffff"),
        ("#1f2933", "#ffffff"),
    ],
)
def test_text_on_a_bar_takes_the_contrasting_colour(color: str, ink: str) -> None:
    assert svg.text_color(color) == ink


def test_svg_charts_escape_and_describe_themselves() -> None:
    chart = svg.hbars([svg.Bar("a<b", 3, attrs={"mistake": 'x"y'})], title="T & U")
    assert "<title>T &amp; U</title>" in chart and "<desc>a&lt;b: 3</desc>" in chart
    assert 'data-mistake="x&quot;y"' in chart and 'data-count="3"' in chart


def test_events_page_carries_the_cohorts_figures(tmp_path: Path) -> None:
    planted = synthetic_cohort(tmp_path, 150, seed=11)
    (tmp_path / "broken.jsonl").write_text("{oops\n")
    page = events_page(aggregate(read_events([tmp_path])))
    tags = Tags(page)
    for question in ("q_1", "q_4"):
        (chart,) = tags.find("svg", data_chart="attempts", data_question=question)
        assert chart["role"] == "img"
    bars = [a for a in tags.find("g", **{"class": "bar"}) if "data-attempts" in a]
    q1 = bars[:10]
    expected = [planted.attempts["q_1"].get(n, 0) for n in range(1, 10)] + [
        sum(k for n, k in planted.attempts["q_1"].items() if n >= 10)
    ]
    assert [int(a["data-count"]) for a in q1] == expected
    stopped = {
        a["data-question"]: int(a["data-count"]) for a in tags.find("g", **{"class": "bar"}) if "data-question" in a
    }
    assert stopped == {q: planted.stopped[q] for q in stopped}
    assert f"{tmp_path / 'broken.jsonl'}:1: not valid JSON" in page
    assert "1 line skipped: not events" in page


def test_messages_of_one_line_show_whole_and_long_ones_fold() -> None:
    from learntools_cv.report.html import message_block

    one = "Incorrect: " + "x" * 500
    assert message_block(one, folded=True) == f'<pre class="message">{one}</pre>'
    many = "Incorrect: values are off.\nAt (1, 2) it is 3.\nExpected 4."
    assert (
        message_block(many) == '<pre class="message">Incorrect: values are off.\nAt (1, 2) it is 3.\nExpected 4.</pre>'
    )
    assert message_block(many, folded=True).startswith(
        '<details><summary>Incorrect: values are off. <span class="muted">(2 more lines)</span></summary>'
    )


def test_graded_submissions_with_a_note_are_listed(small_gradebook: Path) -> None:
    page = page_for(small_gradebook)
    assert "<h3>Graded, with a note from the grader (1 submission)</h3>" in page
    assert "q_2 could not be graded." in page


def test_an_empty_gradebook_makes_a_page_that_says_so(tmp_path: Path) -> None:
    from gradebook_factory import write_gradebook

    page = page_for(write_gradebook(tmp_path / "g.sqlite", []))
    assert "What the class got wrong: no assignments" in page
    assert '<div class="value">0</div><div class="what">submissions</div>' in page
    assert "Every submission was graded." in page


def test_several_assignments_get_their_own_sections_and_tables(tmp_path: Path) -> None:
    from gradebook_factory import make_result, make_submission, write_gradebook

    path = write_gradebook(
        tmp_path / "g.sqlite",
        [
            make_submission("ada", assignment="ex3"),
            make_submission(
                "ada", assignment="ex4", results=[make_result(question="q_2", status="incorrect", message="No.")]
            ),
        ],
    )
    tags = Tags(page_for(path))
    assert [a["id"] for a in tags.find("section") if "data-learners" in a] == ["learners-a0", "learners-a1"]
    assert [a.get("id") for a, _ in tags.scripts if a.get("type") == "application/json"] == ["data-a0", "data-a1"]
    assert {a["data-card"] for a in tags.find("div", **{"class": "card"})} >= {"median-ex3", "median-ex4"}


def test_an_events_page_with_no_events(tmp_path: Path) -> None:
    (tmp_path / "junk.jsonl").write_text("junk\n")
    page = events_page(aggregate(read_events([tmp_path / "junk.jsonl"])))
    assert "How learners got to Correct: no events" in page
    assert "The files hold no events." in page and "1 line skipped: not events" in page
