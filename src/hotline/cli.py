"""The `hotline` command line. Each sub-command parses its arguments, points Django at the node's data
directory, and calls a service; no business logic lives here."""

import argparse
import getpass
import importlib
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
    if bool(args.certfile) != bool(args.keyfile) or (args.ca_certs and not args.certfile):
        _fail("HTTPS needs --certfile and --keyfile (and --ca-certs only with them)")
    tls = processes.tls_arguments(args.certfile, args.keyfile, args.ca_certs)
    if args.certfile:
        env["HOTLINE_HTTPS"] = "1"  # HSTS and secure cookies (settings.py)
    children = [("web", processes.web_command(args.bind, args.workers, args.threads) + tls, env)]
    if not args.web_only:
        children += [(name, command, env) for name, command in processes.worker_commands(path)]

    def announce():
        scheme = "https" if args.certfile else "http"
        print(
            f"Hotline node on {scheme}://{args.bind}/ (TAXII: {scheme}://{args.bind}/taxii2/); "
            "Ctrl-C stops it"
        )

    sys.exit(processes.supervise(children, announce=announce))


def cmd_worker(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.node import worker

    worker.run(poll_interval=args.interval, queue=args.queue)


def cmd_demo(args) -> None:
    from hotline.node import demo

    sys.exit(demo.run(Path(args.data_dir).resolve(), base_port=args.base_port, host=args.host))


def cmd_demo_seed(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.node import demo

    demo.seed(os.environ.get("HOTLINE_DEMO_PASSWORD") or _fail("HOTLINE_DEMO_PASSWORD is not set"))


def cmd_demo_codes(args) -> None:
    from hotline.node import demo

    path = Path(args.data_dir).resolve()
    if not (path / demo.TOTP_FILE).exists():
        _fail(f"no demo in {path} (run `hotline demo` first)")
    for user, code in demo.current_codes(path).items():
        print(f"{user:<11} {code}")


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


def cmd_user_otp(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from django.contrib.auth import get_user_model

    from hotline.access import second_factor

    user = get_user_model().objects.filter(username=args.username).first() or _fail(
        f"no user {args.username!r}"
    )
    if args.reset:
        second_factor.remove_devices(user)
        print(f"{user.username}: two-factor devices removed; they set up a new one at their next sign-in")
        return
    device = second_factor.enrol_for_operator(user)
    print(f"secret  {second_factor.secret_text(device)}")
    print(f"uri     {device.config_url}")
    if args.recovery_codes:
        print("recovery codes (each works once): " + " ".join(second_factor.new_recovery_codes(user)))
    print(
        f"(new authenticator for {user.username}; the old one no longer works. Hand the secret over "
        "in person; it is shown once)",
        file=sys.stderr,
    )


def cmd_user_unlock(args) -> None:
    _setup(args.data_dir)
    from hotline.access import throttle

    if bool(args.username) == args.api_tokens:
        _fail("give a user name or --api-tokens")
    name = throttle.TOKEN_USERNAME if args.api_tokens else args.username
    count = throttle.unlock(name)
    print(f"{name}: {count} lockout record(s) removed" if count else f"{name}: not locked out")


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


def _duration(text: str):
    """30d, 12h, 90m, 2w -> timedelta; exits with a clear message otherwise."""
    from datetime import timedelta

    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    number, unit = text[:-1], text[-1:].lower()
    if unit not in units or not number.isdigit() or int(number) <= 0:
        _fail(f"--expires {text!r}: give a positive number and a unit m, h, d or w (e.g. 30d)")
    return timedelta(**{units[unit]: int(number)})


def cmd_token_create(args) -> None:
    _setup(args.data_dir)
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hotline.access.services import AccessError, create_token, describe_scope

    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        _fail(f"no user {args.username!r}")
    if args.expires and args.days:
        _fail("give --expires or --days, not both")
    lifetime = _duration(args.expires) if args.expires else timedelta(days=args.days) if args.days else None
    collections = [_collection(alias) for alias in args.collection] if args.collection else None
    try:
        token, raw = create_token(
            user, args.name, expires_at=timezone.now() + lifetime if lifetime else None,
            collections=collections, read=args.read, write=args.write,
        )  # fmt: skip
    except AccessError as exc:
        _fail(str(exc))
    expiry = f"expires {token.expires_at:%Y-%m-%d %H:%M} UTC" if token.expires_at else "never expires"
    print(raw)
    print(
        f"(token {token.prefix}… for {user.username}: {describe_scope(token)}; {expiry}; "
        "shown once, store it now)",
        file=sys.stderr,
    )


def cmd_token_list(args) -> None:
    _setup(args.data_dir)
    from hotline.access.models import ApiToken
    from hotline.access.services import describe_scope, token_state

    def when(moment, never: str) -> str:
        return f"{moment:%Y-%m-%d %H:%M}" if moment else never

    for token in ApiToken.objects.select_related("user").prefetch_related("collections"):
        state = token_state(token)
        if state == "revoked":
            state = f"revoked {when(token.revoked_at, '')}"
        print(
            f"{token.prefix}…  {token.user.username:<20} {token.name:<24} {state:<24} "
            f"expires {when(token.expires_at, 'never'):<16}  "
            f"last used {when(token.last_used_at, 'never'):<16}  {describe_scope(token)}"
        )


def cmd_token_revoke(args) -> None:
    _setup(args.data_dir)
    from hotline.access.models import ApiToken
    from hotline.access.services import revoke_token

    matches = list(ApiToken.objects.filter(prefix__startswith=args.prefix.rstrip("…")))
    if len(matches) != 1:
        _fail(f"{len(matches)} tokens match {args.prefix!r}; give a longer prefix")
    if not revoke_token(matches[0]):
        _fail(f"token {matches[0].prefix}… was already revoked")
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

    user = _acting_user(args.as_user)
    collection = _collection(args.collection) if args.collection else None
    try:
        count = transfer.export_bundle(
            Path(args.output), collection, user=user, all_versions=args.all_versions
        )
    except transfer.ExportRefused as exc:
        _fail(str(exc))
    print(f"Exported {count} objects to {args.output} as {user.get_username()}", file=sys.stderr)


# --- partners ---------------------------------------------------------------------------------------------


def _link_from_args(args):
    from hotline.federation import services as federation

    return federation.Link(
        url=args.url or "", username=args.user or "", password=args.password or "", token=args.token or "",
        public_keys=args.public_key or [], ca_file=args.ca or "", client_cert=args.cert or "",
        client_key=args.key or "", push_enabled=not args.no_push, pull_enabled=not args.no_pull,
    )  # fmt: skip


def cmd_partner_add(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from django.contrib.auth import get_user_model

    from hotline.federation import services as federation

    try:
        account = None
        if args.account:
            account = get_user_model().objects.filter(username=args.account).first()
            if account is None:
                _fail(f"no user {args.account!r}")
        deadlines = [federation.parse_deadline(spec) for spec in args.deadline or []]
        partner = federation.create_partner(
            args.name, args.title, identity_id=args.identity, account=account, deadlines=deadlines,
            link=_link_from_args(args),
        )  # fmt: skip
    except federation.PartnerError as exc:
        _fail(str(exc))
    print(f"Partner {partner.name!r} added; shared objects go to collection {partner.outbound.alias!r}")


def cmd_partner_link(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.federation import services as federation

    try:
        partner = federation.get_partner(args.name)
        given = _link_from_args(args)
        current = federation.Link(
            **{name: getattr(partner, name) for name in federation.Link.__dataclass_fields__}
        )
        # Options not given keep their value; --token replaces a user and password and the other way round.
        for name in ("url", "ca_file", "client_cert", "client_key"):
            setattr(current, name, getattr(given, name) or getattr(current, name))
        if given.token:
            current.token, current.username, current.password = given.token, "", ""
        if given.username:
            current.token, current.username, current.password = "", given.username, given.password
        current.public_keys = given.public_keys or current.public_keys
        current.push_enabled, current.pull_enabled = given.push_enabled, given.pull_enabled
        partner = federation.update_link(partner, current)
    except federation.PartnerError as exc:
        _fail(str(exc))
    print(f"Link to partner {partner.name!r} updated")


def cmd_partner_list(args) -> None:
    _setup(args.data_dir)
    from hotline.federation import services as federation
    from hotline.federation.models import PRIORITIES

    partners = list(federation.list_partners())
    if args.json:
        print(json.dumps([federation.describe(p) for p in partners], indent=2, ensure_ascii=False))
        return
    for partner in partners:
        deadlines = " ".join(
            f"{p}={federation.format_duration(a)}/{federation.format_duration(r)}"
            for p in PRIORITIES
            for a, r in [partner.deadlines(p)]
        )
        state = "" if partner.active else "  (removed)"
        print(f"{partner.name:<16} {partner.title:<40} {partner.outbound.alias:<24} {deadlines}{state}")


def cmd_partner_show(args) -> None:
    _setup(args.data_dir)
    from hotline.federation import services as federation

    try:
        partner = federation.get_partner(args.name)
    except federation.PartnerError as exc:
        _fail(str(exc))
    data = federation.describe(partner)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    link = data["link"]

    def leg(name: str) -> str:
        info = link[name]
        if not info["enabled"]:
            return "off"
        state = {True: "ok", False: "FAILING", None: "not yet"}[info["last_ok"]]
        text = f"{state}, last success {info['last_at'] or 'never'}"
        if info["failures"]:
            text += f", {info['failures']} failures, next attempt {info['next_attempt_at']}"
        return text

    lines = [
        f"{partner.name}: {partner.title}{'' if partner.active else '  (removed: no sync)'}",
        f"  identity     {data['identity']}",
        f"  url          {partner.url or '(none: the partner pulls from us)'}",
        f"  auth         {data['auth'] or 'none'}{' as ' + partner.username if partner.username else ''}",
        f"  account here {data['account'] or '(none)'}",
        f"  keys         {len(partner.public_keys)} public key(s)",
        f"  collections  {data['outbound']} (to them), {data['inbound']} (from them)",
        f"  push         {leg('push')}; queue {link['push']['queue']}",
        f"  pull         {leg('pull')}",
        f"  last error   {link['last_error'] or '-'}",
        f"  error at     {link['last_error_at'] or '-'}",
        f"  quarantined  {link['quarantined']}",
        f"  replays      {link['replays']['count']}"
        + (
            f", last {link['replays']['last']} at {link['replays']['last_at']}"
            if link["replays"]["last"]
            else ""
        ),
    ]
    print("\n".join(lines))


def cmd_partner_remove(args) -> None:
    _setup(args.data_dir)
    from hotline.federation import services as federation

    try:
        partner = federation.remove_partner(federation.get_partner(args.name))
    except federation.PartnerError as exc:
        _fail(str(exc))
    print(f"Partner {partner.name!r} removed: no more sync; its messages and collections are kept")


def cmd_partner_quarantine(args) -> None:
    _setup(args.data_dir)
    from hotline.federation import services as federation

    try:
        partner = federation.get_partner(args.name)
    except federation.PartnerError as exc:
        _fail(str(exc))
    rows = [
        {"id": q.stix_id, "version": q.version or None, "reason": q.reason, "via": q.via, "times": q.times,
         "at": q.at.isoformat(), "last_at": q.last_at.isoformat()}
        for q in partner.quarantined.filter(resolution="")
    ]  # fmt: skip
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        print(f"Nothing from {partner.name} is in quarantine.")
    for row in rows:
        print(
            f"{row['last_at'][:19]}  {row['via']:<4} x{row['times']:<3} {row['id'] or '(no id)'}  "
            f"{row['reason']}"
        )


def cmd_sync(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.federation import services as federation
    from hotline.federation import sync

    names = (
        [args.partner] if args.partner else [p.name for p in federation.list_partners().filter(active=True)]
    )
    for name in names:
        try:
            partner = federation.get_partner(name)
        except federation.PartnerError as exc:
            _fail(str(exc))
        pushed, pulled = sync.sync_now(partner)
        partner.refresh_from_db()
        error = f"; last error: {partner.last_error}" if partner.last_error else ""
        print(f"{name}: pushed {pushed}, pulled {pulled}{error}")


def cmd_node_identity(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.federation import services as federation

    data = federation.node_card()
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    print(
        f"node        {data['name']} ({data['title']})\n"
        f"identity    {data['identity_id']}\n"
        f"public key  {data['public_key']}\n"
        f"key id      {data['key_id']}\n"
        f"TAXII       {data['taxii_url'] or '(no base URL: hotline init --base-url URL)'}\n"
        f"\nA partner adds this node with:\n  hotline partner add {data['name']} "
        f"--title {json.dumps(data['title'])} "
        f"--url {data['taxii_url'] or 'URL'} --public-key {data['public_key']} --token … --account …"
    )


# --- the desk ---------------------------------------------------------------------------------------------


def acting_user(username: str | None, fallback_role: str = "officer"):
    """Who a command acts as: --as USER, else the node admin (the first superuser), else the first user of
    `fallback_role` (the role the feature's commands are for). Every feature's commands ask here."""
    from django.contrib.auth import get_user_model

    from hotline.audit import context

    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    if username:
        found = users.filter(username=username).first() or _fail(f"no active user {username!r}")
    else:
        found = users.filter(is_superuser=True).first() or users.filter(groups__name=fallback_role).first()
        found = found or _fail(
            f"no admin or {fallback_role} on this node to act as; add one or give --as USER"
        )
    context.set_process_actor(found)  # what the command does is recorded as this user's
    return found


def _acting_user(username: str | None):
    return acting_user(username, "officer")


def _desk_call(function, *args, **kwargs):
    from hotline.desk.errors import DeskError

    try:
        return function(*args, **kwargs)
    except DeskError as exc:
        _fail(exc.message)


def _print_message(message, as_json: bool) -> None:
    from hotline.desk.queries import describe

    if as_json:
        print(json.dumps(describe(message), indent=2, ensure_ascii=False))
    else:
        print(message.stix_id)


def cmd_send(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.desk import attachments, services

    user = _acting_user(args.as_user)
    files = [_desk_call(attachments.from_path, name) for name in args.attach or []]
    draft = services.Draft(
        to=args.to, kind=args.kind, priority=args.priority, subject=args.subject, body=args.body or "",
        body_format=args.format, language=args.language or "", tlp=args.tlp, handling_code=args.handling,
        handling_text=args.handling_text or "", attachments=files, intel_refs=args.intel or [],
    )  # fmt: skip
    if args.evaluation:
        draft.source_reliability, credibility = args.evaluation[:1].upper(), args.evaluation[1:]
        draft.information_credibility = int(credibility) if credibility.isdigit() else -1
    _print_message(_desk_call(services.send, user, draft), args.json)


def cmd_inbox(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.desk import queries

    user = _acting_user(args.as_user)
    messages = list(_desk_call(queries.inbox, user, include_closed=args.all))
    rows = [queries.describe(m) for m in messages]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        print("No messages waiting.")
    for row in rows:
        due = row["reply_due"] if row["state"] != "received" else row["ack_due"]
        status = row["reply_status"] if row["state"] != "received" else row["ack_status"]
        deadline = f"{'reply' if row['state'] != 'received' else 'ack'} by {due[:16]} {status}" if due else ""
        print(
            f"{row['id'][17:25]}  {row['priority']:<7} {row['kind']:<6} {row['state']:<12} "
            f"{row['partner'] or 'internal':<10} {deadline:<36} {row['subject']}"
        )


def _message_arg(user, ref: str):
    from hotline.desk import queries

    return _desk_call(queries.find_message, user, ref)


def cmd_ack(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.desk import services

    user = _acting_user(args.as_user)
    message = _desk_call(services.acknowledge, user, _message_arg(user, args.id))
    _print_message(message, args.json)


def cmd_reply(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.desk import attachments, services

    user = _acting_user(args.as_user)
    message = _message_arg(user, args.id)
    files = [_desk_call(attachments.from_path, name) for name in args.attach or []]
    answer = _desk_call(
        services.reply, user, message, body=args.body, body_format=args.format, language=args.language or "",
        attachments=files,
    )  # fmt: skip
    _print_message(answer, args.json)


def cmd_close(args) -> None:
    path = _setup(args.data_dir)
    _require_initialised(path)
    from hotline.desk import services

    user = _acting_user(args.as_user)
    message = _desk_call(services.close, user, _message_arg(user, args.id), note=args.note or "")
    _print_message(message, args.json)


# --- parser -----------------------------------------------------------------------------------------------


def _link_arguments(sub) -> None:
    sub.add_argument(
        "--url", help="the partner node's TAXII discovery URL, e.g. https://hotline.mps.gov.vn/taxii2/"
    )
    sub.add_argument("--user", help="our user name on the partner's TAXII server (not a Hotline node)")
    sub.add_argument(
        "--password",
        help="its password, for HTTP Basic. A Hotline partner refuses HTTP Basic for node accounts "
        "(they need a second factor): use --token with a token it made for us",
    )
    sub.add_argument("--token", help="an API token the partner gave us")
    sub.add_argument(
        "--public-key", action="append", metavar="KEY",
        help="the partner's public signing key (`hotline node identity` on their node); repeatable",
    )  # fmt: skip
    sub.add_argument("--ca", metavar="FILE", help="CA certificate(s) that sign the partner's TLS certificate")
    sub.add_argument("--cert", metavar="FILE", help="our TLS client certificate, for mutual TLS")
    sub.add_argument("--key", metavar="FILE", help="the client certificate's private key")
    sub.add_argument("--no-push", action="store_true", help="do not push; the partner pulls from us")
    sub.add_argument("--no-pull", action="store_true", help="do not pull; the partner pushes to us")


# Feature apps add their commands from their own `cli.py`: `register(commands, command)` receives the
# subparsers and the helper above that adds a command with its --data-dir.
FEATURE_COMMANDS: tuple[str, ...] = (
    "hotline.node.cli",
    "hotline.access.cli",
    "hotline.audit.cli",
    "hotline.peace.cli",
    "hotline.programme.cli",
    "hotline.peace.campaigns.cli",
    "hotline.peace.campaigns.reach_cli",
)


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
    sub.add_argument("--certfile", help="serve HTTPS with this certificate (PEM)")
    sub.add_argument("--keyfile", help="the certificate's private key (PEM)")
    sub.add_argument(
        "--ca-certs", help="require TLS client certificates signed by these CAs (mutual TLS between nodes)"
    )

    sub = command(commands, "worker", cmd_worker, "Run the background worker only.")
    sub.add_argument("--interval", type=float, default=0.2, help="seconds between polls for new jobs")
    sub.add_argument(
        "--queue", choices=("all", "default", "federation"), default="all",
        help="the jobs to run: federation (talking to partners), default (the rest) or all (default)",
    )  # fmt: skip

    sub = command(commands, "demo", cmd_demo, "Run two federated demo nodes (bnpt and mps) on loopback.")
    sub.add_argument(
        "--data-dir", default="demo-data", help="where the two nodes keep their data (default demo-data)"
    )
    sub.add_argument("--base-port", type=int, default=8001, help="bnpt listens here, mps on the next port")
    sub.add_argument("--host", default="127.0.0.1")

    command(commands, "demo-seed", cmd_demo_seed, "Add the demo users and data to one node (used by `demo`).")
    sub = command(
        commands, "demo-codes", cmd_demo_codes, "Print the demo users' second-factor codes of this moment."
    )
    sub.set_defaults(data_dir="demo-data")

    users = commands.add_parser("user", help="Manage the node's users.").add_subparsers(
        dest="action", required=True
    )
    sub = command(users, "add", cmd_user_add, "Add a user (password from a prompt or HOTLINE_PASSWORD).")
    sub.add_argument("username")
    sub.add_argument("--role", required=True)
    sub.add_argument("--email")
    sub = command(
        users, "otp", cmd_user_otp,
        "Give a user a new authenticator (TOTP) and print its secret, or --reset to make them enrol again.",
    )  # fmt: skip
    sub.add_argument("username")
    sub.add_argument("--recovery-codes", action="store_true", help="also replace and print recovery codes")
    sub.add_argument("--reset", action="store_true", help="remove all devices; the user enrols at sign-in")
    sub = command(users, "unlock", cmd_user_unlock, "Lift a lockout after failed sign-ins (all addresses).")
    sub.add_argument("username", nargs="?")
    sub.add_argument("--api-tokens", action="store_true", help="lift the lockouts of failed API tokens")
    sub = command(users, "list", cmd_user_list, "List users and their roles.")
    sub.add_argument("--json", action="store_true")

    tokens = commands.add_parser("token", help="Manage API tokens.").add_subparsers(
        dest="action", required=True
    )
    sub = command(tokens, "create", cmd_token_create, "Create an API token for a user (printed once).")
    sub.add_argument("username")
    sub.add_argument("--name", default="api")
    sub.add_argument(
        "--collection", action="append", metavar="ALIAS",
        help="limit the token to this collection (repeatable; default: all the user's collections)",
    )  # fmt: skip
    sub.add_argument(
        "--read", action=argparse.BooleanOptionalAction, default=True, help="may read (default: yes)"
    )
    sub.add_argument(
        "--write", action=argparse.BooleanOptionalAction, default=False, help="may write (default: no)"
    )
    sub.add_argument("--expires", metavar="DURATION", help="expire after e.g. 90m, 12h, 30d, 2w")
    sub.add_argument("--days", type=int, help="expire after this many days (as --expires Nd)")
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

    partners = commands.add_parser("partner", help="Manage partner agencies.").add_subparsers(
        dest="action", required=True
    )
    sub = command(partners, "add", cmd_partner_add, "Add a partner agency and its outbound collection.")
    sub.add_argument("name", help="short name, e.g. mps")
    sub.add_argument("--title", required=True, help="e.g. 'Ministry of Public Security (Viet Nam)'")
    sub.add_argument("--identity", help="the partner's STIX identity id (default: derived from NAME)")
    sub.add_argument("--account", help="the partner node's user here, who may read the outbound collection")
    sub.add_argument(
        "--deadline", action="append", metavar="PRIORITY=ACK/REPLY",
        help="agreed deadlines, e.g. flash=15m/2h (default flash=15m/2h urgent=1h/8h routine=24h/7d)",
    )  # fmt: skip
    _link_arguments(sub)
    sub = command(
        partners,
        "link",
        cmd_partner_link,
        "Change how this node reaches a partner (options not given are kept).",
    )
    sub.add_argument("name")
    _link_arguments(sub)
    sub = command(partners, "list", cmd_partner_list, "List partner agencies and their deadlines.")
    sub.add_argument("--json", action="store_true")
    sub = command(partners, "show", cmd_partner_show, "Show a partner and the state of the link (sync).")
    sub.add_argument("name")
    sub.add_argument("--json", action="store_true")
    sub = command(partners, "remove", cmd_partner_remove, "Stop syncing with a partner (its data is kept).")
    sub.add_argument("name")
    sub = command(
        partners, "quarantine", cmd_partner_quarantine, "What a partner sent that failed verification."
    )
    sub.add_argument("name")
    sub.add_argument("--json", action="store_true")

    sub = command(
        commands, "sync", cmd_sync, "Push to and pull from partners now (the worker does it anyway)."
    )
    sub.add_argument("partner", nargs="?", help="one partner (default: all)")

    node = commands.add_parser("node", help="This node.").add_subparsers(dest="action", required=True)
    sub = command(node, "identity", cmd_node_identity, "Print what a partner needs to add this node.")
    sub.add_argument("--json", action="store_true")

    as_help = "act as this user (default: the node admin, else the first officer)"
    sub = command(commands, "send", cmd_send, "Send a hotline message; prints its id.")
    sub.add_argument("--to", required=True, help="a partner's name, or 'internal'")
    sub.add_argument("--kind", required=True, choices=["alert", "rfi", "notice"])
    sub.add_argument("--priority", required=True, choices=["flash", "urgent", "routine"])
    sub.add_argument("--subject", required=True)
    sub.add_argument("--body", default="")
    sub.add_argument("--format", default="text", choices=["text", "markdown"], help="of the body")
    sub.add_argument("--language", choices=["en", "id", "vi"], help="default: detected")
    sub.add_argument(
        "--tlp", default="amber", help="clear, green, amber, amber+strict or red (default amber)"
    )
    sub.add_argument("--handling", default="H0", choices=["H0", "H1", "H2", "H3"])
    sub.add_argument("--handling-text", help="the restriction, with --handling H3")
    sub.add_argument(
        "--evaluation", help="admiralty code: source reliability A-F and credibility 1-6, e.g. B2"
    )
    sub.add_argument("--attach", action="append", metavar="FILE", help="attach a file (repeatable)")
    sub.add_argument("--intel", action="append", metavar="STIX_ID", help="attach a stored STIX object")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
    sub.add_argument("--json", action="store_true", help="print the message as JSON")

    sub = command(commands, "inbox", cmd_inbox, "List received messages with their state and deadlines.")
    sub.add_argument("--all", action="store_true", help="closed messages too")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
    sub.add_argument("--json", action="store_true")

    sub = command(commands, "ack", cmd_ack, "Acknowledge a received message.")
    sub.add_argument("id", help="the message id, or the start of its UUID")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
    sub.add_argument("--json", action="store_true")

    sub = command(commands, "reply", cmd_reply, "Reply to a received message; prints the reply's id.")
    sub.add_argument("id", help="the message id, or the start of its UUID")
    sub.add_argument("--body", required=True)
    sub.add_argument("--format", default="text", choices=["text", "markdown"], help="of the body")
    sub.add_argument("--language", choices=["en", "id", "vi"], help="default: detected")
    sub.add_argument("--attach", action="append", metavar="FILE", help="attach a file (repeatable)")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
    sub.add_argument("--json", action="store_true")

    sub = command(commands, "close", cmd_close, "Close a message.")
    sub.add_argument("id", help="the message id, or the start of its UUID")
    sub.add_argument("--note")
    sub.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
    sub.add_argument("--json", action="store_true")

    sub = command(commands, "import", cmd_import, "Import a STIX bundle or TAXII envelope into a collection.")
    sub.add_argument("file")
    sub.add_argument("--collection", required=True)
    sub.add_argument("--quiet", action="store_true", help="no progress bar")

    sub = command(commands, "export", cmd_export, "Export objects as a STIX 2.1 bundle.")
    sub.add_argument("--collection")
    sub.add_argument("-o", "--output", required=True)
    sub.add_argument("--all-versions", action="store_true", help="every version, not only the latest")
    sub.add_argument(
        "--as", dest="as_user", metavar="USER", required=True,
        help="the user exporting: only what they may see is exported",
    )  # fmt: skip

    for module_name in FEATURE_COMMANDS:
        importlib.import_module(module_name).register(commands, command)
    return parser


def main(argv: list[str] | None = None) -> None:
    from hotline.audit import context

    context.set_process_entry_point(context.CLI)  # what a command does is audited as coming from the CLI
    args = build_parser().parse_args(argv)
    args.handler(args)


if __name__ == "__main__":
    main()
