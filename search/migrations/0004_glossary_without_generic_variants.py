"""Drop the seed glossary's generic variants: "police" for law enforcement, "meeting" and
"réunion" for conference, "kit", "training" and "formation", "trust" and "confiance". Each
was added to almost every query that held it and pulled the same pages up. Only the seed's
own words are removed; anything staff added stays."""

from django.db import migrations

GENERIC = {
    ("law enforcement", "services chargés de l'application de la loi"): {"police"},
    ("conference", "conférence"): {"meeting", "réunion"},
    ("toolkit", "boîte à outils"): {"kit"},
    ("capacity building", "renforcement des capacités"): {"training", "formation"},
    ("public trust", "confiance du public"): {"trust", "confiance"},
}


def _without(value: str, words: set[str]) -> str:
    return ", ".join(part.strip() for part in value.split(",") if part.strip() and part.strip() not in words)


def forwards(apps, schema_editor):
    GlossaryEntry = apps.get_model("search", "GlossaryEntry")
    for (english, french), words in GENERIC.items():
        for entry in GlossaryEntry.objects.filter(english=english, french=french):
            entry.english_variants = _without(entry.english_variants, words)
            entry.french_variants = _without(entry.french_variants, words)
            entry.save(update_fields=["english_variants", "french_variants"])


class Migration(migrations.Migration):
    dependencies = [("search", "0003_pending_generation")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
