"""The learntools tracks, ported: every question of tests/learntools_tracks/ run as a learner runs it.

Each module there mirrors one real module of learntools' `python` or `intro_to_programming` track (same kinds of
question, attributes and helper calls; questions of our own). For every question this file pins what the
learner sees when the answer is right, wrong, of the wrong kind, and untouched (the notebook's starter code),
plus every hint and every solution. Learner cells run as a Jupyter kernel runs them: compiled under a cell name
that `inspect.getsource` can read back.

Also here: each module's only link to the framework is its `learntools_cv.core` import lines, placed exactly
where the real module imports from `learntools.core`; with those lines spelled `learntools.core` it runs
unchanged.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import io
import itertools
import linecache
import random
import re
import sys
import types
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import learntools_cv.core
import learntools_cv.core.asserts
import learntools_cv.core.exceptions
import learntools_cv.core.learntools
import learntools_cv.core.utils
from learntools_cv.core import Outcome, Session, Status

TRACKS = Path(__file__).parent / "learntools_tracks"

# Each module, the real module it mirrors, and that module's import lines that name learntools.core (read from
# Kaggle/learntools at commit 8a8d4450), in order.
MIRRORS = {
    "py_ex1": ("learntools/python/ex1.py", [
        "from learntools.core import *",
        "from learntools.core.problem import injected",
    ]),
    "py_ex2": ("learntools/python/ex2.py", [
        "from learntools.core import *",
        "from learntools.core.exceptions import Incorrect",
    ]),
    "py_ex3": ("learntools/python/ex3.py", [
        "from learntools.core import *",
        "from learntools.core.problem import injected",
        "from learntools.core.exceptions import Uncheckable",
        "from learntools.core.utils import format_args",
    ]),
    "py_ex4": ("learntools/python/ex4.py", ["from learntools.core import *"]),
    "py_ex5": ("learntools/python/ex5.py", ["from learntools.core import *"]),
    "py_ex6": ("learntools/python/ex6.py", ["from learntools.core import *"]),
    "py_ex7": ("learntools/python/ex7.py", ["from learntools.core import *"]),
    "itp_ex1": ("learntools/intro_to_programming/ex1.py", ["from learntools.core import *"]),
    "itp_ex2": ("learntools/intro_to_programming/ex2.py", ["from learntools.core import *"]),
    "itp_ex3": ("learntools/intro_to_programming/ex3.py", ["from learntools.core import *"]),
    "itp_ex4": ("learntools/intro_to_programming/ex4.py", ["from learntools.core import *"]),
    "itp_ex5": ("learntools/intro_to_programming/ex5.py", ["from learntools.core import *"]),
}

# Cells the lesson's notebook runs before the questions (the variables a question's code builds on).
PRELUDE = {
    "itp_ex1": "frames_per_second = 24\nseconds_per_minute = 60\nminutes_per_film = 90\n"
               "red_pixels = 160\nblue_pixels = 96\ntotal_pixels = 640",
    "itp_ex2": "from learntools_tracks.itp_ex2 import get_ticket_price, get_fabric_cost",
    "itp_ex5": "from learntools_tracks.itp_ex5 import daily_visitors, vowels, recipe",
    "py_ex5": "from learntools_tracks.py_ex5 import roll_bonus_die",
}

_cells = itertools.count()


def run_cell(source: str, ns: dict[str, Any]) -> None:
    """Run learner code as a kernel does: under a cell name whose source `inspect.getsource` can read."""
    name = f"<learner-cell-{next(_cells)}>"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    exec(compile(source, name, "exec"), ns)


class Notebook:
    """A learner's notebook on one exercise module: a fresh session, the module freshly imported (new
    question objects), its `from ... import *` and the lesson's setup cells already run."""

    def __init__(self, module: str) -> None:
        self.module_name = f"learntools_tracks.{module}"
        self.session = Session()
        self.ns: dict[str, Any] = {"__name__": "__main__"}
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> Notebook:
        self._stack.enter_context(self.session.activated())
        self.module = importlib.reload(importlib.import_module(self.module_name))
        self.session.bind(self.ns)
        exec(f"from {self.module_name} import *", self.ns)
        short = self.module_name.rsplit(".", 1)[1]
        if short in PRELUDE:
            run_cell(PRELUDE[short], self.ns)
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stack.close()

    def run(self, source: str) -> str:
        """Run a cell; return what it printed."""
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            run_cell(source, self.ns)
        return out.getvalue()

    def q(self, name: str) -> Any:
        return eval(name, self.ns)


def starter(name: str, args: str) -> str:
    """A function cell as an exercise notebook hands it out: a docstring and `pass`."""
    return f'def {name}({args}):\n    """Your code here."""\n    pass\n'


def check(module: str, question: str, cell: str) -> Outcome:
    with Notebook(module) as nb:
        nb.run(cell)
        return nb.q(question).evaluate()


# ---- every question: right, wrong, of the wrong kind, untouched ----

# (module, question, what the cell is, status, the learner's cell, the whole message the learner sees)
# Where learntools' own starter code is already an answer (a buggy function to fix, a list to edit, values to
# change), the starter is judged as an answer, as in learntools; a placeholder or a missing variable is then
# the untouched state.
CHECKS = [
    # py_ex1
    ('py_ex1', 'q0', 'starter', 'not_attempted',
     'favourite_shape = ____',
     'Not attempted: `favourite_shape` still holds the placeholder `____`. Replace it with your code, then run '
     '`q0.check()` again.'),
    ('py_ex1', 'q0', 'wrong', 'incorrect',
     "favourite_shape = 'square'",
     'Incorrect: Not quite. Try again!'),
    ('py_ex1', 'q0', 'wrong type', 'incorrect',
     'favourite_shape = 3',
     "Incorrect: Your answer could not be checked: checking it raised `AttributeError: 'int' object has no "
     "attribute 'strip'`. `favourite_shape` is a whole number (`3`): is that the kind of value the question "
     'asks for?'),
    ('py_ex1', 'q0', 'right', 'correct',
     "favourite_shape = ' Triangle'",
     'Correct: Right first time, with no hint at all. Try the hint and the solution below anyway, to see how '
     'they look.'),
    ('py_ex1', 'q1', 'starter', 'not_attempted',
     'perimeter = 10\nside = ____\narea = ____',
     'Not attempted: `side`, `area` still hold the placeholder `____`. Replace it with your code, then run '
     '`q1.check()` again.'),
    ('py_ex1', 'q1', 'wrong', 'incorrect',
     'perimeter = 10\nside = perimeter / 2\narea = side ** 2',
     'Incorrect: Incorrect value for `side`: `5.0`.'),
    ('py_ex1', 'q1', 'wrong type', 'incorrect',
     "perimeter = 10\nside = '2.5'\narea = 6.25",
     "Incorrect: Expected `side` to be a number, but it is a string (`'2.5'`)."),
    ('py_ex1', 'q1', 'some missing', 'incorrect',
     'perimeter = 10\nside = perimeter / 4',
     'Incorrect: You still need to define `area`.'),
    ('py_ex1', 'q1', 'right', 'correct',
     'perimeter = 10\nside = perimeter / 4\narea = side ** 2',
     'Correct'),
    ('py_ex1', 'q2', 'placeholder', 'not_attempted',
     'left = ____\nright = ____',
     'Not attempted: `left`, `right` still hold the placeholder `____`. Replace it with your code, then run '
     '`q2.check()` again.'),
    ('py_ex1', 'q2', 'starter', 'incorrect',
     'left = [1, 2, 3]\nright = [3, 2, 1]\nq2.remember_originals()',
     'Incorrect: `left` and `right` still hold the values they started with.'),
    ('py_ex1', 'q2', 'wrong', 'incorrect',
     'left = [1, 2, 3]\nright = [3, 2, 1]\nq2.remember_originals()\nleft = [3, 2, 1]\nright = [1, 2, 3]',
     'Incorrect: `left` and `right` hold new objects. Swap the objects themselves rather than typing their '
     'values again.'),
    ('py_ex1', 'q2', 'wrong same', 'incorrect',
     'left = [1, 2, 3]\nright = [3, 2, 1]\nq2.remember_originals()\nleft = right',
     'Incorrect: `left` and `right` are now the same object: `[3, 2, 1]`.'),
    ('py_ex1', 'q2', 'forgot remember', 'checker_error',
     'left = [1, 2, 3]\nright = [3, 2, 1]',
     "Checker error: The checker for `q2` failed: it raised `AttributeError: 'SwapShelves' object has no "
     "attribute 'id_right'`. This is a bug in the exercise, not a mistake in your answer. Please report it; "
     'meanwhile, compare your code with the hints.'),
    ('py_ex1', 'q2', 'right', 'correct',
     'left = [1, 2, 3]\nright = [3, 2, 1]\nq2.remember_originals()\nleft, right = right, left',
     'Correct: Keep one value aside in a spare variable while you move the other:\n\n    spare = left\n    '
     'left = right\n    right = spare\n\nPython can also do it in one line: `left, right = right, left`.'),
    ('py_ex1', 'q3.a', 'thought', 'correct',
     '',
     'Correct:\n(9 - 3) * 2'),
    ('py_ex1', 'q3.b', 'thought', 'correct',
     '',
     'Correct: `(6 + 2) * (3 - (4 - 1))` is one answer; there are others.'),
    ('py_ex1', 'q4', 'starter', 'not_attempted',
     'pile_a, pile_b, pile_c = 17, 23, 9\nleftover = -1',
     'Not attempted: You still need to update the code that sets `leftover`.'),
    ('py_ex1', 'q4', 'wrong', 'incorrect',
     'pile_a, pile_b, pile_c = 17, 23, 9\nleftover = (pile_a + pile_b + pile_c) // 4',
     'Incorrect: Incorrect value for `leftover`: `12`.'),
    ('py_ex1', 'q4', 'right', 'correct',
     'pile_a, pile_b, pile_c = 17, 23, 9\nleftover = (pile_a + pile_b + pile_c) % 4',
     'Correct'),
    ('py_ex1', 'q5', 'starter', 'not_attempted',
     'flipped = ____',
     'Not attempted: `flipped` still holds the placeholder `____`. Replace it with your code, then run '
     '`q5.check()` again.'),
    ('py_ex1', 'q5', 'wrong', 'incorrect',
     'flipped = 11',
     'Incorrect: Incorrect value for `flipped`: `11`.'),
    ('py_ex1', 'q5', 'right', 'correct',
     'flipped = 5',
     'Correct: With an even number of `-` signs the value is `11`; with an odd number it is `5`.\nThe first '
     '`-` subtracts; every later one negates what follows, so the sign flips back and forth.'),
    ('py_ex1', 'q6', 'thought', 'correct',
     '',
     'Correct: One way:\nrows = (n + 5) // 6\n`(n + 5) // 6` rounds the division up without importing anything.'),
    ('py_ex1', 'q7', 'thought', 'correct',
     '',
     'Correct: `x = y = []` makes both names refer to one list, so appending to `x` also changes `y`.\nTwo separate assignments make two lists.'),
    # py_ex2
    ('py_ex2', 'q1', 'starter', 'not_attempted',
     starter('round_to_tenths', 'x'),
     'Not attempted: The body of `round_to_tenths` is still empty.'),
    ('py_ex2', 'q1', 'wrong', 'incorrect',
     'def round_to_tenths(x):\n    return round(x)',
     'Incorrect: Called with `x=7.36`, your function returned `7`, but the expected result is `7.4`.'),
    ('py_ex2', 'q1', 'not a function', 'incorrect',
     'round_to_tenths = 0.1',
     'Incorrect: `round_to_tenths` should be a function, but it is a number.'),
    ('py_ex2', 'q1', 'right', 'correct',
     'def round_to_tenths(x):\n    return round(x, 1)',
     'Correct'),
    ('py_ex2', 'q2', 'thought', 'correct',
     '',
     'Correct: `round(2.5)` is `2` and `round(3.5)` is `4`: Python rounds a tie to the nearest even number,\nso that rounding many values does not push their total up.'),
    ('py_ex2', 'q3', 'starter', 'not_attempted',
     starter('share_evenly', 'total, people'),
     'Not attempted: The body of `share_evenly` is still empty.'),
    ('py_ex2', 'q3', 'wrong arity', 'incorrect',
     'def share_evenly(total, people):\n    return total % people',
     'Incorrect: `share_evenly` should also work with one argument, as in `share_evenly(12)`.'),
    ('py_ex2', 'q3', 'wrong', 'incorrect',
     'def share_evenly(total, people=4):\n    return total // people',
     'Incorrect: Called with `total=12`, `people=4`, your function returned `3`, but the expected result is `0`.'),
    ('py_ex2', 'q3', 'right', 'correct',
     'def share_evenly(total, people=4):\n    return total % people',
     'Correct'),
    ('py_ex2', 'q5', 'thought', 'correct',
     '',
     'Correct: One body that works:\nstart = time()\nfn(arg)\nreturn time() - start'),
    ('py_ex2', 'q6', 'thought', 'correct',
     '',
     'Correct:\nreturn max(measure_time(fn, a), measure_time(fn, b), measure_time(fn, c))'),
    ('py_ex2', 'q7', 'thought', 'correct',
     '',
     'Correct: It prints `x`, then raises `TypeError`: `print` returns `None`, and `None` has no length.'),
    ('py_ex2', 'q8.a', 'thought', 'correct',
     '',
     "Correct: `largest_numeric_string('9', '10', '2')` returns `'9'`: strings compare letter by letter, and `'9'`\ncomes after `'1'`."),
    ('py_ex2', 'q8.b', 'starter', 'not_attempted',
     starter('largest_numeric_string', 'a, b, c'),
     'Not attempted: The body of `largest_numeric_string` is still empty.'),
    ('py_ex2', 'q8.b', 'wrong', 'incorrect',
     'def largest_numeric_string(a, b, c):\n    return max(a, b, c)',
     "Incorrect: Called with `a='9'`, `b='10'`, `c='2'`, your function returned `'9'`, but the expected result "
     "is `'10'`."),
    ('py_ex2', 'q8.b', 'raises', 'incorrect',
     'def largest_numeric_string(a, b, c):\n    return max(a, b, c, key=int)',
     "Incorrect: Calling your function with `a='2.5'`, `b='12'`, `c='3'` raised `ValueError: invalid literal "
     "for int() with base 10: '2.5'`."),
    ('py_ex2', 'q8.b', 'right', 'correct',
     'def largest_numeric_string(a, b, c):\n    return max(a, b, c, key=float)',
     'Correct'),
    # py_ex3
    ('py_ex3', 'q1', 'starter', 'not_attempted',
     starter('clamp_to_byte', 'x'),
     'Not attempted: The body of `clamp_to_byte` is still empty.'),
    ('py_ex3', 'q1', 'wrong', 'incorrect',
     'def clamp_to_byte(x):\n    return min(x, 255)',
     'Incorrect: Called with `x=-20`, your function returned `-20`, but the expected result is `0`.'),
    ('py_ex3', 'q1', 'returns None', 'incorrect',
     'def clamp_to_byte(x):\n    if x < 0:\n        return 0\n    elif x > 255:\n        return 255',
     'Incorrect: Your function returned `None` when called with `x=0`. Did you forget a `return` statement?'),
    ('py_ex3', 'q1', 'right', 'correct',
     'def clamp_to_byte(x):\n    return max(0, min(x, 255))',
     'Correct'),
    ('py_ex3', 'q2', 'thought', 'correct',
     '',
     'Correct: Choose the word with a condition:\n\nif n_files == 1:\n    print("Saved 1 file")\nelse:\n    print("Saved", n_files, "files")\n\nor, in one line, `print("Saved", n_files, "file" if n_files == 1 else "files")`.'),
    ('py_ex3', 'q3', 'nothing yet', 'not_attempted',
     '',
     'Not attempted: Create the variables `has_coat`, `temperature`, `has_scarf`, `is_weekend`, then run '
     '`q3.check()` again.'),
    ('py_ex3', 'q3', 'starter', 'incorrect',
     'has_coat = True\ntemperature = 0.0\nhas_scarf = True\nis_weekend = True',
     'Incorrect: With `has_coat=True`, `temperature=0.0`, `has_scarf=True`, `is_weekend=True`, `buggy_ready` '
     'returns `True`, which is the right answer. Find values for which it is wrong.'),
    ('py_ex3', 'q3', 'wrong type', 'incorrect',
     "has_coat = False\ntemperature = 'cold'\nhas_scarf = False\nis_weekend = True",
     "Incorrect: Your answer could not be checked: checking it raised `TypeError: '>' not supported between "
     "instances of 'str' and 'int'`. `temperature` is a string (`'cold'`): is that the kind of value the "
     'question asks for?'),
    ('py_ex3', 'q3', 'right', 'correct',
     'has_coat = False\ntemperature = 3\nhas_scarf = False\nis_weekend = True',
     'Correct: For example `has_coat = False`, `temperature = 3`, `has_scarf = False`, `is_weekend = '
     'True`:\nwe stay at home at the weekend, so we are ready, but `buggy_ready` says we are not.\nPython '
     'reads the end of the expression as `(not temperature < 10) and (not is_weekend)`, while we meant\n`not '
     '(temperature < 10 and not is_weekend)`.'),
    ('py_ex3', 'q4', 'starter', 'not_attempted',
     starter('is_odd', 'n'),
     'Not attempted: The body of `is_odd` is still empty.'),
    ('py_ex3', 'q4', 'wrong', 'incorrect',
     'def is_odd(n):\n    return n % 2 == 0',
     'Incorrect: Called with `n=3`, your function returned `False`, but the expected result is `True`.'),
    ('py_ex3', 'q4', 'one for True', 'correct',
     'def is_odd(n):\n    return n % 2',
     'Correct'),
    ('py_ex3', 'q4', 'right', 'correct',
     'def is_odd(n):\n    return n % 2 == 1',
     'Correct'),
    ('py_ex3', 'q5.a', 'starter', 'not_attempted',
     starter('all_lights_on', 'kitchen, hall, porch'),
     'Not attempted: The body of `all_lights_on` is still empty.'),
    ('py_ex3', 'q5.a', 'wrong', 'incorrect',
     'def all_lights_on(kitchen, hall, porch):\n    return kitchen or hall or porch',
     'Incorrect: Called with `kitchen=True`, `hall=False`, `porch=True`, your function returned `True`, but '
     'the expected result is `False`.'),
    ('py_ex3', 'q5.a', 'right', 'correct',
     'def all_lights_on(kitchen, hall, porch):\n    return kitchen and hall and porch',
     'Correct'),
    ('py_ex3', 'q5.b', 'starter', 'not_attempted',
     starter('no_lights_on', 'kitchen, hall, porch'),
     'Not attempted: The body of `no_lights_on` is still empty.'),
    ('py_ex3', 'q5.b', 'wrong', 'incorrect',
     'def no_lights_on(kitchen, hall, porch):\n    return not kitchen and hall and porch',
     'Incorrect: Called with `kitchen=False`, `hall=False`, `porch=False`, your function returned `False`, but '
     'the expected result is `True`.'),
    ('py_ex3', 'q5.b', 'right', 'correct',
     'def no_lights_on(kitchen, hall, porch):\n    return not (kitchen or hall or porch)',
     'Correct: Either\nreturn not kitchen and not hall and not porch\nor, moving the `not` outside,\nreturn '
     'not (kitchen or hall or porch)'),
    ('py_ex3', 'q5.c', 'starter', 'not_attempted',
     starter('one_of_first_two', 'kitchen, hall, porch'),
     'Not attempted: The body of `one_of_first_two` is still empty.'),
    ('py_ex3', 'q5.c', 'wrong', 'incorrect',
     'def one_of_first_two(kitchen, hall, porch):\n    return kitchen or hall',
     'Incorrect: Called with `kitchen=True`, `hall=True`, `porch=False`, your function returned `True`, but '
     'the expected result is `False`.'),
    ('py_ex3', 'q5.c', 'right', 'correct',
     'def one_of_first_two(kitchen, hall, porch):\n    return kitchen != hall',
     'Correct'),
    ('py_ex3', 'q6', 'starter', 'not_attempted',
     starter('exactly_one_light', 'kitchen, hall, porch'),
     'Not attempted: The body of `exactly_one_light` is still empty.'),
    ('py_ex3', 'q6', 'wrong', 'incorrect',
     'def exactly_one_light(kitchen, hall, porch):\n    return kitchen or hall or porch',
     'Incorrect: Called with `kitchen=True`, `hall=True`, `porch=True`, your function returned `True`, but the '
     'expected result is `False`.'),
    ('py_ex3', 'q6', 'right', 'correct',
     'def exactly_one_light(kitchen, hall, porch):\n    return (kitchen + hall + porch) == 1',
     'Correct: Adding booleans counts the `True`s:\nreturn kitchen + hall + porch == 1'),
    ('py_ex3', 'q7', 'uncheckable', 'uncheckable',
     'def should_roll(total, house_first_roll):\n    return total < 14',
     'Nothing to check: This question has no automatic check.'),
    ('py_ex3', 'q7', 'nothing yet', 'not_attempted',
     '',
     'Not attempted: Create the variable `should_roll`, then run `q7.check()` again.'),
    # py_ex4
    ('py_ex4', 'q1', 'starter', 'not_attempted',
     starter('third_item', 'L'),
     'Not attempted: The body of `third_item` is still empty.'),
    ('py_ex4', 'q1', 'raises', 'incorrect',
     'def third_item(L):\n    return L[2]',
     'Incorrect: Calling your function with `L=[1, 2]` raised `IndexError: list index out of range`.'),
    ('py_ex4', 'q1', 'not a function', 'incorrect',
     'third_item = 3',
     'Incorrect: `third_item` should be a function, but it is a whole number.'),
    ('py_ex4', 'q1', 'right', 'correct',
     'def third_item(L):\n    if len(L) < 3:\n        return None\n    return L[2]',
     'Correct'),
    ('py_ex4', 'q2', 'starter', 'not_attempted',
     starter('last_team_goalie', 'teams'),
     'Not attempted: The body of `last_team_goalie` is still empty.'),
    ('py_ex4', 'q2', 'wrong', 'incorrect',
     'def last_team_goalie(teams):\n    return teams[0][-1]',
     "Incorrect: Called with `teams=[['Ana', 'Bo'], ['Dee', 'Eli', 'Fay']]`, your function returned `'Bo'`, "
     "but the expected result is `'Fay'`."),
    ('py_ex4', 'q2', 'right', 'correct',
     'def last_team_goalie(teams):\n    return teams[-1][-1]',
     'Correct'),
    ('py_ex4', 'q3', 'starter', 'not_attempted',
     starter('rotate_left', 'items'),
     'Not attempted: The body of `rotate_left` is still empty.'),
    ('py_ex4', 'q3', 'returns', 'incorrect',
     'def rotate_left(items):\n    return items[1:] + items[:1]',
     'Incorrect: `rotate_left` should change the list it is given and return nothing, but it returned a value.'),
    ('py_ex4', 'q3', 'wrong', 'incorrect',
     'def rotate_left(items):\n    items.insert(0, items.pop())',
     "Incorrect: After `rotate_left(['x', 'y', 'z'])` the list should be ['y', 'z', 'x'], but it is ['z', 'x', "
     "'y']."),
    ('py_ex4', 'q3', 'right', 'correct',
     'def rotate_left(items):\n    items.append(items.pop(0))',
     'Correct'),
    ('py_ex4', 'q4', 'starter', 'not_attempted',
     'lengths = []',
     'Not attempted: You still need to update the code that sets `lengths`.'),
    ('py_ex4', 'q4', 'wrong', 'incorrect',
     'lengths = [2, 1, 1, 3]',
     'Incorrect: Incorrect value for `lengths`: `[2, 1, 1, 3]`.'),
    ('py_ex4', 'q4', 'wrong type', 'incorrect',
     'lengths = (2, 1, 0, 3)',
     'Incorrect: Incorrect value for `lengths`: `(2, 1, 0, 3)`.'),
    ('py_ex4', 'q4', 'right', 'correct',
     'lengths = [2, 1, 0, 3]',
     'Correct:\n- a: `[[1, 2], [3]]` holds two lists, so its length is 2.\n- b: `[[]]` holds one (empty) list: '
     'length 1.\n- c: `[]` holds nothing: length 0.\n- d: `list("abc")` is `[\'a\', \'b\', \'c\']`: length 3.'),
    ('py_ex4', 'q5', 'starter', 'not_attempted',
     starter('arrived_in_middle', 'arrivals, name'),
     'Not attempted: The body of `arrived_in_middle` is still empty.'),
    ('py_ex4', 'q5', 'wrong', 'incorrect',
     'def arrived_in_middle(arrivals, name):\n    return name in arrivals',
     "Incorrect: Called with `arrivals=['Ann', 'Ben', 'Cal', 'Dot', 'Eve']`, `name='Ann'`, your function "
     'returned `True`, but the expected result is `False`.'),
    ('py_ex4', 'q5', 'right', 'correct',
     'def arrived_in_middle(arrivals, name):\n    i = arrivals.index(name)\n    return 0 < i < len(arrivals) - 1',
     'Correct'),
    ('py_ex4', 'q6', 'starter', 'not_attempted',
     starter('count_zeros', 'nums'),
     'Not attempted: The body of `count_zeros` is still empty.'),
    ('py_ex4', 'q6', 'wrong', 'incorrect',
     'def count_zeros(nums):\n    return len(nums)',
     'Incorrect: Called with `nums=[0, 1, 0]`, your function returned `3`, but the expected result is `2`.'),
    ('py_ex4', 'q6', 'right', 'correct',
     'def count_zeros(nums):\n    return nums.count(0)',
     'Correct:\nOne line does it:\ndef count_zeros(nums):\n    return nums.count(0)\n`list.count` compares '
     'each item with `0`, so `0.0` and `False` count too.'),
    # py_ex5
    ('py_ex5', 'q1', 'starter (the bug)', 'incorrect',
     'def has_negative(nums):\n    for num in nums:\n        if num < 0:\n            return True\n        else:\n            return False',
     'Incorrect: Your function returned `None` when called with `nums=[]`. Did you forget a `return` statement?'),
    ('py_ex5', 'q1', 'empty', 'not_attempted',
     starter('has_negative', 'nums'),
     'Not attempted: The body of `has_negative` is still empty.'),
    ('py_ex5', 'q1', 'right', 'correct',
     'def has_negative(nums):\n    return any(num < 0 for num in nums)',
     'Correct: A `return` ends the function at once, so `False` may only be returned after the loop has looked '
     'at\nevery item:\n\ndef has_negative(nums):\n    for num in nums:\n        if num < 0:\n            '
     'return True\n    return False\n\nWith `any` and a comprehension it fits on one line:\n\ndef '
     'has_negative(nums):\n    return any([num < 0 for num in nums])'),
    ('py_ex5', 'q2', 'starter', 'not_attempted',
     starter('elementwise_between', 'L, low, high'),
     'Not attempted: The body of `elementwise_between` is still empty.'),
    ('py_ex5', 'q2', 'wrong', 'incorrect',
     'def elementwise_between(L, low, high):\n    return [low < x < high for x in L]',
     'Incorrect: Called with `L=[2, 8]`, `low=2`, `high=8`, your function returned `[False, False]`, but the '
     'expected result is `[True, True]`.'),
    ('py_ex5', 'q2', 'right', 'correct',
     'def elementwise_between(L, low, high):\n    return [low <= x <= high for x in L]',
     'Correct: With a loop:\ndef elementwise_between(L, low, high):\n    result = []\n    for x in L:\n        '
     'result.append(low <= x <= high)\n    return result\n\nWith a comprehension:\ndef elementwise_between(L, '
     'low, high):\n    return [low <= x <= high for x in L]'),
    ('py_ex5', 'q3', 'starter', 'not_attempted',
     starter('has_repeated_neighbour', 'words'),
     'Not attempted: The body of `has_repeated_neighbour` is still empty.'),
    ('py_ex5', 'q3', 'wrong', 'incorrect',
     'def has_repeated_neighbour(words):\n    return len(set(words)) < len(words)',
     "Incorrect: Called with `words=['red', 'blue', 'red']`, your function returned `True`, but the expected "
     'result is `False`.'),
    ('py_ex5', 'q3', 'right', 'correct',
     'def has_repeated_neighbour(words):\n    return any(a == b for a, b in zip(words, words[1:]))',
     'Correct:\ndef has_repeated_neighbour(words):\n    for i in range(len(words) - 1):\n        if words[i] '
     '== words[i + 1]:\n            return True\n    return False\n\n`range(len(words) - 1)` stops before the '
     'last index, so `words[i + 1]` always exists; for a list of length 0 or 1\nthe range is empty and the '
     'loop never runs.'),
    ('py_ex5', 'q4', 'thought', 'correct',
     '',
     'Correct:\nThe expected payout of one roll is 1.26, so each play (which costs 1) wins 0.26 on average.\n\nSimulate many rolls and average them:\ndef average_payout(n_rolls):\n    return sum(roll_bonus_die() for _ in range(n_rolls)) / n_rolls\nRare large prizes make the average jump around, so use a large `n_rolls` (a million, say).'),
    ('py_ex5', 'q5', 'starter', 'not_attempted',
     starter('survival_rate', 'start, rounds, trials'),
     'Not attempted: The body of `survival_rate` is still empty.'),
    ('py_ex5', 'q5', 'wrong', 'incorrect',
     'def survival_rate(start, rounds, trials):\n    return 0.5',
     'Incorrect: `survival_rate(5, 5, 1000)` should be 1.0, but it is 0.5.'),
    ('py_ex5', 'q5', 'right', 'correct',
     'def survival_rate(start, rounds, trials):\n    ok = 0\n    for _ in range(trials):\n        balance, left = start, rounds\n        while balance >= 1 and left:\n            balance += roll_bonus_die() - 1\n            left -= 1\n        ok += left == 0\n    return ok / trials',
     'Correct'),
    # py_ex6
    ('py_ex6', 'q0.a', 'starter', 'not_attempted',
     'size = -1',
     'Not attempted: You still need to update the code that sets `size`.'),
    ('py_ex6', 'q0.a', 'wrong', 'incorrect',
     'size = 1',
     'Incorrect: Incorrect value for `size`: `1`.'),
    ('py_ex6', 'q0.a', 'right', 'correct',
     'size = 0',
     'Correct: `{}` is an empty dict (not an empty set), and it holds nothing: size 0.'),
    ('py_ex6', 'q0.b', 'starter', 'not_attempted',
     'size = -1',
     'Not attempted: You still need to update the code that sets `size`.'),
    ('py_ex6', 'q0.b', 'wrong', 'incorrect',
     'size = 3',
     'Incorrect: Incorrect value for `size`: `3`.'),
    ('py_ex6', 'q0.b', 'right', 'correct',
     'size = 2',
     'Correct: A set keeps one copy of each value, so `{1, 1, 2}` is `{1, 2}`: size 2.'),
    ('py_ex6', 'q0.c', 'starter', 'not_attempted',
     'size = -1',
     'Not attempted: You still need to update the code that sets `size`.'),
    ('py_ex6', 'q0.c', 'wrong', 'incorrect',
     'size = 4',
     'Incorrect: Incorrect value for `size`: `4`.'),
    ('py_ex6', 'q0.c', 'right', 'correct',
     'size = 3',
     'Correct: `\\t` is one character (a tab), so `"a\\tb"` has three characters.'),
    ('py_ex6', 'q0.d', 'starter', 'not_attempted',
     'size = -1',
     'Not attempted: You still need to update the code that sets `size`.'),
    ('py_ex6', 'q0.d', 'wrong', 'incorrect',
     'size = 0',
     'Incorrect: Incorrect value for `size`: `0`.'),
    ('py_ex6', 'q0.d', 'right', 'correct',
     'size = 1',
     'Correct: `[[]]` is a list holding one item, which happens to be an empty list.'),
    ('py_ex6', 'q0.e', 'starter', 'not_attempted',
     'size = -1',
     'Not attempted: You still need to update the code that sets `size`.'),
    ('py_ex6', 'q0.e', 'wrong', 'incorrect',
     'size = 7',
     'Incorrect: Incorrect value for `size`: `7`.'),
    ('py_ex6', 'q0.e', 'right', 'correct',
     'size = 3',
     'Correct: `range(2, 9, 3)` gives 2, 5 and 8: three numbers.'),
    ('py_ex6', 'q1', 'starter', 'not_attempted',
     starter('is_hex_colour', 'code'),
     'Not attempted: The body of `is_hex_colour` is still empty.'),
    ('py_ex6', 'q1', 'wrong', 'incorrect',
     "def is_hex_colour(code):\n    return code.startswith('#')",
     "Incorrect: Called with `code='#a0b1c'`, your function returned `True`, but the expected result is `False`."),
    ('py_ex6', 'q1', 'right', 'correct',
     "def is_hex_colour(code):\n    return len(code) == 7 and code[0] == '#' and all(c in '0123456789abcdefABCDEF' for c in code[1:])",
     'Correct'),
    ('py_ex6', 'q2', 'starter', 'not_attempted',
     starter('tag_search', 'posts, tag'),
     'Not attempted: The body of `tag_search` is still empty.'),
    ('py_ex6', 'q2', 'wrong', 'incorrect',
     'def tag_search(posts, tag):\n    return [i for i, p in enumerate(posts) if tag in p.lower()]',
     "Incorrect: Called with `posts=['Sunny day at the lake', 'Rain, then more rain.', 'Daygl...`, "
     "`tag='day'`, your function returned `[0, 2]`, but the expected result is `[0]`."),
    ('py_ex6', 'q2', 'right', 'correct',
     'from learntools_tracks.solns.tag_search import tag_search',
     'Correct'),
    ('py_ex6', 'q3', 'starter', 'not_attempted',
     starter('multi_tag_search', 'posts, tags'),
     'Not attempted: The body of `multi_tag_search` is still empty.'),
    ('py_ex6', 'q3', 'wrong', 'incorrect',
     'def multi_tag_search(posts, tags):\n    return {}',
     "Incorrect: Called with `posts=['Sunny day at the lake', 'Rain, then more rain.', 'Daygl...`, "
     "`tags=['day']`, your function returned `{}`, but the expected result is `{'day': [0]}`."),
    ('py_ex6', 'q3', 'right', 'correct',
     'from learntools_tracks.solns.multi_tag_search import multi_tag_search',
     'Correct'),
    ('py_ex6', 'q4', 'starter', 'not_attempted',
     starter('staircase', 'height'),
     'Not attempted: The body of `staircase` is still empty.'),
    ('py_ex6', 'q4', 'wrong', 'incorrect',
     "def staircase(height):\n    return '\\n'.join('#' * i for i in range(1, height + 1))",
     'Incorrect: For height 3 the staircase should look like this:\n\n  #\n ##\n###\n\nbut yours looks like '
     'this:\n\n#\n##\n###'),
    ('py_ex6', 'q4', 'right', 'correct',
     "def staircase(height):\n    return ''.join(('#' * i).rjust(height) + '   \\n' for i in range(1, height + 1))",
     'Correct'),
    ('py_ex6', 'q5', 'starter', 'not_attempted',
     starter('next_flip_probabilities', 'flips'),
     'Not attempted: The body of `next_flip_probabilities` is still empty.'),
    ('py_ex6', 'q5', 'wrong', 'incorrect',
     'def next_flip_probabilities(flips):\n    return {}',
     "Incorrect: Called with `flips=['H', 'T', 'H', 'H']`, your function returned `{}`, but the expected "
     "result is `{'H': {'H': 0.5, 'T': 0.5}, 'T': {'H': 1.0}}`."),
    ('py_ex6', 'q5', 'right', 'correct',
     'from learntools_tracks.solns.streak_stats import next_flip_probabilities',
     'Correct'),
    # py_ex7
    ('py_ex7', 'q1', 'thought', 'correct',
     '',
     'Correct:\ndef text_bar_chart(counts):\n    """Print one bar of * signs per label, longest label first, so that the bars line up.\n\n    >>> text_bar_chart({\'cats\': 3, \'dogs\': 5})\n    dogs | *****\n    cats | ***\n    """\n    width = max(len(label) for label in counts)\n    for label, n in sorted(counts.items(), key=lambda item: -item[1]):\n        print(label.ljust(width), \'|\', \'*\' * n)'),
    ('py_ex7', 'q2', 'thought', 'correct',
     '',
     "Correct: The inner loop reuses `n`, the name of the outer loop's counter, so after the inner loop `n`\nholds a player's name instead of a position. Only a player with no scores reaches the line that uses `n` as a\nposition, which is why the error appears only for that player.\n\nGive the inner loop its own name, such as `for score in player['scores']`, and the bug is gone."),
    ('py_ex7', 'q3', 'starter', 'not_attempted',
     starter('hand_beats', 'hand_1, hand_2'),
     'Not attempted: The body of `hand_beats` is still empty.'),
    ('py_ex7', 'q3', 'wrong', 'incorrect',
     'def hand_beats(hand_1, hand_2):\n    return len(hand_1) > len(hand_2)',
     "Incorrect: Called with `hand_1=['3', '7', 'J', '2', '10']`, `hand_2=['2', '3']`, your function returned "
     '`True`, but the expected result is `False`.'),
    ('py_ex7', 'q3', 'right', 'correct',
     'from learntools_tracks.solns.hand_beats import hand_beats',
     'Correct'),
    # itp_ex1
    ('itp_ex1', 'q1', 'always', 'correct',
     "print('Hello, world!')",
     'If the greeting appears above, your first line of code ran, and you can go on to the next question.'),
    ('itp_ex1', 'q2', 'always', 'correct',
     "print('My own message')",
     'When your own message appears above, go on to the next question.'),
    ('itp_ex1', 'q3', 'always', 'correct',
     'q3.hint()\nq3.solution()',
     'When you have seen both the hint and the solution, go on to the next question.'),
    ('itp_ex1', 'q4', 'starter', 'not_attempted',
     'frames_per_second = ____\nframes_per_film = ____',
     'Not attempted: `frames_per_second`, `frames_per_film` still hold the placeholder `____`. Replace it with '
     'your code, then run `q4.check()` again.'),
    ('itp_ex1', 'q4', 'wrong', 'incorrect',
     'frames_per_second = 24\nframes_per_film = frames_per_second * minutes_per_film',
     'Incorrect: Incorrect value for `frames_per_film`: `2160`.'),
    ('itp_ex1', 'q4', 'right', 'correct',
     'frames_per_second = 24\nframes_per_film = frames_per_second * seconds_per_minute * minutes_per_film',
     'Correct'),
    ('itp_ex1', 'q5', 'starter', 'not_attempted',
     'red_share = ____\nblue_share = ____',
     'Not attempted: `red_share`, `blue_share` still hold the placeholder `____`. Replace it with your code, '
     'then run `q5.check()` again.'),
    ('itp_ex1', 'q5', 'wrong', 'incorrect',
     'red_share = red_pixels // total_pixels\nblue_share = blue_pixels // total_pixels',
     'Incorrect: Incorrect value for `red_share`: `0`.'),
    ('itp_ex1', 'q5', 'right', 'correct',
     'red_share = red_pixels / total_pixels\nblue_share = blue_pixels / total_pixels',
     'Correct'),
    # itp_ex2
    ('itp_ex2', 'q1', 'starter', 'not_attempted',
     starter('get_ticket_price', 'adults, children'),
     'Not attempted: The body of `get_ticket_price` is still empty.'),
    ('itp_ex2', 'q1', 'returns None', 'incorrect',
     'def get_ticket_price(adults, children):\n    price = 12 * adults + 7 * children',
     'Incorrect: Your function returned `None` when called with `adults=0`, `children=0`. Did you forget a '
     '`return` statement?'),
    ('itp_ex2', 'q1', 'right', 'correct',
     'def get_ticket_price(adults, children):\n    return 5 + 12 * adults + 7 * children',
     'Correct'),
    ('itp_ex2', 'q2', 'starter', 'not_attempted',
     'family_a = ____\nfamily_b = ____\nfamily_c = ____\nfamily_d = ____',
     'Not attempted: `family_a`, `family_b`, `family_c`, `family_d` still hold the placeholder `____`. Replace '
     'it with your code, then run `q2.check()` again.'),
    ('itp_ex2', 'q2', 'wrong', 'incorrect',
     'family_a = get_ticket_price(2, 1)\nfamily_b = get_ticket_price(3, 2)\nfamily_c = get_ticket_price(1, 1)\nfamily_d = get_ticket_price(4, 0)',
     'Incorrect: Incorrect value for `family_b`: `55`.'),
    ('itp_ex2', 'q2', 'right', 'correct',
     'family_a = get_ticket_price(2, 1)\nfamily_b = get_ticket_price(2, 3)\nfamily_c = get_ticket_price(1, 1)\nfamily_d = get_ticket_price(4, 0)',
     'Correct'),
    ('itp_ex2', 'q3', 'starter', 'not_attempted',
     starter('get_fabric_cost', 'width_cm, height_cm, cm2_per_metre, price_per_metre'),
     'Not attempted: The body of `get_fabric_cost` is still empty.'),
    ('itp_ex2', 'q3', 'wrong', 'incorrect',
     'def get_fabric_cost(width_cm, height_cm, cm2_per_metre, price_per_metre):\n    return width_cm * height_cm * price_per_metre',
     'Incorrect: Called with `width_cm=150`, `height_cm=200`, `cm2_per_metre=10000`, `price_per_metre=7`, your '
     'function returned `210000`, but the expected result is `21.0`.'),
    ('itp_ex2', 'q3', 'right, other order', 'correct',
     'def get_fabric_cost(width_cm, height_cm, cm2_per_metre, price_per_metre):\n    return width_cm * height_cm * price_per_metre / cm2_per_metre',
     'Correct'),
    ('itp_ex2', 'q4', 'starter', 'not_attempted',
     'curtain_cost = ____',
     'Not attempted: `curtain_cost` still holds the placeholder `____`. Replace it with your code, then run '
     '`q4.check()` again.'),
    ('itp_ex2', 'q4', 'wrong', 'incorrect',
     'curtain_cost = get_fabric_cost(200, 150, 10000, 8)',
     'Incorrect: Incorrect value for `curtain_cost`: `24.0`.'),
    ('itp_ex2', 'q4', 'right', 'correct',
     'curtain_cost = get_fabric_cost(150, 200, 10000, 7)',
     'Correct'),
    ('itp_ex2', 'q5', 'starter', 'not_attempted',
     starter('get_whole_metre_cost', 'width_cm, height_cm, cm2_per_metre, price_per_metre'),
     'Not attempted: The body of `get_whole_metre_cost` is still empty.'),
    ('itp_ex2', 'q5', 'wrong', 'incorrect',
     'def get_whole_metre_cost(width_cm, height_cm, cm2_per_metre, price_per_metre):\n    return price_per_metre * round(width_cm * height_cm / cm2_per_metre)',
     'Incorrect: Called with `width_cm=15`, `height_cm=15`, `cm2_per_metre=1000`, `price_per_metre=1.3`, your '
     'function returned `0.0`, but the expected result is `1.3`.'),
    ('itp_ex2', 'q5', 'right', 'correct',
     'import math\ndef get_whole_metre_cost(width_cm, height_cm, cm2_per_metre, price_per_metre):\n    return price_per_metre * math.ceil(width_cm * height_cm / cm2_per_metre)',
     'Correct'),
    # itp_ex3
    ('itp_ex3', 'q1', 'thought', 'correct',
     '',
     'Correct: `int()` drops everything after the point, so it moves a number towards zero: `int(2.7)` is 2 and `int(-2.7)` is -2. `round()` goes to the nearest whole number instead.'),
    ('itp_ex3', 'q2', 'thought', 'correct',
     '',
     "Correct: Multiplying a string by a whole number repeats it: `'ab' * 3` is `'ababab'`. Multiplying by 0 (or by a negative number) gives the empty string, and multiplying by a float raises a `TypeError`."),
    ('itp_ex3', 'q3', 'starter', 'not_attempted',
     starter('get_ticket_price', 'adults, children, has_parking'),
     'Not attempted: The body of `get_ticket_price` is still empty.'),
    ('itp_ex3', 'q3', 'wrong', 'incorrect',
     'def get_ticket_price(adults, children, has_parking):\n    return 5 + 12 * adults + 7 * children',
     'Incorrect: Called with `adults=2`, `children=0`, `has_parking=True`, your function returned `29`, but '
     'the expected result is `33`.'),
    ('itp_ex3', 'q3', 'right', 'correct',
     'def get_ticket_price(adults, children, has_parking):\n    return 5 + 12 * adults + 7 * children + 4 * has_parking',
     'Correct'),
    ('itp_ex3', 'q4', 'thought', 'correct',
     '',
     'Correct: In a sum, `True` counts as 1 and `False` as 0, so `True + True + False` is 2.'),
    ('itp_ex3', 'q5', 'starter', 'not_attempted',
     starter('badge_cost', 'name, metal'),
     'Not attempted: The body of `badge_cost` is still empty.'),
    ('itp_ex3', 'q5', 'wrong', 'incorrect',
     'def badge_cost(name, metal):\n    return metal * (20 + 4 * len(name))',
     "Incorrect: Called with `name='Alexandra'`, `metal=False`, your function returned `0`, but the expected "
     'result is `29`.'),
    ('itp_ex3', 'q5', 'right', 'correct',
     'def badge_cost(name, metal):\n    return 20 + 4 * len(name) if metal else 11 + 2 * len(name)',
     'Correct'),
    # itp_ex4
    ('itp_ex4', 'q1', 'starter', 'not_attempted',
     starter('get_size_label', 'chest_cm'),
     'Not attempted: The body of `get_size_label` is still empty.'),
    ('itp_ex4', 'q1', 'wrong', 'incorrect',
     "def get_size_label(chest_cm):\n    if chest_cm > 110:\n        return 'XL'\n    elif chest_cm > 100:\n        return 'L'\n    elif chest_cm > 90:\n        return 'M'\n    elif chest_cm > 80:\n        return 'S'\n    return 'XS'",
     "Incorrect: Called with `chest_cm=80`, your function returned `'XS'`, but the expected result is `'S'`."),
    ('itp_ex4', 'q1', 'right', 'correct',
     "def get_size_label(chest_cm):\n    for limit, label in [(110, 'XL'), (100, 'L'), (90, 'M'), (80, 'S')]:\n        if chest_cm >= limit:\n            return label\n    return 'XS'",
     'Correct'),
    ('itp_ex4', 'q2', 'starter', 'not_attempted',
     starter('badge_cost', 'name, metal'),
     'Not attempted: The body of `badge_cost` is still empty.'),
    ('itp_ex4', 'q2', 'wrong', 'incorrect',
     'def badge_cost(name, metal):\n    if metal:\n        return 20 + 4 * len(name)\n    return 11 + 4 * len(name)',
     "Incorrect: Called with `name='Alexandra'`, `metal=False`, your function returned `47`, but the expected "
     'result is `29`.'),
    ('itp_ex4', 'q2', 'right', 'correct',
     'def badge_cost(name, metal):\n    if metal:\n        return 20 + 4 * len(name)\n    return 11 + 2 * len(name)',
     'Correct'),
    ('itp_ex4', 'q3', 'starter', 'not_attempted',
     starter('get_parking_fee', 'minutes'),
     'Not attempted: The body of `get_parking_fee` is still empty.'),
    ('itp_ex4', 'q3', 'wrong', 'incorrect',
     'def get_parking_fee(minutes):\n    if minutes <= 30:\n        fee = 0\n    elif minutes <= 120:\n        fee = 2 * minutes / 60\n    else:\n        fee = 3 * minutes / 60\n    return fee',
     'Incorrect: Called with `minutes=495`, your function returned `24.75`, but the expected result is `30`.'),
    ('itp_ex4', 'q3', 'right', 'correct',
     'def get_parking_fee(minutes):\n    if minutes <= 30:\n        return 0\n    if minutes <= 120:\n        return minutes / 30\n    if minutes <= 480:\n        return minutes / 20\n    return 30',
     'Correct'),
    ('itp_ex4', 'q4', 'starter', 'not_attempted',
     starter('get_data_cost', 'gb'),
     'Not attempted: The body of `get_data_cost` is still empty.'),
    ('itp_ex4', 'q4', 'wrong', 'incorrect',
     'def get_data_cost(gb):\n    return 20 + 5 * gb',
     'Incorrect: Called with `gb=2.0`, your function returned `30.0`, but the expected result is `20`.'),
    ('itp_ex4', 'q4', 'right', 'correct',
     'def get_data_cost(gb):\n    return 20 + 5 * max(gb - 10, 0)',
     'Correct'),
    ('itp_ex4', 'q5', 'always', 'correct',
     '',
     'When every shirt has its label, you are ready for the next lesson!'),
    # itp_ex5
    ('itp_ex5', 'q1', 'placeholder', 'not_attempted',
     'playlist = ____',
     'Not attempted: `playlist` still holds the placeholder `____`. Replace it with your code, then run '
     '`q1.check()` again.'),
    ('itp_ex5', 'q1', 'starter', 'incorrect',
     "playlist = ['morning song', 'traffic jam', 'rainy day blues', 'long drive home', 'kitchen dance']",
     "Incorrect: Take these song(s) out of `playlist`: ['traffic jam']"),
    ('itp_ex5', 'q1', 'wrong type', 'incorrect',
     "playlist = ('morning song', 'rainy day blues')",
     'Incorrect: `playlist` should be a Python list.'),
    ('itp_ex5', 'q1', 'wrong', 'incorrect',
     "playlist = ['morning song', 'rainy day blues', 'long drive home', 'kitchen dance', 'lullaby in d', 'lullaby in d']",
     'Incorrect: Each song should be in `playlist` once, but `lullaby in d` is there 2 times.'),
    ('itp_ex5', 'q1', 'right', 'correct',
     "playlist = ['morning song', 'traffic jam', 'rainy day blues', 'long drive home', 'kitchen dance']\nplaylist.remove('traffic jam')\nplaylist.append('lullaby in d')",
     'Correct'),
    ('itp_ex5', 'q2', 'starter', 'not_attempted',
     'avg_first_week = ____\navg_last_week = ____\nbusiest_day = ____\nquietest_day = ____',
     'Not attempted: `avg_first_week`, `avg_last_week`, `busiest_day`, `quietest_day` still hold the '
     'placeholder `____`. Replace it with your code, then run `q2.check()` again.'),
    ('itp_ex5', 'q2', 'wrong', 'incorrect',
     'avg_first_week = sum(daily_visitors[:7]) / 7\navg_last_week = sum(daily_visitors[-7:]) / 7\nbusiest_day = max(daily_visitors)\nquietest_day = daily_visitors.index(min(daily_visitors))',
     'Incorrect: Incorrect value for `quietest_day`: `10`.'),
    ('itp_ex5', 'q2', 'right', 'correct',
     'avg_first_week = sum(daily_visitors[:7]) / 7\navg_last_week = sum(daily_visitors[-7:]) / 7\nbusiest_day = max(daily_visitors)\nquietest_day = min(daily_visitors)',
     'Correct'),
    ('itp_ex5', 'q3', 'starter', 'not_attempted',
     'vowel_list = ____\ningredients = ____',
     'Not attempted: `vowel_list`, `ingredients` still hold the placeholder `____`. Replace it with your code, '
     'then run `q3.check()` again.'),
    ('itp_ex5', 'q3', 'wrong', 'incorrect',
     "vowel_list = vowels.split()\ningredients = recipe.split(';')",
     "Incorrect: Incorrect value for `vowel_list`: `['a-e-i-o-u']`."),
    ('itp_ex5', 'q3', 'right', 'correct',
     "vowel_list = vowels.split('-')\ningredients = recipe.split(';')",
     'Correct'),
    ('itp_ex5', 'q4', 'starter', 'not_attempted',
     starter('share_five_star', 'stars'),
     'Not attempted: The body of `share_five_star` is still empty.'),
    ('itp_ex5', 'q4', 'wrong', 'incorrect',
     'def share_five_star(stars):\n    return stars.count(5)',
     'Incorrect: Called with `stars=[5, 4, 5, 1]`, your function returned `2`, but the expected result is `0.5`.'),
    ('itp_ex5', 'q4', 'right', 'correct',
     'def share_five_star(stars):\n    return stars.count(5) / len(stars)',
     'Correct'),
    ('itp_ex5', 'q5', 'empty', 'not_attempted',
     starter('change_since', 'downloads, months_ago'),
     'Not attempted: The body of `change_since` is still empty.'),
    ('itp_ex5', 'q5', 'starter (the bug)', 'incorrect',
     'def change_since(downloads, months_ago):\n    change = (downloads[-1] - downloads[months_ago]) / downloads[months_ago]\n    return change',
     'Incorrect: Called with `downloads=[310, 420, 515, 600, 580, 710, ...]`, `months_ago=1`, your function '
     'returned `1.3571428571428572`, but the expected result is `0.22981366459627328`.'),
    ('itp_ex5', 'q5', 'right', 'correct',
     'def change_since(downloads, months_ago):\n    return (downloads[-1] - downloads[-1 - months_ago]) / downloads[-1 - months_ago]',
     'Correct'),
]


@pytest.mark.parametrize(
    ("module", "question", "what", "status", "cell", "message"),
    CHECKS,
    ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CHECKS],
)
def test_check(module: str, question: str, what: str, status: str, cell: str, message: str) -> None:
    outcome = check(module, question, cell)
    assert (outcome.status.value, outcome.message) == (status, message)


def all_questions() -> dict[str, list[str]]:
    """Every bound question of every mirrored module, by module: {'py_ex1': ['q0', 'q1', 'q3.a', ...]}."""
    found = {}
    for module in MIRRORS:
        with Notebook(module) as nb:
            found[module] = list(nb.session.questions(nb.module))
    return found


# Thought experiments (the answer is in the learner's head: checking one says Correct and shows the
# discussion, as learntools does) and the questions learntools checks with `def check(self): pass` (always
# Correct, with their own congratulation).
THOUGHT_EXPERIMENTS = {
    ("py_ex1", "q3.a"), ("py_ex1", "q3.b"), ("py_ex1", "q6"), ("py_ex1", "q7"),
    ("py_ex2", "q2"), ("py_ex2", "q5"), ("py_ex2", "q6"), ("py_ex2", "q7"), ("py_ex2", "q8.a"),
    ("py_ex3", "q2"), ("py_ex5", "q4"), ("py_ex7", "q1"), ("py_ex7", "q2"),
    ("itp_ex3", "q1"), ("itp_ex3", "q2"), ("itp_ex3", "q4"),
}
# A coding question whose own check raises Uncheckable (learntools' blackjack strategy: judged by playing).
UNCHECKABLE = {("py_ex3", "q7")}
ALWAYS_CORRECT = {("itp_ex1", "q1"), ("itp_ex1", "q2"), ("itp_ex1", "q3"), ("itp_ex4", "q5")}


def test_every_question_is_checked_right_wrong_and_untouched() -> None:
    statuses: dict[tuple[str, str], set[str]] = {}
    for module, question, _what, status, _cell, _message in CHECKS:
        statuses.setdefault((module, question), set()).add(status)
    missing = []
    for module, questions in all_questions().items():
        for question in questions:
            key = (module, question)
            seen = statuses.get(key, set())
            if key in UNCHECKABLE:
                wanted = {"uncheckable", "not_attempted"}
            elif key in THOUGHT_EXPERIMENTS or key in ALWAYS_CORRECT:
                wanted = {"correct"}
            else:
                wanted = {"correct", "incorrect", "not_attempted"}
            if not wanted <= seen:
                missing.append(f"{module} {question}: {sorted(wanted - seen)}")
    assert missing == []
    assert len(statuses) == sum(len(q) for q in all_questions().values()) == 75


# ---- the same verdict as on learntools, for every check ----

# What learntools shows for each check above: the label of its answer (`Correct`, or the question's `_congrats` in
# its place; `Incorrect`; `Check` for an unattempted answer), the message of an Uncheckable, or the exception it
# raises instead of answering. Measured by running every cell of CHECKS on Kaggle/learntools at commit 8a8d4450
# (its learntools/core, the modules' imports spelled `learntools.core`), each check in a fresh notebook.
LEARNTOOLS_VERDICTS = {
    # py_ex1
    ('py_ex1', 'q0', 'starter'): 'Check',
    ('py_ex1', 'q0', 'wrong'): 'Incorrect',
    ('py_ex1', 'q0', 'wrong type'): 'raises AttributeError',
    ('py_ex1', 'q0', 'right'): 'Correct',
    ('py_ex1', 'q1', 'starter'): 'Check',
    ('py_ex1', 'q1', 'wrong'): 'Incorrect',
    ('py_ex1', 'q1', 'wrong type'): 'Incorrect',
    ('py_ex1', 'q1', 'some missing'): 'Incorrect',
    ('py_ex1', 'q1', 'right'): 'Correct',
    ('py_ex1', 'q2', 'placeholder'): 'Check',
    ('py_ex1', 'q2', 'starter'): 'Incorrect',
    ('py_ex1', 'q2', 'wrong'): 'Incorrect',
    ('py_ex1', 'q2', 'wrong same'): 'Incorrect',
    ('py_ex1', 'q2', 'forgot remember'): 'raises AttributeError',
    ('py_ex1', 'q2', 'right'): 'Correct',
    ('py_ex1', 'q3.a', 'thought'): 'raises TypeError',
    ('py_ex1', 'q3.b', 'thought'): 'Correct',
    ('py_ex1', 'q4', 'starter'): 'Check',
    ('py_ex1', 'q4', 'wrong'): 'Incorrect',
    ('py_ex1', 'q4', 'right'): 'Correct',
    ('py_ex1', 'q5', 'starter'): 'Check',
    ('py_ex1', 'q5', 'wrong'): 'Incorrect',
    ('py_ex1', 'q5', 'right'): 'Correct',
    ('py_ex1', 'q6', 'thought'): 'Correct',
    ('py_ex1', 'q7', 'thought'): 'Correct',
    # py_ex2
    ('py_ex2', 'q1', 'starter'): 'Check',
    ('py_ex2', 'q1', 'wrong'): 'Incorrect',
    ('py_ex2', 'q1', 'not a function'): 'raises AttributeError',
    ('py_ex2', 'q1', 'right'): 'Correct',
    ('py_ex2', 'q2', 'thought'): 'Correct',
    ('py_ex2', 'q3', 'starter'): 'Check',
    ('py_ex2', 'q3', 'wrong arity'): 'Incorrect',
    ('py_ex2', 'q3', 'wrong'): 'Incorrect',
    ('py_ex2', 'q3', 'right'): 'Correct',
    ('py_ex2', 'q5', 'thought'): 'Correct',
    ('py_ex2', 'q6', 'thought'): 'Correct',
    ('py_ex2', 'q7', 'thought'): 'Correct',
    ('py_ex2', 'q8.a', 'thought'): 'Correct',
    ('py_ex2', 'q8.b', 'starter'): 'Check',
    ('py_ex2', 'q8.b', 'wrong'): 'Incorrect',
    ('py_ex2', 'q8.b', 'raises'): 'Incorrect',
    ('py_ex2', 'q8.b', 'right'): 'Correct',
    # py_ex3
    ('py_ex3', 'q1', 'starter'): 'Check',
    ('py_ex3', 'q1', 'wrong'): 'Incorrect',
    ('py_ex3', 'q1', 'returns None'): 'Incorrect',
    ('py_ex3', 'q1', 'right'): 'Correct',
    ('py_ex3', 'q2', 'thought'): 'Correct',
    ('py_ex3', 'q3', 'nothing yet'): 'Check',
    ('py_ex3', 'q3', 'starter'): 'Incorrect',
    ('py_ex3', 'q3', 'wrong type'): 'raises TypeError',
    ('py_ex3', 'q3', 'right'): 'Correct',
    ('py_ex3', 'q4', 'starter'): 'Check',
    ('py_ex3', 'q4', 'wrong'): 'Incorrect',
    ('py_ex3', 'q4', 'one for True'): 'Correct',
    ('py_ex3', 'q4', 'right'): 'Correct',
    ('py_ex3', 'q5.a', 'starter'): 'Check',
    ('py_ex3', 'q5.a', 'wrong'): 'Incorrect',
    ('py_ex3', 'q5.a', 'right'): 'Correct',
    ('py_ex3', 'q5.b', 'starter'): 'Check',
    ('py_ex3', 'q5.b', 'wrong'): 'Incorrect',
    ('py_ex3', 'q5.b', 'right'): 'Correct',
    ('py_ex3', 'q5.c', 'starter'): 'Check',
    ('py_ex3', 'q5.c', 'wrong'): 'Incorrect',
    ('py_ex3', 'q5.c', 'right'): 'Correct',
    ('py_ex3', 'q6', 'starter'): 'Check',
    ('py_ex3', 'q6', 'wrong'): 'Incorrect',
    ('py_ex3', 'q6', 'right'): 'Correct',
    ('py_ex3', 'q7', 'uncheckable'): 'Sorry, no auto-checking available for this question.',
    ('py_ex3', 'q7', 'nothing yet'): 'Check',
    # py_ex4
    ('py_ex4', 'q1', 'starter'): 'Check',
    ('py_ex4', 'q1', 'raises'): 'Incorrect',
    ('py_ex4', 'q1', 'not a function'): 'raises AttributeError',
    ('py_ex4', 'q1', 'right'): 'Correct',
    ('py_ex4', 'q2', 'starter'): 'Check',
    ('py_ex4', 'q2', 'wrong'): 'Incorrect',
    ('py_ex4', 'q2', 'right'): 'Correct',
    ('py_ex4', 'q3', 'starter'): 'Check',
    ('py_ex4', 'q3', 'returns'): 'Incorrect',
    ('py_ex4', 'q3', 'wrong'): 'Incorrect',
    ('py_ex4', 'q3', 'right'): 'Correct',
    ('py_ex4', 'q4', 'starter'): 'Check',
    ('py_ex4', 'q4', 'wrong'): 'Incorrect',
    ('py_ex4', 'q4', 'wrong type'): 'Incorrect',
    ('py_ex4', 'q4', 'right'): 'Correct',
    ('py_ex4', 'q5', 'starter'): 'Check',
    ('py_ex4', 'q5', 'wrong'): 'Incorrect',
    ('py_ex4', 'q5', 'right'): 'Correct',
    ('py_ex4', 'q6', 'starter'): 'Check',
    ('py_ex4', 'q6', 'wrong'): 'Incorrect',
    ('py_ex4', 'q6', 'right'): 'Correct',
    # py_ex5
    ('py_ex5', 'q1', 'starter (the bug)'): 'Incorrect',
    ('py_ex5', 'q1', 'empty'): 'Check',
    ('py_ex5', 'q1', 'right'): 'Correct',
    ('py_ex5', 'q2', 'starter'): 'Check',
    ('py_ex5', 'q2', 'wrong'): 'Incorrect',
    ('py_ex5', 'q2', 'right'): 'Correct',
    ('py_ex5', 'q3', 'starter'): 'Check',
    ('py_ex5', 'q3', 'wrong'): 'Incorrect',
    ('py_ex5', 'q3', 'right'): 'Correct',
    ('py_ex5', 'q4', 'thought'): 'Correct',
    ('py_ex5', 'q5', 'starter'): 'Check',
    ('py_ex5', 'q5', 'wrong'): 'Check',
    ('py_ex5', 'q5', 'right'): 'Correct',
    # py_ex6
    ('py_ex6', 'q0.a', 'starter'): 'Check',
    ('py_ex6', 'q0.a', 'wrong'): 'Incorrect',
    ('py_ex6', 'q0.a', 'right'): 'Correct',
    ('py_ex6', 'q0.b', 'starter'): 'Check',
    ('py_ex6', 'q0.b', 'wrong'): 'Incorrect',
    ('py_ex6', 'q0.b', 'right'): 'Correct',
    ('py_ex6', 'q0.c', 'starter'): 'Check',
    ('py_ex6', 'q0.c', 'wrong'): 'Incorrect',
    ('py_ex6', 'q0.c', 'right'): 'Correct',
    ('py_ex6', 'q0.d', 'starter'): 'Check',
    ('py_ex6', 'q0.d', 'wrong'): 'Incorrect',
    ('py_ex6', 'q0.d', 'right'): 'Correct',
    ('py_ex6', 'q0.e', 'starter'): 'Check',
    ('py_ex6', 'q0.e', 'wrong'): 'Incorrect',
    ('py_ex6', 'q0.e', 'right'): 'Correct',
    ('py_ex6', 'q1', 'starter'): 'Check',
    ('py_ex6', 'q1', 'wrong'): 'Incorrect',
    ('py_ex6', 'q1', 'right'): 'Correct',
    ('py_ex6', 'q2', 'starter'): 'Check',
    ('py_ex6', 'q2', 'wrong'): 'Incorrect',
    ('py_ex6', 'q2', 'right'): 'Correct',
    ('py_ex6', 'q3', 'starter'): 'Check',
    ('py_ex6', 'q3', 'wrong'): 'Incorrect',
    ('py_ex6', 'q3', 'right'): 'Correct',
    ('py_ex6', 'q4', 'starter'): 'Check',
    ('py_ex6', 'q4', 'wrong'): 'Incorrect',
    ('py_ex6', 'q4', 'right'): 'Correct',
    ('py_ex6', 'q5', 'starter'): 'Check',
    ('py_ex6', 'q5', 'wrong'): 'Incorrect',
    ('py_ex6', 'q5', 'right'): 'Correct',
    # py_ex7
    ('py_ex7', 'q1', 'thought'): 'raises TypeError',
    ('py_ex7', 'q2', 'thought'): 'Correct',
    ('py_ex7', 'q3', 'starter'): 'Check',
    ('py_ex7', 'q3', 'wrong'): 'Incorrect',
    ('py_ex7', 'q3', 'right'): 'Correct',
    # itp_ex1
    ('itp_ex1', 'q1', 'always'): 'If the greeting appears above, your first line of code ran, and you can go on to the next question.',
    ('itp_ex1', 'q2', 'always'): 'When your own message appears above, go on to the next question.',
    ('itp_ex1', 'q3', 'always'): 'When you have seen both the hint and the solution, go on to the next question.',
    ('itp_ex1', 'q4', 'starter'): 'Check',
    ('itp_ex1', 'q4', 'wrong'): 'Incorrect',
    ('itp_ex1', 'q4', 'right'): 'Correct',
    ('itp_ex1', 'q5', 'starter'): 'Check',
    ('itp_ex1', 'q5', 'wrong'): 'Incorrect',
    ('itp_ex1', 'q5', 'right'): 'Correct',
    # itp_ex2
    ('itp_ex2', 'q1', 'starter'): 'Check',
    ('itp_ex2', 'q1', 'returns None'): 'Incorrect',
    ('itp_ex2', 'q1', 'right'): 'Correct',
    ('itp_ex2', 'q2', 'starter'): 'Check',
    ('itp_ex2', 'q2', 'wrong'): 'Incorrect',
    ('itp_ex2', 'q2', 'right'): 'Correct',
    ('itp_ex2', 'q3', 'starter'): 'Check',
    ('itp_ex2', 'q3', 'wrong'): 'Incorrect',
    ('itp_ex2', 'q3', 'right, other order'): 'Incorrect',
    ('itp_ex2', 'q4', 'starter'): 'Check',
    ('itp_ex2', 'q4', 'wrong'): 'Incorrect',
    ('itp_ex2', 'q4', 'right'): 'Correct',
    ('itp_ex2', 'q5', 'starter'): 'Check',
    ('itp_ex2', 'q5', 'wrong'): 'Incorrect',
    ('itp_ex2', 'q5', 'right'): 'Correct',
    # itp_ex3
    ('itp_ex3', 'q1', 'thought'): 'Correct',
    ('itp_ex3', 'q2', 'thought'): 'Correct',
    ('itp_ex3', 'q3', 'starter'): 'Check',
    ('itp_ex3', 'q3', 'wrong'): 'Incorrect',
    ('itp_ex3', 'q3', 'right'): 'Correct',
    ('itp_ex3', 'q4', 'thought'): 'Correct',
    ('itp_ex3', 'q5', 'starter'): 'Check',
    ('itp_ex3', 'q5', 'wrong'): 'Incorrect',
    ('itp_ex3', 'q5', 'right'): 'Correct',
    # itp_ex4
    ('itp_ex4', 'q1', 'starter'): 'Check',
    ('itp_ex4', 'q1', 'wrong'): 'Incorrect',
    ('itp_ex4', 'q1', 'right'): 'Correct',
    ('itp_ex4', 'q2', 'starter'): 'Check',
    ('itp_ex4', 'q2', 'wrong'): 'Incorrect',
    ('itp_ex4', 'q2', 'right'): 'Correct',
    ('itp_ex4', 'q3', 'starter'): 'Check',
    ('itp_ex4', 'q3', 'wrong'): 'Incorrect',
    ('itp_ex4', 'q3', 'right'): 'Correct',
    ('itp_ex4', 'q4', 'starter'): 'Check',
    ('itp_ex4', 'q4', 'wrong'): 'Incorrect',
    ('itp_ex4', 'q4', 'right'): 'Correct',
    ('itp_ex4', 'q5', 'always'): 'When every shirt has its label, you are ready for the next lesson!',
    # itp_ex5
    ('itp_ex5', 'q1', 'placeholder'): 'Check',
    ('itp_ex5', 'q1', 'starter'): 'Incorrect',
    ('itp_ex5', 'q1', 'wrong type'): 'Incorrect',
    ('itp_ex5', 'q1', 'wrong'): 'Incorrect',
    ('itp_ex5', 'q1', 'right'): 'Correct',
    ('itp_ex5', 'q2', 'starter'): 'Check',
    ('itp_ex5', 'q2', 'wrong'): 'Incorrect',
    ('itp_ex5', 'q2', 'right'): 'Correct',
    ('itp_ex5', 'q3', 'starter'): 'Check',
    ('itp_ex5', 'q3', 'wrong'): 'Incorrect',
    ('itp_ex5', 'q3', 'right'): 'Correct',
    ('itp_ex5', 'q4', 'starter'): 'Check',
    ('itp_ex5', 'q4', 'wrong'): 'Incorrect',
    ('itp_ex5', 'q4', 'right'): 'Correct',
    ('itp_ex5', 'q5', 'empty'): 'Check',
    ('itp_ex5', 'q5', 'starter (the bug)'): 'Incorrect',
    ('itp_ex5', 'q5', 'right'): 'Correct',
}

# learntools' verdict, as ours: its label for a pass, a failure and an unattempted check, and Uncheckable's message.
LEARNTOOLS_STATUS = {
    "Correct": "correct",
    "Incorrect": "incorrect",
    "Check": "not_attempted",
    "Sorry, no auto-checking available for this question.": "uncheckable",
}

# Where learntools gives no verdict (it raises) or a wrong one, ours differs on purpose (see
# docs/learntools-compatibility.md, "Deliberate differences"): our status for each such check.
OURS_WHERE_LEARNTOOLS_FAILS = {
    # a learner's value breaks the author's checker: a worded Incorrect, not a traceback
    ("py_ex1", "q0", "wrong type"): "incorrect",
    ("py_ex3", "q3", "wrong type"): "incorrect",
    # a "function" that is no function: learntools reads its `__code__` and raises
    ("py_ex2", "q1", "not a function"): "incorrect",
    ("py_ex4", "q1", "not a function"): "incorrect",
    # the exercise's own bug (a cell it needs was skipped): a Checker error that says so
    ("py_ex1", "q2", "forgot remember"): "checker_error",
    # a ThoughtExperiment with a code solution: learntools adds the CS to a string and raises TypeError
    ("py_ex1", "q3.a", "thought"): "correct",
    ("py_ex7", "q1", "thought"): "correct",
    # learntools says Check: it finds an empty body by comparing bytecode, and `return 0.5` compiles as `pass` does
    ("py_ex5", "q5", "wrong"): "incorrect",
    # learntools says Incorrect to a right answer: it compares function results with `==`, and 0.2925 is
    # 0.29250000000000004 computed in another order
    ("itp_ex2", "q3", "right, other order"): "correct",
}


def test_every_check_shows_the_verdict_learntools_shows() -> None:
    assert [(m, q, w) for m, q, w, *_ in CHECKS] == list(LEARNTOOLS_VERDICTS)
    differs = []
    for module, question, what, _status, cell, _message in CHECKS:
        key = (module, question, what)
        theirs = LEARNTOOLS_VERDICTS[key]
        outcome = check(module, question, cell)
        if key in OURS_WHERE_LEARNTOOLS_FAILS:
            assert outcome.status.value == OURS_WHERE_LEARNTOOLS_FAILS[key], key
            differs.append(key)
        elif theirs in LEARNTOOLS_STATUS:
            assert outcome.status.value == LEARNTOOLS_STATUS[theirs], (key, theirs, outcome.message)
            if theirs in ("Correct", "Incorrect"):
                assert outcome.label == theirs, (key, outcome.label)
        else:  # a pass whose `_congrats` takes the place of the label Correct
            assert (outcome.status, outcome.label, outcome.message) == (Status.CORRECT, theirs, theirs), key
    assert sorted(differs) == sorted(OURS_WHERE_LEARNTOOLS_FAILS)


def test_a_congratulation_is_shown_as_the_label_correct_and_counts_as_a_pass(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # learntools shows `_congrats` in the place and colour of the label Correct, and records a pass.
    for module, question in sorted(ALWAYS_CORRECT):
        congrats = LEARNTOOLS_VERDICTS[(module, question, "always")]
        with Notebook(module) as nb:
            view = nb.q(question)
            view.check()
            rich = view.evaluate().markdown
            recorded = [(e.interaction, e.status) for e in nb.session.record.events_for(nb.module_name, question)]
            progress = {row.question: (row.done, row.last_status) for row in nb.session.progress().rows}
        assert capsys.readouterr().out == congrats + "\n"
        assert rich == f'<span style="color:#2e8b57">**{congrats}**</span>'
        assert recorded == [("check", Status.CORRECT)]
        assert progress[question] == (True, Status.CORRECT)


# ---- every hint and every solution, as the learner sees them ----

# (module, question): ([hint 1, hint 2, ...], solution). A question without a hint shows the no-hint message.
HINTS_AND_SOLUTIONS = {
    # py_ex1
    ('py_ex1', 'q0'): (
        ['Hint: The shape we have in mind has three corners.'],
        'Solution:\nfavourite_shape = "triangle"',
    ),
    ('py_ex1', 'q1'): (
        ["Hint: A square's four sides are equal, so one side is a quarter of the perimeter."],
        'Solution:\nside = perimeter / 4\narea = side ** 2',
    ),
    ('py_ex1', 'q2'): (
        ['Hint: Park one of the values in a third variable first.'],
        'Solution: Keep one value aside in a spare variable while you move the other:\n\n    spare = left\n    '
        'left = right\n    right = spare\n\nPython can also do it in one line: `left, right = right, left`.',
    ),
    ('py_ex1', 'q3.a'): (
        ['Hint: Python multiplies before it subtracts. Parentheses change the order.'],
        'Solution:\n(9 - 3) * 2',
    ),
    ('py_ex1', 'q3.b'): (
        ['Hint: You may need more than one pair of parentheses.'],
        'Solution: `(6 + 2) * (3 - (4 - 1))` is one answer; there are others.',
    ),
    ('py_ex1', 'q4'): (
        ['Hint 1: The remainder operator is `%`.\n\n(For another hint, run `q4.hint(2)`.)',
         'Hint 2: Add the three piles together first, then take the remainder after dividing by 4.'],
        'Solution:\nleftover = (pile_a + pile_b + pile_c) % 4',
    ),
    ('py_ex1', 'q5'): (
        ['Hint: Try the expression with one `-`, then with two. What does the second one do?'],
        'Solution: With an even number of `-` signs the value is `11`; with an odd number it is `5`.\nThe '
        'first `-` subtracts; every later one negates what follows, so the sign flips back and forth.',
    ),
    ('py_ex1', 'q6'): (
        ['Hint: Integer division `//` and the remainder `%` are the tools to use.'],
        'Solution: One way:\nrows = (n + 5) // 6\n`(n + 5) // 6` rounds the division up without importing anything.',
    ),
    ('py_ex1', 'q7'): (
        ['Hint 1: Numbers behave the same either way. Think about a value you can change in place.\n\n(For '
         'another hint, run `q7.hint(2)`.)',
         'Hint 2: `x = y = []` runs `[]` once.'],
        'Solution: `x = y = []` makes both names refer to one list, so appending to `x` also changes `y`.\nTwo '
        'separate assignments make two lists.',
    ),
    # py_ex2
    ('py_ex2', 'q1'): (
        ['Hint: `round` takes a second argument: the number of digits to keep after the point.'],
        'Solution:\nreturn round(x, 1)',
    ),
    ('py_ex2', 'q2'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: `round(2.5)` is `2` and `round(3.5)` is `4`: Python rounds a tie to the nearest even '
        'number,\nso that rounding many values does not push their total up.',
    ),
    ('py_ex2', 'q3'): (
        ['Hint: Give the second parameter a default value, as in `def f(a, b=4):`.'],
        'Solution:\ndef share_evenly(total, people=4):\n    return total % people',
    ),
    ('py_ex2', 'q5'): (
        ['Hint: Read the clock before and after the call, and subtract.'],
        'Solution: One body that works:\nstart = time()\nfn(arg)\nreturn time() - start',
    ),
    ('py_ex2', 'q6'): (
        ['Hint: Call `measure_time` from inside the new function.'],
        'Solution:\nreturn max(measure_time(fn, a), measure_time(fn, b), measure_time(fn, c))',
    ),
    ('py_ex2', 'q7'): (
        ['Hint: What does `print` give back to its caller?'],
        'Solution: It prints `x`, then raises `TypeError`: `print` returns `None`, and `None` has no length.',
    ),
    ('py_ex2', 'q8.a'): (
        ['Hint: Sorry, there is no hint for this question.'],
        "Solution: `largest_numeric_string('9', '10', '2')` returns `'9'`: strings compare letter by letter, "
        "and `'9'`\ncomes after `'1'`.",
    ),
    ('py_ex2', 'q8.b'): (
        ['Hint: `max` accepts a `key` function that is applied to each item before comparing.'],
        'Solution:\nreturn max(a, b, c, key=float)',
    ),
    # py_ex3
    ('py_ex3', 'q1'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution:\ndef clamp_to_byte(x):\n    if x < 0:\n        return 0\n    elif x > 255:\n        return '
        '255\n    else:\n        return x',
    ),
    ('py_ex3', 'q2'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: Choose the word with a condition:\n\nif n_files == 1:\n    print("Saved 1 file")\nelse:\n   '
        ' print("Saved", n_files, "files")\n\nor, in one line, `print("Saved", n_files, "file" if n_files == 1 '
        'else "files")`.',
    ),
    ('py_ex3', 'q3'): (
        ['Hint: Which operator does Python apply first: `and`, `or` or `not`?'],
        'Solution: For example `has_coat = False`, `temperature = 3`, `has_scarf = False`, `is_weekend = '
        'True`:\nwe stay at home at the weekend, so we are ready, but `buggy_ready` says we are not.\nPython '
        'reads the end of the expression as `(not temperature < 10) and (not is_weekend)`, while we '
        'meant\n`not (temperature < 10 and not is_weekend)`.',
    ),
    ('py_ex3', 'q4'): (
        ['Hint: `n % 2 == 1` is already `True` or `False`: return it directly.'],
        'Solution:\nreturn n % 2 == 1',
    ),
    ('py_ex3', 'q5.a'): (
        ['Hint: Combine the three with `and`.'],
        'Solution:\nreturn kitchen and hall and porch',
    ),
    ('py_ex3', 'q5.b'): (
        ['Hint: `not` turns `True` into `False`.'],
        'Solution: Either\nreturn not kitchen and not hall and not porch\nor, moving the `not` '
        'outside,\nreturn not (kitchen or hall or porch)',
    ),
    ('py_ex3', 'q5.c'): (
        ['Hint: Exactly one of two: the first without the second, or the second without the first.'],
        'Solution:\nreturn (kitchen and not hall) or (hall and not kitchen)',
    ),
    ('py_ex3', 'q6'): (
        ['Hint: `True` counts as 1 when you add it.'],
        'Solution: Adding booleans counts the `True`s:\nreturn kitchen + hall + porch == 1',
    ),
    ('py_ex3', 'q7'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: Sorry, there is no solution for this question.',
    ),
    # py_ex4
    ('py_ex4', 'q1'): (
        ['Hint: Counting starts at 0, so the third item is at index 2.'],
        'Solution:\ndef third_item(L):\n    if len(L) < 3:\n        return None\n    return L[2]',
    ),
    ('py_ex4', 'q2'): (
        ['Hint: `L[-1]` is the last item of `L`, so `L[-1][-1]` is the last item of the last list.'],
        'Solution:\ndef last_team_goalie(teams):\n    return teams[-1][-1]',
    ),
    ('py_ex4', 'q3'): (
        ['Hint: Change the list you are given; do not return anything.\n\n`pop(0)` removes the first item and '
         'gives it to you; `append` puts an item at the end.'],
        'Solution:\ndef rotate_left(items):\n    first = items.pop(0)\n    items.append(first)',
    ),
    ('py_ex4', 'q4'): (
        ['Hint: Try `len` on each of the four lists, one at a time.'],
        'Solution:\n- a: `[[1, 2], [3]]` holds two lists, so its length is 2.\n- b: `[[]]` holds one (empty) '
        'list: length 1.\n- c: `[]` holds nothing: length 0.\n- d: `list("abc")` is `[\'a\', \'b\', \'c\']`: '
        'length 3.',
    ),
    ('py_ex4', 'q5'): (
        ['Hint: `list.index` tells you where the name is; compare it with the first and the last index.'],
        'Solution:\ndef arrived_in_middle(arrivals, name):\n    position = arrivals.index(name)\n    return 0 '
        '< position < len(arrivals) - 1',
    ),
    ('py_ex4', 'q6'): (
        ['Hint: Lists have a method that counts how often a value occurs.'],
        'Solution:\nOne line does it:\ndef count_zeros(nums):\n    return nums.count(0)\n`list.count` compares '
        'each item with `0`, so `0.0` and `False` count too.',
    ),
    # py_ex5
    ('py_ex5', 'q1'): (
        ['Hint: How many items does the loop look at before the function returns? Put a `print` inside the '
         'loop to find out.'],
        'Solution: A `return` ends the function at once, so `False` may only be returned after the loop has '
        'looked at\nevery item:\n\ndef has_negative(nums):\n    for num in nums:\n        if num < 0:\n        '
        '    return True\n    return False\n\nWith `any` and a comprehension it fits on one line:\n\ndef '
        'has_negative(nums):\n    return any([num < 0 for num in nums])',
    ),
    ('py_ex5', 'q2'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: With a loop:\ndef elementwise_between(L, low, high):\n    result = []\n    for x in L:\n    '
        '    result.append(low <= x <= high)\n    return result\n\nWith a comprehension:\ndef '
        'elementwise_between(L, low, high):\n    return [low <= x <= high for x in L]',
    ),
    ('py_ex5', 'q3'): (
        ['Hint: Loop over positions with `range`, and compare each item with the one after it. Stop one short '
         'of the end, so that there is always a next item.'],
        'Solution:\ndef has_repeated_neighbour(words):\n    for i in range(len(words) - 1):\n        if '
        'words[i] == words[i + 1]:\n            return True\n    return False\n\n`range(len(words) - 1)` stops '
        'before the last index, so `words[i + 1]` always exists; for a list of length 0 or 1\nthe range is '
        'empty and the loop never runs.',
    ),
    ('py_ex5', 'q4'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution:\nThe expected payout of one roll is 1.26, so each play (which costs 1) wins 0.26 on '
        'average.\n\nSimulate many rolls and average them:\ndef average_payout(n_rolls):\n    return '
        'sum(roll_bonus_die() for _ in range(n_rolls)) / n_rolls\nRare large prizes make the average jump '
        'around, so use a large `n_rolls` (a million, say).',
    ),
    ('py_ex5', 'q5'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution:\ndef survival_rate(start, rounds, trials):\n    survived = 0\n    for _ in range(trials):\n '
        '       balance = start\n        left = rounds\n        while balance >= 1 and left:\n            '
        'balance = balance - 1 + roll_bonus_die()\n            left -= 1\n        if left == 0:\n            '
        'survived += 1\n    return survived / trials',
    ),
    # py_ex6
    ('py_ex6', 'q0.a'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: `{}` is an empty dict (not an empty set), and it holds nothing: size 0.',
    ),
    ('py_ex6', 'q0.b'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: A set keeps one copy of each value, so `{1, 1, 2}` is `{1, 2}`: size 2.',
    ),
    ('py_ex6', 'q0.c'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: `\\t` is one character (a tab), so `"a\\tb"` has three characters.',
    ),
    ('py_ex6', 'q0.d'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: `[[]]` is a list holding one item, which happens to be an empty list.',
    ),
    ('py_ex6', 'q0.e'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: `range(2, 9, 3)` gives 2, 5 and 8: three numbers.',
    ),
    ('py_ex6', 'q1'): (
        ["Hint: `str.startswith` and a loop over the rest of the string with `in '0123456789abcdef'` will do."],
        "Solution:\ndef is_hex_colour(code):\n    return len(code) == 7 and code[0] == '#' and all(c in "
        "'0123456789abcdef' for c in code[1:].lower())",
    ),
    ('py_ex6', 'q2'): (
        ["Hint: `str.split()` cuts a post into words; `str.rstrip('.,!?')` and `str.lower()` tidy each word."],
        'Solution:\ndef tag_search(posts, tag):\n    """Return the positions of the posts that contain `tag` '
        'as a whole word.\n\n    Case does not matter, and a word may end in one of the marks . , ! ?\n\n    '
        '>>> tag_search(["Sunny day!", "A sundial", "DAY two"], "day")\n    [0, 2]\n    """\n    found = []\n  '
        "  for position, post in enumerate(posts):\n        words = [word.rstrip('.,!?').lower() for word in "
        'post.split()]\n        if tag.lower() in words:\n            found.append(position)\n    return found',
    ),
    ('py_ex6', 'q3'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution:\ndef multi_tag_search(posts, tags):\n    """Return a dict from each tag to the positions of '
        'the posts that contain it (see tag_search).\n\n    >>> multi_tag_search(["Sunny day!", "A sundial"], '
        '["day", "a"])\n    {\'day\': [0], \'a\': [1]}\n    """\n    return {tag: tag_search(posts, tag) for '
        'tag in tags}',
    ),
    ('py_ex6', 'q4'): (
        ['Hint: `str.rjust(width)` pads a string on the left until it is `width` characters long.'],
        'Solution:\ndef staircase(height):\n    """Return a staircase of # signs, `height` steps high, rising '
        'to the right, one line per step.\n\n    >>> print(staircase(3))\n      #\n     ##\n    ###\n    """\n '
        "   lines = []\n    for step in range(1, height + 1):\n        lines.append(('#' * "
        "step).rjust(height))\n    return '\\n'.join(lines)",
    ),
    ('py_ex6', 'q5'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution:\ndef next_flip_probabilities(flips):\n    """For each outcome in `flips` (a list such as '
        "['H', 'T', 'H']), the probabilities of the outcome that follows it.\n\n    >>> "
        "next_flip_probabilities(['H', 'H', 'T', 'H'])\n    {'H': {'H': 0.5, 'T': 0.5}, 'T': {'H': 1.0}}\n    "
        '"""\n    counts = {}\n    for this, following in zip(flips, flips[1:]):\n        '
        'counts.setdefault(this, {})\n        counts[this][following] = counts[this].get(following, 0) + 1\n   '
        ' probabilities = {}\n    for this, followers in counts.items():\n        total = '
        'sum(followers.values())\n        probabilities[this] = {f: n / total for f, n in followers.items()}\n '
        '   return probabilities',
    ),
    # py_ex7
    ('py_ex7', 'q1'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution:\ndef text_bar_chart(counts):\n    """Print one bar of * signs per label, longest label '
        "first, so that the bars line up.\n\n    >>> text_bar_chart({'cats': 3, 'dogs': 5})\n    dogs | "
        '*****\n    cats | ***\n    """\n    width = max(len(label) for label in counts)\n    for label, n in '
        "sorted(counts.items(), key=lambda item: -item[1]):\n        print(label.ljust(width), '|', '*' * n)",
    ),
    ('py_ex7', 'q2'): (
        ['Hint: Two things to look at:\n\n- Which values does the name `n` take, and where?\n- Print `scores` '
         'before the loop. Which entry is different from the others?'],
        "Solution: The inner loop reuses `n`, the name of the outer loop's counter, so after the inner loop "
        "`n`\nholds a player's name instead of a position. Only a player with no scores reaches the line that "
        'uses `n` as a\nposition, which is why the error appears only for that player.\n\nGive the inner loop '
        "its own name, such as `for score in player['scores']`, and the bug is gone.",
    ),
    ('py_ex7', 'q3'): (
        ['Hint: Write a helper function that scores one hand, and call it twice.'],
        'Solution:\ndef hand_score(hand):\n    """Cards \'2\'..\'10\' score their number, \'J\', \'Q\' and '
        '\'K\' score 10; an \'A\' scores 11, or 1 if 11 would take\n    the total past 30."""\n    total = 0\n '
        "   aces = 0\n    for card in hand:\n        if card == 'A':\n            aces += 1\n        elif card "
        "in ('J', 'Q', 'K'):\n            total += 10\n        else:\n            total += int(card)\n    for "
        '_ in range(aces):\n        total += 11 if total + 11 <= 30 else 1\n    return total\n\ndef '
        'hand_beats(hand_1, hand_2):\n    """True if hand_1 scores more than hand_2 and no more than 30; a '
        'hand past 30 never wins.\n\n    >>> hand_beats([\'K\', \'A\'], [\'9\', \'9\'])\n    True\n    """\n   '
        ' score_1 = hand_score(hand_1)\n    score_2 = hand_score(hand_2)\n    return score_1 <= 30 and '
        '(score_2 > 30 or score_1 > score_2)',
    ),
    # itp_ex1
    ('itp_ex1', 'q1'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: Sorry, there is no solution for this question.',
    ),
    ('itp_ex1', 'q2'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: Sorry, there is no solution for this question.',
    ),
    ('itp_ex1', 'q3'): (
        ['Hint: A hint nudges you; read it before you look at the solution.'],
        'Solution: The solution shows one right answer. Compare it with yours even when yours passes: there is '
        'often more than one way.',
    ),
    ('itp_ex1', 'q4'): (
        ['Hint: Work out how many seconds a film lasts, then multiply by the number of frames in each second.'],
        'Solution:\n# How many pictures are shown each second\nframes_per_second = 24\n\n# How many pictures '
        'make up the whole film\nframes_per_film = frames_per_second * seconds_per_minute * minutes_per_film',
    ),
    ('itp_ex1', 'q5'): (
        ['Hint: A share is a part divided by the whole. You have `red_pixels`, `blue_pixels` and '
         '`total_pixels` to work with.'],
        'Solution:\n# The share of red pixels\nred_share = red_pixels/total_pixels\nprint(red_share)\n\n# The '
        'share of blue pixels\nblue_share = blue_pixels/total_pixels\nprint(blue_share)',
    ),
    # itp_ex2
    ('itp_ex2', 'q1'): (
        ['Hint: Start from the booking fee (`5`), add `12` for each adult and `7` for each child.'],
        'Solution:\ndef get_ticket_price(adults, children):\n    price = 5 + 12 * adults + 7 * children\n    '
        'return price',
    ),
    ('itp_ex2', 'q2'): (
        ['Hint: For three adults and two children you would write `family_e = get_ticket_price(3, 2)`.'],
        'Solution:\n# Call get_ticket_price once for each family\nfamily_a = get_ticket_price(2, 1)\nfamily_b '
        '= get_ticket_price(2, 3)\nfamily_c = get_ticket_price(1, 1)\nfamily_d = get_ticket_price(4, 0)',
    ),
    ('itp_ex2', 'q3'): (
        ['Hint: Find the area first. Then turn it into metres of fabric, and the metres into a price.'],
        'Solution:\ndef get_fabric_cost(width_cm, height_cm, cm2_per_metre, price_per_metre):\n    area = '
        'width_cm * height_cm\n    metres = area / cm2_per_metre\n    cost = price_per_metre * metres\n    '
        'return cost',
    ),
    ('itp_ex2', 'q4'): (
        ['Hint: For a 100 cm by 50 cm cloth, at 10000 square cm per metre and 8 a metre, you would write '
         '`cloth_cost = get_fabric_cost(100, 50, 10000, 8)`.'],
        'Solution:\n# The cost of the curtain fabric\ncurtain_cost = get_fabric_cost(150, 200, 10000, 7)',
    ),
    ('itp_ex2', 'q5'): (
        ['Hint: Start from `get_fabric_cost`. The shop sells whole metres only: round the metres up with '
         '`math.ceil()` before you work out the price.'],
        'Solution:\ndef get_whole_metre_cost(width_cm, height_cm, cm2_per_metre, price_per_metre):\n    area = '
        'width_cm * height_cm\n    metres = area / cm2_per_metre\n    metres_to_buy = math.ceil(metres)\n    '
        'cost = price_per_metre * metres_to_buy\n    return cost',
    ),
    # itp_ex3
    ('itp_ex3', 'q1'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: `int()` drops everything after the point, so it moves a number towards zero: `int(2.7)` is '
        '2 and `int(-2.7)` is -2. `round()` goes to the nearest whole number instead.',
    ),
    ('itp_ex3', 'q2'): (
        ['Hint: Sorry, there is no hint for this question.'],
        "Solution: Multiplying a string by a whole number repeats it: `'ab' * 3` is `'ababab'`. Multiplying by "
        '0 (or by a negative number) gives the empty string, and multiplying by a float raises a `TypeError`.',
    ),
    ('itp_ex3', 'q3'): (
        ['Hint: `has_parking` is `True` or `False`. What do you get when you multiply it by 4, the price of a '
         'parking space?'],
        'Solution:\ndef get_ticket_price(adults, children, has_parking):\n    price = 5 + 12 * adults + 7 * '
        'children + 4 * has_parking\n    return price',
    ),
    ('itp_ex3', 'q4'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: In a sum, `True` counts as 1 and `False` as 0, so `True + True + False` is 2.',
    ),
    ('itp_ex3', 'q5'): (
        ['Hint: A badge is either metal or not. Write `cost = metal * ____ + (not metal) * ____` and fill in '
         'both blanks:\n- `not metal` is `True` exactly when `metal` is `False`.\n- A number times `True` is '
         'the number; a number times `False` is 0.'],
        'Solution:\ndef badge_cost(name, metal):\n    cost = metal * (20 + 4 * len(name)) + (not metal) * (11 '
        '+ 2 * len(name))\n    return cost',
    ),
    # itp_ex4
    ('itp_ex4', 'q1'): (
        ['Hint: Return `"XL"` only when `chest_cm >= 110`. Check the other sizes from the largest down, so '
         'that each `elif` only sees the chests the earlier conditions let through. Every chest gets one of '
         '`"XS"`, `"S"`, `"M"`, `"L"` or `"XL"`.'],
        'Solution:\ndef get_size_label(chest_cm):\n    if chest_cm >= 110:\n        label = "XL"\n    elif '
        'chest_cm >= 100:\n        label = "L"\n    elif chest_cm >= 90:\n        label = "M"\n    elif '
        'chest_cm >= 80:\n        label = "S"\n    else:\n        label = "XS"\n    return label',
    ),
    ('itp_ex4', 'q2'): (
        ['Hint: When `metal` is `True` the badge costs 20 plus 4 for each letter of `name` (`len(name)` '
         'letters); otherwise it costs 11 plus 2 for each letter.'],
        'Solution:\n# with a variable for the length\ndef badge_cost(name, metal):\n    letters = len(name)\n  '
        '  if metal == True:\n        cost = 20 + 4 * letters\n    else:\n        cost = 11 + 2 * letters\n    '
        'return cost\n\n# or without one\ndef badge_cost(name, metal):\n    if metal:\n        cost = 20 + 4 * '
        'len(name)\n    else:\n        cost = 11 + 2 * len(name)\n    return cost',
    ),
    ('itp_ex4', 'q3'): (
        ['Hint: The shape of the answer:\ndef get_parking_fee(minutes):\n    if minutes <= 30:\n        fee = '
         '____\n    elif minutes <= 120:\n        fee = ____\n    elif minutes <= 480:\n        fee = ____\n   '
         ' else:\n        fee = ____\n    return fee'],
        'Solution:\ndef get_parking_fee(minutes):\n    if minutes <= 30:\n        fee = 0\n    elif minutes <= '
        '120:\n        fee = 2 * minutes / 60\n    elif minutes <= 480:\n        fee = 3 * minutes / 60\n    '
        'else:\n        fee = 30\n    return fee',
    ),
    ('itp_ex4', 'q4'): (
        ['Hint: The shape of the answer:\ndef get_data_cost(gb):\n    if gb <= 10:\n        cost = ____\n    '
         'else:\n        cost = 20 + ____\n    return cost'],
        'Solution:\ndef get_data_cost(gb):\n    if gb <= 10:\n        cost = 20\n    else:\n        cost = 20 '
        '+ (gb - 10) * 5\n    return cost',
    ),
    ('itp_ex4', 'q5'): (
        ['Hint: Sorry, there is no hint for this question.'],
        'Solution: Sorry, there is no solution for this question.',
    ),
    # itp_ex5
    ('itp_ex5', 'q1'): (
        ["Hint: The playlist started as `playlist = ['morning song', 'traffic jam', 'rainy day blues', 'long "
         "drive home', 'kitchen dance']`. `.remove()` takes a song out and `.append()` adds one at the end."],
        "Solution:\n# Do not change: the playlist as it was\nplaylist = ['morning song', 'traffic jam', 'rainy "
        "day blues', 'long drive home', 'kitchen dance']\n\n# Take out 'traffic jam', and add 'lullaby in d' "
        "at the end\nplaylist.remove('traffic jam')\nplaylist.append('lullaby in d')",
    ),
    ('itp_ex5', 'q2'): (
        ['Hint: An average is the sum divided by how many there are. `my_list[-n:]` gives the last `n` items.'],
        'Solution:\n# Fill in the four values\navg_first_week = sum(daily_visitors[:7])/7\navg_last_week = '
        'sum(daily_visitors[-7:])/7\nbusiest_day = max(daily_visitors)\nquietest_day = min(daily_visitors)',
    ),
    ('itp_ex5', 'q3'): (
        ['Hint: Both need `.split()`, each with its own separator.'],
        'Solution:\nvowel_list = vowels.split("-")\ningredients = recipe.split(";")',
    ),
    ('itp_ex5', 'q4'): (
        ['Hint: Adding booleans counts the `True`s.'],
        'Solution:\n# Complete the function\ndef share_five_star(stars):\n    five = [s == 5 for s in stars]\n '
        '   share = sum(five)/len(five)\n    return share',
    ),
    ('itp_ex5', 'q5'): (
        ['Hint: The subtraction and the division are already right; only the positions need fixing. \n\nThe '
         'latest month is `downloads[len(downloads)-1]`, the month before it `downloads[len(downloads)-2]`, '
         'and `months_ago` months earlier is `downloads[len(downloads)-months_ago-1]`.'],
        'Solution:\ndef change_since(downloads, months_ago):\n    change = (downloads[len(downloads)-1] - '
        'downloads[len(downloads)-months_ago-1])/downloads[len(downloads)-months_ago-1]\n    return change',
    ),
}


def test_every_hint_and_solution() -> None:
    seen = {}
    for module in MIRRORS:
        with Notebook(module) as nb:
            for name, view in nb.session.questions(nb.module).items():
                count = max(len(view.question.hint_list), 1)
                hints = [view.hint_outcome(n).message for n in range(1, count + 1)]
                seen[(module, name)] = (hints, view.solution_outcome().message)
    assert seen == HINTS_AND_SOLUTIONS


def test_hint_solution_and_congratulation_reach_the_learner_in_rich_output() -> None:
    with Notebook("itp_ex1") as nb:
        congrats = nb.q("q2").evaluate()
        hint = nb.q("q3").hint_outcome()
        solution = nb.q("q4").solution_outcome()
    assert congrats.status is Status.CORRECT
    assert congrats.markdown == (
        '<span style="color:#2e8b57">**When your own message appears above, go on to the next question.**</span>'
    )
    assert hint.markdown == (
        '<span style="color:#2e6da4">**Hint**</span>: A hint nudges you; read it before you look at the solution.'
    )
    assert solution.markdown == (
        '<span style="color:#1f8a70">**Solution**</span>:\n```python\n# How many pictures are shown each second\n'
        "frames_per_second = 24\n\n# How many pictures make up the whole film\n"
        "frames_per_film = frames_per_second * seconds_per_minute * minutes_per_film\n```"
    )


def test_check_hint_and_solution_print_in_a_terminal_and_are_counted(capsys: pytest.CaptureFixture[str]) -> None:
    with Notebook("py_ex1") as nb:
        nb.run("favourite_shape = 'triangle'")
        q0 = nb.q("q0")
        q0.check()
        q0.hint()
        q0.solution()
        q0.check()
        assert q0.interactions == Counter({"check": 2, "hint": 1, "solution": 1})
    assert capsys.readouterr().out == (
        "Correct: Right first time, with no hint at all. Try the hint and the solution below anyway, to see how "
        "they look.\n"
        "Hint: The shape we have in mind has three corners.\n"
        'Solution:\nfavourite_shape = "triangle"\n'
        # The question's own `_correct_message` reads `self._view.interactions`: after a hint, it says nothing.
        "Correct\n"
    )


# ---- learntools' other entry points, as the real modules use them ----


def test_injected_methods_get_the_learners_variables_first() -> None:
    with Notebook("py_ex3") as nb:
        random.seed(3)
        nb.run("def should_roll(total, house_first_roll):\n    return total < 14")
        played = nb.run("q7.play_one_game()")
        summary = nb.run("q7.play(n_games=200)")
        also_old_style = nb.run("def should_roll(total):\n    return total < 12\nq7.play(50)")
    assert played.splitlines()[0].startswith("The house starts with ")
    assert re.fullmatch(r"You won (\d+) of 200 games \(\d+%\)\.\n", summary)
    assert re.fullmatch(r"You won (\d+) of 50 games \(\d+%\)\.\n", also_old_style)


def test_injected_methods_answer_in_words_where_learntools_raises() -> None:
    with Notebook("py_ex3") as nb:
        missing = nb.run("q7.play()")
        wrong_shape = nb.run("def should_roll(total, house_first_roll, extra):\n    return False\nq7.play()")
    assert missing == "Not attempted: Create the variable `should_roll`, then run `q7.check()` again.\n"
    assert wrong_shape == (
        "Incorrect: `should_roll` takes 3 parameters (total, house_first_roll, extra); it should take `total` and "
        "`house_first_roll`.\n"
    )
    with Notebook("py_ex1") as nb:
        too_early = nb.run("q2.remember_originals()")
    assert too_early == "Not attempted: Create the variables `left`, `right`, then run `q2.check()` again.\n"


def test_a_check_that_needs_an_earlier_cell_is_the_exercises_fault() -> None:
    # The swap question remembers the starting objects in `q2.remember_originals()`; skipping that cell makes
    # its check fail (in learntools, with a traceback).
    outcome = check("py_ex1", "q2", "left = [1, 2, 3]\nright = [3, 2, 1]\nleft, right = right, left")
    assert outcome.status is Status.CHECKER_ERROR
    assert outcome.message == (
        "Checker error: The checker for `q2` failed: it raised `AttributeError: 'SwapShelves' object has no "
        "attribute 'id_right'`. This is a bug in the exercise, not a mistake in your answer. Please report it; "
        "meanwhile, compare your code with the hints."
    )


def test_authors_assert_helpers_show_and_count_the_check(capsys: pytest.CaptureFixture[str]) -> None:
    with Notebook("itp_ex2") as nb:
        q1 = nb.q("q1")
        nb.run(starter("get_ticket_price", "adults, children"))
        q1.assert_check_unattempted()
        nb.run("def get_ticket_price(adults, children):\n    return 12 * adults")
        q1.assert_check_failed()
        nb.run("def get_ticket_price(adults, children):\n    return 5 + 12 * adults + 7 * children")
        q1.assert_check_passed()
        with pytest.raises(AssertionError) as info:
            q1.assert_check_failed()
        assert q1.interactions == Counter({"check": 4})
    assert str(info.value) == "Expected q1 to fail, but got: Correct"
    assert capsys.readouterr().out == (
        "Not attempted: The body of `get_ticket_price` is still empty.\n"
        "Incorrect: Called with `adults=0`, `children=0`, your function returned `0`, but the expected result is "
        "`5`.\n"
        "Correct\n"
        "Correct\n"
    )


def test_a_multipart_question_lists_its_parts(capsys: pytest.CaptureFixture[str]) -> None:
    with Notebook("py_ex3") as nb:
        nb.q("q5").check()
        nb.q("q5").hint()
    assert capsys.readouterr().out == (
        "This question has 3 parts: q5.a, q5.b, q5.c. Use them one at a time, for example q5.a.check().\n" * 2
    )


def test_a_hint_past_the_last_and_a_question_without_hints() -> None:
    with Notebook("py_ex1") as nb:
        assert nb.q("q4").hint_outcome(3).message == "Hint: There are 2 hints for this question: try `q4.hint(2)`."
    with Notebook("py_ex3") as nb:
        assert nb.q("q1").hint_outcome().message == "Hint: Sorry, there is no hint for this question."


def test_cs_load_shows_the_solution_file_without_its_solns_imports() -> None:
    with Notebook("py_ex6") as nb:
        solution = nb.q("q3").solution_outcome()
    source = (TRACKS / "solns" / "multi_tag_search.py").read_text(encoding="utf-8")
    assert source.startswith("from learntools_tracks.solns.tag_search import tag_search\n")
    assert solution.markdown == (
        '<span style="color:#1f8a70">**Solution**</span>:\n```python\n'
        + source.split("\n", 2)[2].rstrip("\n")
        + "\n```"
    )


def test_tolerance_accepts_a_float_computed_in_another_order() -> None:
    # learntools compares function results with ==, so 0.2925 would fail against 0.29250000000000004.
    with Notebook("itp_ex2") as nb:
        nb.run("def get_fabric_cost(w, h, per_metre, price):\n    return w * h * price / per_metre")
        assert nb.ns["get_fabric_cost"](15, 15, 1000, 1.3) != 15 * 15 / 1000 * 1.3
        assert nb.q("q3").evaluate().status is Status.CORRECT


# ---- porting: only the import lines change ----


def core_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """(statement index, line) of each top-level import that names learntools_cv.core."""
    found = []
    for i, node in enumerate(tree.body):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("learntools_cv.core"):
            found.append((i, ast.unparse(node)))
        elif isinstance(node, ast.Import) and any(a.name.startswith("learntools_cv") for a in node.names):
            found.append((i, ast.unparse(node)))
    return found


@pytest.mark.parametrize("module", list(MIRRORS))
def test_each_module_says_which_real_module_it_mirrors(module: str) -> None:
    real, _ = MIRRORS[module]
    first = (TRACKS / f"{module}.py").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(f"# Mirrors {real} (")


@pytest.mark.parametrize("module", list(MIRRORS))
def test_each_module_imports_the_core_exactly_where_the_real_one_does(module: str) -> None:
    _, real_imports = MIRRORS[module]
    tree = ast.parse((TRACKS / f"{module}.py").read_text(encoding="utf-8"))
    ours = core_imports(tree)
    assert [line.replace("learntools_cv.core", "learntools.core") for _, line in ours] == real_imports
    # ... as the module's first imports from the framework, before anything else runs.
    assert all(isinstance(tree.body[i], (ast.Import, ast.ImportFrom)) for i in range(ours[-1][0] + 1))
    # Nothing else in the module names learntools_cv.
    rest = [ast.unparse(node) for i, node in enumerate(tree.body) if i not in {j for j, _ in ours}]
    assert not [line for line in rest if "learntools_cv" in line]


@pytest.fixture
def learntools_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    """`learntools.core` and its submodules, answered by learntools_cv's."""
    monkeypatch.setitem(sys.modules, "learntools", types.ModuleType("learntools"))
    for name, module in {
        "learntools.core": learntools_cv.core,
        "learntools.core.problem": learntools_cv.core.learntools,
        "learntools.core.exceptions": learntools_cv.core.exceptions,
        "learntools.core.utils": learntools_cv.core.utils,
        "learntools.core.asserts": learntools_cv.core.asserts,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)


@pytest.mark.parametrize("module", list(MIRRORS))
def test_each_module_runs_with_learntools_import_lines(module: str, learntools_alias: None) -> None:
    source = (TRACKS / f"{module}.py").read_text(encoding="utf-8")
    as_in_learntools = source.replace("learntools_cv.core", "learntools.core")
    namespace: dict[str, Any] = {"__name__": f"learntools.ported.{module}"}
    with Session().activated():
        exec(compile(as_in_learntools, f"{module}.py", "exec"), namespace)
        original = importlib.import_module(f"learntools_tracks.{module}")
        assert namespace["__all__"] == original.__all__
        first = namespace[namespace["__all__"][0]]
        view = first.parts["a"] if isinstance(first, learntools_cv.core.MultipartProblem) else first
        assert view.exercise == f"learntools.ported.{module}"
