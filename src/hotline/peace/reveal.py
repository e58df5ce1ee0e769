"""Showing a person the content of suspected or known propaganda: one mechanism for bank entries and triage
submissions, for images, other files and texts alike.

Pages show a blurred preview (an image: a small blurred PNG made on the server; a text: its shape, every
letter masked and blurred) until a reviewer presses "Show the original": a POST (views), the access policy
asked here, and an audit record `peace.reveal` (who, which entry or submission, what was shown, when, from
where) written in the same transaction as the read. The page that shows it is answered `no-store`.
"""

import base64
import re
from dataclasses import dataclass

from django.db import transaction

from hotline.access import policy
from hotline.audit import services as audit
from hotline.peace import content
from hotline.peace.errors import NotAllowed, PeaceError
from hotline.peace.models import BankEntry, Submission

MASK_LENGTH = 300


@dataclass
class Revealed:
    """What was revealed: the item's text (if it has one) and its file (if kept), with its MIME type."""

    content_type: str
    text: str = ""
    data: bytes = b""
    mime: str = ""

    @property
    def image_uri(self) -> str:
        """The image as a data: URI (never a URL a browser or proxy could cache or fetch again)."""
        if not self.data or not self.mime.startswith("image/"):
            return ""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"

    @property
    def is_download(self) -> bool:
        """A file that is neither an image nor a text (a video, a PDF) is sent as an attachment."""
        return bool(self.data) and not self.image_uri and self.content_type != "text"


def masked(text: str) -> str:
    """The shape of a text without its words, for the blurred placeholder: letters and digits become x."""
    return re.sub(r"\w", "x", (text or "")[:MASK_LENGTH])


def _load(stored: str) -> bytes:
    try:
        return content.load(stored)
    except ValueError as exc:
        raise PeaceError(str(exc)) from None


def _record(user, target: str, revealed: Revealed, **detail) -> None:
    shown = [name for name, present in (("text", revealed.text), ("file", revealed.data)) if present]
    audit.record(
        "peace.reveal", actor=user, target=target,
        detail={"content_type": revealed.content_type, "shown": shown, **detail},
    )  # fmt: skip


def entry(user, found: BankEntry) -> Revealed:
    """The original of a bank entry: its kept file (decrypted), or the text it is known by."""
    if not policy.can_see_entry(user, found):
        raise NotAllowed("you may not see this entry")
    revealed = Revealed(found.content_type)
    if found.content_file:
        revealed.data, revealed.mime = _load(found.content_file), found.content_mime
        if found.content_type == "text":
            revealed.text, revealed.data = revealed.data.decode("utf-8", errors="replace"), b""
    elif found.content_type == "text" and found.text:
        revealed.text = found.text
    else:
        raise PeaceError("the original content of this entry was not kept")
    with transaction.atomic():
        _record(user, found.stix_id, revealed, bank=found.bank.name, entry=found.pk)
    return revealed


def submission(user, found: Submission) -> Revealed:
    """A submission for triage: its text and its file (decrypted), whichever it has."""
    if not policy.can_triage(user):
        raise NotAllowed("you may not see submissions")
    revealed = Revealed(found.content_type, text=found.text)
    if found.content_file:
        revealed.data, revealed.mime = _load(found.content_file), found.content_mime
    if not revealed.text and not revealed.data:
        raise PeaceError("this submission has no text or file to show")
    with transaction.atomic():
        _record(user, f"submission/{found.pk}", revealed, submission=found.pk)
    return revealed
