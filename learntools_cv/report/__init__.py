"""What a class got wrong, as one self-contained web page: `learntools-cv report GRADEBOOK` or
`learntools-cv report EVENTS.jsonl...`.

Reading is separate from drawing: `load_gradebook` + `analyse` (or `read_events` + `aggregate`) give plain data;
`gradebook_page` (or `events_page`) turns that data into the HTML text. The command is in `report.cli`.
"""

from learntools_cv.report.data import ClassReport, Gradebook, NotAGradebook, analyse, load_gradebook
from learntools_cv.report.events import EventLog, EventsReport, aggregate, read_events
from learntools_cv.report.html import events_page, gradebook_page

__all__ = [
    "ClassReport",
    "EventLog",
    "EventsReport",
    "Gradebook",
    "NotAGradebook",
    "aggregate",
    "analyse",
    "events_page",
    "gradebook_page",
    "load_gradebook",
    "read_events",
]
