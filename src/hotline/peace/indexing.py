"""Building the matching index, in the worker only (never inside a request).

A bank change marks the index stale (`services.request_index_rebuild`: `IndexState.requested_at`); the
worker's job `rebuild_if_stale` (every `PEACE_INDEX_INTERVAL` seconds, and enqueued on each change) builds a
PDQ index, text indexes and a vPDQ index of the videos' frames (`peace.index`) over the entries of enabled
banks, writes them under `DATA_DIR/peace/index/` as a new generation (temporary name, then rename), and
records the generation; web processes load a generation once and answer from memory
(`matching.current_indexes`).
"""

import logging
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hotline.peace.models import BankEntry, IndexState

log = logging.getLogger(__name__)
KEEP_GENERATIONS = 2


def index_dir() -> Path:
    return Path(settings.DATA_DIR) / "peace" / "index"


def paths(generation: int) -> tuple[Path, Path, Path, Path]:
    """The PDQ index, the text index, the index of the diacritic-folded texts and the vPDQ index of a
    generation."""
    folder = index_dir()
    return tuple(folder / f"{kind}-{generation}.idx" for kind in ("pdq", "text", "folded", "vpdq"))


def matchable_entries():
    """Entries that match: those of enabled banks, not revoked."""
    return BankEntry.objects.filter(bank__enabled=True, revoked_at=None)


def text_threshold() -> float:
    from hotline.peace import signals

    return settings.PEACE_TEXT_THRESHOLD or signals.DEFAULT_TEXT_THRESHOLD


def is_stale(state: IndexState | None = None) -> bool:
    state = state or IndexState.objects.filter(pk=1).first()
    if state is None:
        return True
    return (
        state.built_at is None
        or (state.requested_at is not None and state.requested_at > state.built_from)
        or not paths(state.generation)[3].exists()  # built before videos were indexed, or files lost
    )


def rebuild_if_stale(progress: Callable[[str], None] | None = None) -> bool:
    state, _ = IndexState.objects.get_or_create(pk=1)
    if not is_stale(state):
        return False
    rebuild(progress=progress)
    return True


def rebuild(progress: Callable[[str], None] | None = None) -> IndexState:
    from hotline.peace.index import PdqIndex, TextIndex, VpdqIndex

    say = progress or (lambda message: log.info("%s", message))
    started = timezone.now()
    state, _ = IndexState.objects.get_or_create(pk=1)
    requested = state.requested_at or started
    entries = matchable_entries()
    pdq_items = list(entries.exclude(pdq="").values_list("pk", "pdq").iterator(chunk_size=10000))
    say(f"PDQ index: {len(pdq_items)} hashes")
    pdq_index = PdqIndex.build(pdq_items)
    text_items = list(entries.exclude(text="").values_list("pk", "text").iterator(chunk_size=10000))
    say(f"text index: {len(text_items)} texts")
    text_index = TextIndex.build(text_items, threshold=text_threshold())
    folded_index = TextIndex.build(text_items, threshold=text_threshold(), folded=True)
    video_items = list(entries.exclude(vpdq="").values_list("pk", "vpdq").iterator(chunk_size=1000))
    vpdq_index = VpdqIndex.build(video_items)
    say(f"vPDQ index: {len(video_items)} videos, {len(vpdq_index.owners)} frames")
    generation = state.generation + 1
    files = paths(generation)
    files[0].parent.mkdir(parents=True, exist_ok=True)
    for index, path in zip((pdq_index, text_index, folded_index, vpdq_index), files, strict=True):
        temporary = path.with_suffix(".tmp")
        index.save(temporary)
        temporary.replace(path)
    with transaction.atomic():
        IndexState.objects.filter(pk=state.pk).update(
            built_at=timezone.now(), built_from=requested, generation=generation,
            pdq_count=len(pdq_items), text_count=len(text_items),
        )  # fmt: skip
    _remove_old(generation)
    say(f"index generation {generation} built in {(timezone.now() - started).total_seconds():.1f} s")
    return IndexState.objects.get(pk=state.pk)


def _remove_old(generation: int) -> None:
    for old in range(max(0, generation - 10), generation - KEEP_GENERATIONS + 1):
        for path in paths(old):
            path.unlink(missing_ok=True)
