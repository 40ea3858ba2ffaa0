def next_flip_probabilities(flips):
    """For each outcome in `flips` (a list such as ['H', 'T', 'H']), the probabilities of the outcome that follows it.

    >>> next_flip_probabilities(['H', 'H', 'T', 'H'])
    {'H': {'H': 0.5, 'T': 0.5}, 'T': {'H': 1.0}}
    """
    counts = {}
    for this, following in zip(flips, flips[1:]):
        counts.setdefault(this, {})
        counts[this][following] = counts[this].get(following, 0) + 1
    probabilities = {}
    for this, followers in counts.items():
        total = sum(followers.values())
        probabilities[this] = {f: n / total for f, n in followers.items()}
    return probabilities
