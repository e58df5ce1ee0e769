"""Failed sign-ins (axes' attempts table) change the access generation too, so that a process may remember
that a (user name, address) pair is not locked out until the next change of that table (access/throttle.py).
Each insert, update (a new failure) or delete (a reset, an expiry, an unlock) fires it."""

import importlib

from django.db import migrations

# The triggers are made as migration 0005 makes its own (the same function on PostgreSQL).
_0005 = importlib.import_module("hotline.access.migrations.0005_access_generation")
TABLE = "axes_accessattempt"


def create(apps, schema_editor):
    make = {"sqlite": _0005._sqlite, "postgresql": _0005._postgresql}.get(schema_editor.connection.vendor)
    if make is None:
        raise RuntimeError(f"no access generation triggers for {schema_editor.connection.vendor}")
    for sql in make(TABLE, None):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS hotline_gen_{TABLE} ON {TABLE}")
    else:
        for event in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS hotline_gen_{TABLE}_{event}")


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0005_access_generation"),
        ("axes", "0009_add_session_hash"),
    ]

    operations = [migrations.RunPython(create, drop)]
