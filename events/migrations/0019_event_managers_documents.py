"""Event managers attach slides and papers to sessions: they may upload documents and choose
them in the session's form (Wagtail grants both per collection; here, the root collection)."""

from django.db import migrations

DOCUMENT_PERMISSIONS = {"add_document": "Can add document", "choose_document": "Can choose document"}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:  # no Wagtail tree yet: nothing to grant on
        return
    group, _created = Group.objects.get_or_create(name="Event managers")
    content_type, _created = ContentType.objects.get_or_create(app_label="wagtaildocs", model="document")
    for codename, name in DOCUMENT_PERMISSIONS.items():
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def revoke(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name="Event managers",
        permission__content_type__app_label="wagtaildocs",
        permission__codename__in=list(DOCUMENT_PERMISSIONS),
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0018_session_documents"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
