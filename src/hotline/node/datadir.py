"""The node's data directory, prepared before Django starts (settings read it at import)."""

import json
import os
import secrets
from pathlib import Path

from hotline.federation import keys


def prepare(
    data_dir: Path, *, name: str | None = None, title: str | None = None, base_url: str | None = None
) -> dict:
    """Create the directory, its secret key, its signing key (keys/) and node.json if missing; fill in
    what is given; idempotent."""
    data_dir.mkdir(parents=True, exist_ok=True)
    key = data_dir / "secret_key"
    if not key.exists():
        key.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        os.chmod(key, 0o600)
    config_path = data_dir / "node.json"
    config = json.loads(config_path.read_text(encoding="utf-8")) if config_path.exists() else {}
    for field, value in (("name", name), ("title", title), ("base_url", base_url)):
        if value:
            config[field] = value
    config.setdefault("name", data_dir.name)
    config.setdefault("title", config["name"])
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    (data_dir / "files").mkdir(exist_ok=True)
    keys.ensure_key(data_dir)
    return config


def use(data_dir: Path) -> None:
    """Point this process's Django settings at a data directory (before django.setup())."""
    os.environ["HOTLINE_DATA_DIR"] = str(data_dir.resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotline.settings")
