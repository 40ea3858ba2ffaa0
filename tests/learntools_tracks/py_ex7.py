# Mirrors learntools/python/ex7.py (Python track, exercise 7: working with external libraries).
import random

from learntools_cv.core import *

import learntools_tracks.solns.bar_chart as chart_module
import learntools_tracks.solns.hand_beats as hand_module
hand_beats_soln = hand_module.hand_beats

class TextBarChart(ThoughtExperiment):
    _solution = CS.load(chart_module.__file__)

class ShadowedName(ThoughtExperiment):
    _hint = ("Two things to look at:\n\n"
            "- Which values does the name `n` take, and where?\n"
            "- Print `scores` before the loop. Which entry is different from the others?"
            )

    _solution = '''The inner loop reuses `n`, the name of the outer loop's counter, so after the inner loop `n`
holds a player's name instead of a position. Only a player with no scores reaches the line that uses `n` as a
position, which is why the error appears only for that player.

Give the inner loop its own name, such as `for score in player['scores']`, and the bug is gone.
'''

def random_hand():
    cards = list(map(str, range(2, 11))) + ['J', 'Q', 'K', 'A']
    size = random.randint(1, 5)
    return [random.choice(cards) for _ in range(size)]

def random_inputs(n):
    random.seed(7)
    return [
            (random_hand(), random_hand())
            for _ in range(n)
            ]

class HandBeats(FunctionProblem):
    _var = 'hand_beats'
    _hint = ("Write a helper function that scores one hand, and call it twice."
            )
    _solution = CS.load(hand_module.__file__)

    _test_cases = [
            (args, hand_beats_soln(*args))
            for args in random_inputs(60)
            ]


qvars = bind_exercises(globals(), [
    TextBarChart,
    ShadowedName,
    HandBeats,
    None,
    ],
    start=1,
)
__all__ = list(qvars)
