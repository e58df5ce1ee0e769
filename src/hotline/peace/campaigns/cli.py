"""The campaigns' commands: `hotline ambassadors import|list|bootcamp …`. Registered from hotline.cli's
FEATURE_COMMANDS; each acts as `--as USER`, else the node admin, else the first coordinator. The workflow and
reach commands register themselves from `register` below (one line each)."""

import json
from pathlib import Path

from hotline.peace.cli import _acting_user, _call, _fail, _setup

AS_HELP = "act as this user (default: the node admin, else the first coordinator)"


def cmd_import(args) -> None:
    _setup(args)
    from hotline.peace.campaigns import csv_import

    user = _acting_user(args.as_user)
    path = Path(args.file)
    if not path.is_file():
        _fail(f"no such file: {path}")
    result = _call(csv_import.import_ambassadors, user, path.read_bytes(), filename=path.name)
    print(result.summary())


def cmd_list(args) -> None:
    _setup(args)
    from hotline.peace.campaigns import registry

    user = _acting_user(args.as_user)
    found = _call(
        registry.search, user, args.query or "", province=args.province or "", skill=args.skill or "",
        language=args.language or "", cohort=args.cohort or "", active=args.active or "",
    )  # fmt: skip
    if args.json:
        rows = [
            {
                "external_id": a.external_id,
                "name": a.name,
                "province": a.province,
                "region": a.region,
                "languages": a.languages,
                "skills": a.skills,
                "cohort": a.cohort.code if a.cohort else "",
                "active": a.active,
                "account": a.user.get_username() if a.user_id else "",
            }  # fmt: skip
            for a in found
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for a in found:
        state = "active" if a.active else "inactive"
        print(f"{a.external_id:<12} {a.name:<32} {a.province:<24} {','.join(a.skills):<24} {state}")
    figures = registry.figures(user, found)
    print(f"{figures['active']} active of {figures['total']}, in {figures['provinces']} province(s)")


def cmd_bootcamp(args) -> None:
    _setup(args)
    from hotline.peace.campaigns import registry

    fields = {
        "code": args.code, "name": args.name or args.code, "place": args.place,
        "province": args.province or "", "starts_on": args.starts, "ends_on": args.ends,
        "trainers": "\n".join(args.trainer or []),
    }  # fmt: skip
    bootcamp = _call(registry.create_bootcamp, _acting_user(args.as_user), fields)
    print(f"Bootcamp {bootcamp.code} created")


def register(commands, command) -> None:
    group = commands.add_parser("ambassadors", help="Cyber Peace Ambassadors: import the registry, list it.")
    actions = group.add_subparsers(dest="ambassadors_command", required=True, metavar="ACTION")
    sub = command(
        actions, "import", cmd_import, "Import ambassadors from a CSV file (docs/ambassadors-csv.md)."
    )
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=AS_HELP)
    sub = command(actions, "list", cmd_list, "List (search, filter) the ambassadors.")
    sub.add_argument("query", nargs="?", help="words of the name, external id or e-mail")
    sub.add_argument("--province")
    sub.add_argument("--skill")
    sub.add_argument("--language")
    sub.add_argument("--cohort", help="a bootcamp code")
    sub.add_argument("--active", choices=["yes", "no"])
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=AS_HELP)
    sub = command(actions, "bootcamp", cmd_bootcamp, "Create a bootcamp (a cohort the CSV's cohort names).")
    sub.add_argument("code", help="e.g. 2025-medan")
    sub.add_argument("--name")
    sub.add_argument("--place", required=True)
    sub.add_argument("--province")
    sub.add_argument("--starts", required=True, metavar="YYYY-MM-DD")
    sub.add_argument("--ends", required=True, metavar="YYYY-MM-DD")
    sub.add_argument("--trainer", action="append", help="a trainer's name (repeat for several)")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=AS_HELP)
    # The workflow's and reach's commands register here, one line each.
