"""The audit trail is append-only in the database too: triggers refuse UPDATE and DELETE (and, on
PostgreSQL, TRUNCATE) of audit records, whatever program opens the database. The chain head row starts at
record 0 with the genesis hash."""

from django.db import migrations

MESSAGE = "the audit trail is append-only"

SQLITE = [
    f"CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS audit_record_no_update", "DROP TRIGGER IF EXISTS audit_record_no_delete"]

POSTGRESQL = [
    "CREATE OR REPLACE FUNCTION audit_record_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$",
    "CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record "
    "FOR EACH ROW EXECUTE FUNCTION audit_record_refuse()",
    "CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse()",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_record_append_only ON audit_record",
    "DROP TRIGGER IF EXISTS audit_record_no_truncate ON audit_record",
    "DROP FUNCTION IF EXISTS audit_record_refuse()",
]


def _run(statements: dict):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


def create_head(apps, schema_editor):
    apps.get_model("audit", "ChainHead").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
        migrations.RunPython(create_head, migrations.RunPython.noop),
    ]
