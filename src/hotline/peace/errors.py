class PeaceError(ValueError):
    """A request the Peace Media Center refuses, with a message for its author; nothing was changed."""


class NotAllowed(PeaceError):
    """The access policy does not let this user do that."""


class ImportRefused(PeaceError):
    """A hash list with bad rows: nothing was imported. `problems`: one message per bad row."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} bad row(s), nothing imported: " + "; ".join(problems[:20]))
