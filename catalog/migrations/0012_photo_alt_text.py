from django.db import migrations, models

from catalog.search import create_sqlite_index, drop_sqlite_index


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0011_distributor_help_text_without_backticks"),
    ]

    operations = [
        # SQLite adds the column by copying the table, which drops the search triggers.
        migrations.RunPython(drop_sqlite_index, create_sqlite_index),
        migrations.AddField(
            model_name="photo",
            name="alt_text",
            field=models.CharField(
                blank=True,
                help_text="The text a screen reader reads instead of the picture: what it "
                "shows, for someone who cannot see it.",
                max_length=500,
            ),
        ),
        migrations.RunPython(create_sqlite_index, drop_sqlite_index),
    ]
