def tag_search(posts, tag):
    """Return the positions of the posts that contain `tag` as a whole word.

    Case does not matter, and a word may end in one of the marks . , ! ?

    >>> tag_search(["Sunny day!", "A sundial", "DAY two"], "day")
    [0, 2]
    """
    found = []
    for position, post in enumerate(posts):
        words = [word.rstrip('.,!?').lower() for word in post.split()]
        if tag.lower() in words:
            found.append(position)
    return found
