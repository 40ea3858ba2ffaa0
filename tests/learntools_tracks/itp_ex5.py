# Mirrors learntools/intro_to_programming/ex5.py (Intro to Programming, exercise 5: lists).
from learntools_cv.core import *

# question 1
final_playlist = ['morning song', 'rainy day blues', 'long drive home',
       'kitchen dance', 'lullaby in d']

# question 2
daily_visitors = [52, 61, 47, 58, 70, 66, 49, 55, 63, 71,
                  45, 68, 59, 62, 50, 57, 64, 73, 48, 60,
                  54, 67, 51, 69, 56]

# question 3
vowels = "a-e-i-o-u"
recipe = "2 eggs;100 g flour;a pinch of salt;milk"

# question 4
def share_five_star_solution(stars):
    five = [s == 5 for s in stars]
    share = sum(five)/len(five)
    return share

# question 5
def change_since_solution(downloads, months_ago):
    change = (downloads[len(downloads)-1] - downloads[len(downloads)-months_ago-1])/downloads[len(downloads)-months_ago-1]
    return change

downloads_test = [310, 420, 515, 600, 580, 710, 805, 990]
downloads_test2 = [1200, 1150, 1300, 1420, 1500, 1480, 1610, 1700]


class Playlist(CodingProblem):
    _var = 'playlist'
    _hint = ("The playlist started as "
             "`playlist = ['morning song', 'traffic jam', 'rainy day blues', 'long drive home', 'kitchen dance']`. "
             "`.remove()` takes a song out and `.append()` adds one at the end.")
    _solution = CS(
"""# Do not change: the playlist as it was
playlist = ['morning song', 'traffic jam', 'rainy day blues', 'long drive home', 'kitchen dance']

# Take out 'traffic jam', and add 'lullaby in d' at the end
playlist.remove('traffic jam')
playlist.append('lullaby in d')
""")
    def check(self, playlist):

        # a Python list
        assert isinstance(playlist, list), \
            '`playlist` should be a Python list.'

        # songs that should not be there
        assert set(playlist) - set(final_playlist) == set(), \
            'Take these song(s) out of `playlist`: {}'.format(sorted(set(playlist) - set(final_playlist)))

        for song in final_playlist:
            # every song is there
            assert song in playlist, '`playlist` should have this song, but it is missing: `{}`'.format(song)
            # and only once
            assert playlist.count(song) == 1, 'Each song should be in `playlist` once, but `{}` is there {} times.'.format(song, playlist.count(song))


class Visitors(EqualityCheckProblem):
    _vars = ['avg_first_week', 'avg_last_week', 'busiest_day', 'quietest_day']
    _expected = [sum(daily_visitors[:7])/7, sum(daily_visitors[-7:])/7, max(daily_visitors), min(daily_visitors)]
    _hint = ("An average is the sum divided by how many there are. `my_list[-n:]` gives the last `n` items.")
    _solution = CS(
"""# Fill in the four values
avg_first_week = sum(daily_visitors[:7])/7
avg_last_week = sum(daily_visitors[-7:])/7
busiest_day = max(daily_visitors)
quietest_day = min(daily_visitors)
""")

class SplitText(EqualityCheckProblem):
    _vars = ['vowel_list', 'ingredients']
    _expected = [vowels.split("-"), recipe.split(";")]
    _hint = ("Both need `.split()`, each with its own separator.")
    _solution = CS(
"""vowel_list = vowels.split("-")
ingredients = recipe.split(";")
""")

class ShareFiveStar(FunctionProblem):
    _var = 'share_five_star'
    _test_cases = [
        ([5, 4, 5, 1], share_five_star_solution([5, 4, 5, 1])),
        ([1, 2, 3], share_five_star_solution([1, 2, 3])),
        ([5, 5, 5, 5, 2, 5, 1], share_five_star_solution([5, 5, 5, 5, 2, 5, 1])),
        ([3, 5, 4], share_five_star_solution([3, 5, 4])),
    ]
    _hint = ('Adding booleans counts the `True`s.')
    _solution = CS(
"""
# Complete the function
def share_five_star(stars):
    five = [s == 5 for s in stars]
    share = sum(five)/len(five)
    return share
""")

class ChangeSince(FunctionProblem):
    _var = 'change_since'
    _test_cases = [
        ((downloads_test, 1), change_since_solution(downloads_test, 1)),
        ((downloads_test2, 2), change_since_solution(downloads_test2, 2)),
        ((downloads_test, 3), change_since_solution(downloads_test, 3)),
        ((downloads_test2, 4), change_since_solution(downloads_test2, 4)),
        ((downloads_test, 7), change_since_solution(downloads_test, 7)),
    ]
    _hint = ("The subtraction and the division are already right; only the positions need fixing. "
             "\n\nThe latest month is `downloads[len(downloads)-1]`, the month before it `downloads[len(downloads)-2]`, "
             "and `months_ago` months earlier is `downloads[len(downloads)-months_ago-1]`.")
    _solution = CS(
"""def change_since(downloads, months_ago):
    change = (downloads[len(downloads)-1] - downloads[len(downloads)-months_ago-1])/downloads[len(downloads)-months_ago-1]
    return change
""")

qvars = bind_exercises(globals(), [
    Playlist,
    Visitors,
    SplitText,
    ShareFiveStar,
    ChangeSince,
    ],
    var_format='q{n}',
    )
__all__ = list(qvars)
