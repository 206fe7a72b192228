from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="GlossaryEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("english", models.CharField(max_length=200, verbose_name="English term")),
                ("french", models.CharField(max_length=200, verbose_name="French term")),
                (
                    "english_variants",
                    models.CharField(
                        blank=True,
                        help_text="Comma-separated acronyms and synonyms, e.g. “NCB, National Central Bureau”.",
                        max_length=500,
                        verbose_name="other English forms",
                    ),
                ),
                (
                    "french_variants",
                    models.CharField(
                        blank=True,
                        help_text="Comma-separated acronyms and synonyms, e.g. « B.C.N., BCN ».",
                        max_length=500,
                        verbose_name="other French forms",
                    ),
                ),
            ],
            options={"verbose_name": "glossary entry", "verbose_name_plural": "glossary", "ordering": ["english"]},
        ),
        migrations.CreateModel(
            name="PendingIndexUpdate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("source", models.CharField(max_length=40)),
                ("unit", models.CharField(help_text="Unit key within the source (e.g. a translation key).", max_length=100)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("attempts", models.PositiveIntegerField(default=0)),
                ("last_error", models.TextField(blank=True)),
            ],
            options={"verbose_name": "pending index update", "ordering": ["created_at", "id"]},
        ),
        migrations.AddConstraint(
            model_name="glossaryentry",
            constraint=models.UniqueConstraint(fields=("english", "french"), name="glossary_unique_pair"),
        ),
        migrations.AddConstraint(
            model_name="pendingindexupdate",
            constraint=models.UniqueConstraint(fields=("source", "unit"), name="one_pending_update_per_unit"),
        ),
    ]
