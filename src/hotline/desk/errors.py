"""What the desk's services raise. Each carries a message for the person who caused it and, where a form
field is to blame, the field's name (so the UI can show the error next to it). Nothing is changed."""


class DeskError(ValueError):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(DeskError):
    """The acting user may not do this (views: 403)."""


class NotFound(DeskError):
    """No such message, or none this user may see (views: 404; the two are not told apart)."""


class IllegalTransition(DeskError):
    """A lifecycle step the message's state does not allow."""


class AttachmentRejected(DeskError):
    """A file refused: too large, of a type not allowed, or unreadable."""

    def __init__(self, message: str):
        super().__init__(message, field="attachments")
