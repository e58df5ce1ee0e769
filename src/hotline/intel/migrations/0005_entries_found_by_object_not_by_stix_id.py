"""The entries table loses its index keyed by the STIX id (docs/benchmarks.md, 3k).

A STIX id is a random UUID, so each stored entry landed on a random leaf page of `intel_entry_id`, and each
commit of a thousand objects into a large store wrote a thousand such pages again. Entries are now found by
id through the object table's `(stix_id, version)` index and the entries' `obj_id` (`intel.queries.with_ids`).
Dropping an index changes no row, on SQLite as on PostgreSQL.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("intel", "0004_object_text_search_reads_nul_as_a_space"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="collectionentry", name="intel_entry_id"),
    ]
