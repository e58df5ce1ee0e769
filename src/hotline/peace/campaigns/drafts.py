"""Files ambassadors submit as drafts: checked by their content (not their name), size-limited, and kept
encrypted with the Peace Media Center's key (peace/content.py), like the banks' original content."""

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hotline.peace import content
from hotline.peace.campaigns.workflow_errors import WorkflowError

# What a draft may be: an image (infographic), a video, or a document (an article as PDF).
ALLOWED_TYPES = (
    "image/jpeg", "image/png", "image/gif", "image/webp",
    "video/mp4", "video/webm", "video/quicktime",
    "application/pdf",
)  # fmt: skip


@dataclass(frozen=True)
class StoredFile:
    name: str
    original_name: str
    mime: str


def max_bytes() -> int:
    return settings.HOTLINE_DRAFT_MAX_BYTES


def store(upload) -> StoredFile:
    """Check an uploaded file (a Django UploadedFile) and store it; WorkflowError says what is wrong."""
    original = (getattr(upload, "name", "") or "draft").replace("/", "_").replace("\\", "_")[-200:]
    size = getattr(upload, "size", None)
    limit = max_bytes()
    data = b"" if size is not None and size > limit else upload.read(limit + 1)
    if size is not None and size > limit or len(data) > limit:
        raise WorkflowError(
            _("%(name)s is larger than %(limit)d MB") % {"name": original, "limit": limit // 2**20}
        )
    if not data:
        raise WorkflowError(_("%(name)s is empty") % {"name": original})
    kind = filetype.guess(data)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise WorkflowError(
            _("%(name)s is not an image, a video or a PDF (whatever its name says)") % {"name": original}
        )
    return StoredFile(content.store(data), original, kind.mime)


def load(name: str) -> bytes:
    return content.load(name)


def discard(name: str) -> None:
    content.remove(name)
