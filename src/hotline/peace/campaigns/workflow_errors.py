"""What the campaign workflow refuses: a step the user may not take, or one the assignment's state forbids.

Messages are translatable: the pages show them in the user's language."""


class WorkflowError(Exception):
    """A step refused; nothing was changed."""


class NotAllowed(WorkflowError):
    """The user's role (or not being the assignee) does not allow the step."""
