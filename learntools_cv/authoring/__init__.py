"""Tools for course authors: build learner notebooks, self-check an exercise, test helpers, scaffolding."""
