"""What a class got wrong, as one self-contained web page: `learntools-cv report GRADEBOOK` or
`learntools-cv report EVENTS.jsonl...`.

Reading is separate from drawing: `load_gradebook` + `analyse` (or `read_events` + `aggregate`) give plain data;
`gradebook_page` (or `events_page`) turns that data into the HTML text. The command is in `report.cli`.

The names below are imported when first used, so that building the `learntools-cv` parser (which imports
`report.cli`) stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "ClassReport": "data",
    "EventLog": "events",
    "EventsReport": "events",
    "Gradebook": "data",
    "NotAGradebook": "data",
    "aggregate": "events",
    "analyse": "data",
    "events_page": "html",
    "gradebook_page": "html",
    "load_gradebook": "data",
    "read_events": "events",
}

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


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"learntools_cv.report.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'learntools_cv.report' has no attribute {name!r}")
