"""Tracked links: each ambassador's short link per campaign (`/r/<code>`), which redirects to their content
and counts visits — the total and per day (UTC) — without storing anything about who visited: no address, no
cookie, no session, no log line with the address (the access log blanks it for `/r/`, see
`hotline.node.access_log`).

A visit is counted by an UPDATE … SET visits = visits + 1 (an F() expression), so concurrent visits from
several processes never lose a count, on SQLite and PostgreSQL alike."""

import secrets
from datetime import date
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from hotline.access import policy
from hotline.peace.campaigns.models import Ambassador, Campaign, LinkVisits, TrackedLink
from hotline.peace.campaigns.reach_errors import NotAllowed, ReachError

# No look-alike characters (0/O, 1/l/I): a code is read aloud and typed from a poster.
ALPHABET = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8
CODE_PATTERN = r"[A-Za-z0-9]{4,16}"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def check_target(url: str) -> str:
    """Only an absolute http(s) address may be a link's target (never javascript:, data:, a relative path)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c in url for c in "\r\n\t "):
        raise ReachError(f"the target of a tracked link must be an http(s) address, not {url[:100]!r}")
    if len(url) > 2000:
        raise ReachError("the target address is longer than 2,000 characters")
    return url


def ensure_link(campaign: Campaign, ambassador: Ambassador, target_url: str = "") -> TrackedLink:
    """The system's verb (the workflow calls it when an assignment is made or a publication recorded): the
    ambassador's link for the campaign, created if missing. A target given replaces the link's target; a
    link without a target yet answers 404 until it has one."""
    if campaign.read_only:
        raise ReachError(f"{campaign} is a partner's campaign: its links are theirs")
    target = check_target(target_url) if target_url else ""
    link = TrackedLink.objects.filter(campaign=campaign, ambassador=ambassador).first()
    if link is not None:
        if target and link.target_url != target:
            TrackedLink.objects.filter(pk=link.pk).update(target_url=target)
            link.target_url = target
        return link
    for _attempt in range(5):  # a code already taken (1 in 56^8): draw another
        try:
            with transaction.atomic():
                return TrackedLink.objects.create(
                    code=new_code(), campaign=campaign, ambassador=ambassador, target_url=target
                )
        except IntegrityError:
            existing = TrackedLink.objects.filter(campaign=campaign, ambassador=ambassador).first()
            if existing is not None:  # created meanwhile by a concurrent request
                return existing
    raise ReachError("could not draw a free link code")


def create_link(user, campaign: Campaign, ambassador: Ambassador, target_url: str) -> TrackedLink:
    """A coordinator creates (or re-targets) an ambassador's link for a campaign."""
    if not policy.can_manage_campaigns(user):
        raise NotAllowed("only a campaign coordinator creates tracked links")
    return ensure_link(campaign, ambassador, check_target(target_url))


def link_for_publication(publication) -> TrackedLink:
    """The link of a publication's ambassador and campaign, pointing at what was published."""
    assignment = publication.assignment
    return ensure_link(assignment.brief.campaign, assignment.ambassador, publication.url)


def resolve(code: str) -> tuple[int, str] | None:
    """(link id, target) of a code, or None when the code is unknown or the link has no valid target."""
    found = TrackedLink.objects.filter(code=code).values_list("pk", "target_url").first()
    if found is None or not found[1]:
        return None
    try:
        check_target(found[1])
    except ReachError:
        return None
    return found


def count_visit(link_id: int, day: date | None = None) -> None:
    """One more visit of the link, in its total and on the day's row: UPDATEs with F(), never a read and
    a write."""
    day = day or timezone.now().date()
    with transaction.atomic():
        TrackedLink.objects.filter(pk=link_id).update(visits=F("visits") + 1)
        if LinkVisits.objects.filter(link_id=link_id, day=day).update(visits=F("visits") + 1):
            return
        try:
            with transaction.atomic():  # the day's first visit: a row, unless a concurrent visit made it
                LinkVisits.objects.create(link_id=link_id, day=day, visits=1)
        except IntegrityError:
            LinkVisits.objects.filter(link_id=link_id, day=day).update(visits=F("visits") + 1)


def visit(code: str, *, count: bool = True, day: date | None = None) -> str | None:
    """The target to redirect to (and the visit counted), or None for an unknown code."""
    found = resolve(code)
    if found is None:
        return None
    if count:
        count_visit(found[0], day)
    return found[1]


def campaign_links(campaign: Campaign):
    return campaign.links.select_related("ambassador").order_by("-visits", "ambassador__name")
