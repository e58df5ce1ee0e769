"""The access generation counter and the triggers that increase it (see AccessGeneration).

Triggers rather than Django signals: they also see `QuerySet.update()`, bulk deletes, the admin and SQL
run by hand. Columns that change without changing access (a token's `last_used_at`, a user's `last_login`,
a collection's `last_date_added`) do not fire them.
"""

from django.db import migrations, models

# (table, columns whose UPDATE changes access: None for every column)
WATCHED = [
    ("access_apitoken", ["user_id", "digest", "expires_at", "revoked_at", "all_collections", "can_read",
                         "can_write"]),
    ("access_apitoken_collections", None),
    ("access_collectiongrant", None),
    ("auth_user", ["username", "password", "is_active", "is_superuser"]),
    ("auth_user_groups", None),
    ("auth_group", ["name"]),
    ("intel_collection", ["alias", "title", "description"]),
    ("federation_partner", ["account_id", "outbound_id"]),
]  # fmt: skip
# A new value that no rolled-back transaction can have handed out before (so an entry cached inside a
# transaction that was rolled back never matches again): SQLite's 64-bit random(), PostgreSQL's sequence
# (whose values are never reused, even by a rollback).
BUMP = {
    "sqlite": "UPDATE access_accessgeneration SET value = random() WHERE id = 1",
    "postgresql": "UPDATE access_accessgeneration SET value = nextval('hotline_access_generation') WHERE id = 1",
}


def _sqlite(table, columns):
    of = f" OF {', '.join(columns)}" if columns else ""
    for event in ("INSERT", "DELETE", f"UPDATE{of}"):
        name = f"hotline_gen_{table}_{event.split()[0].lower()}"
        yield f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {BUMP['sqlite']}; END"


def _postgresql(table, columns):
    of = f" OF {', '.join(columns)}" if columns else ""
    yield (
        f"CREATE TRIGGER hotline_gen_{table} AFTER INSERT OR DELETE OR UPDATE{of} ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION hotline_bump_access_generation()"
    )


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute("INSERT INTO access_accessgeneration (id, value) VALUES (1, 0)")
    if vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE hotline_access_generation")
        schema_editor.execute(
            "CREATE FUNCTION hotline_bump_access_generation() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {BUMP['postgresql']}; RETURN NULL; END $$"
        )
    make = {"sqlite": _sqlite, "postgresql": _postgresql}.get(vendor)
    if make is None:
        raise RuntimeError(f"no access generation triggers for {vendor}")
    for table, columns in WATCHED:
        for sql in make(table, columns):
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, columns in WATCHED:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS hotline_gen_{table} ON {table}")
        else:
            for event in ("insert", "delete", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS hotline_gen_{table}_{event}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS hotline_bump_access_generation()")
        schema_editor.execute("DROP SEQUENCE IF EXISTS hotline_access_generation")


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0004_security_keys"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("intel", "0002_fewer_indexes"),
        ("federation", "0003_replays_updates_alerts_quarantine"),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create, drop),
    ]
