def hand_score(hand):
    """Cards '2'..'10' score their number, 'J', 'Q' and 'K' score 10; an 'A' scores 11, or 1 if 11 would take
    the total past 30."""
    total = 0
    aces = 0
    for card in hand:
        if card == 'A':
            aces += 1
        elif card in ('J', 'Q', 'K'):
            total += 10
        else:
            total += int(card)
    for _ in range(aces):
        total += 11 if total + 11 <= 30 else 1
    return total

def hand_beats(hand_1, hand_2):
    """True if hand_1 scores more than hand_2 and no more than 30; a hand past 30 never wins.

    >>> hand_beats(['K', 'A'], ['9', '9'])
    True
    """
    score_1 = hand_score(hand_1)
    score_2 = hand_score(hand_2)
    return score_1 <= 30 and (score_2 > 30 or score_1 > score_2)
