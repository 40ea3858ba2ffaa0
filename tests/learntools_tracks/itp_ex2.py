# Mirrors learntools/intro_to_programming/ex2.py (Intro to Programming, exercise 2: functions).
from learntools_cv.core import *
import math

def get_ticket_price(adults, children):
    price = 5 + 12 * adults + 7 * children
    return price

def get_fabric_cost(width_cm, height_cm, cm2_per_metre, price_per_metre):
    area = width_cm * height_cm
    metres = area / cm2_per_metre
    cost = price_per_metre * metres
    return cost

class GetTicketPrice(FunctionProblem):
    _var = 'get_ticket_price'
    _test_cases = [
        ((0, 0), 5),
        ((1, 0), 17),
        ((0, 1), 12),
        ((2, 1), 36),
        ((2, 3), 50),
        ((4, 0), 53),
    ]
    _hint = ("Start from the booking fee (`5`), add `12` for each adult and `7` for each child.")
    _solution = CS(
"""
def get_ticket_price(adults, children):
    price = 5 + 12 * adults + 7 * children
    return price
""")

class UseTicketPrice(EqualityCheckProblem):
    _vars = ['family_a', 'family_b', 'family_c', 'family_d']
    _expected = [get_ticket_price(2, 1), get_ticket_price(2, 3), get_ticket_price(1, 1), get_ticket_price(4, 0)]
    _hint = ("For three adults and two children you would write `family_e = get_ticket_price(3, 2)`.")
    _solution = CS(
"""# Call get_ticket_price once for each family
family_a = get_ticket_price(2, 1)
family_b = get_ticket_price(2, 3)
family_c = get_ticket_price(1, 1)
family_d = get_ticket_price(4, 0)
""")

class GetFabricCost(FunctionProblem):
    _var = 'get_fabric_cost'
    _test_cases = [
        ((150, 200, 10000, 7), 21.0),
        ((15, 15, 1000, 1.3), 0.29250000000000004),
        ((110, 90, 10000, 12.5), 12.375),
    ]
    _hint = ("Find the area first. Then turn it into metres of fabric, and the metres into a price.")
    _solution = CS(
"""
def get_fabric_cost(width_cm, height_cm, cm2_per_metre, price_per_metre):
    area = width_cm * height_cm
    metres = area / cm2_per_metre
    cost = price_per_metre * metres
    return cost
""")

class UseFabricCost(EqualityCheckProblem):
    _var = 'curtain_cost'
    _expected = get_fabric_cost(150, 200, 10000, 7)
    _hint = ("For a 100 cm by 50 cm cloth, at 10000 square cm per metre and 8 a metre, you would write "
             "`cloth_cost = get_fabric_cost(100, 50, 10000, 8)`.")
    _solution = CS(
"""# The cost of the curtain fabric
curtain_cost = get_fabric_cost(150, 200, 10000, 7)
""")

class WholeMetres(FunctionProblem):
    _var = 'get_whole_metre_cost'
    _test_cases = [
        ((150, 200, 10000, 7), 21),
        ((15, 15, 1000, 1.3), 1.3),
        ((110, 90, 10000, 12.5), 12.5),
    ]
    _hint = ("Start from `get_fabric_cost`. The shop sells whole metres only: round the metres up with "
             "`math.ceil()` before you work out the price.")
    _solution = CS(
"""def get_whole_metre_cost(width_cm, height_cm, cm2_per_metre, price_per_metre):
    area = width_cm * height_cm
    metres = area / cm2_per_metre
    metres_to_buy = math.ceil(metres)
    cost = price_per_metre * metres_to_buy
    return cost
""")


qvars = bind_exercises(globals(), [
    GetTicketPrice,
    UseTicketPrice,
    GetFabricCost,
    UseFabricCost,
    WholeMetres
    ],
    var_format='q{n}',
    )
__all__ = list(qvars)
