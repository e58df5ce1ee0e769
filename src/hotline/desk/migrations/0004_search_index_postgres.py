"""On PostgreSQL, a GIN index for the desk's full-text search; SQLite needs none (LIKE on the column)."""

from django.db import migrations

INDEX = "desk_message_search_text_fts"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON desk_message "
            "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, '')))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("desk", "0003_link_notifications")]
    operations = [migrations.RunPython(create_index, drop_index)]
