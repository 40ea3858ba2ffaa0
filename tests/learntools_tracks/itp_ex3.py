# Mirrors learntools/intro_to_programming/ex3.py (Intro to Programming, exercise 3: data types).
from learntools_cv.core import *

def get_ticket_price(adults, children, has_parking):
    price = 5 + 12 * adults + 7 * children + 4 * has_parking
    return price

class IntOfFloat(ThoughtExperiment):
    _solution = ("`int()` drops everything after the point, so it moves a number towards zero: `int(2.7)` is 2 "
                 "and `int(-2.7)` is -2. `round()` goes to the nearest whole number instead.")

class RepeatStrings(ThoughtExperiment):
    _solution = ("Multiplying a string by a whole number repeats it: `'ab' * 3` is `'ababab'`. Multiplying by 0 "
                 "(or by a negative number) gives the empty string, and multiplying by a float raises a "
                 "`TypeError`.")

class TicketWithParking(FunctionProblem):
    _var = 'get_ticket_price'
    _test_cases = [
        ((1, 1, False), 24),
        ((2, 0, True), 33),
        ((0, 3, True), 30),
        ((3, 2, False), 55),
    ]
    _hint = ("`has_parking` is `True` or `False`. What do you get when you multiply it by 4, the price "
             "of a parking space?")
    _solution = CS(
"""def get_ticket_price(adults, children, has_parking):
    price = 5 + 12 * adults + 7 * children + 4 * has_parking
    return price
""")

class SumOfBooleans(ThoughtExperiment):
    _solution = "In a sum, `True` counts as 1 and `False` as 0, so `True + True + False` is 2."

class BadgeCost(FunctionProblem):
    _var = 'badge_cost'
    _test_cases = [
        (("Kim", True), 32),
        (("Alexandra", False), 29),
        (("", True), 20),
        (("Jo", False), 15),
    ]
    _hint = ("A badge is either metal or not. Write `cost = metal * ____ + (not metal) * ____` and fill in both "
             "blanks:\n"
             "- `not metal` is `True` exactly when `metal` is `False`.\n"
             "- A number times `True` is the number; a number times `False` is 0.")
    _solution = CS(
"""def badge_cost(name, metal):
    cost = metal * (20 + 4 * len(name)) + (not metal) * (11 + 2 * len(name))
    return cost
""")


qvars = bind_exercises(globals(), [
    IntOfFloat,
    RepeatStrings,
    TicketWithParking,
    SumOfBooleans,
    BadgeCost
    ],
    var_format='q{n}',
    )
__all__ = list(qvars)
