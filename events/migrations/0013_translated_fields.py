"""Texts in any of the site's languages: each ``<field>_en`` / ``<field>_fr`` pair becomes one
JSON column ``<field>`` holding ``{"en": …, "fr": …}`` (empty texts left out), so a language
added to settings.LANGUAGES needs no migration. Reversible: going back writes the English and
French texts into their columns again (texts in other languages have no column to go to)."""

from django.db import migrations, models

import portal.translated

FIELDS = {
    "conferenceweek": {"name": 200, "city": 120, "letter_signatory_title": 200},
    "event": {"name": 200, "description": None, "venue": 200, "city": 120},
    "session": {"title": 255, "description": None, "room": 120, "speakers": 500},
    "roundtable": {"topic": 200, "room": 120},
}
LEGACY = ("en", "fr")


def forwards(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("events", model_name)
        for row in model.objects.all().iterator():
            for field in fields:
                texts = {code: getattr(row, f"{field}_{code}") for code in LEGACY}
                setattr(row, f"{field}_i18n", {code: text for code, text in texts.items() if text})
            row.save(update_fields=[f"{field}_i18n" for field in fields])


def backwards(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("events", model_name)
        for row in model.objects.all().iterator():
            for field in fields:
                value = getattr(row, f"{field}_i18n")  # the field's TranslatedText
                texts = getattr(value, "translations", value) or {}
                for code in LEGACY:
                    setattr(row, f"{field}_{code}", texts.get(code, ""))
            row.save(update_fields=[f"{field}_{code}" for field in fields for code in LEGACY])


def _legacy_field(max_length):
    # With a default, so that going back can add the columns again to tables that hold rows.
    if max_length is None:
        return models.TextField(blank=True, default="")
    return models.CharField(max_length=max_length, blank=True, default="")


def _operations():
    add, remove, rename = [], [], []
    for model_name, fields in FIELDS.items():
        for field, max_length in fields.items():
            add.append(
                migrations.AddField(
                    model_name=model_name,
                    name=f"{field}_i18n",
                    field=portal.translated.TranslatedField(blank=True, max_length=max_length),
                )
            )
            for code in LEGACY:
                name = f"{field}_{code}"
                remove.append(migrations.AlterField(model_name=model_name, name=name, field=_legacy_field(max_length)))
                remove.append(migrations.RemoveField(model_name=model_name, name=name))
            rename.append(migrations.RenameField(model_name=model_name, old_name=f"{field}_i18n", new_name=field))
    return add, remove, rename


ADD, REMOVE, RENAME = _operations()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_run_events_permission"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="session",
            options={"ordering": ["starts_at", "id"], "verbose_name": "session", "verbose_name_plural": "sessions"},
        ),
        *ADD,
        migrations.RunPython(forwards, backwards),
        *REMOVE,
        *RENAME,
        # Labels, help and required-ness of the new fields:
        migrations.AlterField(
            model_name="conferenceweek",
            name="city",
            field=portal.translated.TranslatedField(
                help_text="Where a language names it differently, write it: Singapour.",
                max_length=120,
                verbose_name="city",
            ),
        ),
        migrations.AlterField(
            model_name="conferenceweek",
            name="letter_signatory_title",
            field=portal.translated.TranslatedField(blank=True, max_length=200, verbose_name="signatory's title"),
        ),
        migrations.AlterField(
            model_name="conferenceweek",
            name="name",
            field=portal.translated.TranslatedField(max_length=200, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="event",
            name="city",
            field=portal.translated.TranslatedField(max_length=120, verbose_name="city"),
        ),
        migrations.AlterField(
            model_name="event",
            name="description",
            field=portal.translated.TranslatedField(blank=True, multiline=True, verbose_name="description"),
        ),
        migrations.AlterField(
            model_name="event",
            name="name",
            field=portal.translated.TranslatedField(max_length=200, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="event",
            name="venue",
            field=portal.translated.TranslatedField(blank=True, max_length=200, verbose_name="venue"),
        ),
        migrations.AlterField(
            model_name="roundtable",
            name="language",
            field=models.CharField(
                choices=portal.translated.site_language_choices, max_length=2, verbose_name="language"
            ),
        ),
        migrations.AlterField(
            model_name="roundtable",
            name="room",
            field=portal.translated.TranslatedField(blank=True, max_length=120, verbose_name="room"),
        ),
        migrations.AlterField(
            model_name="roundtable",
            name="topic",
            field=portal.translated.TranslatedField(max_length=200, verbose_name="topic"),
        ),
        migrations.AlterField(
            model_name="session",
            name="description",
            field=portal.translated.TranslatedField(blank=True, multiline=True, verbose_name="description"),
        ),
        migrations.AlterField(
            model_name="session",
            name="room",
            field=portal.translated.TranslatedField(blank=True, max_length=120, verbose_name="room"),
        ),
        migrations.AlterField(
            model_name="session",
            name="speakers",
            field=portal.translated.TranslatedField(
                blank=True,
                help_text="Names with their roles, comma-separated: Jane Doe, Chair. The roles in each language.",
                max_length=500,
                verbose_name="speakers",
            ),
        ),
        migrations.AlterField(
            model_name="session",
            name="title",
            field=portal.translated.TranslatedField(max_length=255, verbose_name="title"),
        ),
    ]
