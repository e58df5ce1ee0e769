"""The programme's commands: `hotline programme report` and `hotline programme seed`. Registered from
hotline.cli's FEATURE_COMMANDS; acts as `--as USER`, else the node admin, else the first user of the
secretariat."""

import sys
from pathlib import Path


def _fail(message: str, code: int = 1):
    print(f"hotline: {message}", file=sys.stderr)
    sys.exit(code)


def _acting_user(username: str | None):
    from hotline.access import roles
    from hotline.cli import acting_user

    return acting_user(username, roles.SECRETARIAT)


def cmd_report(args) -> None:
    from hotline.cli import _require_initialised, _setup

    _require_initialised(_setup(args.data_dir))
    from hotline.programme import report
    from hotline.programme.errors import ProgrammeError

    user = _acting_user(args.as_user)
    try:
        body = report.generate(user, args.format, args.language)
    except ProgrammeError as exc:
        _fail(str(exc))
    Path(args.output).write_bytes(body)
    print(f"wrote {args.output} ({len(body)} bytes)", file=sys.stderr)


def cmd_seed(args) -> None:
    from hotline.cli import _require_initialised, _setup

    _require_initialised(_setup(args.data_dir))
    from hotline.programme import seed

    meeting = seed.seed()
    print(f"{meeting.code}: {meeting.points.count()} agreed points", file=sys.stderr)


def register(commands, command) -> None:
    programme = commands.add_parser("programme", help="The JWG programme: the progress report.")
    programme_commands = programme.add_subparsers(dest="programme_command", required=True, metavar="ACTION")
    sub = command(
        programme_commands, "report", cmd_report, "Write the progress report of the action plan (PDF or CSV)."
    )
    sub.add_argument("--format", choices=["pdf", "csv"], required=True)
    sub.add_argument("-o", "--output", required=True, metavar="FILE")
    sub.add_argument("--language", choices=["en", "id", "vi"], default="en")
    sub.add_argument("--as", dest="as_user", metavar="USER", help="act as this user")
    command(
        programme_commands,
        "seed",
        cmd_seed,
        "Store the JWG's known facts: the MoU, JWG-1, JWG-2 and its points.",
    )
