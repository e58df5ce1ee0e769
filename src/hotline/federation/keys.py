"""The node's Ed25519 signing key: DATA_DIR/keys/signing-key.pem (mode 0600, in a 0700 directory).

`hotline init` creates it (`ensure_key`, which needs no Django); the rest of the node reads it through
`signing_key()`. Whoever holds this file can sign as the node: protect the data directory.
"""

import os
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from hotline.stix import signatures

KEY_DIR = "keys"
KEY_FILE = "signing-key.pem"


def key_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_DIR / KEY_FILE


def ensure_key(data_dir: Path) -> Path:
    """Create the node's signing key if it is missing (never replaces one); return its path."""
    path = key_path(data_dir)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    if not path.exists():
        pem = signatures.private_key_to_pem(signatures.generate_private_key())
        # O_EXCL: two processes initialising at once cannot both write (the loser keeps the winner's key).
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
    os.chmod(path, 0o600)
    return path


@lru_cache(maxsize=8)
def _load(path: str) -> Ed25519PrivateKey:
    return signatures.private_key_from_pem(Path(path).read_bytes())


def load_key(data_dir: Path) -> Ed25519PrivateKey:
    path = key_path(data_dir)
    if not path.exists():
        raise FileNotFoundError(f"no signing key at {path}; run `hotline init --data-dir {data_dir}`")
    return _load(str(path))


def signing_key() -> Ed25519PrivateKey:
    """This node's signing key (created on first use if `hotline init` has not made it yet)."""
    from django.conf import settings

    ensure_key(settings.KEYS_DATA_DIR)
    return load_key(settings.KEYS_DATA_DIR)


def public_key() -> Ed25519PublicKey:
    return signing_key().public_key()


def public_key_text(data_dir: Path | None = None) -> str:
    key = load_key(data_dir) if data_dir is not None else signing_key()
    return signatures.public_key_to_text(key.public_key())


def own_key_id() -> str:
    return signatures.key_id(public_key())
