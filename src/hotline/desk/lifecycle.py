"""The states of a message and the steps allowed between them (the model enforces them, as django-oscar's
Order.set_status does with its pipeline).

Incoming and internal messages:  received -> acknowledged -> in_progress -> answered -> closed
    (acknowledged may go straight to answered or closed; in_progress to closed)
Outgoing messages follow the partner's progress:  sent -> delivered -> acknowledged -> answered -> closed
    (a later confirmation may arrive first, so steps may be skipped forwards; the sender may close any time)
"""

INCOMING, OUTGOING, INTERNAL = "incoming", "outgoing", "internal"
DIRECTIONS = ((INCOMING, "incoming"), (OUTGOING, "outgoing"), (INTERNAL, "internal"))

SENT, DELIVERED = "sent", "delivered"
RECEIVED, ACKNOWLEDGED, IN_PROGRESS, ANSWERED, CLOSED = (
    "received",
    "acknowledged",
    "in_progress",
    "answered",
    "closed",
)
STATES = (
    (SENT, "sent"),
    (DELIVERED, "delivered"),
    (RECEIVED, "received"),
    (ACKNOWLEDGED, "acknowledged"),
    (IN_PROGRESS, "in progress"),
    (ANSWERED, "answered"),
    (CLOSED, "closed"),
)

_RECEIVING = {
    RECEIVED: {ACKNOWLEDGED},
    ACKNOWLEDGED: {IN_PROGRESS, ANSWERED, CLOSED},
    IN_PROGRESS: {ANSWERED, CLOSED},
    ANSWERED: {CLOSED},
    CLOSED: set(),
}
_SENDING = {
    SENT: {DELIVERED, ACKNOWLEDGED, ANSWERED, CLOSED},
    DELIVERED: {ACKNOWLEDGED, ANSWERED, CLOSED},
    ACKNOWLEDGED: {ANSWERED, CLOSED},
    ANSWERED: {CLOSED},
    CLOSED: set(),
}
PIPELINES = {INCOMING: _RECEIVING, INTERNAL: _RECEIVING, OUTGOING: _SENDING}
INITIAL = {INCOMING: RECEIVED, INTERNAL: RECEIVED, OUTGOING: SENT}

# Messages still waiting for the receiving side's acknowledgement / reply.
AWAITING_ACK = (RECEIVED,)
AWAITING_REPLY = (RECEIVED, ACKNOWLEDGED, IN_PROGRESS)
OPEN_OUTGOING = (SENT, DELIVERED, ACKNOWLEDGED)

# Which kinds carry which deadlines: every message but a reply must be acknowledged; an RFI must be answered.
ACK_EXPECTED = frozenset({"alert", "rfi", "notice"})
REPLY_EXPECTED = frozenset({"rfi"})


def allowed_steps(direction: str, state: str) -> set[str]:
    return PIPELINES[direction].get(state, set())
