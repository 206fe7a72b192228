"""The two content languages exist from the first migration on."""

from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("en", "fr"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial"), ("wagtailcore", "0002_initial_data")]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
