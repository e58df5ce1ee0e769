"""The triage queue: suspected propaganda submitted by coordinators, reviewers and ambassadors (one item, or
a bulk export of posts), each with its language detected (so it joins the queue of that language's team:
id, vi, en, other), its matches against the banks, and a reviewer's decision: known propaganda (linked to
the bank entry it matches), new propaganda (added to a bank, with labels), not propaganda (recorded, so the
same item is not asked again: a later submission of it is decided at once). Figures: counts by decision,
language, label and week.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import ExtractIsoYear, ExtractWeek
from django.utils import timezone

from hotline import stix
from hotline.access import policy
from hotline.peace import content, language, matching, services
from hotline.peace.errors import ImportRefused, NotAllowed, PeaceError
from hotline.peace.models import DECISIONS, Bank, BankEntry, Submission

MAX_BULK_ROWS = 10_000


@dataclass
class Post:
    """One item to triage, as submitted: a file and/or a text, a URL, the platform and when it was posted."""

    data: bytes | None = None
    text: str = ""
    url: str = ""
    platform: str = ""
    posted_at: datetime | None = None


def _hash(post: Post) -> tuple[services.Hashed, str]:
    """The item's signals and its fingerprint (what 'the same item' means)."""
    if post.data:
        hashed = services.hash_content(post.data, check_quality=False)
        return hashed, hashed.values.get("sha256") or hashed.values["text_sha256"]
    if post.text.strip():
        hashed = services.hash_text(post.text)
        return hashed, hashed.values["text_sha256"]
    if post.url.strip():
        url = services.check_url(post.url)
        return services.Hashed("url", "", {"url": url}), hashlib.sha256(url.encode()).hexdigest()
    raise PeaceError("give a file, a text or a URL")


def _prepare(post: Post) -> tuple[services.Hashed, str]:
    if post.url.strip():
        post.url = services.check_url(post.url)
    if len(post.platform) > 100:
        raise PeaceError("the platform name is longer than 100 characters")
    return _hash(post)


def submit(user, post: Post, *, now: datetime | None = None) -> Submission:
    if not policy.can_submit_for_triage(user):
        raise NotAllowed("you may not submit content for triage")
    prepared = _prepare(post)
    with transaction.atomic():
        return _create(user, post, *prepared, now=now or timezone.now())


def _create(user, post: Post, hashed: services.Hashed, fingerprint: str, *, now) -> Submission:
    text = post.text or hashed.text
    report = matching.find_matches(hashed)
    if post.url and hashed.content_type != "url":
        seen = {m.entry.pk for m in report.matches}
        by_url = matching.find_matches(services.Hashed("url", "", {"url": post.url}))
        report.matches += [m for m in by_url.matches if m.entry.pk not in seen]
    stored = content.store(post.data) if post.data else ""
    submission = Submission(
        submitted_by=user, submitted_at=now, content_type=hashed.content_type, text=text, url=post.url,
        platform=post.platform.strip(), posted_at=post.posted_at, signals=hashed.values,
        fingerprint=fingerprint,
        content_file=stored, content_mime=hashed.mime if stored else "", language=language.detect(text),
        matches=[{"entry": m.entry.pk, "signal": m.signal, "distance": m.distance, "similarity": m.similarity}
                 for m in report.matches],
    )  # fmt: skip
    earlier = (
        Submission.objects.filter(fingerprint=fingerprint, decision="not").order_by("decided_at").first()
    )
    if earlier is not None:
        submission.decision, submission.decided_at = "not", now
        submission.note = f"Decided before: not propaganda (submission {earlier.pk})."
    submission.save()
    return submission


def parse_bulk(data: bytes, filename: str = "") -> list[dict]:
    """Rows of a bulk export of posts (CSV with a header, or a JSON list): text, url, platform, time (ISO
    8601), media (the name of a file uploaded with it). ImportRefused with one message per bad row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PeaceError("the export is not UTF-8 text") from None
    if not text.strip():
        raise PeaceError("the export is empty")
    if filename.lower().endswith(".json") or text.lstrip()[:1] in "[{":
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PeaceError(f"not valid JSON: {exc}") from None
        if isinstance(rows, dict) and isinstance(rows.get("posts"), list):
            rows = rows["posts"]
        if not isinstance(rows, list):
            raise PeaceError("a JSON export is a list of posts")
        numbered = list(enumerate(rows, start=1))
    else:
        reader = csv.DictReader(io.StringIO(text))
        names = {(n or "").strip().lower() for n in reader.fieldnames or []}
        if not names & {"text", "url", "media"}:
            raise PeaceError("the CSV header needs at least one of the columns text, url, media")
        numbered = [
            (reader.line_num, {(k or "").strip().lower(): v for k, v in row.items()}) for row in reader
        ]
    if len(numbered) > MAX_BULK_ROWS:
        raise PeaceError(f"more than {MAX_BULK_ROWS} posts; split the export")
    return numbered


def submit_bulk(user, data: bytes, filename: str = "", media: dict[str, bytes] | None = None, *, now=None):
    """Submit every post of an export; a bad row refuses the whole export (one message per bad row)."""
    if not policy.can_submit_for_triage(user):
        raise NotAllowed("you may not submit content for triage")
    media = media or {}
    prepared, problems = [], []
    for number, row in parse_bulk(data, filename):
        try:
            if not isinstance(row, dict):
                raise PeaceError("not an object")
            values = {k: row.get(k) or "" for k in ("text", "url", "platform", "time", "media")}
            if not all(isinstance(v, str) for v in values.values()):
                raise PeaceError("text, url, platform, time and media must be text")
            posted_at = None
            if values["time"].strip():
                try:
                    posted_at = stix.parse_timestamp(values["time"].strip())
                except stix.StixError:
                    posted_at = _iso(values["time"].strip())
            file_name = values["media"].strip()
            if file_name and file_name not in media:
                raise PeaceError(f"media file {file_name!r} was not uploaded with the export")
            post = Post(
                media.get(file_name), values["text"], values["url"].strip(), values["platform"], posted_at
            )
            prepared.append((post, *_prepare(post)))
        except PeaceError as exc:
            problems.append(f"row {number}: {exc}")
    if problems:
        raise ImportRefused(problems)
    if not prepared:
        raise PeaceError("the export has no posts")
    now = now or timezone.now()
    with transaction.atomic():
        return [_create(user, post, hashed, fingerprint, now=now) for post, hashed, fingerprint in prepared]


def _iso(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise PeaceError(f"time {value!r} is not an ISO 8601 date and time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def queue(user, team: str):
    """The pending submissions of a language team's queue, oldest first."""
    if not policy.can_triage(user):
        raise NotAllowed("you may not see the triage queue")
    return Submission.objects.filter(decision="", language=team)


def decide(
    user, submission: Submission, decision: str, *, entry: BankEntry | None = None, bank: Bank | None = None,
    labels: services.Labels | None = None, note: str = "", now: datetime | None = None,
) -> Submission:  # fmt: skip
    if not policy.can_triage(user):
        raise NotAllowed("you may not decide on submissions")
    if decision not in DECISIONS:
        raise PeaceError(f"the decision is one of {', '.join(DECISIONS)}")
    now = now or timezone.now()
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.decision:
            raise PeaceError(f"submission {locked.pk} was already decided: {locked.decision}")
        if decision == "known":
            if entry is None:
                raise PeaceError("known propaganda: choose the bank entry it is")
            if not policy.can_see_entry(user, entry):
                raise NotAllowed("you may not see that entry")
            locked.entry = entry
        elif decision == "new":
            if bank is None:
                raise PeaceError("new propaganda: choose the bank to add it to")
            locked.entry = _bank_it(user, locked, bank, labels or services.Labels(), now)
        locked.decision, locked.decided_by, locked.decided_at = decision, user, now
        locked.note = (note or "").strip()[:2000]
        locked.save()
    return locked


def _bank_it(user, submission: Submission, bank: Bank, labels: services.Labels, now) -> BankEntry:
    if submission.content_file:
        data = content.load(submission.content_file)
        return services.add_content(user, bank, data, labels, keep_content=True, now=now)
    if submission.text:
        return services.add_text(user, bank, submission.text, labels, now=now)
    return services.add_url(user, bank, submission.url, labels, now=now)


def figures(user) -> dict:
    """Counts of decided submissions by decision, language, label (the entry's behaviour) and ISO week; and
    the pending ones by language."""
    if not policy.can_triage(user):
        raise NotAllowed("you may not see the triage figures")
    decided = Submission.objects.exclude(decision="")
    by_week = (
        decided.annotate(year=ExtractIsoYear("decided_at"), week=ExtractWeek("decided_at"))
        .values("year", "week").annotate(n=Count("pk")).order_by("year", "week")
    )  # fmt: skip
    return {
        "by_decision": dict(decided.values_list("decision").annotate(n=Count("pk")).order_by("decision")),
        "by_language": dict(decided.values_list("language").annotate(n=Count("pk")).order_by("language")),
        "by_label": dict(
            decided.exclude(entry=None)
            .values_list("entry__behaviour")
            .annotate(n=Count("pk"))
            .order_by("entry__behaviour")
        ),
        "by_week": {f"{row['year']}-W{row['week']:02d}": row["n"] for row in by_week},
        "pending": dict(
            Submission.objects.filter(decision="")
            .values_list("language")
            .annotate(n=Count("pk"))
            .order_by("language")
        ),
    }


def preview(user, submission: Submission) -> bytes:
    if not policy.can_triage(user):
        raise NotAllowed("you may not see submissions")
    if submission.content_type != "image" or not submission.content_file:
        raise PeaceError("this submission has no image")
    return content.blurred_preview(content.load(submission.content_file))


def reveal(user, submission: Submission):
    """The submission's text and file, for a reviewer who chose to see them; audited (peace/reveal.py)."""
    from hotline.peace import reveal as revealing

    return revealing.submission(user, submission)
