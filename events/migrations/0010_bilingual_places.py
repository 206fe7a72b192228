"""Venues, cities, rooms and speakers' roles in both languages ("Singapore" / "Singapour",
"Convention centre" / "Centre des congrès", "Chair" / "Présidence"): the existing text becomes the
English value, the French one starts empty (the English shows until someone writes it)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0009_notification_site_url")]

    operations = [
        migrations.RenameField("conferenceweek", "city", "city_en"),
        migrations.RenameField("event", "city", "city_en"),
        migrations.RenameField("event", "venue", "venue_en"),
        migrations.RenameField("session", "room", "room_en"),
        migrations.RenameField("session", "speakers", "speakers_en"),
        migrations.RenameField("roundtable", "room", "room_en"),
        migrations.AlterModelOptions(
            name="session",
            options={"ordering": ["starts_at", "room_en"], "verbose_name": "session", "verbose_name_plural": "sessions"},
        ),
    ]
