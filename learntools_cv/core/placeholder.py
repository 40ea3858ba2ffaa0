"""The `____` placeholder that starter code assigns to the variables a learner must fill in."""

from __future__ import annotations


class Placeholder:
    """The single placeholder value. A variable that still holds it has not been attempted."""

    _instance: Placeholder | None = None

    def __new__(cls) -> Placeholder:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    def __reduce__(self) -> str:
        return "PLACEHOLDER"


PLACEHOLDER = Placeholder()


def is_placeholder(value: object) -> bool:
    """True if `value` is the placeholder. Uses identity and the exact type: never the value's own `==`."""
    return value is PLACEHOLDER or type(value) is Placeholder
