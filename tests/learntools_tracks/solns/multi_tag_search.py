from learntools_tracks.solns.tag_search import tag_search

def multi_tag_search(posts, tags):
    """Return a dict from each tag to the positions of the posts that contain it (see tag_search).

    >>> multi_tag_search(["Sunny day!", "A sundial"], ["day", "a"])
    {'day': [0], 'a': [1]}
    """
    return {tag: tag_search(posts, tag) for tag in tags}
