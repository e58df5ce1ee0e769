"""Reach's commands: `hotline campaigns metrics-import FILE`, `hotline campaigns report CAMPAIGN`.
Registered from hotline.cli's FEATURE_COMMANDS; they act as `--as USER`, else the node admin, else the first
coordinator. The `campaigns` command group is shared with the other campaign modules: whoever registers
first creates it, the others add to it."""

import argparse
import sys
from pathlib import Path


def _fail(message: str, code: int = 1):
    print(f"hotline: {message}", file=sys.stderr)
    sys.exit(code)


def _acting_user(username: str | None):
    from hotline.access import roles
    from hotline.cli import acting_user

    return acting_user(username, roles.COORDINATOR)


def cmd_metrics_import(args) -> None:
    from hotline.cli import _require_initialised, _setup

    _require_initialised(_setup(args.data_dir))
    from hotline.peace.campaigns import metrics_import
    from hotline.peace.campaigns.reach_errors import ReachError

    path = Path(args.file)
    if not path.is_file():
        _fail(f"no file {path}")
    user = _acting_user(args.as_user)
    try:
        result = metrics_import.import_metrics(user, path.read_bytes())
    except metrics_import.ImportRefused as exc:
        for problem in exc.problems:
            print(f"{path}: {problem}", file=sys.stderr)
        _fail(f"{len(exc.problems)} problem(s): nothing was imported")
    except ReachError as exc:
        _fail(str(exc))
    for line, url in result.unmatched:
        print(f"{path}: line {line}: {url} is none of our publications: skipped", file=sys.stderr)
    print(
        f"{result.created} created, {result.updated} updated, {len(result.unmatched)} skipped (unknown URL)"
    )


def cmd_report(args) -> None:
    from hotline.cli import _require_initialised, _setup

    _require_initialised(_setup(args.data_dir))
    from hotline.peace.campaigns import report
    from hotline.peace.campaigns.models import Campaign
    from hotline.peace.campaigns.reach_errors import ReachError

    user = _acting_user(args.as_user)
    campaign = (
        Campaign.objects.filter(pk=int(args.campaign)).first()
        if args.campaign.isdigit()
        else Campaign.objects.filter(stix_id=args.campaign).first()
    )
    if campaign is None:
        _fail(f"no campaign {args.campaign!r} (give its number or its STIX id)")
    try:
        body = report.generate(user, campaign, args.format, args.language)
    except ReachError as exc:
        _fail(str(exc))
    Path(args.output).write_bytes(body)
    print(f"wrote {args.output} ({len(body)} bytes)", file=sys.stderr)


def campaigns_group(commands):
    """The subcommands of `hotline campaigns`, created by whichever campaign module registers first."""
    parser = commands.choices.get("campaigns")
    if parser is None:
        parser = commands.add_parser(
            "campaigns", help="The Peace Media Center's counter-narrative campaigns."
        )
        parser.add_subparsers(dest="campaigns_command", required=True, metavar="ACTION")
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def register(commands, command) -> None:
    group = campaigns_group(commands)
    sub = command(
        group, "metrics-import", cmd_metrics_import,
        "Import a platform's CSV of post metrics (impressions, views, likes, shares, comments); "
        "a file with bad rows is refused whole.",
    )  # fmt: skip
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--as", dest="as_user", metavar="USER", help="act as this user")
    sub = command(group, "report", cmd_report, "Write a campaign's report (PDF or CSV).")
    sub.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or STIX id")
    sub.add_argument("--format", choices=["pdf", "csv"], required=True)
    sub.add_argument("-o", "--output", required=True, metavar="FILE")
    sub.add_argument("--language", choices=["en", "id", "vi"], default="en")
    sub.add_argument("--as", dest="as_user", metavar="USER", help="act as this user")
