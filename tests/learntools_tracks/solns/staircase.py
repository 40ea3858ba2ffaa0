def staircase(height):
    """Return a staircase of # signs, `height` steps high, rising to the right, one line per step.

    >>> print(staircase(3))
      #
     ##
    ###
    """
    lines = []
    for step in range(1, height + 1):
        lines.append(('#' * step).rjust(height))
    return '\n'.join(lines)
