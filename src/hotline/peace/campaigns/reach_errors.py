"""The errors of reach (tracked links, metrics, the dashboard, the report, sharing): a message a person
can act on."""


class ReachError(Exception):
    """Bad input or a step that cannot be taken: nothing was changed."""


class NotAllowed(ReachError):
    """The access policy refuses the step to this user."""
