# Mirrors learntools/python/ex5.py (Python track, exercise 5: loops and list comprehensions).
import random

from learntools_cv.core import *

class EarlyReturnDebugging(FunctionProblem):
    _var = 'has_negative'

    _test_cases = [
            ([], False),
            ([-1], True),
            ([3, -2], True),
            ([0, 4, -9], True),
            ([2], False),
            ([1, 2, 3], False),
    ]

    _hint = ("How many items does the loop look at before the function returns? Put a `print`"
            " inside the loop to find out.")

    _solution = """A `return` ends the function at once, so `False` may only be returned after the loop has looked at
every item:

```python
def has_negative(nums):
    for num in nums:
        if num < 0:
            return True
    return False
```

With `any` and a comprehension it fits on one line:

```python
def has_negative(nums):
    return any([num < 0 for num in nums])
```
"""

class ElementwiseBetween(FunctionProblem):
    _var = 'elementwise_between'

    _test_cases = [
            ( ([1, 5, 9], 2, 8), [False, True, False] ),
            ( ([2, 8], 2, 8), [True, True] ),
            ( ([], 0, 1), [] ),
    ]

    _solution = """With a loop:
```python
def elementwise_between(L, low, high):
    result = []
    for x in L:
        result.append(low <= x <= high)
    return result
```

With a comprehension:
```python
def elementwise_between(L, low, high):
    return [low <= x <= high for x in L]
```
"""

class RepeatedNeighbour(FunctionProblem):
    _var = 'has_repeated_neighbour'

    _test_cases = [
            ( ['red', 'blue'], False),
            ( ['red', 'red'], True),
            ( ['red', 'blue', 'red'], False),
            ( ['red', 'blue', 'blue', 'green'], True),
            ( ['red'], False),
            ( [], False),
    ]

    _hint = ("Loop over positions with `range`, and compare each item with the one after it. Stop one short of the"
             " end, so that there is always a next item.")

    _solution = """

```python
def has_repeated_neighbour(words):
    for i in range(len(words) - 1):
        if words[i] == words[i + 1]:
            return True
    return False
```

`range(len(words) - 1)` stops before the last index, so `words[i + 1]` always exists; for a list of length 0 or 1
the range is empty and the loop never runs.
"""

# Expected payout of one roll: .01 * 50 + .09 * 4 + .2 * 2 = 1.26
def roll_bonus_die():
    r = random.random()
    if r < .01:
        return 50
    elif r < .1:
        return 4
    elif r < .3:
        return 2
    else:
        return 0

class ExpectedDiePayout(ThoughtExperiment):
    _solution = """
The expected payout of one roll is 1.26, so each play (which costs 1) wins 0.26 on average.

Simulate many rolls and average them:
```python
def average_payout(n_rolls):
    return sum(roll_bonus_die() for _ in range(n_rolls)) / n_rolls
```
Rare large prizes make the average jump around, so use a large `n_rolls` (a million, say).
"""

class SurvivalRate(FunctionProblem):
    _bonus = True
    _var = 'survival_rate'

    _solution = CS("""def survival_rate(start, rounds, trials):
    survived = 0
    for _ in range(trials):
        balance = start
        left = rounds
        while balance >= 1 and left:
            balance = balance - 1 + roll_bonus_die()
            left -= 1
        if left == 0:
            survived += 1
    return survived / trials""")

    def check(self, fn):
        actual = fn(5, 5, 1000)
        assert actual == 1.0, "`survival_rate(5, 5, 1000)` should be 1.0, but it is {!r}.".format(actual)

        actual = fn(1, 2, 20000)
        assert .28 <= actual <= .32, "`survival_rate(1, 2, 20000)` should be close to 0.3, but it is {!r}.".format(actual)


qvars = bind_exercises(globals(), [
    EarlyReturnDebugging,
    ElementwiseBetween,
    RepeatedNeighbour,
    ExpectedDiePayout,
    SurvivalRate,
    ],
)
__all__ = list(qvars) + ['roll_bonus_die']
