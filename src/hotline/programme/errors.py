class ProgrammeError(Exception):
    """Bad input: a clear message, nothing changed."""


class NotAllowed(ProgrammeError):
    """The access policy refuses the action."""
