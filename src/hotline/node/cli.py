"""`hotline backup` and `hotline restore`: a whole node to one file and back."""

from pathlib import Path

from hotline.cli import _fail, _require_initialised, _setup


def cmd_backup(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.node import backup

    try:
        manifest = backup.backup(path, Path(args.output))
    except backup.BackupError as error:
        _fail(str(error))
    rows, vendor = sum(manifest["tables"].values()), manifest["database"]["vendor"]
    print(f"Backed up node {manifest['node']!r} ({vendor}, {rows} rows) to {args.output}")


def cmd_restore(args) -> None:
    from hotline.node import backup

    path = Path(args.data_dir).resolve()
    try:
        manifest = backup.restore_files(Path(args.file), path)
    except backup.BackupError as error:
        _fail(str(error))
    _setup(args.data_dir)
    try:
        backup.restore_database(path, manifest)
    except backup.BackupError as error:
        _fail(f"{error}; {path} is incomplete: remove it before trying again")
    rows = sum(manifest["tables"].values())
    print(f"Restored node {manifest['node']!r} ({rows} rows, taken {manifest['created_at']}) into {path}")


def register(commands, command) -> None:
    sub = command(commands, "backup", cmd_backup, "Write a consistent backup of a running node to one file.")
    sub.add_argument("-o", "--output", required=True, help="the backup file to write (.tar.gz)")
    sub = command(commands, "restore", cmd_restore, "Restore a node from a backup into a new data directory.")
    sub.add_argument("file", help="a file written by `hotline backup`")
