"""On PostgreSQL, a full-text index over the bodies of the named, human-facing object types
(`hotline.intel.text`). SQLite has nothing to build. At 1,000,000 stored objects the index took 68 s to
build and 198 MB (docs/benchmarks.md)."""

from django.db import migrations

# Frozen here: a later change of hotline.intel.text.SEARCHABLE_TYPES needs a migration of its own.
TYPES = (
    "threat-actor", "intrusion-set", "campaign", "indicator", "malware", "tool", "attack-pattern",
    "infrastructure", "location", "identity", "report", "vulnerability",
)  # fmt: skip
CREATE = (
    "CREATE INDEX IF NOT EXISTS intel_object_text ON intel_stixobject "
    "USING gin (to_tsvector('simple'::regconfig, body::jsonb)) WHERE type IN ({})"
).format(", ".join(f"'{t}'" for t in TYPES))
DROP = "DROP INDEX IF EXISTS intel_object_text"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("intel", "0002_fewer_indexes")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
