"""Bank entries get a STIX version (`modified_at`: their labels can be edited) and can be revoked."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def first_version_is_the_addition(apps, schema_editor):
    apps.get_model("peace", "BankEntry").objects.update(modified_at=F("added_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("peace", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="bankentry",
            name="modified_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(first_version_is_the_addition, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="bankentry",
            name="modified_at",
            field=models.DateTimeField(),
        ),
        migrations.AddField(
            model_name="bankentry",
            name="revoked_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True),
        ),
        migrations.AddField(
            model_name="bankentry",
            name="revoked_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
