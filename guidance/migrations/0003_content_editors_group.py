"""The "Content editors" group: full rights on guidance content and its history, nothing else.

Permissions are normally created after all migrations have run (post_migrate), so on
a fresh database they do not exist yet here; create_permissions makes them now, and
is harmless when they already exist.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Content editors"
ACTIONS = ("add", "change", "delete", "view")


def create_content_editors(apps, schema_editor):
    db = schema_editor.connection.alias
    guidance = apps.get_app_config("guidance")
    # Migration state apps have no models module, which create_permissions takes to
    # mean "nothing to do"; pretend for the length of the call.
    models_module = getattr(guidance, "models_module", None)
    guidance.models_module = True
    try:
        create_permissions(guidance, verbosity=0, using=db, apps=apps)
    finally:
        guidance.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        f"{action}_{model._meta.model_name}"
        for model in guidance.get_models()  # includes the historical models
        for action in ACTIONS
    ]
    permissions = Permission.objects.using(db).filter(
        content_type__app_label="guidance", codename__in=codenames
    )
    group, _ = Group.objects.using(db).get_or_create(name=GROUP_NAME)
    group.permissions.add(*permissions)


def remove_content_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0002_starting_content"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_content_editors, remove_content_editors),
    ]
