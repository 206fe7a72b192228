"""Groups that carry clearance and staff roles.

Wagtail's own migrations create "Editors" and "Moderators" (editors may add and change
pages; moderators may also publish, and approve in the "Moderators approval" workflow).
This adds the audience groups and event managers, and lets editorial staff manage the
theme and region snippets.
"""

from django.db import migrations

NEW_GROUPS = ["Delegates", "Law enforcement", "Event managers"]
SNIPPET_PERMS = [
    f"{action}_{model}" for model in ("theme", "region") for action in ("add", "change", "delete", "view")
]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    for name in NEW_GROUPS:
        Group.objects.get_or_create(name=name)

    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    Group.objects.get(name="Event managers").permissions.add(access_admin)

    snippet_perms = []
    for model in ("theme", "region"):
        ct, _ = ContentType.objects.get_or_create(app_label="taxonomy", model=model)
        for action in ("add", "change", "delete", "view"):
            perm, _ = Permission.objects.get_or_create(
                content_type=ct, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            snippet_perms.append(perm)
    for name in ("Editors", "Moderators"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*snippet_perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=NEW_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("taxonomy", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
