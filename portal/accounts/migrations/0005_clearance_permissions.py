"""Clearance becomes three permissions held by the groups that used to grant it by name.

Before: ``portal.audiences`` mapped group names to a clearance. After: the same groups hold
``accounts.see_*_material`` and the audience rule asks ``has_perm``-style questions, so the
admin's group screen is where clearance is given, like every other right.
"""

from django.db import migrations

PERMISSIONS = {
    "see_delegates_material": "Can see material reserved for delegates",
    "see_law_enforcement_material": "Can see material reserved for law-enforcement officers",
    "see_staff_material": "Can see material reserved for secretariat staff",
}
GRANTS = {
    "Delegates": "see_delegates_material",
    "Law enforcement": "see_law_enforcement_material",
    "Editors": "see_staff_material",
    "Moderators": "see_staff_material",
    "Event managers": "see_staff_material",
    "Staff managers": "see_staff_material",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(app_label="accounts", model="user")
    permissions = {
        codename: Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]
        for codename, name in PERMISSIONS.items()
    }
    for group_name, codename in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(permissions[codename])


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="accounts", codename__in=PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_language_choices_from_settings"),
        ("audit", "0002_staff_managers"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={
                "ordering": ["email"],
                "permissions": [(codename, name) for codename, name in PERMISSIONS.items()],
                "verbose_name": "user",
                "verbose_name_plural": "users",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
