"""Import of platform metrics (impressions, views, likes, shares, comments per post and day) from the CSV a
platform exports, matched to our publications by the post's URL. The format is in docs/reach-metrics-csv.md;
a sample in samples/post-metrics.csv.

Like the ambassador import: every row is validated first; a file with bad rows is refused whole with one
message per bad row (line, column, what is wrong) and nothing is written. A clean file is written in one
transaction; importing it again updates the same rows (one PostMetrics per publication and day), never
duplicates. Rows whose URL is none of our publications are skipped and listed (a platform exports every post
of an account, not only the campaign's).

The row-level helpers (`RowProblem`, `read_rows`, `parse_count`, `parse_day`, `find_columns`) are plain
functions with no knowledge of metrics, so the ambassador import and this one can share them."""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit

from django.db import transaction
from django.utils import timezone

from hotline.access import policy
from hotline.peace.campaigns.models import PostMetrics, Publication
from hotline.peace.campaigns.reach_errors import NotAllowed, ReachError

MAX_BYTES = 20 * 1024 * 1024
MAX_COUNT = 2_000_000_000  # PositiveIntegerField holds up to 2^31 - 1 on every database
METRICS = ("impressions", "views", "likes", "shares", "comments")

# Our column names, then the names the platforms' exports use for the same thing (compared lower-case, with
# spaces, dashes and underscores alike): Facebook/Instagram (Meta Business Suite), X (Twitter) analytics,
# YouTube Studio, TikTok.
COLUMNS: dict[str, tuple[str, ...]] = {
    "post_url": (
        "post_url", "url", "permalink", "link", "post_link", "post_permalink", "tweet_permalink",
        "video_link", "video_url", "content_url",
    ),
    "date": ("date", "day", "measured_on", "reporting_date", "date_(utc)", "time"),
    "impressions": ("impressions", "post_impressions", "reach"),
    "views": ("views", "video_views", "plays", "video_plays", "3_second_video_views", "total_play"),
    "likes": ("likes", "reactions", "post_reactions", "like_count", "total_like"),
    "shares": ("shares", "retweets", "reposts", "total_share"),
    "comments": ("comments", "replies", "total_comments"),
}  # fmt: skip
REQUIRED = ("post_url", "date")


@dataclass(frozen=True)
class RowProblem:
    line: int  # the line of the file (the header is line 1)
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


class ImportRefused(ReachError):
    """The file was refused whole: `problems` says where and why; nothing was imported."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(f"the file was not imported: {shown}{more}")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unmatched: list[tuple[int, str]] = field(default_factory=list)  # (line, URL) of rows of no publication


# --- row helpers, shareable with the ambassador import ----------------------------------------------------


def _key(name: str) -> str:
    return re.sub(r"[\s\-_]+", "_", (name or "").strip().lower())


def read_rows(data: bytes, *, max_bytes: int = MAX_BYTES) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line, cells) of each non-empty row of a UTF-8 CSV (comma, semicolon or tab)."""
    if len(data) > max_bytes:
        raise ImportRefused([RowProblem(0, "-", f"the file is larger than {max_bytes // (1024 * 1024)} MB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused([RowProblem(0, "-", f"the file is not UTF-8 text ({exc.reason})")]) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused([RowProblem(1, "-", "the file is empty")]) from None
    rows = []
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise ImportRefused([RowProblem(reader.line_num, "-", f"not valid CSV: {exc}")]) from None
    return header, rows


def find_columns(header: list[str], columns: dict[str, tuple[str, ...]], required: tuple[str, ...]):
    """{our name: index} of the header's columns, by our names or their aliases; problems for missing ones."""
    index: dict[str, int] = {}
    problems = []
    keys = [_key(h) for h in header]
    for name, aliases in columns.items():
        for alias in aliases:
            if alias in keys:
                index[name] = keys.index(alias)
                break
    for name in required:
        if name not in index:
            problems.append(
                RowProblem(1, name, "this column is missing (" + ", ".join(columns[name][:4]) + ")")
            )
    return index, problems


def parse_count(value: str) -> int:
    """A non-negative whole number; empty is 0; thousands separators (1,234 / 1.234 / 1 234) are accepted."""
    cleaned = re.sub(r"[\s,.\u00a0']", "", value or "")
    if not cleaned:
        return 0
    if not cleaned.isdigit():
        raise ValueError(f"{value!r} is not a whole number of 0 or more")
    number = int(cleaned)
    if number > MAX_COUNT:
        raise ValueError(f"{value!r} is too large")
    return number


_MONTH_DAY_YEAR = ("%b %d, %Y", "%B %d, %Y")  # YouTube Studio: "Jul 10, 2025"


def parse_day(value: str) -> date:
    """A day as YYYY-MM-DD (a time after it, as "2025-07-10T00:00:00" or "2025-07-10 08:00", is ignored),
    or as YouTube writes it ("Jul 10, 2025")."""
    value = (value or "").strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?\Z", value)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        for pattern in _MONTH_DAY_YEAR:
            try:
                return datetime.strptime(value, pattern).date()
            except ValueError:
                continue
    except ValueError:
        pass
    raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD")


# --- metrics ------------------------------------------------------------------------------------------------


def normalise_url(url: str) -> str:
    """The form URLs are compared in: scheme and host lower-case, no fragment, no trailing slash, no
    `www.`; the path and query as they are."""
    parts = urlsplit((url or "").strip())
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/"), parts.query, ""))


@dataclass
class _Row:
    line: int
    url: str
    day: date
    counts: dict


def validate(data: bytes) -> list[_Row]:
    header, rows = read_rows(data)
    index, problems = find_columns(header, COLUMNS, REQUIRED)
    if not any(name in index for name in METRICS):
        problems.append(RowProblem(1, "-", "no metric column (impressions, views, likes, shares, comments)"))
    if problems:
        raise ImportRefused(problems)
    parsed, seen = [], {}
    for line, cells in rows:

        def cell(name: str, cells=cells) -> str:
            position = index.get(name)
            return cells[position] if position is not None and position < len(cells) else ""

        row_problems = []
        url = cell("post_url").strip()
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https") or not urlsplit(url).netloc:
            row_problems.append(
                RowProblem(line, header[index["post_url"]], f"{url[:80]!r} is not an http(s) URL")
            )
        day = None
        try:
            day = parse_day(cell("date"))
        except ValueError as exc:
            row_problems.append(RowProblem(line, header[index["date"]], str(exc)))
        counts = {}
        for name in METRICS:
            if name in index:
                try:
                    counts[name] = parse_count(cell(name))
                except ValueError as exc:
                    row_problems.append(RowProblem(line, header[index[name]], str(exc)))
        if not row_problems:
            key = (normalise_url(url), day)
            if key in seen:
                row_problems.append(
                    RowProblem(line, header[index["date"]], f"the same post and day as line {seen[key]}")
                )
            seen[key] = line
        problems += row_problems
        parsed.append(_Row(line, url, day, counts))
    if problems:
        raise ImportRefused(problems)
    return parsed


def import_metrics(user, data: bytes, *, now: datetime | None = None) -> ImportResult:
    """Validate the whole file, then write it in one transaction (or nothing)."""
    if not policy.can_manage_campaigns(user):
        raise NotAllowed("only a campaign coordinator imports metrics")
    rows = validate(data)
    now = now or timezone.now()
    publications = {
        normalise_url(url): pk
        for pk, url in Publication.objects.filter(
            assignment__brief__campaign__origin__isnull=True
        ).values_list("pk", "url")
    }
    result = ImportResult()
    wanted = []
    for row in rows:
        publication = publications.get(normalise_url(row.url))
        if publication is None:
            result.unmatched.append((row.line, row.url))
        else:
            wanted.append((publication, row))
    with transaction.atomic():
        existing = {
            (m.publication_id, m.measured_on): m
            for m in PostMetrics.objects.select_for_update().filter(publication_id__in={p for p, _ in wanted})
        }
        new, changed = [], []
        for publication, row in wanted:
            metrics = existing.get((publication, row.day))
            if metrics is None:
                new.append(PostMetrics(publication_id=publication, measured_on=row.day, imported_at=now,
                                       **row.counts))  # fmt: skip
            else:
                for name, value in row.counts.items():
                    setattr(metrics, name, value)
                metrics.imported_at = now
                changed.append(metrics)
        PostMetrics.objects.bulk_create(new, batch_size=500)
        PostMetrics.objects.bulk_update(changed, [*METRICS, "imported_at"], batch_size=500)
    result.created, result.updated = len(new), len(changed)
    return result
