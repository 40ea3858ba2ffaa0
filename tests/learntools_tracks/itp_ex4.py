# Mirrors learntools/intro_to_programming/ex4.py (Intro to Programming, exercise 4: conditions and statements).
from learntools_cv.core import *

def get_size_label(chest_cm):
    if chest_cm >= 110:
        label = "XL"
    elif chest_cm >= 100:
        label = "L"
    elif chest_cm >= 90:
        label = "M"
    elif chest_cm >= 80:
        label = "S"
    else:
        label = "XS"
    return label

def get_parking_fee(minutes):
    if minutes <= 30:
        fee = 0
    elif minutes <= 120:
        fee = 2 * minutes / 60
    elif minutes <= 480:
        fee = 3 * minutes / 60
    else:
        fee = 30
    return fee

def get_data_cost(gb):
    # every plan costs 20 a month
    cost = 20
    # gigabytes beyond the 10 included (negative when under)
    extra_gb = gb - 10
    # only extra gigabytes cost more
    if extra_gb > 0:
        cost = cost + 5 * extra_gb
    return cost

class GetSizeLabel(FunctionProblem):
    _var = 'get_size_label'
    _test_cases = [(cm, get_size_label(cm)) for cm in range(60, 131)]
    _hint = ('Return `"XL"` only when `chest_cm >= 110`. Check the other sizes from the largest down, so that '
             'each `elif` only sees the chests the earlier conditions let through. Every chest gets one of '
             '`"XS"`, `"S"`, `"M"`, `"L"` or `"XL"`.')
    _solution = CS(
"""def get_size_label(chest_cm):
    if chest_cm >= 110:
        label = "XL"
    elif chest_cm >= 100:
        label = "L"
    elif chest_cm >= 90:
        label = "M"
    elif chest_cm >= 80:
        label = "S"
    else:
        label = "XS"
    return label
""")

class BadgeCostAgain(FunctionProblem):
    _var = 'badge_cost'
    _test_cases = [
        (("Kim", True), 32),
        (("Alexandra", False), 29),
        (("", True), 20),
        (("Jo", False), 15),
    ]
    _hint = ("When `metal` is `True` the badge costs 20 plus 4 for each letter of `name` (`len(name)` letters); "
             "otherwise it costs 11 plus 2 for each letter.")
    _solution = CS(
"""# with a variable for the length
def badge_cost(name, metal):
    letters = len(name)
    if metal == True:
        cost = 20 + 4 * letters
    else:
        cost = 11 + 2 * letters
    return cost

# or without one
def badge_cost(name, metal):
    if metal:
        cost = 20 + 4 * len(name)
    else:
        cost = 11 + 2 * len(name)
    return cost
""")

class GetParkingFee(FunctionProblem):
    _var = 'get_parking_fee'
    _test_cases = [(15 * i, get_parking_fee(15 * i)) for i in range(0, 41)]
    _hint = """
The shape of the answer:
```python
def get_parking_fee(minutes):
    if minutes <= 30:
        fee = ____
    elif minutes <= 120:
        fee = ____
    elif minutes <= 480:
        fee = ____
    else:
        fee = ____
    return fee
```
"""
    _solution = CS(
"""def get_parking_fee(minutes):
    if minutes <= 30:
        fee = 0
    elif minutes <= 120:
        fee = 2 * minutes / 60
    elif minutes <= 480:
        fee = 3 * minutes / 60
    else:
        fee = 30
    return fee
""")

class GetDataCost(FunctionProblem):
    _var = 'get_data_cost'
    _test_cases = [(2 + .5 * i, get_data_cost(2 + .5 * i)) for i in range(0, 30)]
    _hint = """
The shape of the answer:
```python
def get_data_cost(gb):
    if gb <= 10:
        cost = ____
    else:
        cost = 20 + ____
    return cost
```
"""
    _solution = CS(
"""def get_data_cost(gb):
    if gb <= 10:
        cost = 20
    else:
        cost = 20 + (gb - 10) * 5
    return cost
""")

class SortTheLabels(CodingProblem):
    _congrats = "When every shirt has its label, you are ready for the next lesson!"
    _correct_message = ""
    def check(self):
        pass

qvars = bind_exercises(globals(), [
    GetSizeLabel,
    BadgeCostAgain,
    GetParkingFee,
    GetDataCost,
    SortTheLabels
    ],
    var_format='q{n}',
    )
__all__ = list(qvars)
