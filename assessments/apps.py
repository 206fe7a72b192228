from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Responsible-AI workspaces")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.accounts.personal_data import PersonalDataSource, register_source

        from .personal_data import workspaces_erase, workspaces_export

        register_source(PersonalDataSource("workspaces", workspaces_export, workspaces_erase))
