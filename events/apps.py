from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import health
        from portal.accounts.personal_data import PersonalDataSource, register_source

        from . import signals  # noqa: F401  (held-seat counters)
        from .notifications import outbox_counts
        from .services.privacy import registrations_erase, registrations_export

        register_source(PersonalDataSource("events", registrations_export, registrations_erase))
        health.register("mail", outbox_counts)  # waiting and failed mail (alert on failed > 0)
