# Mirrors learntools/python/ex3.py (Python track, exercise 3: booleans and conditionals).
import inspect

from learntools_cv.core import *
from learntools_cv.core.problem import injected
from learntools_cv.core.exceptions import Uncheckable
from learntools_cv.core.utils import format_args

from learntools_tracks.dice_race import DiceRace

class ClampToByte(FunctionProblem):
    _var = 'clamp_to_byte'

    _test_cases = [
            (-20, 0),
            (-0.5, 0),
            (0, 0),
            (17, 17),
            (255, 255),
            (255.5, 255),
            (1000, 255),
    ]

    _solution = CS(
"""def clamp_to_byte(x):
    if x < 0:
        return 0
    elif x > 255:
        return 255
    else:
        return x""")

class ItemOrItems(ThoughtExperiment):

    _solution = """Choose the word with a condition:

```python
if n_files == 1:
    print("Saved 1 file")
else:
    print("Saved", n_files, "files")
```

or, in one line, `print("Saved", n_files, "file" if n_files == 1 else "files")`."""

class ReadyForCold(EqualityCheckProblem):

    _vars = ['has_coat', 'temperature', 'has_scarf', 'is_weekend']
    # Any values that expose the bug are right, so there is nothing to compare with and no defaults.

    _hint = "Which operator does Python apply first: `and`, `or` or `not`?"

    _solution = """For example `has_coat = False`, `temperature = 3`, `has_scarf = False`, `is_weekend = True`:
we stay at home at the weekend, so we are ready, but `buggy_ready` says we are not.
Python reads the end of the expression as `(not temperature < 10) and (not is_weekend)`, while we meant
`not (temperature < 10 and not is_weekend)`."""

    @staticmethod
    def intended_ready(has_coat, temperature, has_scarf, is_weekend):
        return has_coat or (temperature > 5 and has_scarf) or not (temperature < 10 and not is_weekend)

    @staticmethod
    def buggy_ready(has_coat, temperature, has_scarf, is_weekend):
        return has_coat or temperature > 5 and has_scarf or not temperature < 10 and not is_weekend

    def check(self, *args):
        intended = self.intended_ready(*args)
        buggy = self.buggy_ready(*args)
        assert buggy != intended, ("With {}, `buggy_ready` returns `{}`, which is the right answer. Find"
                " values for which it is wrong.").format(format_args(self.buggy_ready, args), repr(buggy))


class IsOddConcise(FunctionProblem):
    _var = 'is_odd'

    _test_cases = [
            (3, True),
            (0, False),
            (-7, True),
            (10, False),
    ]

    _hint = "`n % 2 == 1` is already `True` or `False`: return it directly."
    _solution = CS("return n % 2 == 1")

class AllLightsOn(FunctionProblem):
    _var = 'all_lights_on'

    _hint = "Combine the three with `and`."
    _solution = CS("return kitchen and hall and porch")

    _test_cases = [
            ((True, True, True), True),
            ((True, False, True), False),
            ((False, False, False), False),
            ((True, True, False), False),
    ]

class NoLightsOn(FunctionProblem):
    _var = 'no_lights_on'

    _hint = "`not` turns `True` into `False`."
    _solution = (
"""Either
```python
return not kitchen and not hall and not porch
```
or, moving the `not` outside,
```python
return not (kitchen or hall or porch)
```""")

    _test_cases = [
            ((True, True, True), False),
            ((False, False, False), True),
            ((False, True, False), False),
            ((False, False, True), False),
    ]

class OneOfFirstTwo(FunctionProblem):
    _var = 'one_of_first_two'

    _hint = "Exactly one of two: the first without the second, or the second without the first."
    _solution = CS("return (kitchen and not hall) or (hall and not kitchen)")

    _test_cases = [
            ((True, True, False), False),
            ((True, False, False), True),
            ((False, True, True), True),
            ((False, False, True), False),
    ]

Lights = MultipartProblem(
        AllLightsOn, NoLightsOn, OneOfFirstTwo,
        )

class ExactlyOneLight(FunctionProblem):
    _var = 'exactly_one_light'

    _hint = "`True` counts as 1 when you add it."
    _solution = """Adding booleans counts the `True`s:
```python
return kitchen + hall + porch == 1
```"""

    _test_cases = [
            ((True, True, True), False),
            ((False, False, True), True),
            ((False, False, False), False),
            ((True, False, True), False),
            ((False, True, False), True),
    ]

class DiceStrategy(CodingProblem):
    _counts_for_points = False
    _var = 'should_roll'

    def check(self, should_roll):
        raise Uncheckable

    def takes_one_argument(self, fn):
        # The first version of this question passed only the total.
        n = len(inspect.signature(fn).parameters)
        assert n in (1, 2), ("`should_roll` takes {} parameters ({}); it should take `total` and"
                " `house_first_roll`.").format(n, ', '.join(inspect.signature(fn).parameters))
        return n == 1

    @injected
    def play_one_game(self, fn):
        DiceRace(fn, True, self.takes_one_argument(fn)).play()

    @injected
    def play(self, fn, n_games=100):
        one_argument = self.takes_one_argument(fn)
        wins = sum(DiceRace(fn, one_argument=one_argument).play() for _ in range(n_games))
        print("You won {} of {} games ({:.0%}).".format(wins, n_games, wins / n_games))

qvars = bind_exercises(globals(), [
    ClampToByte,
    ItemOrItems,
    ReadyForCold,
    IsOddConcise,
    Lights,
    ExactlyOneLight,
    DiceStrategy,
    ],
)
__all__ = list(qvars)
