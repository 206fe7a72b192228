"""Staff managers: staff who read the audit log (a superuser can too)."""

from django.db import migrations


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name="Staff managers")
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    audit_ct, _ = ContentType.objects.get_or_create(app_label="audit", model="auditentry")
    for ct, codename, name in (
        (admin_ct, "access_admin", "Can access Wagtail admin"),
        (audit_ct, "view_auditentry", "Can view audit entry"),
    ):
        perm, _ = Permission.objects.get_or_create(content_type=ct, codename=codename, defaults={"name": name})
        group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_log"), ("accounts", "0002_roles")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
