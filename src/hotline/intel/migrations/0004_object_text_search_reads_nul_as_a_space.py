"""On PostgreSQL, the full-text index of 0003 rebuilt on an expression that reads the escape \\u0000 as a
space: `body::jsonb` refuses it, so an object with a NUL in a string could not be stored once 0003 ran
(`hotline.intel.text.BodyWords`). 0003 built it in 61 s at 1,000,000 stored objects (docs/operations.md);
this rebuild was not timed at that size."""

import importlib

from django.db import migrations

FIRST = importlib.import_module("hotline.intel.migrations.0003_object_text_search_on_postgresql")
# Frozen here as in 0003: escaped backslashes become \u005c first, so what remains of "\u0000" is a NUL.
CREATE = (
    "CREATE INDEX IF NOT EXISTS intel_object_text ON intel_stixobject USING gin "
    r"(to_tsvector('simple'::regconfig, replace(replace(body, '\\', '\u005c'), '\u0000', '\u0020')::jsonb)) "
    "WHERE type IN ({})"
).format(", ".join(f"'{t}'" for t in FIRST.TYPES))


def _rebuild(create):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(FIRST.DROP)
            schema_editor.execute(create)

    return run


class Migration(migrations.Migration):
    dependencies = [("intel", "0003_object_text_search_on_postgresql")]

    operations = [migrations.RunPython(_rebuild(CREATE), _rebuild(FIRST.CREATE))]
