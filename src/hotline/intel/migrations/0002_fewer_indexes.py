"""Fewer B-tree inserts per stored object (docs/benchmarks.md, finding 7).

- `intel_stixobject`: the plain index `intel_object_id_version (stix_id, version)` duplicated the partial unique
  index on the same columns; one unique index over every row replaces both (nulls are distinct in a unique
  index, so versionless objects still do not collide, as the partial condition ensured).
- `intel_collectionentry`: the foreign key's own index on `collection_id` goes; every composite index of the
  table starts with that column.

On SQLite, Django would rebuild both tables for these changes (a copy of every row); the same indexes are
changed in place instead. Other databases take Django's own operations.
"""

import copy

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Q

PARTIAL_UNIQUE = models.UniqueConstraint(
    fields=["stix_id", "version"], condition=Q(version__isnull=False), name="intel_object_version_unique"
)
FULL_UNIQUE = models.UniqueConstraint(fields=["stix_id", "version"], name="intel_object_version_unique")
ID_VERSION_INDEX = models.Index(fields=["stix_id", "version"], name="intel_object_id_version")


def _collection_id_indexes(schema_editor) -> list[str]:
    with schema_editor.connection.cursor() as cursor:
        found = schema_editor.connection.introspection.get_constraints(cursor, "intel_collectionentry")
    return [
        name
        for name, info in found.items()
        if info["index"] and not info["unique"] and info["columns"] == ["collection_id"]
    ]


def _collection_fields(model) -> tuple:
    """The foreign key with its index (the state both directions see here) and without it."""
    indexed = model._meta.get_field("collection")
    plain = copy.copy(indexed)
    plain.db_index = False
    return indexed, plain


def forward(apps, schema_editor):
    StixObject = apps.get_model("intel", "StixObject")
    CollectionEntry = apps.get_model("intel", "CollectionEntry")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS intel_object_id_version")
        schema_editor.execute("DROP INDEX IF EXISTS intel_object_version_unique")
        schema_editor.execute(
            "CREATE UNIQUE INDEX intel_object_version_unique ON intel_stixobject (stix_id, version)"
        )
        for name in _collection_id_indexes(schema_editor):
            schema_editor.execute(f'DROP INDEX "{name}"')
        return
    schema_editor.remove_index(StixObject, ID_VERSION_INDEX)
    schema_editor.remove_constraint(StixObject, PARTIAL_UNIQUE)
    schema_editor.add_constraint(StixObject, FULL_UNIQUE)
    schema_editor.alter_field(CollectionEntry, *_collection_fields(CollectionEntry))


def backward(apps, schema_editor):
    StixObject = apps.get_model("intel", "StixObject")
    CollectionEntry = apps.get_model("intel", "CollectionEntry")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS intel_object_version_unique")
        schema_editor.add_constraint(StixObject, PARTIAL_UNIQUE)
        schema_editor.add_index(StixObject, ID_VERSION_INDEX)
        schema_editor.execute(
            'CREATE INDEX "intel_collectionentry_collection_id_idx" ON intel_collectionentry (collection_id)'
        )
        return
    schema_editor.remove_constraint(StixObject, FULL_UNIQUE)
    schema_editor.add_constraint(StixObject, PARTIAL_UNIQUE)
    schema_editor.add_index(StixObject, ID_VERSION_INDEX)
    schema_editor.alter_field(CollectionEntry, *reversed(_collection_fields(CollectionEntry)))


class Migration(migrations.Migration):
    dependencies = [
        ("intel", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(model_name="stixobject", name="intel_object_version_unique"),
                migrations.RemoveIndex(model_name="stixobject", name="intel_object_id_version"),
                migrations.AlterField(
                    model_name="collectionentry",
                    name="collection",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="entries",
                        to="intel.collection",
                    ),
                ),
                migrations.AddConstraint(model_name="stixobject", constraint=FULL_UNIQUE),
            ],
            database_operations=[migrations.RunPython(forward, backward)],
        ),
    ]
