"""Exceptions raised by the STIX layer."""


class StixError(ValueError):
    """A STIX value or object is not acceptable; the message says why."""


class EnvelopeError(StixError):
    """The whole payload is unusable: bad JSON, not an object, no ``objects`` list, too deep..."""
