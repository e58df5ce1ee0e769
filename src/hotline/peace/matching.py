"""Matching content against the banks: exact signals (MD5, SHA-256, text SHA-256 and its folded twin, URL)
by the database; near ones (PDQ within the distance threshold, text at or above the Jaccard threshold) by the
index the worker built (`indexing`), loaded once per generation and kept in memory. Only enabled banks match.
Videos by their vPDQ (per-frame PDQ; `_video_matches`, frames looked up in the worker-built index).
Thresholds: `PEACE_PDQ_THRESHOLD` (31 of 256 bits, for images and video frames), `PEACE_TEXT_THRESHOLD`
(peace.signals' default) and `PEACE_VPDQ_MATCH_PERCENT` (80: the share of both videos' frames that must
match)."""

import threading
from dataclasses import dataclass, field

from django.conf import settings

from hotline.access import policy
from hotline.peace import indexing, services, signals
from hotline.peace.errors import NotAllowed, PeaceError
from hotline.peace.models import BankEntry, IndexState

EXACT_SIGNALS = ("md5", "sha256", "text_sha256", "text_folded_sha256", "url")


@dataclass
class Match:
    entry: BankEntry
    signal: str  # which signal matched
    distance: int | None = None  # PDQ
    similarity: float | None = None  # text Jaccard
    # vPDQ: the percentages of the query's frames and of the bank video's frames that found a match.
    frames: tuple[float, float] | None = None

    def as_dict(self) -> dict:
        entry = self.entry
        return {
            "entry": entry.pk,
            "stix_id": entry.stix_id,
            "bank": entry.bank.name,
            "signal": self.signal,
            "distance": self.distance,
            "similarity": None if self.similarity is None else round(self.similarity, 4),
            "vpdq": None
            if self.frames is None
            else {
                "query_match_percent": round(self.frames[0], 1),
                "compared_match_percent": round(self.frames[1], 1),
            },
            "content_type": entry.content_type,
            "organisation": entry.organisation,
            "behaviour": entry.behaviour,
            "tags": entry.tags,
            "tlp": entry.tlp,
            "source": entry.source.name if entry.source_id else None,
        }


@dataclass
class Report:
    content_type: str
    signals: dict[str, str]
    matches: list[Match] = field(default_factory=list)
    pdq_quality: int | None = None
    index_ready: bool = True
    hidden: int = 0  # matches of entries this user may not see (TLP:RED)

    def as_dict(self) -> dict:
        return {
            "content_type": self.content_type,
            "signals": self.signals,
            "pdq_quality": self.pdq_quality,
            "index_ready": self.index_ready,
            "matches": [m.as_dict() for m in self.matches],
        }


# --- the index, loaded per generation ----------------------------------------------------------------------

_lock = threading.Lock()
_loaded: dict = {"generation": None, "indexes": (None, None, None, None)}


def current_indexes():
    """(PdqIndex, TextIndex, folded TextIndex, VpdqIndex) of the newest generation the worker built; Nones
    before the first. Loaded once per generation and kept in memory."""
    from hotline.peace.index import PdqIndex, TextIndex, VpdqIndex

    state = IndexState.objects.filter(pk=1).values("generation", "built_at").first()
    if not state or state["built_at"] is None:
        return None, None, None, None
    pdq_path, text_path, folded_path, vpdq_path = indexing.paths(state["generation"])
    with _lock:
        if _loaded["generation"] != str(pdq_path):
            try:
                indexes = (
                    PdqIndex.load(pdq_path),
                    TextIndex.load(text_path),
                    TextIndex.load(folded_path),
                    # None for a generation built before videos were indexed (the worker rebuilds it).
                    VpdqIndex.load(vpdq_path) if vpdq_path.exists() else None,
                )
            except FileNotFoundError:
                return _loaded["indexes"]
            _loaded.update(generation=str(pdq_path), indexes=indexes)
        return _loaded["indexes"]


# --- matching ----------------------------------------------------------------------------------------------


def _require(user) -> None:
    if not policy.can_match(user):
        raise NotAllowed("you may not match content against the banks")


def match_content(user, data: bytes) -> Report:
    """Match a file (image, video, PDF) or UTF-8 text file."""
    _require(user)
    hashed = services.hash_content(data, check_quality=False)
    if hashed.content_type == "text":
        return match_text(user, hashed.text)
    report = Report(hashed.content_type, dict(hashed.values), pdq_quality=hashed.pdq_quality)
    _match(user, report, pdq=hashed.values.get("pdq"), vpdq=hashed.values.get("vpdq"))
    return report


def match_text(user, text: str) -> Report:
    _require(user)
    hashed = services.hash_text(text)
    report = Report("text", dict(hashed.values))
    _match(user, report, text=text)
    return report


def match_url(user, url: str) -> Report:
    _require(user)
    report = Report("url", {"url": services.check_url(url)})
    _match(user, report)
    return report


def match_signal(user, signal_type: str, value: str) -> Report:
    """One signal as given (HMA's GET /m/lookup): pdq, vpdq (HMA's JSON list of "pdqhex,quality,timestamp"
    frames, or the stored form), md5, sha256, text_sha256, text_folded_sha256, url."""
    _require(user)
    value = (value or "").strip()
    if signal_type == "vpdq":
        try:
            frames = signals.vpdq_from_signal(value)
        except signals.SignalError as exc:
            raise PeaceError(str(exc)) from None
        report = Report("video", {"vpdq": frames})
        _match(user, report, vpdq=frames)
        return report
    if signal_type == "pdq":
        if not signals.is_valid_pdq(value):
            raise PeaceError("pdq: 64 hexadecimal characters expected")
        report = Report("image", {"pdq": value.lower()})
        _match(user, report, pdq=value.lower())
        return report
    if signal_type not in EXACT_SIGNALS:
        raise PeaceError(
            f"no such signal type {signal_type!r} ({', '.join(('pdq', 'vpdq', *EXACT_SIGNALS))})"
        )
    if signal_type == "url":
        value = services.check_url(value)
    elif not all(c in "0123456789abcdefABCDEF" for c in value) or len(value) not in (32, 64):
        raise PeaceError(f"{signal_type}: a hexadecimal digest expected")
    report = Report("", {signal_type: value if signal_type == "url" else value.lower()})
    _match(user, report)
    return report


def find_matches(hashed: services.Hashed) -> Report:
    """Every match of content already hashed, whoever may see it (for the triage queue, which stores them)."""
    report = Report(hashed.content_type, dict(hashed.values), pdq_quality=hashed.pdq_quality)
    _match(
        None, report, pdq=hashed.values.get("pdq"), text=hashed.text or None, vpdq=hashed.values.get("vpdq")
    )
    return report


def _match(user, report: Report, *, pdq: str | None = None, text: str | None = None, vpdq: str | None = None):
    found: dict[int, Match] = {}
    exact = {name: value for name, value in report.signals.items() if name in EXACT_SIGNALS}
    matchable = indexing.matchable_entries().select_related("bank", "source")
    for name, value in exact.items():
        for entry in matchable.filter(**{name: value}):
            found.setdefault(entry.pk, Match(entry, name, distance=0 if name != "url" else None))
    if pdq or text or vpdq:
        pdq_index, text_index, folded_index, vpdq_index = current_indexes()
        report.index_ready = pdq_index is not None
    if vpdq and vpdq_index is not None:
        for entry, percents in _video_matches(matchable, vpdq_index, vpdq):
            found.setdefault(entry.pk, Match(entry, "vpdq", frames=percents))
    if pdq or text:
        near: dict[int, tuple[str, int | None, float | None]] = {}
        if pdq and pdq_index is not None:
            for entry_id, distance in pdq_index.query(pdq, settings.PEACE_PDQ_THRESHOLD):
                near[entry_id] = ("pdq", int(distance), None)
        if text and text_index is not None:
            threshold = indexing.text_threshold()
            for entry_id, similarity in text_index.query(text, threshold):
                near.setdefault(entry_id, ("text", None, float(similarity)))
            for entry_id, similarity in folded_index.query(text, threshold):
                near.setdefault(entry_id, ("text_folded", None, float(similarity)))
        if near:
            for entry in matchable.filter(pk__in=list(near)):
                signal, distance, similarity = near[entry.pk]
                found.setdefault(entry.pk, Match(entry, signal, distance=distance, similarity=similarity))
    # user None: the system itself (triage records every match; pages then show what each user may see).
    visible = [m for m in found.values() if user is None or policy.can_see_entry(user, m.entry)]
    report.hidden = len(found) - len(visible)
    report.matches = sorted(
        visible, key=lambda m: (m.distance if m.distance is not None else 0, -(m.similarity or 1), m.entry.pk)
    )


def _video_matches(matchable, vpdq_index, vpdq: str):
    """Video entries whose vPDQ matches: both frame-match percentages at least `PEACE_VPDQ_MATCH_PERCENT`
    (80, as ThreatExchange's VideoPDQSignal), frames within `PEACE_PDQ_THRESHOLD`. The query's frames are
    looked up in the worker-built index (index.VpdqIndex); the result equals the full scan
    (signals.vpdq_compare). Entries revoked or disabled since the last build drop out here, by `matchable`."""
    wanted = settings.PEACE_VPDQ_MATCH_PERCENT
    hits = {
        pk: (query_percent, target_percent)
        for pk, query_percent, target_percent in vpdq_index.query(vpdq, settings.PEACE_PDQ_THRESHOLD)
        if query_percent >= wanted and target_percent >= wanted
    }
    if not hits:
        return []
    return [(entry, hits[entry.pk]) for entry in matchable.filter(pk__in=list(hits))]
