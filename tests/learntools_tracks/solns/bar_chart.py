def text_bar_chart(counts):
    """Print one bar of * signs per label, longest label first, so that the bars line up.

    >>> text_bar_chart({'cats': 3, 'dogs': 5})
    dogs | *****
    cats | ***
    """
    width = max(len(label) for label in counts)
    for label, n in sorted(counts.items(), key=lambda item: -item[1]):
        print(label.ljust(width), '|', '*' * n)
