# Mirrors learntools/python/ex2.py (Python track, exercise 2: functions and getting help).
from learntools_cv.core import *
from learntools_cv.core.exceptions import Incorrect

class RoundToTenths(FunctionProblem):
    _var = 'round_to_tenths'

    _test_cases = [
            (2.04, 2.0),
            (7.36, 7.4),
    ]
    _hint = "`round` takes a second argument: the number of digits to keep after the point."
    _solution = CS("return round(x, 1)")

class BankersRounding(ThoughtExperiment):

    _solution = """`round(2.5)` is `2` and `round(3.5)` is `4`: Python rounds a tie to the nearest even number,
so that rounding many values does not push their total up."""

class ShareEvenly(FunctionProblem):
    _var = 'share_evenly'

    _test_cases = [
            ((12, 5), 2),
            ((12, 4), 0),
            (12, 0),
            (14, 2),
            ((7, 7), 0),
    ]
    _hint = "Give the second parameter a default value, as in `def f(a, b=4):`."
    _solution = CS(
"""def share_evenly(total, people=4):
    return total % people""")

    def check(self, fn):
        try:
            fn(12, 5)
        except TypeError:
            raise Incorrect("`share_evenly` should accept two arguments, as in `share_evenly(12, 5)`.")
        try:
            fn(12)
        except TypeError:
            raise Incorrect("`share_evenly` should also work with one argument, as in `share_evenly(12)`.")
        super().check(fn)

class MeasureTime(ThoughtExperiment):
    _var = 'measure_time'

    _hint = "Read the clock before and after the call, and subtract."
    _solution = '''One body that works:
```python
start = time()
fn(arg)
return time() - start
```
'''

class SlowestOfThree(ThoughtExperiment):
    _hint = "Call `measure_time` from inside the new function."
    _solution = """
```python
return max(measure_time(fn, a), measure_time(fn, b), measure_time(fn, c))
```
"""

class PrintLength(ThoughtExperiment):
    _hint = "What does `print` give back to its caller?"
    _solution = """It prints `x`, then raises `TypeError`: `print` returns `None`, and `None` has no length."""

class LargestNumericDebug(ThoughtExperiment):
    _solution = """`largest_numeric_string('9', '10', '2')` returns `'9'`: strings compare letter by letter, and `'9'`
comes after `'1'`."""

class LargestNumericFix(FunctionProblem):
    _var = 'largest_numeric_string'

    _test_cases = [
            (('1', '2', '3'), '3'),
            (('9', '10', '2'), '10'),
            (('-5', '-40', '0'), '0'),
            (('2.5', '12', '3'), '12'),
    ]

    _hint = "`max` accepts a `key` function that is applied to each item before comparing."
    _solution = CS("return max(a, b, c, key=float)")

LargestNumeric = MultipartProblem(LargestNumericDebug,
        LargestNumericFix)

qvars = bind_exercises(globals(), [
    RoundToTenths,
    BankersRounding,
    ShareEvenly,
    None,
    MeasureTime,
    SlowestOfThree,
    PrintLength,
    LargestNumeric,
    ],
)
__all__ = list(qvars)
