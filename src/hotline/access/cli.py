"""`hotline compartment …` and `hotline consent …`: case teams, named recipients and re-sharing consent."""

import sys


def _setup(args):
    from hotline import cli

    path = cli._setup(args.data_dir)
    cli._require_initialised(path)
    return cli._acting_user(args.as_user)


def _run(args, action_name: str, *call_args, **call_kwargs):
    """Set Django up for the node, then call compartments.<action_name>(acting user, …)."""
    user = _setup(args)
    from hotline.access import compartments
    from hotline.access.services import AccessError

    try:
        return getattr(compartments, action_name)(user, *call_args, **call_kwargs)
    except AccessError as exc:
        print(f"hotline: {exc}", file=sys.stderr)
        sys.exit(1)


def cmd_compartment_add(args):
    found = _run(args, "create_compartment", args.name, args.title or "")
    print(f"Compartment {found.name!r} created")


def cmd_compartment_member(args):
    _run(args, "set_member", args.name, args.username, member=not args.remove)
    print(f"{args.username} {'removed from' if args.remove else 'added to'} {args.name}")


def cmd_compartment_assign(args):
    _run(args, "assign", args.name, args.stix_id, assigned=not args.remove)
    print(f"{args.stix_id} {'taken out of' if args.remove else 'assigned to'} {args.name}")


def cmd_compartment_list(args):
    for c in _run(args, "list_compartments"):
        members = ", ".join(sorted(u.get_username() for u in c.members.all())) or "-"
        print(f"{c.name}\tmembers: {members}\tobjects: {c.assignments.count()}")


def cmd_compartment_name(args):
    _run(args, "name_recipient", args.stix_id, args.username)
    print(f"{args.username} named on {args.stix_id}")


def cmd_consent_add(args):
    row = _run(
        args,
        "record_consent", origin=args.origin, recipient=args.to, stix_id=args.object or "",
        collection=args.collection or "", reference=args.reference or "",
    )  # fmt: skip
    print(f"Consent {row.pk} recorded")


def cmd_consent_withdraw(args):
    _run(args, "withdraw_consent", args.consent_id)
    print(f"Consent {args.consent_id} withdrawn")


def cmd_consent_list(args):
    for row in _run(args, "list_consents"):
        what = row.stix_id or f"collection {row.collection.alias}"
        state = f"withdrawn {row.withdrawn_at:%Y-%m-%d}" if row.withdrawn_at else "in force"
        who = row.recorded_by.get_username() if row.recorded_by_id else "-"
        print(f"{row.pk}\t{row.origin_identity} -> {row.recipient_identity}\t{what}\t{state}\t"
              f"by {who} {row.recorded_at:%Y-%m-%d %H:%M}Z\t{row.reference}")  # fmt: skip


def register(commands, command) -> None:
    as_help = "act as this user (default: the node admin)"
    group = commands.add_parser(
        "compartment", help="Compartments: case teams outside which objects do not exist."
    )
    subs = group.add_subparsers(dest="compartment_command", required=True, metavar="ACTION")

    sub = command(subs, "add", cmd_compartment_add, "Create a compartment (you become its first member).")
    sub.add_argument("name")
    sub.add_argument("--title")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)

    sub = command(subs, "member", cmd_compartment_member, "Add a user to a compartment (or --remove).")
    sub.add_argument("name")
    sub.add_argument("username")
    sub.add_argument("--remove", action="store_true")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)

    sub = command(
        subs, "assign", cmd_compartment_assign, "Put an object or desk message in it (or --remove)."
    )
    sub.add_argument("name")
    sub.add_argument("stix_id")
    sub.add_argument("--remove", action="store_true")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)

    sub = command(subs, "list", cmd_compartment_list, "List compartments, their members and object counts.")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)

    sub = command(subs, "name", cmd_compartment_name, "Name a user as a recipient of a TLP:RED object.")
    sub.add_argument("stix_id")
    sub.add_argument("username")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)

    group = commands.add_parser("consent", help="An originator's consent to re-share its intelligence.")
    subs = group.add_subparsers(dest="consent_command", required=True, metavar="ACTION")
    sub = command(subs, "add", cmd_consent_add, "Record partner ORIGIN's consent to pass an object on.")
    sub.add_argument("origin", help="the partner that consented (the originator)")
    sub.add_argument("--to", required=True, help="the partner it may now go to")
    sub.add_argument("--object", help="one object's STIX id")
    sub.add_argument("--collection", help="everything in a collection (e.g. inbound-ORIGIN)")
    sub.add_argument("--reference", required=True, help="how the consent was given")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
    sub = command(subs, "withdraw", cmd_consent_withdraw, "Withdraw a recorded consent.")
    sub.add_argument("consent_id", type=int)
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
    sub = command(subs, "list", cmd_consent_list, "List recorded consents.")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
