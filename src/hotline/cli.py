"""The `hotline` command line. Each sub-command parses its arguments, points Django at the node's data
directory, and calls a service; no business logic lives here."""

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

DEFAULT_DATA_DIR = "data"


def _setup(data_dir: str) -> Path:
    from hotline.node import datadir

    path = Path(data_dir).resolve()
    datadir.use(path)
    import django

    django.setup()
    return path


def _require_initialised(path: Path) -> None:
    if not (path / "node.json").exists():
        sys.exit(f"hotline: {path} is not a node data directory; run `hotline init --data-dir {path}` first")


def _fail(message: str, code: int = 1):
    print(f"hotline: {message}", file=sys.stderr)
    sys.exit(code)


# --- node -------------------------------------------------------------------------------------------------


def cmd_init(args) -> None:
    from hotline.node import datadir

    path = Path(args.data_dir).resolve()
    config = datadir.prepare(path, name=args.node, title=args.title, base_url=args.base_url)
    _setup(args.data_dir)
    from hotline.node import services

    services.initialise()
    print(f"Node {config['name']!r} ready in {path}")


def cmd_serve(args) -> None:
    path = Path(args.data_dir).resolve()
    _require_initialised(path)
    from hotline.node import processes

    env = {"HOTLINE_DATA_DIR": str(path)}
    children = [("web", processes.web_command(args.bind, args.workers, args.threads), env)]
    if not args.web_only:
        children.append(("worker", processes.worker_command(path), env))

    def announce():
        print(f"Hotline node on http://{args.bind}/ (TAXII: http://{args.bind}/taxii2/); Ctrl-C stops it")

    sys.exit(processes.supervise(children, announce=announce))


def cmd_worker(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.node import worker

    worker.run(poll_interval=args.interval)


def cmd_demo(args) -> None:
    from hotline.node import demo

    sys.exit(demo.run(Path(args.data_dir).resolve(), base_port=args.base_port, host=args.host))


def cmd_demo_seed(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.node import demo

    demo.seed(os.environ.get("HOTLINE_DEMO_PASSWORD") or _fail("HOTLINE_DEMO_PASSWORD is not set"))


# --- users and tokens -------------------------------------------------------------------------------------


def _password(prompt_for: str) -> str:
    if os.environ.get("HOTLINE_PASSWORD"):
        return os.environ["HOTLINE_PASSWORD"]
    if not sys.stdin.isatty():
        _fail("no terminal to ask for a password: set HOTLINE_PASSWORD")
    first = getpass.getpass(f"Password for {prompt_for}: ")
    if first != getpass.getpass("Again: "):
        _fail("the passwords differ")
    return first


def cmd_user_add(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from django.core.exceptions import ValidationError

    from hotline.access.services import AccessError, create_user

    try:
        create_user(args.username, args.role, _password(args.username), email=args.email or "")
    except AccessError as exc:
        _fail(str(exc))
    except ValidationError as exc:
        _fail("password refused: " + " ".join(exc.messages))
    print(f"User {args.username!r} added with role {args.role!r}")


def cmd_user_list(args) -> None:
    _setup(args.data_dir)
    from hotline.access.services import list_users

    rows = [
        {"username": u.username, "roles": [g.name for g in u.groups.all()], "active": u.is_active}
        for u in list_users()
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    for row in rows:
        print(
            f"{row['username']:<24} {','.join(row['roles']):<24} {'active' if row['active'] else 'disabled'}"
        )


def cmd_token_create(args) -> None:
    _setup(args.data_dir)
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hotline.access.services import create_token

    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        _fail(f"no user {args.username!r}")
    expires = timezone.now() + timedelta(days=args.days) if args.days else None
    token, raw = create_token(user, args.name, expires_at=expires)
    print(raw)
    print(f"(token {token.prefix}… for {user.username}; shown once, store it now)", file=sys.stderr)


def cmd_token_list(args) -> None:
    _setup(args.data_dir)
    from hotline.access.models import ApiToken

    for token in ApiToken.objects.select_related("user"):
        state = (
            "revoked"
            if token.revoked_at
            else f"expires {token.expires_at:%Y-%m-%d}"
            if token.expires_at
            else "active"
        )
        print(f"{token.prefix}…  {token.user.username:<20} {token.name:<24} {state}")


def cmd_token_revoke(args) -> None:
    _setup(args.data_dir)
    from hotline.access.models import ApiToken
    from hotline.access.services import revoke_token

    matches = list(ApiToken.objects.filter(prefix__startswith=args.prefix.rstrip("…")))
    if len(matches) != 1:
        _fail(f"{len(matches)} tokens match {args.prefix!r}; give a longer prefix")
    revoke_token(matches[0])
    print(f"Token {matches[0].prefix}… revoked")


# --- collections ------------------------------------------------------------------------------------------


def _collection(alias: str):
    from hotline.intel.models import Collection

    found = Collection.objects.filter(alias=alias).first()
    if found is None:
        aliases = ", ".join(Collection.objects.values_list("alias", flat=True))
        _fail(f"no collection {alias!r} (collections: {aliases})")
    return found


def cmd_collection_list(args) -> None:
    _setup(args.data_dir)
    from hotline.intel.models import Collection

    for c in Collection.objects.all():
        grants = ", ".join(str(g) for g in c.grants.select_related("group", "user"))
        print(f"{c.alias:<16} {c.id}  {c.title}  [{grants}]")


def cmd_collection_add(args) -> None:
    _setup(args.data_dir)
    from hotline.intel.services import create_collection

    collection = create_collection(args.alias, args.title or args.alias, args.description or "")
    print(f"{collection.alias} {collection.id}")


def cmd_collection_grant(args) -> None:
    _setup(args.data_dir)
    from django.contrib.auth import get_user_model

    from hotline.access.services import AccessError, grant

    collection = _collection(args.alias)
    user = None
    if args.user:
        user = get_user_model().objects.filter(username=args.user).first() or _fail(f"no user {args.user!r}")
    try:
        row = grant(collection, role=args.role, user=user, read=args.read, write=args.write)
    except AccessError as exc:
        _fail(str(exc))
    print(row)


# --- import / export --------------------------------------------------------------------------------------


def cmd_import(args) -> None:
    _setup(args.data_dir)
    from hotline.node import transfer

    collection = _collection(args.collection)
    sys.exit(transfer.import_file(Path(args.file), collection, quiet=args.quiet))


def cmd_export(args) -> None:
    _setup(args.data_dir)
    from hotline.node import transfer

    collection = _collection(args.collection) if args.collection else None
    count = transfer.export_bundle(Path(args.output), collection, all_versions=args.all_versions)
    print(f"Exported {count} objects to {args.output}", file=sys.stderr)


# --- parser -----------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hotline", description="A Hotline node (STIX 2.1 over TAXII 2.1).")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(parent, name, handler, help_text):
        sub = parent.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        if handler is not cmd_demo:
            sub.add_argument("--data-dir", default=os.environ.get("HOTLINE_DATA_DIR", DEFAULT_DATA_DIR))
        return sub

    sub = command(
        commands, "init", cmd_init, "Create or upgrade a node in a data directory (safe to run twice)."
    )
    sub.add_argument("--node", help="the node's short name, e.g. bnpt")
    sub.add_argument("--title", help="the node's display name, e.g. 'BNPT (Indonesia)'")
    sub.add_argument("--base-url", help="the URL partners use to reach this node")

    sub = command(
        commands, "serve", cmd_serve, "Run the web/TAXII server (gunicorn) and the background worker."
    )
    sub.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT (default 127.0.0.1:8000)")
    sub.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    sub.add_argument("--threads", type=int, default=4, help="threads per worker process (default 4)")
    sub.add_argument(
        "--web-only", action="store_true", help="no worker here (run `hotline worker` separately)"
    )

    sub = command(commands, "worker", cmd_worker, "Run the background worker only.")
    sub.add_argument("--interval", type=float, default=0.2, help="seconds between polls for new jobs")

    sub = command(commands, "demo", cmd_demo, "Run two federated demo nodes (bnpt and mps) on loopback.")
    sub.add_argument(
        "--data-dir", default="demo-data", help="where the two nodes keep their data (default demo-data)"
    )
    sub.add_argument("--base-port", type=int, default=8001, help="bnpt listens here, mps on the next port")
    sub.add_argument("--host", default="127.0.0.1")

    command(commands, "demo-seed", cmd_demo_seed, "Add the demo users and data to one node (used by `demo`).")

    users = commands.add_parser("user", help="Manage the node's users.").add_subparsers(
        dest="action", required=True
    )
    sub = command(users, "add", cmd_user_add, "Add a user (password from a prompt or HOTLINE_PASSWORD).")
    sub.add_argument("username")
    sub.add_argument("--role", required=True)
    sub.add_argument("--email")
    sub = command(users, "list", cmd_user_list, "List users and their roles.")
    sub.add_argument("--json", action="store_true")

    tokens = commands.add_parser("token", help="Manage API tokens.").add_subparsers(
        dest="action", required=True
    )
    sub = command(tokens, "create", cmd_token_create, "Create an API token for a user (printed once).")
    sub.add_argument("username")
    sub.add_argument("--name", default="api")
    sub.add_argument("--days", type=int, help="expire after this many days")
    command(tokens, "list", cmd_token_list, "List API tokens (never the tokens themselves).")
    sub = command(tokens, "revoke", cmd_token_revoke, "Revoke an API token by its prefix.")
    sub.add_argument("prefix")

    collections = commands.add_parser("collection", help="Manage TAXII collections.").add_subparsers(
        dest="action", required=True
    )
    command(collections, "list", cmd_collection_list, "List collections and who may read/write them.")
    sub = command(collections, "add", cmd_collection_add, "Add a collection.")
    sub.add_argument("alias")
    sub.add_argument("--title")
    sub.add_argument("--description")
    sub = command(
        collections, "grant", cmd_collection_grant, "Let a role or a user read and/or write a collection."
    )
    sub.add_argument("alias")
    who = sub.add_mutually_exclusive_group(required=True)
    who.add_argument("--role")
    who.add_argument("--user")
    sub.add_argument("--read", action=argparse.BooleanOptionalAction, default=True)
    sub.add_argument("--write", action=argparse.BooleanOptionalAction, default=False)

    sub = command(commands, "import", cmd_import, "Import a STIX bundle or TAXII envelope into a collection.")
    sub.add_argument("file")
    sub.add_argument("--collection", required=True)
    sub.add_argument("--quiet", action="store_true", help="no progress bar")

    sub = command(commands, "export", cmd_export, "Export objects as a STIX 2.1 bundle.")
    sub.add_argument("--collection")
    sub.add_argument("-o", "--output", required=True)
    sub.add_argument("--all-versions", action="store_true", help="every version, not only the latest")
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.handler(args)


if __name__ == "__main__":
    main()
