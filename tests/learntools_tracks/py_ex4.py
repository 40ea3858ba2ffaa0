# Mirrors learntools/python/ex4.py (Python track, exercise 4: lists).
from learntools_cv.core import *

# The learner completes a function that returns the third item of a list

class ThirdItem(FunctionProblem):
    _var = 'third_item'

    _test_cases = [
            ([4, 5, 6, 7], 6),
            ([[1], [2], [3]], [3]),
            (list(range(20)), 2),
            ([1, 2], None),
            ([], None),
    ]

    _hint = "Counting starts at 0, so the third item is at index 2."

    _solution = CS(
"""def third_item(L):
    if len(L) < 3:
        return None
    return L[2]""")

class LastTeamGoalie(FunctionProblem):
    _var = 'last_team_goalie'

    _test_cases = [
            ([["Ana", "Bo", "Cy"]], "Cy"),
            ([["Ana", "Bo"], ["Dee", "Eli", "Fay"]], "Fay"),
            ([["Gil"], ["Hal", "Ivy"], ["Jo", "Kim"]], "Kim"),
    ]

    _hint = ("`L[-1]` is the last item of `L`, so `L[-1][-1]` is the last item of the last list."
             )

    _solution = CS(
"""def last_team_goalie(teams):
    return teams[-1][-1]""")

class RotateLeft(FunctionProblem):

    _var = 'rotate_left'

    _hint = ("Change the list you are given; do not return anything.\n\n"
            "`pop(0)` removes the first item and gives it to you; `append` puts an item at the end.")

    def check(self, fn):
        lists = (["x", "y"],
                 ["x", "y", "z"],
                 [1, 2, 3, 4],
                )
        def reference(items): items.append(items.pop(0))
        for original in lists:
            expected = original.copy()
            reference(expected)
            theirs = original.copy()
            returned = fn(theirs)
            assert returned is None, ("`rotate_left` should change the list it is given and return nothing,"
                                      " but it returned a value.")
            assert theirs == expected, ("After `rotate_left({!r})` the list should be {!r}, but it is {!r}."
                    ).format(original, expected, theirs)

    _solution = CS(
"""def rotate_left(items):
    first = items.pop(0)
    items.append(first)""")

class NestedLengths(EqualityCheckProblem):
    _var = 'lengths'
    _expected = [2, 1, 0, 3]
    _default_values = [ [] ]

    _hint = "Try `len` on each of the four lists, one at a time."

    _solution = (
            """
- a: `[[1, 2], [3]]` holds two lists, so its length is 2.
- b: `[[]]` holds one (empty) list: length 1.
- c: `[]` holds nothing: length 0.
- d: `list("abc")` is `['a', 'b', 'c']`: length 3.""")

class ArrivedInMiddle(FunctionProblem):
    _var = 'arrived_in_middle'

    _test_cases = [
            ((['Ann', 'Ben', 'Cal', 'Dot', 'Eve'], 'Ann'), False),
            ((['Ann', 'Ben', 'Cal', 'Dot', 'Eve'], 'Ben'), True),
            ((['Ann', 'Ben', 'Cal', 'Dot', 'Eve'], 'Cal'), True),
            ((['Ann', 'Ben', 'Cal', 'Dot', 'Eve'], 'Dot'), True),
            ((['Ann', 'Ben', 'Cal', 'Dot', 'Eve'], 'Eve'), False),
            ((['Fin', 'Gus'], 'Fin'), False),
            ((['Fin', 'Gus'], 'Gus'), False),
    ]

    _hint = "`list.index` tells you where the name is; compare it with the first and the last index."

    _solution = CS(
"""def arrived_in_middle(arrivals, name):
    position = arrivals.index(name)
    return 0 < position < len(arrivals) - 1""")

class CountZeros(FunctionProblem):
    _bonus = True
    _var = 'count_zeros'

    _test_cases = [
            ([], 0),
            ([0, 1, 0], 2),
            ([5, 0, 0, 0, 2], 3),
            ([1, 2, 3], 0),
    ]

    _hint = "Lists have a method that counts how often a value occurs."

    _solution = """
One line does it:
```python
def count_zeros(nums):
    return nums.count(0)
```
`list.count` compares each item with `0`, so `0.0` and `False` count too."""


qvars = bind_exercises(globals(), [
    ThirdItem,
    LastTeamGoalie,
    RotateLeft,
    NestedLengths,
    ArrivedInMiddle,
    CountZeros,
    ],
)
__all__ = list(qvars)
