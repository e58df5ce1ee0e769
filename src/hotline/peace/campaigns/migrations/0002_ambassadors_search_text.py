from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="ambassador",
            name="search_text",
            field=models.CharField(blank=True, default="", editable=False, max_length=500),
        ),
    ]
