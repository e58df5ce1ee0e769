"""The audit app's commands: `hotline audit verify`, `hotline retention list|renew|purge`."""

import json
import sys


def _fail(message: str):
    from hotline import cli

    cli._fail(message)


def _setup(args):
    from hotline import cli

    path = cli._setup(args.data_dir)
    cli._require_initialised(path)
    return path


def cmd_audit_verify(args) -> None:
    _setup(args)
    from hotline.audit import chain

    def progress(count: int) -> None:
        if not args.quiet:
            print(f"\r  {count:,} records checked", end="", file=sys.stderr, flush=True)

    anchors = {}
    for anchor in args.anchor or []:
        seq, _, digest = anchor.partition(":")
        if not seq.isdigit() or len(digest) != 64:
            _fail(f"--anchor {anchor!r}: expected RECORD:HASH, e.g. 1207:5f0c… (64 hex digits)")
        anchors[int(seq)] = digest.lower()
    verdict = chain.verify(progress=progress, anchors=anchors)
    if verdict.ok:
        print(f"Audit trail intact: {verdict.count} records, head {verdict.count}:{verdict.head_hash}")
        return
    print(f"hotline: audit trail broken at record #{verdict.bad_seq}: {verdict.problem}", file=sys.stderr)
    print(f"({verdict.count} records before it are intact)", file=sys.stderr)
    sys.exit(1)


def cmd_retention_list(args) -> None:
    _setup(args)
    from hotline.audit import retention

    rows = [item.as_dict() for item in retention.expiring(within_days=args.days)]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        print(f"Nothing expires within {args.days} days.")
    for row in rows:
        print(f"{row['expires_at'][:19]}  {row['type']:<16} {row['id']}  ({row['rule']})")


def cmd_retention_renew(args) -> None:
    _setup(args)
    from hotline import cli
    from hotline.audit import retention

    user = cli._acting_user(args.as_user)
    try:
        renewal = retention.renew(user, args.id, note=args.note or "")
    except retention.RetentionError as exc:
        cli._fail(str(exc))
    print(f"{renewal.stix_id} renewed by {renewal.renewed_by}; kept until {renewal.kept_until:%Y-%m-%d}")


def cmd_retention_purge(args) -> None:
    _setup(args)
    from hotline.audit import retention

    purged = retention.purge()
    print(f"Purged {len(purged)} expired objects")


def register(commands, command) -> None:
    audit = commands.add_parser("audit", help="The audit trail.").add_subparsers(dest="action", required=True)
    sub = command(
        audit, "verify", cmd_audit_verify,
        "Check the whole audit trail's hash chain; exit 1 naming the first bad record.",
    )  # fmt: skip
    sub.add_argument("--quiet", action="store_true", help="no progress")
    sub.add_argument(
        "--anchor", action="append", metavar="RECORD:HASH",
        help="a head printed by an earlier verify, kept off the node: the record must still have that hash",
    )  # fmt: skip

    retention = commands.add_parser("retention", help="Data retention.").add_subparsers(
        dest="action", required=True
    )
    sub = command(retention, "list", cmd_retention_list, "List objects that the retention rules purge soon.")
    sub.add_argument("--days", type=int, default=30, help="expiring within this many days (default 30)")
    sub.add_argument("--json", action="store_true")
    sub = command(
        retention, "renew", cmd_retention_renew, "Keep an object: its retention period starts again."
    )
    sub.add_argument("id", help="the STIX id of the object")
    sub.add_argument("--note", help="why it is kept")
    sub.add_argument("--as", dest="as_user", metavar="USER", help="the officer renewing it")
    command(retention, "purge", cmd_retention_purge, "Purge expired objects now (the worker does it hourly).")
