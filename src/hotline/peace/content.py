"""The original content of bank entries, kept only when asked: encrypted at rest with Fernet (AES-128-CBC +
HMAC-SHA256, `cryptography`) under a key in the node's keys folder (`KEYS_DATA_DIR/keys/peace-content.key`,
made on first use, file 0600, folder 0700). Files are named by a random id, so no name reveals content.

Reviewers see a blurred preview first (`blurred_preview`); the original is decrypted only when one of them
chooses to see it (`services.reveal_content`, the place the audit trail records it).
"""

import io
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

KEY_NAME = "peace-content.key"
PREVIEW_SIZE = 320
BLUR_RADIUS = 18


def _key_path() -> Path:
    return Path(settings.KEYS_DATA_DIR) / "keys" / KEY_NAME


def _fernet() -> Fernet:
    path = _key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = Fernet.generate_key()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
    return Fernet(path.read_bytes().strip())


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "peace"


def store(data: bytes) -> str:
    """Encrypt and store; returns the file's name (relative to MEDIA_ROOT/peace)."""
    name = secrets.token_hex(16) + ".enc"
    path = _root() / name[:2] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fernet().encrypt(data))
    return f"{name[:2]}/{name}"


def load(name: str) -> bytes:
    """Decrypt a stored file. ValueError if it is missing or does not decrypt with this node's key."""
    path = _root() / name
    if not name or ".." in name or not path.is_file():
        raise ValueError("the stored content is missing")
    try:
        return _fernet().decrypt(path.read_bytes())
    except InvalidToken:
        raise ValueError("the stored content does not decrypt with this node's key") from None


def remove(name: str) -> None:
    path = _root() / name
    if name and ".." not in name and path.is_file():
        path.unlink()


def blurred_preview(data: bytes) -> bytes:
    """A small, heavily blurred PNG of an image (nothing recognisable until a reviewer asks for more)."""
    from PIL import Image, ImageFilter

    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        image.thumbnail((PREVIEW_SIZE, PREVIEW_SIZE))
        # Down to a few pixels and back, then blur: no detail survives, only colours and layout.
        small = image.resize((max(1, image.width // 24), max(1, image.height // 24)))
        blurred = small.resize(image.size).filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
        out = io.BytesIO()
        blurred.save(out, format="PNG")
        return out.getvalue()
