"""The ambassador CSV import (the format: docs/ambassadors-csv.md; a sample: samples/ambassadors.csv).

Every row is checked; a file with any bad row is refused whole (`ImportRefused`, one message per bad row
naming its line and columns) and nothing is imported. A clean file is written in one transaction with bulk
operations: rows are matched on `external_id`, so a re-import updates (or leaves unchanged) and never
duplicates; ambassadors absent from the file are left as they are.

The reading and checking helpers (`read_table`, `Row`, the `parse_*` functions, `refuse_if_problems`) are
meant for every CSV import of the campaigns (the platform metrics import uses them too): a parser takes the
cell's text and returns the value, or raises ValueError with what is wrong.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from hotline.audit import services as audit
from hotline.peace.campaigns import provinces
from hotline.peace.campaigns.models import LANGUAGES, SKILLS, Ambassador, Bootcamp
from hotline.peace.errors import ImportRefused, NotAllowed, PeaceError

MAX_BYTES = 5 * 1024 * 1024  # about 25,000 ambassadors; the web form refuses larger files
MAX_ROWS = 50_000
BATCH = 500

COLUMNS = (
    "external_id", "name", "email", "province", "region", "languages", "skills", "cohort", "channels",
    "active", "active_since",
)  # fmt: skip
REQUIRED = ("external_id", "name", "province", "languages", "skills")
# Fields of Ambassador an import writes (compared to tell an update from an unchanged row).
FIELDS = (
    "name", "email", "province", "region", "languages", "skills", "cohort_id", "channels", "active",
    "active_since", "search_text",
)  # fmt: skip

_LIST_SEPARATORS = re.compile(r"[\s,;|/]+")
_CHANNEL_SEPARATORS = re.compile(r"[\s|]+")
_EXTERNAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$")
_TRUE = {"yes", "y", "true", "1", "ya", "co", "active", "aktif"}
_FALSE = {"no", "n", "false", "0", "tidak", "khong", "inactive", "nonaktif", "tidak aktif"}
_PLATFORMS = {
    "instagram.com": "instagram", "facebook.com": "facebook", "fb.com": "facebook", "tiktok.com": "tiktok",
    "youtube.com": "youtube", "youtu.be": "youtube", "x.com": "x", "twitter.com": "x",
    "threads.net": "threads",
    "linkedin.com": "linkedin", "medium.com": "medium", "wordpress.com": "blog", "blogspot.com": "blog",
    "kompasiana.com": "kompasiana", "zalo.me": "zalo", "t.me": "telegram",
}  # fmt: skip


# --- reading a CSV file -------------------------------------------------------------------------------------


@dataclass
class Row:
    """One data row: its line in the file (the header is line 1) and its cells by lower-case column name."""

    line: int
    cells: dict[str, str]
    problems: list[tuple[str, str]] = field(default_factory=list)

    def get(self, column: str, parse=None, *, required: bool = False):
        """The cell parsed by `parse` (text if None); None, and a problem noted, if it is wrong."""
        text = self.cells.get(column, "").strip()
        if not text:
            if required:
                self.problems.append((column, "is required"))
            return None if parse is not None else ""
        if parse is None:
            return text
        try:
            return parse(text)
        except ValueError as exc:
            self.problems.append((column, str(exc)))
            return None

    def message(self) -> str:
        return f"line {self.line}: " + "; ".join(f"column {c}: {p}" for c, p in self.problems)


def decode(data: bytes, what: str = "the file") -> str:
    """UTF-8 text (a byte-order mark is dropped; UTF-16, as Excel's "Unicode text", is read too); otherwise
    a clear refusal saying how to save the file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PeaceError(f"{what} starts like UTF-16 but is not valid UTF-16 text") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PeaceError(
            f"{what} is not UTF-8 text (line {line} has the byte 0x{data[exc.start]:02x}, probably a "
            "Windows or Excel legacy encoding); in Excel choose Save As > 'CSV UTF-8 (Comma delimited)', "
            "in LibreOffice tick 'Edit filter settings' and choose 'Unicode (UTF-8)'"
        ) from None


def read_table(data: bytes, columns: tuple[str, ...], required: tuple[str, ...], what: str = "the file"):
    """The header's columns and the non-empty rows of a CSV file. The separator is a comma, or a semicolon
    or tab when the header uses that instead (Excel in Indonesian or Vietnamese saves with `;`). Unknown
    or missing required columns, a row with more cells than the header, or too many rows: PeaceError."""
    text = decode(data, what)
    if not text.strip():
        raise PeaceError(f"{what} is empty")
    lines = text.splitlines()
    first = 0
    while first < len(lines) - 1 and not lines[first].strip():
        first += 1
    header_line = lines[first]
    if header_line.lower().startswith("sep=") and len(header_line.strip()) == 5:
        # Excel's hint of the separator on a line of its own, before the header.
        delimiter, first = header_line.strip()[4], first + 1
    else:
        delimiter = max((",", ";", "\t"), key=header_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        for _ in range(first):
            next(reader)
        header = next(reader)
    except (csv.Error, StopIteration) as exc:
        raise PeaceError(f"line {reader.line_num or 1}: {exc or 'no header'}") from None
    names = [(name or "").strip().lower().replace(" ", "_") for name in header]
    unknown = [name for name in names if name and name not in columns]
    missing = [name for name in required if name not in names]
    duplicated = sorted({name for name in names if name and names.count(name) > 1})
    if unknown or missing or duplicated:
        parts = []
        if missing:
            parts.append("missing column(s) " + ", ".join(missing))
        if unknown:
            parts.append("unknown column(s) " + ", ".join(unknown))
        if duplicated:
            parts.append("column(s) given twice: " + ", ".join(duplicated))
        raise PeaceError(
            f"line {reader.line_num} (the header): {'; '.join(parts)}. The columns are: {', '.join(columns)} "
            f"(required: {', '.join(required)}); the separator is a comma (a semicolon is accepted)"
        )
    rows, problems = [], []
    previous = reader.line_num
    try:
        for cells in reader:
            # A quoted cell may span lines: a row is named by the line it starts on.
            line, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(names):
                problems.append(
                    f"line {line}: {len(cells)} cells for {len(names)} columns (a {delimiter!r} in a cell "
                    'must be inside double quotes "…")'
                )
                continue
            rows.append(Row(line, {name: cell for name, cell in zip(names, cells, strict=False) if name}))
            if len(rows) > MAX_ROWS:
                raise PeaceError(f"{what} has more than {MAX_ROWS} rows; split it")
    except csv.Error as exc:
        raise PeaceError(f"line {reader.line_num}: {exc} (is a double quote left open?)") from None
    if problems:
        raise ImportRefused(problems)
    if not rows:
        raise PeaceError(f"{what} has a header but no rows")
    return names, rows


def refuse_if_problems(rows: list[Row]) -> None:
    """ImportRefused with one message per bad row, if any row has a problem."""
    bad = [row.message() for row in rows if row.problems]
    if bad:
        raise ImportRefused(bad)


# --- cell parsers: text -> value, or ValueError saying what is wrong ---------------------------------------


def parse_date(text: str) -> datetime.date:
    """YYYY-MM-DD, or DD/MM/YYYY (day first, as in Indonesia and Vietnam)."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (YYYY-MM-DD, or DD/MM/YYYY)")


def parse_count(text: str) -> int:
    """A whole number of zero or more (thousands separators `,` `.` or spaces allowed: "12,345")."""
    plain = re.sub(r"[\s,.](?=\d{3}(\D|$))", "", text)
    if not plain.isdigit():
        raise ValueError(f"{text!r} is not a whole number of zero or more")
    value = int(plain)
    if value > 2_000_000_000:
        raise ValueError(f"{text!r} is too large")
    return value


def parse_bool(text: str) -> bool:
    folded = provinces.normalise(text)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValueError(f"{text!r} is not yes or no")


def parse_email(text: str) -> str:
    try:
        EmailValidator()(text)
    except ValidationError:
        raise ValueError(f"{text!r} is not an e-mail address") from None
    return text


def parse_url(text: str) -> str:
    """An http(s) address."""
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        raise ValueError(f"{text!r} is not a web address (https://…)") from None
    if len(text) > 2000:
        raise ValueError("a web address of more than 2,000 characters")
    return text


def parse_choices(allowed: tuple[str, ...], what: str):
    """A parser of a list of codes among `allowed` (separated by spaces, commas, semicolons or |)."""

    def parse(text: str) -> list[str]:
        codes = [code.lower() for code in _LIST_SEPARATORS.split(text) if code]
        wrong = [code for code in codes if code not in allowed]
        if wrong:
            raise ValueError(f"{', '.join(map(repr, wrong))} not {what} ({', '.join(allowed)})")
        return list(dict.fromkeys(codes))

    return parse


# --- the ambassador rows ------------------------------------------------------------------------------------


def platform_of(url: str) -> str:
    host = re.sub(r"^https?://", "", url, flags=re.IGNORECASE).split("/")[0].split(":")[0].lower()
    host = host.removeprefix("www.").removeprefix("m.")
    for domain, platform in _PLATFORMS.items():
        if host == domain or host.endswith("." + domain):
            return platform
    return "web"


def parse_channels(text: str) -> list[dict]:
    """Web addresses separated by spaces or |: [{"platform": "instagram", "url": …}, …]."""
    channels = []
    for url in dict.fromkeys(u for u in _CHANNEL_SEPARATORS.split(text) if u):
        channels.append({"platform": platform_of(url), "url": parse_url(url)})
    if len(channels) > 20:
        raise ValueError("more than 20 channels")
    return channels


def parse_province(text: str) -> str:
    found = provinces.canonical(text)
    if found is None:
        raise ValueError(f"{text!r} is not a province of Indonesia or Vietnam")
    return found


def parse_external_id(text: str) -> str:
    if not _EXTERNAL_ID.match(text):
        raise ValueError(f"{text!r}: letters, digits and . _ : / - only, at most 64")
    return text


def _short(limit: int):
    def parse(text: str) -> str:
        if len(text) > limit:
            raise ValueError(f"more than {limit} characters")
        return text

    return parse


def search_text(name: str, external_id: str, email: str = "") -> str:
    return provinces.normalise(f"{name} {external_id} {email}")[:500]


def clean_ambassador(row: Row, cohorts: dict[str, int]) -> dict | None:
    """An Ambassador's fields from a row (problems are noted on the row; None then). `cohorts`: bootcamp
    code -> id. Used by the import and by the registry's form alike."""
    fields = {
        "external_id": row.get("external_id", parse_external_id, required=True),
        "name": row.get("name", _short(200), required=True),
        "email": row.get("email", parse_email) or "",
        "province": row.get("province", parse_province, required=True),
        "region": row.get("region", _short(100)) or "",
        "languages": row.get("languages", parse_choices(LANGUAGES, "language codes"), required=True),
        "skills": row.get("skills", parse_choices(SKILLS, "skills"), required=True),
        "channels": row.get("channels", parse_channels) or [],
        "active": row.get("active", parse_bool),
        "active_since": row.get("active_since", parse_date),
        "cohort_id": None,
    }
    if fields["active"] is None and not any(c == "active" for c, _ in row.problems):
        fields["active"] = True
    code = row.get("cohort")
    if code:
        fields["cohort_id"] = cohorts.get(code.lower())
        if fields["cohort_id"] is None:
            known = ", ".join(sorted(cohorts)[:10]) or "none yet: create the bootcamp first"
            row.problems.append(("cohort", f"{code!r} is not a bootcamp code (known: {known})"))
    if row.problems:
        return None
    fields["search_text"] = search_text(fields["name"], fields["external_id"], fields["email"])
    return fields


def cohort_codes() -> dict[str, int]:
    return {code.lower(): pk for code, pk in Bootcamp.objects.values_list("code", "id")}


@dataclass
class Result:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        return (
            f"{self.rows} row(s): {self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        )


def parse(data: bytes) -> list[dict]:
    """The ambassadors' fields of every row of a clean file; PeaceError / ImportRefused otherwise."""
    _, rows = read_table(data, COLUMNS, REQUIRED)
    cohorts, seen = cohort_codes(), {}
    cleaned = []
    for row in rows:
        fields = clean_ambassador(row, cohorts)
        external_id = (fields or {}).get("external_id")
        if external_id is not None:
            key = external_id.lower()
            if key in seen:
                row.problems.append(("external_id", f"{external_id!r} is on line {seen[key]} already"))
                fields = None
            else:
                seen[key] = row.line
        cleaned.append(fields)
    refuse_if_problems(rows)
    return cleaned


def import_ambassadors(actor, data: bytes, *, filename: str = "") -> Result:
    """Check the whole file, then create or update its ambassadors in one transaction (audited)."""
    from hotline.access import policy

    if not policy.can_manage_campaigns(actor):
        raise NotAllowed("importing ambassadors needs the campaigns.manage right")
    if len(data) > MAX_BYTES:
        raise PeaceError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it")
    try:
        rows = parse(data)
    except PeaceError as exc:
        problems = getattr(exc, "problems", None) or [str(exc)]
        audit.record(
            "campaigns.ambassadors.import_refused",
            actor=actor,
            target=filename or "ambassadors.csv",
            detail={"problems": len(problems), "first": problems[0][:300]},
        )
        raise
    result = Result()
    with transaction.atomic():
        ids = [row["external_id"] for row in rows]
        existing = {}
        for start in range(0, len(ids), BATCH):
            for ambassador in Ambassador.objects.filter(external_id__in=ids[start : start + BATCH]):
                existing[ambassador.external_id] = ambassador
        to_create, to_update = [], {}
        for row in rows:
            current = existing.get(row["external_id"])
            if current is None:
                to_create.append(Ambassador(**row))
                continue
            changed = tuple(name for name in FIELDS if getattr(current, name) != row[name])
            if changed:
                for name in changed:
                    setattr(current, name, row[name])
                to_update.setdefault(changed, []).append(current)
            else:
                result.unchanged += 1
        Ambassador.objects.bulk_create(to_create, batch_size=BATCH)
        now = timezone.now()
        # Grouped by the fields that changed: SQLite's bulk update writes one CASE per field, so writing
        # only the changed ones keeps a typical re-import (a few fields of some rows) fast.
        for changed, ambassadors in to_update.items():
            for ambassador in ambassadors:
                ambassador.updated_at = now
            Ambassador.objects.bulk_update(ambassadors, [*changed, "updated_at"], batch_size=BATCH)
        updated = sum(len(group) for group in to_update.values())
        result.created, result.updated = len(to_create), updated
        audit.record(
            "campaigns.ambassadors.import",
            actor=actor,
            target=filename or "ambassadors.csv",
            detail={"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
        )
    return result
