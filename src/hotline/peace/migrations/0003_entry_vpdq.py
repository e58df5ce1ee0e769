"""Video entries keep their vPDQ (per-frame PDQ hashes), which matching compares."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("peace", "0002_entry_versions_and_revocation")]

    operations = [
        migrations.AddField(model_name="bankentry", name="vpdq", field=models.TextField(blank=True)),
    ]
