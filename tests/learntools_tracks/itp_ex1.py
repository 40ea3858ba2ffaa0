# Mirrors learntools/intro_to_programming/ex1.py (Intro to Programming, exercise 1: arithmetic and variables).
from learntools_cv.core import *

frames_per_second = 24
seconds_per_minute = 60
minutes_per_film = 90
pixels_wide = 640

red_pixels = 160
blue_pixels = 96
total_pixels = 640

class RunFirstCell(CodingProblem):
    _congrats = ("If the greeting appears above, your first line of code ran, "
                 "and you can go on to the next question.")
    _correct_message = ""
    def check(self):
        pass

class PrintYourOwn(CodingProblem):
    _congrats = "When your own message appears above, go on to the next question."
    _correct_message = ""
    def check(self):
        pass

class TryHintAndSolution(CodingProblem):
    _hint = "A hint nudges you; read it before you look at the solution."
    _solution = ("The solution shows one right answer. Compare it with yours even when yours passes: "
                 "there is often more than one way.")
    _congrats = "When you have seen both the hint and the solution, go on to the next question."
    _correct_message = ""
    def check(self):
        pass

class FramesPerFilm(EqualityCheckProblem):
    _vars = ['frames_per_second', 'frames_per_film']
    _expected = [24, frames_per_second * seconds_per_minute * minutes_per_film]
    _hint = ("Work out how many seconds a film lasts, then multiply by the number of frames in each second.")
    _solution = CS(
"""# How many pictures are shown each second
frames_per_second = 24

# How many pictures make up the whole film
frames_per_film = frames_per_second * seconds_per_minute * minutes_per_film
""")

class BonusColourShare(EqualityCheckProblem):
    _vars = ['red_share', 'blue_share']
    _expected = [red_pixels/total_pixels, blue_pixels/total_pixels]
    _hint = ("A share is a part divided by the whole. You have `red_pixels`, `blue_pixels` and "
             "`total_pixels` to work with.")
    _solution = CS(
"""# The share of red pixels
red_share = red_pixels/total_pixels
print(red_share)

# The share of blue pixels
blue_share = blue_pixels/total_pixels
print(blue_share)
""")


qvars = bind_exercises(globals(), [
    RunFirstCell,
    PrintYourOwn,
    TryHintAndSolution,
    FramesPerFilm,
    BonusColourShare
    ],
    var_format='q{n}',
    )
__all__ = list(qvars)
