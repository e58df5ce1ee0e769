"""Import and export of STIX bundles from files (the CLI's `import` and `export`)."""

import contextlib
import gc
import sys
import time
from pathlib import Path

from hotline import stix
from hotline.access import policy
from hotline.audit.services import record
from hotline.intel import queries
from hotline.intel import services as intel
from hotline.intel.models import Collection

# 50 chunks (100,000 objects) a commit. At a million stored objects each new object lands on a random leaf of
# the two indexes keyed by STIX id; a commit writes every page it changed to the WAL and the checkpoint writes
# them again, so the fewer commits, the fewer times the same leaves are written (docs/benchmarks.md, 3h). The
# node's other writers wait while such a batch is written (about ten seconds).
CHUNKS_PER_TRANSACTION = 50


def _progress_printer(quiet: bool):
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        if quiet:
            return
        rate = done / max(time.monotonic() - started, 1e-6)
        end = "\n" if done == total else ""
        print(f"\r  {done:,}/{total:,} objects ({100 * done // max(total, 1)}%, {rate:,.0f}/s)", end=end,
              file=sys.stderr, flush=True)  # fmt: skip

    return show


@contextlib.contextmanager
def _collector_paused():
    """The cyclic garbage collector off while a file is parsed: every object parsed stays alive, and the
    collector, triggered by the allocations, walked them again and again (a 1,000,000-object bundle took
    13.5 s to parse with it, 4.4 s without)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_file(path: Path, collection: Collection, *, quiet: bool = False) -> int:
    """Store a file's valid objects; report each rejected one by id and why. Exit code: 0 all stored,
    1 some rejected (the valid ones are stored), 2 the file is unusable (nothing stored)."""
    try:
        with _collector_paused():
            objects = stix.extract_objects(stix.loads(path.read_bytes()))
    except OSError as exc:
        print(f"hotline: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    except stix.EnvelopeError as exc:
        print(
            f"hotline: {path} is not a STIX bundle or TAXII envelope: {exc}; nothing imported",
            file=sys.stderr,
        )
        return 2
    print(f"Importing {len(objects):,} objects from {path} into {collection.alias}", file=sys.stderr)
    # The parsed file stays alive through the import: spare the cyclic garbage collector from walking it again
    # and again (6% of the writing process's time at 1,000,000 objects).
    gc.freeze()
    try:
        result = intel.add_objects(
            collection,
            objects,
            progress=_progress_printer(quiet),
            chunks_per_transaction=CHUNKS_PER_TRANSACTION,
        )
    finally:
        gc.unfreeze()
    intel.update_statistics()  # the query plans of a store that just grew
    for failure in result.failures:
        label = failure.id or "(object without an id)"
        version = f" version {failure.version}" if failure.version else ""
        print(f"rejected {label}{version}: {failure.message}", file=sys.stderr)
    print(f"Stored {len(result.successes):,}, rejected {len(result.failures):,}", file=sys.stderr)
    record("import", target=collection.alias, detail={"file": str(path), "stored": len(result.successes),
                                                      "rejected": len(result.failures)})  # fmt: skip
    return 1 if result.failures else 0


class ExportRefused(ValueError):
    """The export is not allowed (the user's role, or a handling code); nothing is written."""


def export_bundle(path: Path, collection: Collection | None, *, user, all_versions: bool = False) -> int:
    """Write a STIX 2.1 bundle of what `user` may see (of one collection, or of every collection they may
    read), streaming the stored canonical JSON; returns the number of objects. The access policy decides
    what is included, and refuses the whole export (writing nothing) if a handling code forbids exporting
    any object in it."""
    from hotline.federation.services import node_identity_id

    if not policy.can_export(user):
        raise ExportRefused(
            f"{user.get_username()} may not export intelligence (their roles lack intel.export)"
        )
    if collection is not None and not policy.can_read_collection(user, collection):
        raise ExportRefused(f"no collection {collection.alias!r} that {user.get_username()} may read")
    home = node_identity_id()
    bundle_id = stix.make_bundle([])["id"]
    count, refusals = 0, []
    tmp = path.with_name(path.name + ".partial")
    try:
        with tmp.open("w", encoding="utf-8") as out:
            out.write('{"type":"bundle","id":"' + bundle_id + '","objects":[')
            entries = policy.readable_entries(user, collection)
            for body in queries.entry_bodies(entries, latest_only=not all_versions):
                if '"handling_code"' in body:
                    refusal = policy.export_refusal(user, stix.loads(body), home_identity=home)
                    if refusal:
                        refusals.append(refusal)
                        continue
                out.write(("," if count else "") + body)
                count += 1
            out.write("]}\n")
        if refusals:
            raise ExportRefused("export refused, nothing written:\n  " + "\n  ".join(refusals))
        tmp.replace(path)  # a reader never sees a half-written bundle
        record("export", target=collection.alias if collection else "*",
               detail={"file": str(path), "objects": count, "all_versions": all_versions})  # fmt: skip
    finally:
        tmp.unlink(missing_ok=True)
    return count
