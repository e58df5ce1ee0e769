"""The Peace Media Center's commands: `hotline match` and `hotline bank …`. Registered from hotline.cli's
FEATURE_COMMANDS; each acts as `--as USER`, else the node admin, else the first coordinator."""

import json
import sys
from pathlib import Path


def _fail(message: str, code: int = 1):
    print(f"hotline: {message}", file=sys.stderr)
    sys.exit(code)


def _setup(args):
    from hotline.cli import _require_initialised, _setup

    path = _setup(args.data_dir)
    _require_initialised(path)
    return path


def _acting_user(username: str | None):
    from hotline.access import roles
    from hotline.cli import acting_user

    return acting_user(username, roles.COORDINATOR)


def _call(function, *args, **kwargs):
    from hotline.peace.errors import ImportRefused, PeaceError

    try:
        return function(*args, **kwargs)
    except ImportRefused as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        _fail(f"{len(exc.problems)} bad row(s): nothing imported")
    except PeaceError as exc:
        _fail(str(exc))


def cmd_match(args) -> None:
    _setup(args)
    from hotline.peace import indexing, matching

    user = _acting_user(args.as_user)
    if bool(args.file) == bool(args.text):
        _fail("give a FILE or --text TEXT (one of them)")
    # Not a web request: bring the index up to date first if a bank changed since the worker last built it.
    indexing.rebuild_if_stale(progress=lambda message: print(message, file=sys.stderr))
    if args.text:
        report = _call(matching.match_text, user, args.text)
    else:
        path = Path(args.file)
        if not path.is_file():
            _fail(f"no such file: {path}")
        report = _call(matching.match_content, user, path.read_bytes())
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(f"{report.content_type}: " + ", ".join(f"{k} {v[:16]}…" for k, v in report.signals.items()))
        if not report.matches:
            print("no match")
        for m in report.matches:
            if m.frames is not None:
                how = f"{m.frames[0]:.0f}% of its frames, {m.frames[1]:.0f}% of the bank video's"
            elif m.similarity is not None:
                how = f"similarity {m.similarity:.2f}"
            elif m.signal == "pdq":
                how = f"distance {m.distance}"
            else:
                how = "exact"
            labels = ", ".join(x for x in (m.entry.organisation, m.entry.behaviour, *m.entry.tags) if x)
            print(f"MATCH {m.entry.bank.name} entry {m.entry.pk} by {m.signal} ({how}) {labels}")
    sys.exit(0 if report.matches else 2 if args.exit_status else 0)


def cmd_bank_list(args) -> None:
    _setup(args)
    from hotline.peace import queries

    rows = queries.bank_rows(_acting_user(args.as_user))
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    for row in rows:
        origin = f"from {row['owner']}" if row["owner"] else "own"
        state = "enabled" if row["enabled"] else "disabled"
        print(f"{row['name']:<32} {row['entries']:>7} entries  {state:<8} {origin}")


def cmd_bank_create(args) -> None:
    _setup(args)
    from hotline.peace import services

    bank = _call(
        services.create_bank, _acting_user(args.as_user), args.name, description=args.description or "",
        tlp=args.tlp,
    )  # fmt: skip
    print(f"Bank {bank.name} created")


def cmd_bank_import(args) -> None:
    _setup(args)
    from hotline.peace import services

    user = _acting_user(args.as_user)
    bank = _call(services.get_bank, args.name)
    path = Path(args.file)
    if not path.is_file():
        _fail(f"no such file: {path}")
    result = _call(services.import_hash_list, user, bank, path.read_bytes(), path.name)
    print(f"{result.added} added, {result.duplicates} already in {bank.name}, {result.skipped} skipped")


def register(commands, command) -> None:
    as_help = "act as this user (default: the node admin, else the first coordinator)"
    sub = command(commands, "match", cmd_match, "Match a file or a text against the enabled banks.")
    sub.add_argument("file", nargs="?", metavar="FILE")
    sub.add_argument("--text", metavar="TEXT")
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--exit-status", action="store_true", help="exit 2 when nothing matches")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)

    bank = commands.add_parser("bank", help="Peace Media Center banks: list, create, import a hash list.")
    bank_commands = bank.add_subparsers(dest="bank_command", required=True, metavar="ACTION")
    sub = command(bank_commands, "list", cmd_bank_list, "List the banks.")
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
    sub = command(bank_commands, "create", cmd_bank_create, "Create a bank (NAME in UPPER_WITH_UNDERSCORE).")
    sub.add_argument("name")
    sub.add_argument("--description")
    sub.add_argument("--tlp", default="amber", choices=["clear", "green", "amber", "amber+strict", "red"])
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
    sub = command(bank_commands, "import", cmd_bank_import, "Import a hash list (CSV or JSON) into a bank.")
    sub.add_argument("name")
    sub.add_argument("file")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
