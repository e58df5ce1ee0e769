"""Files attached to messages: size limit, type from the content (never from the name), SHA-256, a sanitised
name, and content-addressed storage under MEDIA_ROOT (desk/<sha256[:2]>/<sha256>).

HOTLINE_ATTACHMENT_MAX_BYTES   largest file accepted (default 10 MB)
HOTLINE_ATTACHMENT_TYPES       comma-separated MIME types accepted (default: ALLOWED_TYPES below)

When serving a file, use the stored mime_type, `Content-Disposition: attachment` and
`X-Content-Type-Options: nosniff` (text/plain covers any UTF-8 text, HTML and SVG included).
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from hotline.desk.errors import AttachmentRejected

ALLOWED_TYPES = (
    "text/plain",
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "video/mp4",
    "video/webm",
    "audio/mpeg",
    "audio/ogg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
)
MAX_NAME = 150
_UNSAFE = re.compile(r"[^\w.\- ()+,@]+")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class AttachmentFile:
    """A file as given by a person (a form upload, a path on the command line)."""

    name: str
    data: bytes


@dataclass(frozen=True)
class CheckedFile:
    name: str  # sanitised
    data: bytes
    mime_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def max_bytes() -> int:
    return settings.HOTLINE_ATTACHMENT_MAX_BYTES


def allowed_types() -> tuple[str, ...]:
    return tuple(settings.HOTLINE_ATTACHMENT_TYPES or ALLOWED_TYPES)


def _too_large(name: str, size: int) -> AttachmentRejected:
    return AttachmentRejected(f"{name}: {size:,} bytes is over the limit of {max_bytes():,} bytes")


def from_upload(uploaded) -> AttachmentFile:
    """A Django UploadedFile (or any object with .name, .size and .read()); the size is checked first."""
    name = getattr(uploaded, "name", "") or "attachment"
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_bytes():
        raise _too_large(sanitise_name(name), size)
    data = uploaded.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise _too_large(sanitise_name(name), len(data))
    return AttachmentFile(name, data)


def from_path(path: str | Path) -> AttachmentFile:
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise AttachmentRejected(f"{path}: not a file")
        if size > max_bytes():
            raise _too_large(path.name, size)
        return AttachmentFile(path.name, path.read_bytes())
    except OSError as exc:
        raise AttachmentRejected(f"{path}: cannot read it ({exc.strerror or exc})") from None


def sanitise_name(name: str) -> str:
    """A display name that is only a name: no directories (either slash), no control characters, no leading
    dots, at most MAX_NAME characters with the extension kept."""
    name = unicodedata.normalize("NFKC", str(name or ""))
    name = PureWindowsPath(name.replace("\x00", "")).name  # strips both / and \ directories
    name = _UNSAFE.sub("_", "".join(ch for ch in name if unicodedata.category(ch)[0] != "C"))
    name = name.strip(" .")
    while ".." in name:
        name = name.replace("..", ".")
    if not name or name in ("_",):
        return "attachment"
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        ext = ext[:20] if dot else ""
        name = (stem if dot else name)[: MAX_NAME - len(ext) - 1].rstrip(" .") + ("." + ext if ext else "")
    return name


def is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not _TEXT_CONTROL.search(text)


def content_type(data: bytes) -> str | None:
    """The MIME type the content shows (magic numbers, else UTF-8 text), or None if unknown."""
    kind = filetype.guess(data)
    if kind is not None:
        return kind.mime
    return "text/plain" if is_text(data) else None


def check(file: AttachmentFile) -> CheckedFile:
    """Accept a file or raise AttachmentRejected saying why."""
    name = sanitise_name(file.name)
    if len(file.data) > max_bytes():
        raise _too_large(name, len(file.data))
    if not file.data:
        raise AttachmentRejected(f"{name}: the file is empty")
    mime = content_type(file.data)
    if mime is None:
        raise AttachmentRejected(f"{name}: unknown type of content; accepted: {', '.join(allowed_types())}")
    if mime not in allowed_types():
        raise AttachmentRejected(f"{name}: files of type {mime} are not accepted")
    return CheckedFile(name, file.data, mime, hashlib.sha256(file.data).hexdigest())


def storage_name(sha256: str) -> str:
    return f"desk/{sha256[:2]}/{sha256}"


def store(checked: CheckedFile) -> tuple[str, bool]:
    """Save the content once (content-addressed). Returns (storage name, whether it was written now)."""
    name = storage_name(checked.sha256)
    if default_storage.exists(name):
        return name, False
    saved = default_storage.save(name, ContentFile(checked.data))
    return saved, True


def discard(names: list[str]) -> None:
    """Remove files written by an operation that then failed."""
    for name in names:
        default_storage.delete(name)
