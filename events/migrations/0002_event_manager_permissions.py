"""Event managers run events in the admin: full rights on event data, change/view on registrations."""

from django.db import migrations

FULL = ("conferenceweek", "event", "session", "roundtable", "invitation", "placement")
CHANGE = ("registration", "attendance")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name="Event managers")
    wanted = [(m, a) for m in FULL for a in ("add", "change", "delete", "view")] + [(m, a) for m in CHANGE for a in ("change", "view")]
    for model, action in wanted:
        ct, _ = ContentType.objects.get_or_create(app_label="events", model=model)
        perm, _ = Permission.objects.get_or_create(content_type=ct, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"})
        group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("accounts", "0002_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
