"""Rate limits count in their own table, one upsert per hit (duijie.accounts.throttle)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_cache_table")]

    operations = [
        migrations.CreateModel(
            name="RateCount",
            fields=[
                ("key", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("hits", models.PositiveIntegerField(default=0)),
                ("expires", models.FloatField(db_index=True)),
            ],
            options={
                "verbose_name": "rate-limit count",
                "verbose_name_plural": "rate-limit counts",
            },
        ),
    ]
