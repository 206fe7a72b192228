"""Wagtail's page and collection privacy is switched off in favour of the audience field.

Restrictions stored earlier would still be honoured by Wagtail's page view and nowhere else
(not by PDFs, search or listings), so they are removed: one access rule, everywhere.
"""

from django.db import migrations


def remove_restrictions(apps, schema_editor):
    apps.get_model("wagtailcore", "PageViewRestriction").objects.all().delete()
    apps.get_model("wagtailcore", "CollectionViewRestriction").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_locales"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(remove_restrictions, migrations.RunPython.noop)]
