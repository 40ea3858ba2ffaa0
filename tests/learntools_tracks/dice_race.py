"""A small dice game that py_ex3's `q7.play()` runs a learner's strategy against (as learntools' python ex3 runs
one against its card game). Each side rolls a die and adds the rolls; passing 20 loses."""

import random

LIMIT = 20
HOUSE_STOPS_AT = 16


class DiceRace:
    """One game. `should_roll(total, house_first_roll)` (or the older `should_roll(total)`) decides whether the
    player rolls again."""

    def __init__(self, should_roll, verbose=False, one_argument=False):
        self.should_roll = should_roll
        self.verbose = verbose
        self.one_argument = one_argument

    def say(self, text):
        if self.verbose:
            print(text)

    def play(self):
        """1 if the player wins, 0 otherwise."""
        house = [random.randint(1, 6)]
        player = [random.randint(1, 6)]
        self.say("The house starts with {}; you start with {}.".format(house[0], player[0]))
        while sum(player) <= LIMIT:
            args = (sum(player),) if self.one_argument else (sum(player), house[0])
            if not self.should_roll(*args):
                break
            player.append(random.randint(1, 6))
            self.say("You roll {} (total {}).".format(player[-1], sum(player)))
        if sum(player) > LIMIT:
            self.say("You passed {}: the house wins.".format(LIMIT))
            return 0
        while sum(house) < HOUSE_STOPS_AT:
            house.append(random.randint(1, 6))
        won = sum(house) > LIMIT or sum(player) > sum(house)
        self.say("The house ends on {}; you {}.".format(sum(house), "win" if won else "lose"))
        return int(won)
