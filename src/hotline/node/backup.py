"""Backup and restore of a whole node: its database, its uploaded files, its keys and its configuration.

A backup is one `.tar.gz` with a `manifest.json`. The database part is taken with the database's own
consistent online copy: SQLite's backup API, or `pg_dump` (one transaction) on PostgreSQL. The files are
copied after the database, so every file a row of the snapshot names is already on disk (an upload is
written before its row is committed); a file newer than the snapshot is harmless.

The manifest counts the rows of every table; a restore checks the restored database against those counts and
refuses to finish on any difference.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
# What of the data directory belongs in a backup, besides the database (logs and caches do not).
DATA_MEMBERS = ("node.json", "secret_key", "keys", "files")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why. Nothing has been changed."""


def _table_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows of every table Django manages (many-to-many tables included), read in the current transaction."""
    return {
        model._meta.db_table: model._base_manager.using(using).count()
        for model in apps.get_models(include_auto_created=True)
    }


def _counts_of_copy(path: Path) -> dict[str, int]:
    """The row counts of a SQLite copy of the database, read through Django as a second database."""
    alias = "hotline-backup-copy"
    connections.settings[alias] = {**connections.settings[DEFAULT_DB_ALIAS], "NAME": str(path)}
    try:
        return _table_counts(alias)
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def _postgres_arguments(database: dict) -> tuple[list[str], dict]:
    arguments = ["--dbname", database["NAME"]]
    if database.get("HOST"):
        arguments += ["--host", database["HOST"]]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", database["USER"]]
    env = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    return arguments, env


def _run(command: list[str], env: dict, what: str) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{what}: {command[0]} is not installed (Debian: postgresql-client)") from error
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip()[-2000:]}")


def _snapshot_database(into: Path) -> tuple[str, dict[str, int]]:
    """Write a consistent copy of the database into `into`; return the archive member's name and the row count
    of every table in that very copy."""
    if connection.vendor == "sqlite":
        # One backup step copies the whole database inside one read transaction: a consistent snapshot, while
        # WAL lets the node go on writing. The counts are then read from the copy itself.
        target = into / SQLITE_MEMBER
        source, copy = sqlite3.connect(settings.DATABASES["default"]["NAME"]), sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
        return SQLITE_MEMBER, _counts_of_copy(target)
    if connection.vendor == "postgresql":
        # pg_dump reads the snapshot this transaction exports, so the counts describe exactly what it dumps.
        arguments, env = _postgres_arguments(settings.DATABASES["default"])
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            counts = _table_counts()
            _run(
                ["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}",
                 "--file", str(into / POSTGRES_MEMBER), *arguments],
                env, "pg_dump",
            )  # fmt: skip
        return POSTGRES_MEMBER, counts
    raise BackupError(f"backups of a {connection.vendor} database are not supported")


def backup(data_dir: Path, output: Path) -> dict:
    """Write a backup of the running node in `data_dir` to `output`; return its manifest."""
    output = output.resolve()
    if output.exists():
        raise BackupError(f"{output} exists; choose a new file name")
    with tempfile.TemporaryDirectory(prefix="hotline-backup-") as work:
        work_dir = Path(work)
        member, counts = _snapshot_database(work_dir)
        manifest = {
            "format": FORMAT,
            "node": json.loads((data_dir / "node.json").read_text(encoding="utf-8")).get("name"),
            "created_at": datetime.now(UTC).isoformat(),
            "database": {"vendor": connection.vendor, "member": member},
            "tables": counts,
            "files": [],
        }
        partial = output.with_name(output.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(work_dir / member, arcname=member)
                for name in DATA_MEMBERS:
                    source = _data_path(data_dir, name)
                    if source.exists():
                        archive.add(source, arcname=f"data/{name}")
                        manifest["files"].append(name)
                body = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(body)
                archive.addfile(info, io.BytesIO(body))
            partial.rename(output)  # never a half-written backup under the final name
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _data_path(data_dir: Path, name: str) -> Path:
    if name == "keys":
        return Path(settings.KEYS_DATA_DIR) / "keys"
    return data_dir / name


def read_manifest(archive_path: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest = json.load(member)
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{archive_path} is not a Hotline backup ({error})") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive_path}: backup format {manifest.get('format')!r} is not supported")
    return manifest


def restore_files(archive_path: Path, data_dir: Path) -> dict:
    """First half of a restore, before Django is pointed at the new node: unpack into an empty data dir."""
    manifest = read_manifest(archive_path)
    if data_dir.exists() and any(data_dir.iterdir()):
        raise BackupError(f"{data_dir} is not empty; restore into a new directory")
    data_dir.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        members = [m for m in archive.getmembers() if m.name.startswith("data/")]
        archive.extractall(data_dir.parent / f".{data_dir.name}.restoring", members=members, filter="data")
        database = manifest["database"]["member"]
        archive.extract(database, data_dir.parent / f".{data_dir.name}.restoring", filter="data")
    staging = data_dir.parent / f".{data_dir.name}.restoring"
    for item in (staging / "data").iterdir():
        shutil.move(str(item), data_dir / item.name)
    shutil.move(str(staging / database), data_dir / f".restore-{database}")
    shutil.rmtree(staging)
    return manifest


def restore_database(data_dir: Path, manifest: dict) -> None:
    """Second half, with Django pointed at the new node: load the database and check every table's count."""
    member = manifest["database"]["member"]
    source = data_dir / f".restore-{member}"
    try:
        if member == SQLITE_MEMBER:
            if connection.vendor != "sqlite":
                raise BackupError(
                    "the backup holds a SQLite database; restore it without HOTLINE_DATABASE_URL"
                )
            target = Path(settings.DATABASES["default"]["NAME"])
            if target.exists():
                raise BackupError(f"{target} exists; restore into a new data directory")
            with sqlite3.connect(source) as copy, sqlite3.connect(target) as restored:
                copy.backup(restored)
        elif member == POSTGRES_MEMBER:
            if connection.vendor != "postgresql":
                raise BackupError(
                    "the backup holds a PostgreSQL database: set HOTLINE_DATABASE_URL to an empty one"
                )
            with connection.cursor() as cursor:
                if connection.introspection.table_names(cursor):
                    raise BackupError("the database HOTLINE_DATABASE_URL names is not empty")
            arguments, env = _postgres_arguments(settings.DATABASES["default"])
            _run(["pg_restore", "--no-owner", "--exit-on-error", *arguments, str(source)], env, "pg_restore")
        else:
            raise BackupError(f"unknown database member {member!r}")
    finally:
        source.unlink(missing_ok=True)
    connection.close()
    restored_counts = _table_counts()
    missing = {
        table: (count, restored_counts.get(table))
        for table, count in manifest["tables"].items()
        if restored_counts.get(table) != count
    }
    if missing:
        raise BackupError(f"restored tables differ from the backup (expected, found): {missing}")
    # A backup of an older version is brought up to this one, as `hotline init` would.
    call_command("migrate", interactive=False, verbosity=0)
