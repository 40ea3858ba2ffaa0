# Mirrors learntools/python/ex1.py (Python track, exercise 1: syntax, variables and numbers).
from learntools_cv.core import *
from learntools_cv.core.problem import injected

class WarmUp(CodingProblem):
    _var = 'favourite_shape'
    _hint = "The shape we have in mind has three corners."
    _solution = CS('favourite_shape = "triangle"')
    def check(self, favourite_shape):
        assert favourite_shape.strip().lower() == "triangle"

    @property
    def _correct_message(self):
        asked = self._view.interactions
        if asked['hint'] == 0 and asked['solution'] == 0:
            return ("Right first time, with no hint at all. Try the hint and the solution"
                    " below anyway, to see how they look.")
        return ''

    # A CodingProblem never calls this (its own check decides); kept because the real module has one.
    def _failure_message(self, var, actual, expected):
        return "{} has four corners or more.".format(actual)


class SquareArea(EqualityCheckProblem):
    _vars = ['side', 'area']
    _expected = [10 / 4, (10 / 4) ** 2]

    _hint = "A square's four sides are equal, so one side is a quarter of the perimeter."
    _solution = CS('side = perimeter / 4',
            'area = side ** 2')


class SwapShelves(CodingProblem):
    _vars = ['left', 'right']

    _hint = "Park one of the values in a third variable first."
    _solution = """Keep one value aside in a spare variable while you move the other:

    spare = left
    left = right
    right = spare

Python can also do it in one line: `left, right = right, left`."""

    @injected
    def remember_originals(self, left, right):
        self.id_left = id(left)
        self.id_right = id(right)

    def check(self, left, right):
        if id(left) == self.id_right and id(right) == self.id_left:
            return
        assert not (id(left) == self.id_left and id(right) == self.id_right), (
                "`left` and `right` still hold the values they started with.")
        assert id(left) != id(right), "`left` and `right` are now the same object: `{!r}`.".format(left)
        assert False, ("`left` and `right` hold new objects. Swap the objects themselves rather than"
                " typing their values again.")


class GroupingEasy(ThoughtExperiment):
    _hint = "Python multiplies before it subtracts. Parentheses change the order."
    _solution = CS("(9 - 3) * 2")

class GroupingHard(ThoughtExperiment):
    _hint = "You may need more than one pair of parentheses."
    _solution = "`(6 + 2) * (3 - (4 - 1))` is one answer; there are others."

Grouping = MultipartProblem(GroupingEasy, GroupingHard)


class SharingMarbles(EqualityCheckProblem):
    _var = 'leftover'
    _expected = (17 + 23 + 9) % 4
    _default_values = [-1]

    _hints = [
            "The remainder operator is `%`.",
            "Add the three piles together first, then take the remainder after dividing by 4.",
    ]
    _solution = CS("leftover = (pile_a + pile_b + pile_c) % 4")


class DoubleNegative(EqualityCheckProblem):
    _bonus = True
    _var = 'flipped'
    _expected = 5

    _hint = "Try the expression with one `-`, then with two. What does the second one do?"
    _solution = """With an even number of `-` signs the value is `11`; with an odd number it is `5`.
The first `-` subtracts; every later one negates what follows, so the sign flips back and forth."""


class TileRows(ThoughtExperiment):
    _bonus = True
    _hint = "Integer division `//` and the remainder `%` are the tools to use."
    _solution = """One way:
```python
rows = (n + 5) // 6
```
`(n + 5) // 6` rounds the division up without importing anything."""


class SharedList(ThoughtExperiment):
    _bonus = True
    _hints = [
            "Numbers behave the same either way. Think about a value you can change in place.",
            "`x = y = []` runs `[]` once.",
    ]
    _solution = """`x = y = []` makes both names refer to one list, so appending to `x` also changes `y`.
Two separate assignments make two lists."""


qvars = bind_exercises(globals(), [
    WarmUp,
    SquareArea,
    SwapShelves,
    Grouping,
    SharingMarbles,
    DoubleNegative,
    TileRows,
    SharedList,
    ],
    start=0,
    )
__all__ = list(qvars)
