"""Errors that end a command with exit status 2 and a one-line message."""


class InputError(Exception):
    """The input could not be read as a budget filing (missing, empty, binary, not a filing…)."""
