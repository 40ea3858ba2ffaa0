"""Assembling report pages: one self-contained HTML file (styles, charts, data and script inline).

`gradebook_page` draws a `data.ClassReport`; `events_page` draws an `events.EventsReport`. Both are pure
functions from data to a string. Every piece of text from a gradebook or an events file goes through
`html.escape` (or into the page's JSON, where `<` is escaped), so learner names and messages cannot inject
markup. The learners table is drawn by the embedded script from that JSON, a page at a time, so that a class of
10,000 stays quick to open.
"""

from __future__ import annotations

import html
import json
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import quote

from learntools_cv.core.status import RESULT_COLORS, RESULT_LABELS
from learntools_cv.report import svg
from learntools_cv.report._assets import CSS, JS
from learntools_cv.report.data import (
    COULD_NOT_GRADE,
    INCORRECT,
    NO_RESULT,
    RESULT_STATUSES,
    AssignmentReport,
    ClassReport,
    NotGraded,
    QuestionReport,
    first_line,
)
from learntools_cv.report.events import EventsReport, ExerciseEvents

# The statuses take their words and colours from core's one vocabulary, so the page looks like the notebook; "no result"
# exists only on this page.
STATUS_LABELS = {**RESULT_LABELS, NO_RESULT: "No result"}
"""The words a teacher reads for each result status."""
STATUS_COLORS = {**RESULT_COLORS, NO_RESULT: "#bcccdc"}
UNNAMED_COLOR = "#8e6c8a"
UNNAMED_ROWS = 12
"""Kinds of unnamed message listed per question; the rest are counted."""
BAR_COLOR = "#3e7cb1"

FeedbackHref = Callable[[str, str], "str | None"]
"""(assignment, learner) -> the href of that learner's feedback file, or None to show it inside the page."""


def e(text: object) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def script_json(value: object) -> str:
    """JSON to embed in a <script type="application/json">: no `<` can end the element early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def in_page_href(key: str, learner: str) -> str:
    return f"#feedback/{key}/{quote(learner, safe='')}"


def status_css() -> str:
    return "".join(
        f".st-{status} {{ background: {color}; color: {svg.text_color(color)}; }}\n"
        for status, color in STATUS_COLORS.items()
    )


def shell(title: str, subtitle: str, toc: Sequence[tuple[str, str]], body: str, data: Mapping[str, object]) -> str:
    """The page around the sections: head with inline style, header, table of contents, data and script."""
    nav = "".join(f'<a href="#{e(anchor)}">{e(text)}</a>' for anchor, text in toc)
    scripts = "".join(
        f'<script type="application/json" id="data-{e(key)}">{script_json(value)}</script>'
        for key, value in data.items()
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # Nothing may be fetched: the page must open the same offline, from a file, years later.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>{e(title)}</title><style>{CSS}{status_css()}</style></head>\n"
        f'<body><header class="top"><h1>{e(title)}</h1><p>{subtitle}</p></header>\n'
        f'<nav class="toc" aria-label="Sections">{nav}</nav>\n'
        f'<main>{body}<section id="feedback" aria-live="polite"></section></main>\n'
        "<footer>Made by <code>learntools-cv report</code>. This page is one file: it fetches nothing.</footer>\n"
        f"{scripts}<script>{JS}</script></body></html>\n"
    )


def table(headers: Sequence[tuple[str, str]], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    """A table from already-escaped cells; a header is (text, css class)."""
    head = "".join(f'<th scope="col" class="{c}">{e(h)}</th>' for h, c in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="{headers[i][1]}">{cell}</td>' for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def message_block(message: str, limit: int = 400, folded: bool = False) -> str:
    """A learner's message as they saw it. One of several lines folds after its first line when it is long,
    or always when `folded`; a single line is always shown whole."""
    lines = message.strip("\n").count("\n") + 1
    if lines == 1 or (not folded and len(message) <= limit and lines < 7):
        return f'<pre class="message">{e(message)}</pre>'
    return (
        f'<details><summary>{e(first_line(message))} <span class="muted">({plural(lines - 1, "more line")})</span>'
        f'</summary><pre class="message">{e(message)}</pre></details>'
    )


# ------------------------------------------------------------------------------------------- gradebook


class _Keys:
    """Anchor keys for the assignments of a page: a0, a1, ..."""

    def __init__(self, assignments: Sequence[AssignmentReport]):
        self.keys = {a.assignment: f"a{i}" for i, a in enumerate(assignments)}

    def __getitem__(self, assignment: str) -> str:
        return self.keys[assignment]


def _learner_link(
    key: str, assignment: str, learner: str, feedback_href: FeedbackHref, title: str | None = None
) -> str:
    href = feedback_href(assignment, learner) or in_page_href(key, learner)
    hover = f' title="{e(title)}"' if title else ""
    return f'<a class="learner-link" href="{e(href)}"{hover}>{e(learner)}</a>'


def _summary(report: ClassReport) -> str:
    cards = [
        (f"{report.submissions:,}", "submissions", "submissions"),
        (f"{report.graded:,}", "graded", "graded"),
        (f"{report.could_not_grade:,}", "could not be graded", "could-not-grade"),
    ]
    for a in report.assignments:
        what = "median score" + (f" ({a.assignment})" if len(report.assignments) > 1 else "")
        value = f"{number(a.median_score)} of {number(a.max_score)}" if a.median_score is not None else "–"
        cards.append((value, what, f"median-{a.assignment}"))
    html_cards = "".join(
        f'<div class="card" data-card="{e(key)}"><div class="value">{e(value)}</div><div '
        f'class="what">{e(what)}</div></div>'
        for value, what, key in cards
    )
    return f'<section id="summary"><h2>Summary</h2><div class="cards">{html_cards}</div></section>'


def _question_counts(a: AssignmentReport, key: str) -> str:
    statuses = [s for s in RESULT_STATUSES if s != NO_RESULT or any(q.counts[s] for q in a.questions)]
    rows = [
        (
            q.question + (" (bonus)" if q.bonus else ""),
            [svg.Segment(s, STATUS_LABELS[s], q.counts[s], STATUS_COLORS[s]) for s in statuses],
        )
        for q in a.questions
    ]
    chart = svg.stacked(
        rows,
        title=f"{a.assignment}: outcome of each question",
        chart="outcomes",
        row_attrs=[{"question": q.question} for q in a.questions],
        attrs={"assignment": a.assignment},
    )
    headers = [("Question", "")] + [(STATUS_LABELS[s], "num") for s in statuses] + [("Submissions", "num")]
    body = []
    for q in a.questions:
        cells = [e(q.question) + (' <span class="muted">bonus</span>' if q.bonus else "")]
        for s in statuses:
            cells.append(f'{q.counts[s]:,} <span class="muted">({share(q.counts[s], q.total)})</span>')
        cells.append(f"{q.total:,}")
        body.append(cells)
    return (
        f'<section id="questions-{key}"><h2>How each question went</h2>'
        '<p class="lead">Share of the submissions that got each outcome, per question. Hover a part for its count.</p>'
        f"{chart}{table(headers, body, 'counts')}</section>"
    )


def _mistake_section(a: AssignmentReport, q: QuestionReport, key: str, qi: int, feedback_href: FeedbackHref) -> str:
    wrong = q.counts[INCORRECT]
    named = sum(m.statuses.get(INCORRECT, 0) for m in q.mistakes)
    title = (
        f'<h3 id="mistakes-{key}-{e(q.question)}">{e(q.question)}'
        + ('<span class="tag">bonus</span>' if q.bonus else "")
        + "</h3>"
    )
    if not q.mistakes and not q.unnamed:
        return (
            f'<div class="question" data-question="{e(q.question)}">{title}'
            f'<p class="empty">No wrong answers to {e(q.question)}.</p></div>'
        )
    named_words = f"{named:,} named ({plural(len(q.mistakes), 'kind')} of mistake)" if q.mistakes else "none named"
    lead = (
        f"{plural(wrong, 'wrong answer')} out of {q.total:,} submissions ({share(wrong, q.total)}): "
        f"{named_words}, {q.unnamed_count:,} with no name."
    )
    mistake_index = {m: i for i, m in enumerate(_mistake_ids(a))}
    bars = [
        svg.Bar(
            label=m.mistake,
            count=m.count,
            color=BAR_COLOR,
            note=f"({share(m.count, q.total)} of the class)",
            title=f"{q.question}: {plural(m.count, 'learner')} made the mistake {m.mistake}",
            attrs={"mistake": m.mistake, "filter": f"m:{qi}:{mistake_index[m.mistake]}", "table": key},
        )
        for m in q.mistakes
    ]
    if q.unnamed:
        bars.append(
            svg.Bar(
                label="(no name)",
                count=q.unnamed_count,
                color=UNNAMED_COLOR,
                note=f"({share(q.unnamed_count, q.total)} of the class)",
                title=f"{q.question}: {plural(q.unnamed_count, 'wrong answer')} with no mistake name",
                attrs={"unnamed": "true", "filter": f"u:{qi}", "table": key},
            )
        )
    chart = svg.hbars(
        bars,
        title=f"{a.assignment} {q.question}: learners per mistake",
        chart="mistakes",
        label_chars=max([len("(no name)"), *(len(m) for m in _mistake_ids(a))]),
        attrs={"question": q.question, "assignment": a.assignment},
    )
    rows = []
    for m in q.mistakes:
        wording = message_block(m.message)
        if m.messages > 1:
            wording += f'<p class="muted">and {plural(m.messages - 1, "other wording")} of the same mistake</p>'
        if set(m.statuses) != {INCORRECT}:
            wording += (
                '<p class="muted">Outcomes: '
                + ", ".join(f"{STATUS_LABELS.get(s, s)} {n:,}" for s, n in sorted(m.statuses.items()))
                + "</p>"
            )
        show = (
            f'<button type="button" class="link" data-filter="m:{qi}:{mistake_index[m.mistake]}" '
            f'data-table="{key}">show them</button>'
        )
        rows.append(
            [
                f"<code>{e(m.mistake)}</code>",
                f"{m.count:,}<br>{show}",
                wording,
                _learner_link(key, a.assignment, m.example, feedback_href),
            ]
        )
    mistakes_table = (
        table(
            [("Mistake", ""), ("Learners", "num"), ("The message they saw", ""), ("For example", "")], rows, "mistakes"
        )
        if rows
        else ""
    )
    return (
        f'<div class="question" data-question="{e(q.question)}">{title}<p '
        f'class="lead">{lead}</p>{chart}{mistakes_table}'
        + (
            f"<p>The {plural(q.unnamed_count, 'wrong answer')} with no name are in the <a "
            f'href="#unnamed-{key}">to-do list</a>.</p>'
            if q.unnamed
            else ""
        )
        + "</div>"
    )


def _mistake_ids(a: AssignmentReport) -> list[str]:
    return sorted({m.mistake for q in a.questions for m in q.mistakes})


def _unnamed(a: AssignmentReport, key: str, feedback_href: FeedbackHref) -> str:
    total = sum(q.unnamed_count for q in a.questions)
    wrong = sum(q.counts[INCORRECT] for q in a.questions)
    parts = [
        f'<section id="unnamed-{key}"><h2>Wrong answers with no name: a to-do list for course authors</h2>',
        f'<p class="lead">{plural(total, "wrong answer")} of {wrong:,} got feedback that names no mistake '
        f"({share(total, wrong)}). Each row is a message learners saw, most frequent first: the common ones are "
        "mistakes worth naming.</p>",
    ]
    if not total:
        parts.append('<p class="empty">Every wrong answer was given a mistake name.</p>')
    for q in a.questions:
        if not q.unnamed:
            continue
        rows = [
            [
                e(u.shape),
                f"{u.count:,}",
                _learner_link(key, a.assignment, u.example, feedback_href),
                message_block(u.message, folded=True),
            ]
            for u in q.unnamed[:UNNAMED_ROWS]
        ]
        parts.append(
            f'<h3 id="unnamed-{key}-{e(q.question)}">{e(q.question)} <span '
            f'class="muted">({plural(q.unnamed_count, "answer")}, '
            f"{plural(len(q.unnamed), 'kind')} of message)</span></h3>"
        )
        parts.append(
            table(
                [
                    ("Message (first line, numbers as #)", ""),
                    ("Answers", "num"),
                    ("For example", ""),
                    ("What they saw", ""),
                ],
                rows,
                "unnamed",
            )
        )
        if len(q.unnamed) > UNNAMED_ROWS:
            rest = sum(u.count for u in q.unnamed[UNNAMED_ROWS:])
            parts.append(
                f'<p class="muted">and {plural(len(q.unnamed) - UNNAMED_ROWS, "rarer kind")} of message '
                f"({plural(rest, 'answer')}).</p>"
            )
    parts.append("</section>")
    return "".join(parts)


def score_bins(scores: Sequence[float], max_score: float) -> list[tuple[str, float, float, int]]:
    """(label, low, high, count) bins: one per whole point when scores are whole, else ten equal ones."""
    top = max([max_score, *scores]) if scores else max_score
    if all(float(s).is_integer() for s in scores) and float(top).is_integer() and top <= 40:
        counts = Counter(int(s) for s in scores)
        return [(str(v), v, v, counts.get(v, 0)) for v in range(0, int(top) + 1)]
    width = (top or 1) / 10
    bins = [[f"{number(i * width)}–{number((i + 1) * width)}", i * width, (i + 1) * width, 0] for i in range(10)]
    for s in scores:
        bins[min(9, int(s / width))][3] += 1  # type: ignore[operator]
    return [tuple(b) for b in bins]  # type: ignore[misc]


def _scores(a: AssignmentReport, key: str) -> str:
    bins = score_bins(a.scores, a.max_score)
    bars = [
        svg.Bar(
            label=label,
            count=count,
            color=BAR_COLOR,
            title=f"{plural(count, 'submission')} scored {label}",
            attrs={"low": number(low), "high": number(high)},
        )
        for label, low, high, count in bins
    ]
    marker = None
    if a.median_score is not None:
        index = next((i for i, (_, low, high, _) in enumerate(bins) if low <= a.median_score <= high), len(bins) - 1)
        low, high = bins[index][1], bins[index][2]
        offset = 0.5 if high == low else (a.median_score - low) / (high - low)
        marker = (index + offset, f"median {number(a.median_score)}")
    chart = svg.columns(
        bars,
        title=f"{a.assignment}: score distribution",
        x_title=f"score (points on the required questions, of {number(a.max_score)})",
        y_title="submissions",
        chart="scores",
        marker=marker,
        attrs={"assignment": a.assignment},
    )
    if a.scores:
        lead = (
            f"Median {number(a.median_score)} of {number(a.max_score)} points on the required questions, over "
            f"{plural(len(a.scores), 'graded submission')}."
        )
        if a.bonus_max:
            bonus = statistics.median(a.bonus_scores)
            earned = sum(1 for b in a.bonus_scores if b > 0)
            lead += (
                f" Bonus questions, counted apart: median {number(bonus)} of {number(a.bonus_max)} points; "
                f"{plural(earned, 'submission')} earned some."
            )
    else:
        lead = "No submission was graded."
    return f'<section id="scores-{key}"><h2>Scores</h2><p class="lead">{lead}</p>{chart}</section>'


def _learners(a: AssignmentReport, key: str) -> str:
    options = ['<option value="">Everyone</option>', '<option value="ng">Notebook could not be graded</option>']
    mistakes = _mistake_ids(a)
    mistake_index = {m: i for i, m in enumerate(mistakes)}
    for qi, q in enumerate(a.questions):
        opts = [
            f'<option value="s:{qi}:{RESULT_STATUSES.index(s)}">{e(q.question)}: {e(STATUS_LABELS[s])} '
            f"({q.counts[s]:,})</option>"
            for s in RESULT_STATUSES
            if q.counts[s]
        ]
        opts += [
            f'<option value="m:{qi}:{mistake_index[m.mistake]}">{e(q.question)}: mistake {e(m.mistake)} '
            f"({m.count:,})</option>"
            for m in q.mistakes
        ]
        if q.unnamed:
            opts.append(f'<option value="u:{qi}">{e(q.question)}: wrong, no name ({q.unnamed_count:,})</option>')
        options.append(f'<optgroup label="{e(q.question)}">{"".join(opts)}</optgroup>')
    heads = "".join(
        f'<th scope="col" data-key="q{qi}" aria-sort="none"><button type="button">{e(q.question)}</button></th>'
        for qi, q in enumerate(a.questions)
    )
    return (
        f'<section id="learners-{key}" data-learners="{key}"><h2>Learners</h2>'
        '<p class="lead">Click a column to sort by it; click a learner to read the feedback they got. '
        "Hover a status for the message.</p>"
        '<div class="controls">'
        f'<label>Find a learner <input type="search" placeholder="part of a name" aria-controls="table-{key}"></label>'
        f'<label>Show <select class="filter" aria-controls="table-{key}">{"".join(options)}</select></label>'
        '<label>Rows per page <select class="page-size"><option>25</option><option selected>50</option>'
        "<option>100</option><option>500</option></select></label></div>"
        '<div class="pager"><button type="button" data-go="first">First</button>'
        '<button type="button" data-go="prev">Previous</button><span class="page-info"></span>'
        '<button type="button" data-go="next">Next</button><button type="button" data-go="last">Last</button>'
        '<span class="table-info muted" aria-live="polite"></span></div>'
        f'<div class="scroll"><table class="learners" id="table-{key}"><thead><tr>'
        '<th scope="col" data-key="learner" aria-sort="ascending"><button type="button">Learner</button></th>'
        '<th scope="col" data-key="score" aria-sort="none" class="num"><button type="button">Score</button></th>'
        + (
            '<th scope="col" data-key="bonus" aria-sort="none" class="num"><button type="button">Bonus</button></th>'
            if a.bonus_max
            else ""
        )
        + f"{heads}</tr></thead><tbody></tbody></table></div>"
        "<noscript><p>Sorting, filtering and paging this table needs JavaScript.</p></noscript></section>"
    )


def _learner_data(a: AssignmentReport, key: str, feedback_href: FeedbackHref) -> dict[str, object]:
    """The learners table as compact JSON: messages and mistake ids are listed once and referred to by index."""
    messages: dict[str, int] = {}
    mistakes = {m: i for i, m in enumerate(_mistake_ids(a))}
    questions = [q.question for q in a.questions]
    qindex = {q: i for i, q in enumerate(questions)}
    status_index = {s: i for i, s in enumerate(RESULT_STATUSES)}

    def msg(text: str) -> int:
        return messages.setdefault(text, len(messages))

    rows = []
    for sub in a.submissions:
        res: list[object] = [None] * len(questions)
        for r in sub.results:
            status = status_index.get(r.status, status_index[COULD_NOT_GRADE])
            res[qindex[r.question]] = [
                status,
                mistakes.get(r.mistake, -1) if r.mistake else -1,
                msg(r.message),
                r.points,
            ]
        href = feedback_href(a.assignment, sub.learner) or in_page_href(key, sub.learner)
        reason = msg(sub.reason) if sub.reason else -1
        score, bonus = (sub.score, sub.bonus_score) if sub.graded else (None, None)
        rows.append([sub.learner, score, bonus, 1 if sub.graded else 0, href, reason, res])
    return {
        "assignment": a.assignment,
        "questions": questions,
        "maxPoints": [q.max_points for q in a.questions],
        "bonus": [q.bonus for q in a.questions],
        "maxScore": a.max_score,
        "bonusMax": a.bonus_max,
        "statuses": list(RESULT_STATUSES),
        "labels": [STATUS_LABELS[s] for s in RESULT_STATUSES],
        "incorrect": status_index[INCORRECT],
        "noResult": status_index[NO_RESULT],
        "couldNotGrade": status_index[COULD_NOT_GRADE],
        "mistakes": list(mistakes),
        "messages": list(messages),
        "rows": rows,
    }


def _not_graded(report: ClassReport, keys: _Keys, feedback_href: FeedbackHref) -> str:
    whole = [n for n in report.not_graded if n.question is None]
    parts = [
        '<section id="not-graded"><h2>Could not be graded</h2>',
        f'<p class="lead">{plural(len(whole), "submission")} could not be graded at all'
        + (
            f", and {plural(len(report.not_graded) - len(whole), 'single answer')} in graded ones"
            if len(whole) < len(report.not_graded)
            else ""
        )
        + ". The reason is what the grader recorded.</p>",
    ]
    if not report.not_graded:
        parts.append('<p class="empty">Every submission was graded.</p>')
    if whole:
        reasons: dict[str, list[NotGraded]] = {}
        for n in whole:
            reasons.setdefault(n.reason, []).append(n)
        rows = []
        for reason, members in sorted(reasons.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            links = ", ".join(
                _learner_link(keys[n.assignment], n.assignment, n.learner, feedback_href, title=n.path) for n in members
            )
            if len(members) > 8:
                links = f"<details><summary>{plural(len(members), 'learner')}</summary>{links}</details>"
            rows.append([e(reason), f"{len(members):,}", links])
        parts.append(table([("Reason", ""), ("Submissions", "num"), ("Learners", "")], rows, "not-graded"))
    single = [n for n in report.not_graded if n.question is not None]
    if single:
        groups: dict[tuple[str, str, str], list[str]] = {}
        for n in single:
            groups.setdefault((n.assignment, n.question or "", n.reason), []).append(n.learner)
        rows = []
        for (assignment, question, reason), learners in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            examples = ", ".join(
                _learner_link(keys[assignment], assignment, name, feedback_href) for name in sorted(learners)[:3]
            )
            rows.append([e(question), f"{len(learners):,}", message_block(reason), examples])
        parts.append("<h3>Single answers that could not be graded</h3>")
        parts.append(
            table(
                [("Question", ""), ("Answers", "num"), ("Message", ""), ("For example", "")], rows, "not-graded-answers"
            )
        )
    if report.noted:
        rows = [
            [_learner_link(keys[n.assignment], n.assignment, n.learner, feedback_href, title=n.path), e(n.reason)]
            for n in report.noted
        ]
        notes = table([("Learner", ""), ("Note", "")], rows, "noted")
        parts.append(
            f"<h3>Graded, with a note from the grader ({plural(len(report.noted), 'submission')})</h3>"
            '<p class="lead">These notebooks were graded, but something in them did not run as written '
            "(a cell that raised, or a cell stopped at its time limit).</p>"
            + (
                f"<details><summary>Show the {len(report.noted):,} notes</summary>{notes}</details>"
                if len(rows) > 10
                else notes
            )
        )
    parts.append("</section>")
    return "".join(parts)


def _timing(report: ClassReport, keys: _Keys, feedback_href: FeedbackHref) -> str:
    t = report.timing
    parts = ['<section id="timing"><h2>How long grading took</h2>']
    if t.runs:
        rows = []
        for r in t.runs:
            rate = f"{60 * r.submissions / r.seconds:,.1f}" if r.seconds and r.submissions else "–"
            rows.append(
                [
                    str(r.id),
                    f'<span class="nowrap">{e(r.started_at or "–")}</span>',
                    f'<span class="nowrap">{e(r.finished_at or "–")}</span>',
                    number(round(r.seconds, 1) if r.seconds is not None else None),
                    number(r.submissions),
                    number(r.workers),
                    e(r.scheduler or "–"),
                    rate,
                ]
            )
        headers = [
            ("Run", "num"),
            ("Started", ""),
            ("Finished", ""),
            ("Seconds", "num"),
            ("Submissions", "num"),
            ("Workers", "num"),
            ("Scheduler", ""),
            ("Submissions per minute", "num"),
        ]
        parts.append(table(headers, rows, "runs"))
    else:
        parts.append('<p class="empty">The gradebook records no grading runs.</p>')
    if t.submissions_timed:
        parts.append(
            f"<p>Per submission ({plural(t.submissions_timed, 'timed submission')}): median {t.median_seconds:.2f} s, "
            f"95th percentile {t.p95_seconds:.2f} s, slowest {t.max_seconds:.2f} s.</p>"
        )
        multi = len(report.assignments) > 1
        rows = [
            [_learner_link(keys[s.assignment], s.assignment, s.learner, feedback_href)]
            + ([e(s.assignment)] if multi else [])
            + [f"{s.seconds:.2f}", "Graded" if s.graded else e(STATUS_LABELS.get(s.status, s.status.replace("_", " ")))]
            for s in t.slowest
        ]
        parts.append("<h3>Slowest submissions</h3>")
        headers = [("Learner", "")] + ([("Assignment", "")] if multi else []) + [("Seconds", "num"), ("Outcome", "")]
        parts.append(table(headers, rows, "slowest"))
    parts.append("</section>")
    return "".join(parts)


def gradebook_page(
    report: ClassReport,
    feedback_href: FeedbackHref = lambda assignment, learner: None,
    generated: str = "",
    meta: Mapping[str, str] | None = None,
) -> str:
    """The whole report page for a gradebook."""
    keys = _Keys(report.assignments)
    names = ", ".join(a.assignment for a in report.assignments) or "no assignments"
    title = f"What the class got wrong: {names}"
    version = (meta or {}).get("learntools_cv_version")
    subtitle = (
        f"Gradebook <code>{e(report.source)}</code>"
        + (
            f" (schema {e((meta or {}).get('schema_version', '?'))}, written by learntools_cv {e(version)})"
            if version
            else ""
        )
        + (f" · report made {e(generated)}" if generated else "")
    )
    multi = len(report.assignments) > 1
    toc = [("summary", "Summary")]
    body = [_summary(report)]
    data: dict[str, object] = {}
    for a in report.assignments:
        key = keys[a.assignment]
        suffix = f" ({a.assignment})" if multi else ""
        toc += [
            (f"questions-{key}", "Questions" + suffix),
            (f"mistakes-{key}", "Mistakes" + suffix),
            (f"unnamed-{key}", "No name" + suffix),
            (f"scores-{key}", "Scores" + suffix),
            (f"learners-{key}", "Learners" + suffix),
        ]
        if multi:
            body.append(f'<h2 class="assignment">Assignment {e(a.assignment)}</h2>')
        body.append(_question_counts(a, key))
        body.append(
            f'<section id="mistakes-{key}"><h2>Mistakes, question by question</h2>'
            '<p class="lead">How many learners made each named mistake, the message they saw, and one of them. '
            "Click a bar or “show them” to list those learners.</p>"
            + "".join(_mistake_section(a, q, key, qi, feedback_href) for qi, q in enumerate(a.questions))
            + "</section>"
        )
        body.append(_unnamed(a, key, feedback_href))
        body.append(_scores(a, key))
        body.append(_learners(a, key))
        data[key] = _learner_data(a, key, feedback_href)
    toc += [("not-graded", "Could not grade"), ("timing", "Grading time")]
    body.append(_not_graded(report, keys, feedback_href))
    body.append(_timing(report, keys, feedback_href))
    return shell(title, subtitle, toc, "".join(body), data)


# ---------------------------------------------------------------------------------------------- events

HINT_COLOR = "#2e6da4"
SOLUTION_COLOR = "#8e44ad"
"""Series colours of the help chart (not status words): the solution's purple stays apart from Correct's green."""
ATTEMPT_BINS = 10
"""Attempts-to-correct columns: 1, 2, ..., 9 and '10+'."""


def attempt_bins(attempts: Mapping[int, int]) -> list[tuple[str, int]]:
    bins = [(str(n), attempts.get(n, 0)) for n in range(1, ATTEMPT_BINS)]
    bins.append((f"{ATTEMPT_BINS}+", sum(k for n, k in attempts.items() if n >= ATTEMPT_BINS)))
    return bins


def _events_summary(report: EventsReport) -> str:
    log = report.log
    cards = [
        (f"{len(log.files):,}", "files read", "files"),
        (f"{len(log.events):,}", "events", "events"),
        (f"{report.learners:,}", "learners", "learners"),
        (f"{report.sessions:,}", "kernel sessions", "sessions"),
        (f"{log.skipped_total:,}", "lines skipped", "skipped"),
    ]
    html_cards = "".join(
        f'<div class="card" data-card="{e(key)}"><div class="value">{e(value)}</div><div '
        f'class="what">{e(what)}</div></div>'
        for value, what, key in cards
    )
    notes = []
    if report.unknown_learners:
        old = sum(f.old_events for f in log.files)
        notes.append(
            f"{plural(old, 'event')} {'was' if old == 1 else 'were'} written before learner ids existed (schema 0); "
            "each file holding such events counts as one unknown learner "
            f"({plural(report.unknown_learners, 'unknown learner')})."
        )
    if log.newer_schema:
        notes.append(
            f"{plural(log.newer_schema, 'event')} {'uses' if log.newer_schema == 1 else 'use'} a newer schema than "
            "this report knows; their known fields were read."
        )
    parts = [f'<section id="summary"><h2>Summary</h2><div class="cards">{html_cards}</div>']
    parts += [f'<p class="lead">{e(n)}</p>' for n in notes]
    if log.skipped_total:
        items = "".join(f"<li>{e(s.path)}:{s.line}: {e(s.reason)}</li>" for s in log.skipped)
        more = log.skipped_total - len(log.skipped)
        parts.append(
            f"<details open><summary>{plural(log.skipped_total, 'line')} skipped: not events</summary>"
            f'<ul class="skipped">{items}</ul>'
            + (f'<p class="muted">and {plural(more, "more line")}.</p>' if more else "")
            + "</details>"
        )
    parts.append("</section>")
    return "".join(parts)


def _events_overview(x: ExerciseEvents, key: str) -> str:
    rows = []
    for q in x.questions:
        rows.append(
            [
                e(q.question),
                f"{q.learners:,}",
                f'{q.correct:,} <span class="muted">({share(q.correct, q.learners)})</span>',
                number(q.median_attempts),
                f"{q.hint_first:,}",
                f"{q.solution_first:,}",
                f"{q.gave_up:,}",
            ]
        )
    headers = [
        ("Question", ""),
        ("Learners", "num"),
        ("Reached Correct", "num"),
        ("Median attempts", "num"),
        ("Hint before Correct", "num"),
        ("Solution before Correct", "num"),
        ("Stopped here", "num"),
    ]
    segments = [
        (
            q.question,
            [
                svg.Segment(
                    "unaided", "Correct, no help", q.correct - q.hint_first - q.solution_first, STATUS_COLORS["correct"]
                ),
                svg.Segment("hint", "Correct after a hint", q.hint_first, HINT_COLOR),
                svg.Segment("solution", "Correct after the solution", q.solution_first, SOLUTION_COLOR),
                svg.Segment("not-correct", "Never Correct", q.learners - q.correct, STATUS_COLORS["incorrect"]),
            ],
        )
        for q in x.questions
    ]
    chart = svg.stacked(
        segments,
        title=f"{x.exercise}: learners per question, by how they reached Correct",
        chart="help",
        row_attrs=[{"question": q.question} for q in x.questions],
        attrs={"exercise": x.exercise},
    )
    return (
        f'<section id="overview-{key}"><h2>Questions</h2>'
        f'<p class="lead">{plural(x.learners, "learner")} touched {e(x.exercise)}; '
        f"{x.finished:,} reached Correct on every question they touched. An attempt is a check that said Correct or "
        "Incorrect; checks of the starter code do not count.</p>"
        f"{table(headers, rows, 'events-overview')}"
        "<h3>Hints and solutions opened before Correct</h3>"
        f"{chart}</section>"
    )


def _mistake_bars(
    question: str, named: Mapping[str, int], unnamed: int, whole: int, color: str, when: str
) -> list[svg.Bar]:
    """One bar per named mistake, then one for wrong answers with no name; `when` ends each bar's title
    ('before Correct', 'and never reached Correct') and `whole` is what the shares are of."""
    bars = [
        svg.Bar(
            label=m,
            count=n,
            color=color,
            note=f"({share(n, whole)})",
            title=f"{question}: {plural(n, 'learner')} made {m} {when}",
            attrs={"mistake": m},
        )
        for m, n in named.items()
    ]
    if unnamed:
        bars.append(
            svg.Bar(
                label="(no name)",
                count=unnamed,
                color=UNNAMED_COLOR,
                note=f"({share(unnamed, whole)})",
                title=f"{question}: {plural(unnamed, 'learner')} had a wrong answer with no name {when}",
                attrs={"unnamed": "true"},
            )
        )
    return bars


def figure(caption: str, chart: str, width: int) -> str:
    return f'<figure style="max-width: {width}px"><figcaption>{caption}</figcaption>{chart}</figure>'


def _attempts(x: ExerciseEvents, key: str) -> str:
    figures = []
    for q in x.questions:
        bars = [
            svg.Bar(
                label=label,
                count=count,
                color=BAR_COLOR,
                title=f"{q.question}: {plural(count, 'learner')} reached Correct at attempt {label}",
                attrs={"attempts": label},
            )
            for label, count in attempt_bins(q.attempts)
        ]
        chart = svg.columns(
            bars,
            title=f"{x.exercise} {q.question}: attempts to Correct",
            x_title="attempts",
            y_title="learners",
            chart="attempts",
            width=380,
            height=190,
            attrs={"question": q.question, "exercise": x.exercise},
        )
        caption = f"<strong>{e(q.question)}</strong>: {q.correct:,} reached Correct; median {number(q.median_attempts)}"
        figures.append(figure(caption, chart, 380))
    return (
        f'<section id="attempts-{key}"><h2>Attempts to Correct</h2>'
        '<p class="lead">For the learners who reached Correct: how many attempts it took them, the Correct one '
        "included.</p>"
        f'<div class="multiples">{"".join(figures)}</div></section>'
    )


def _event_mistakes(x: ExerciseEvents, key: str) -> str:
    parts = [
        f'<section id="mistakes-{key}"><h2>Mistakes on the way</h2>',
        '<p class="lead">Left: learners who made each named mistake before their first Correct. Right: learners '
        "who made it and never reached Correct. A learner counts once per mistake.</p>",
    ]
    label_chars = max(
        [len("(no name)")]
        + [len(m) for q in x.questions for m in (*q.mistakes_before_correct, *q.mistakes_never_correct)]
    )
    for q in x.questions:
        parts.append(f'<h3 id="mistakes-{key}-{e(q.question)}">{e(q.question)}</h3>')
        if not (
            q.mistakes_before_correct or q.mistakes_never_correct or q.unnamed_before_correct or q.unnamed_never_correct
        ):
            parts.append(f'<p class="empty">No wrong answers recorded for {e(q.question)}.</p>')
            continue
        bars = _mistake_bars(q.question, q.mistakes_before_correct, q.unnamed_before_correct, q.correct,
                             BAR_COLOR, "before Correct")
        before = svg.hbars(
            bars,
            title=f"{x.exercise} {q.question}: mistakes before Correct",
            chart="mistakes-before-correct",
            width=560,
            label_chars=label_chars,
            attrs={"question": q.question, "exercise": x.exercise},
        )
        figures = [figure(f"On the way to Correct ({plural(q.correct, 'learner')} got there)", before, 560)]
        stuck = q.learners - q.correct
        if stuck:
            never = _mistake_bars(q.question, q.mistakes_never_correct, q.unnamed_never_correct, stuck,
                                  STATUS_COLORS["incorrect"], "and never reached Correct")
            chart = svg.hbars(
                never,
                title=f"{x.exercise} {q.question}: mistakes of learners who never reached Correct",
                chart="mistakes-never-correct",
                width=560,
                label_chars=label_chars,
                attrs={"question": q.question, "exercise": x.exercise},
            )
            caption = f"Never reached Correct ({plural(stuck, 'learner')})"
            if not never:
                caption += ": none of them had a wrong answer; they only ran the starter code or opened help"
            figures.append(figure(caption, chart, 560))
        parts.append(f'<div class="multiples">{"".join(figures)}</div>')
    parts.append("</section>")
    return "".join(parts)


def _gave_up(x: ExerciseEvents, key: str) -> str:
    bars = [
        svg.Bar(
            label=q.question,
            count=q.gave_up,
            color=STATUS_COLORS["not_attempted"],
            note=f"({share(q.gave_up, x.learners)})",
            title=f"{plural(q.gave_up, 'learner')} stopped at {q.question} without reaching Correct",
            attrs={"question": q.question},
        )
        for q in x.questions
    ]
    stopped = sum(q.gave_up for q in x.questions)
    return (
        f'<section id="gave-up-{key}"><h2>Where learners stopped</h2>'
        f'<p class="lead">{plural(stopped, "learner")} of {x.learners:,} left a question without reaching Correct. '
        "Each is counted at the last question they touched without reaching Correct.</p>"
        + svg.hbars(
            bars, title=f"{x.exercise}: where learners stopped", chart="gave-up", attrs={"exercise": x.exercise}
        )
        + "</section>"
    )


def events_page(report: EventsReport, generated: str = "") -> str:
    """The whole report page for learners' events."""
    names = ", ".join(x.exercise for x in report.exercises) or "no events"
    title = f"How learners got to Correct: {names}"
    subtitle = f"From {plural(len(report.log.files), 'events file')}" + (
        f" · report made {e(generated)}" if generated else ""
    )
    multi = len(report.exercises) > 1
    toc = [("summary", "Summary")]
    body = [_events_summary(report)]
    for i, x in enumerate(report.exercises):
        key = f"x{i}"
        suffix = f" ({x.exercise})" if multi else ""
        toc += [
            (f"overview-{key}", "Questions" + suffix),
            (f"attempts-{key}", "Attempts" + suffix),
            (f"mistakes-{key}", "Mistakes" + suffix),
            (f"gave-up-{key}", "Stopped" + suffix),
        ]
        if multi:
            body.append(f'<h2 class="assignment">Exercise {e(x.exercise)}</h2>')
        body += [_events_overview(x, key), _attempts(x, key), _event_mistakes(x, key), _gave_up(x, key)]
    if not report.exercises:
        body.append('<section><p class="empty">The files hold no events.</p></section>')
    return shell(title, subtitle, toc, "".join(body), {})
