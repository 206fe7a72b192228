from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import registry, signals

        # Apps declare what they index in a ``search_sources`` module (plain data and
        # functions); search finds them, so content and event apps never import search.
        registry.autodiscover()
        signals.connect()
        from portal import health

        from .service import search_health

        health.register("search", search_health)  # status "missing"/"damaged" makes /healthz degraded
