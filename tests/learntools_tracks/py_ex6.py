# Mirrors learntools/python/ex6.py (Python track, exercise 6: strings and dictionaries).
import itertools

from learntools_cv.core import *

import learntools_tracks.solns.tag_search as tag_search_module
tag_search = tag_search_module.tag_search
import learntools_tracks.solns.multi_tag_search as multi_module
multi_tag_search = multi_module.multi_tag_search
import learntools_tracks.solns.staircase as stairs_module
staircase = stairs_module.staircase
import learntools_tracks.solns.streak_stats as streak_module
streak_gt = streak_module.next_flip_probabilities

class SizeA(EqualityCheckProblem):
    _var = 'size'
    _default_values = [-1]
    _expected = 0
    _solution = ("`{}` is an empty dict (not an empty set), and it holds nothing: size 0.")
class SizeB(EqualityCheckProblem):
    _var = 'size'
    _default_values = [-1]
    _expected = 2
    _solution = ("A set keeps one copy of each value, so `{1, 1, 2}` is `{1, 2}`: size 2.")
class SizeC(EqualityCheckProblem):
    _var = 'size'
    _default_values = [-1]
    _expected = 3
    _solution = ("`\\t` is one character (a tab), so `\"a\\tb\"` has three characters.")
class SizeD(EqualityCheckProblem):
    _var = 'size'
    _default_values = [-1]
    _expected = 1
    _solution = ("`[[]]` is a list holding one item, which happens to be an empty list.")
class SizeE(EqualityCheckProblem):
    _var = 'size'
    _default_values = [-1]
    _expected = 3
    _solution = ("`range(2, 9, 3)` gives 2, 5 and 8: three numbers.")

QuickSizes = MultipartProblem(
        SizeA,SizeB,SizeC,SizeD,SizeE,
        )

class HexColour(FunctionProblem):
    _var = 'is_hex_colour'

    _hint = ("`str.startswith` and a loop over the rest of the string with `in '0123456789abcdef'` will do.")

    _solution = CS(
"""def is_hex_colour(code):
    return len(code) == 7 and code[0] == '#' and all(c in '0123456789abcdef' for c in code[1:].lower())""")

    _test_cases = [
            ('#a0b1c2', True),
            ('#A0B1C2', True),
            ('a0b1c2', False),
            ('#a0b1c', False),
            ('#a0b1cg', False),
            ('', False),
    ]

class TagSearch(FunctionProblem):
    _var = 'tag_search'

    _solution = CS.load(tag_search_module.__file__)

    _hint = ("`str.split()` cuts a post into words; `str.rstrip('.,!?')` and `str.lower()` tidy each word."
            )

    _test_posts_a = [
            "Sunny day at the lake",
            "Rain, then more rain.",
            "Dayglo paint!",
    ]
    _test_posts_b = _test_posts_a + ["What a DAY! Rain stopped."]
    _test_posts_c = [
            "rain rain rain",
            "no clouds",
    ]

    _test_inputs = [
            (_test_posts_a, 'day'),
            (_test_posts_a, 'rain'),
            (_test_posts_a, 'paint'),
            (_test_posts_b, 'day'),
            (_test_posts_b, 'stopped'),
            # A post with the tag three times is still listed once
            (_test_posts_c, 'rain'),
            ([], 'snow'),
    ]
    _test_cases = [
            (args, tag_search(*args))
            for args in _test_inputs
    ]


class MultiTagSearch(FunctionProblem):
    _var = 'multi_tag_search'
    _solution = CS.load(multi_module.__file__)

    _test_posts_a = [
            "Sunny day at the lake",
            "Rain, then more rain.",
            "Dayglo paint!",
    ]
    _test_posts_b = _test_posts_a + ["What a DAY! Rain stopped."]
    _test_tags = [
            [],
            ['day'],
            ['day', 'rain'],
            ['day', 'rain', 'paint'],
    ]

    _test_cases = [
            (args, multi_tag_search(*args))
            for args in itertools.product(
                [_test_posts_a, _test_posts_b, []],
                _test_tags,
                )
            ]


class Staircase(FunctionProblem):
    _bonus = True
    _var = 'staircase'

    _solution = CS.load(stairs_module.__file__)

    _hint = ("`str.rjust(width)` pads a string on the left until it is `width` characters long.")

    _test_heights = [1, 3, 0, 5]
    _test_cases = [
            (h, staircase(h))
            for h in _test_heights
            ]

    def check(self, fn):
        for height, expected in self._test_cases:
            actual = fn(height)
            assert actual is not None, ("`staircase({})` returned `None`. Did you forget to return the"
                    " string?").format(height)
            # Spaces at the ends of lines, and one final newline, do not matter.
            tidy = lambda text: '\n'.join(line.rstrip() for line in text.rstrip('\n').split('\n'))
            assert tidy(actual) == tidy(expected), (
                    "For height {} the staircase should look like this:\n\n"
                    "```\n{}\n```\n\nbut yours looks like this:\n\n```\n{}\n```\n").format(
                            height, expected, actual)

class StreakStats(FunctionProblem):
    _bonus = True
    _var = 'next_flip_probabilities'

    _solution = CS.load(streak_module.__file__)

    _test_inputs = [
            ['H', 'T', 'H', 'H'],
            ['H', 'H', 'H'],
            ['T', 'H'],
            ['H', 'T', 'T', 'H', 'T', 'H', 'H', 'T'],
    ]

    _test_cases = [
            (args, streak_gt(args))
            for args in _test_inputs
            ]


qvars = bind_exercises(globals(), [
    QuickSizes,
    HexColour,
    TagSearch,
    MultiTagSearch,
    Staircase,
    StreakStats
    ],
    start=0,
)
__all__ = list(qvars)
