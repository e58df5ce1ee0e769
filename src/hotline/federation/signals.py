"""What federation tells the features above it. Issue 4 sends `objects_received` once a partner's objects are
verified and stored; the desk (which federation must not import) listens and files the messages among them.
`link_changed` is sent once when a partner link starts failing and once when it works again; the desk tells
the node's admins."""

from django.dispatch import Signal

# sender: the Partner; kwargs: objects (list of STIX objects as dicts), now (datetime or None)
objects_received = Signal()

# sender: the Partner; kwargs: failing (True: it started failing, False: it recovered), error (text), now
link_changed = Signal()
