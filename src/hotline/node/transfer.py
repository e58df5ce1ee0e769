"""Import and export of STIX bundles from files (the CLI's `import` and `export`)."""

import sys
import time
from pathlib import Path

from hotline import stix
from hotline.audit.services import record
from hotline.intel import queries
from hotline.intel import services as intel
from hotline.intel.models import Collection


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


def import_file(path: Path, collection: Collection, *, quiet: bool = False) -> int:
    """Store a file's valid objects; report each rejected one by id and why. Exit code: 0 all stored,
    1 some rejected (the valid ones are stored), 2 the file is unusable (nothing stored)."""
    try:
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
    result = intel.add_objects(collection, objects, progress=_progress_printer(quiet))
    for failure in result.failures:
        label = failure.id or "(object without an id)"
        version = f" version {failure.version}" if failure.version else ""
        print(f"rejected {label}{version}: {failure.message}", file=sys.stderr)
    print(f"Stored {len(result.successes):,}, rejected {len(result.failures):,}", file=sys.stderr)
    record("import", target=collection.alias, detail={"file": str(path), "stored": len(result.successes),
                                                      "rejected": len(result.failures)})  # fmt: skip
    return 1 if result.failures else 0


def export_bundle(path: Path, collection: Collection | None, *, all_versions: bool = False) -> int:
    """Write a STIX 2.1 bundle, streaming the stored canonical JSON; returns the number of objects."""
    bundle_id = stix.make_bundle([])["id"]
    count = 0
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("w", encoding="utf-8") as out:
        out.write('{"type":"bundle","id":"' + bundle_id + '","objects":[')
        for body in queries.all_bodies(collection, latest_only=not all_versions):
            out.write(("," if count else "") + body)
            count += 1
        out.write("]}\n")
    tmp.replace(path)  # a reader never sees a half-written bundle
    record("export", target=collection.alias if collection else "*",
           detail={"file": str(path), "objects": count, "all_versions": all_versions})  # fmt: skip
    return count
