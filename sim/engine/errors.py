"""Errors of play, in a module of their own so front ends can catch them without loading the engine."""


class PlayError(Exception):
    """The case cannot go on: a scenario problem the checker could not see (e.g. no choice available)."""
