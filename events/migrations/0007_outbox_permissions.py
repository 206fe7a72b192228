"""Event managers read the outbox and send failed mails again."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name="Event managers")
    ct, _ = ContentType.objects.get_or_create(app_label="events", model="notification")
    for action in ("view", "change"):
        perm, _ = Permission.objects.get_or_create(
            content_type=ct, codename=f"{action}_notification", defaults={"name": f"Can {action} email"}
        )
        group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [("events", "0006_outbox_backoff")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
