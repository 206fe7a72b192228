"""Conference weeks and the events held in them."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.audiences import Audience
from portal.translated import TranslatedField


class ConferenceWeek(models.Model):
    """A week of events in one city (e.g. Singapore, 5–9 June 2023): delegates register once."""

    slug = models.SlugField(_("slug"), unique=True)
    name = TranslatedField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    city = TranslatedField(
        _("city"), max_length=120, help_text=_("Where a language names it differently, write it: Singapour.")
    )
    country = CountryField(_("country"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        help_text=_("Where the week takes place, e.g. Europe/Paris: programme times are shown in it."),
    )
    edition = models.ForeignKey(
        "pages.ConferencePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("conference edition page"),
    )
    changes_until = models.DateField(
        _("delegates may change their registration until"),
        null=True,
        blank=True,
        help_text=_(
            "The last day on which delegates change their dates, needs or visa-letter request "
            "themselves. Empty: until the day before the week starts."
        ),
    )
    letter_signatory = models.CharField(
        _("signatory of invitation letters"),
        max_length=200,
        blank=True,
        help_text=_("The person who signs visa invitation letters, e.g. the head of the conference secretariat."),
    )
    letter_signatory_title = TranslatedField(_("signatory's title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("conference week")
        verbose_name_plural = _("conference weeks")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.name

    @property
    def tzinfo(self):
        return ZoneInfo(self.time_zone)

    @property
    def last_change_day(self):
        """The last day (in the week's own time zone) a delegate changes their registration."""
        import datetime as dt

        return self.changes_until or self.start_date - dt.timedelta(days=1)

    def changes_open(self, now=None) -> bool:
        today = timezone.localtime(now or timezone.now(), self.tzinfo).date()
        return today <= self.last_change_day

    def clean(self):
        if self.changes_until and self.end_date and self.changes_until > self.end_date:
            raise ValidationError({"changes_until": _("Changes cannot be allowed after the week has ended.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The week cannot end before it starts.")})
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError({"time_zone": _("Unknown time zone: use a name such as Europe/Paris.")}) from None


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        from portal.audiences import visible_audiences

        return self.filter(audience__in=visible_audiences(user))

    def open_for_registration(self, now=None):
        now = now or timezone.now()
        return self.filter(registration_opens__lte=now, registration_closes__gte=now)


class Event(models.Model):
    week = models.ForeignKey(ConferenceWeek, on_delete=models.CASCADE, related_name="events", verbose_name=_("week"))
    slug = models.SlugField(_("slug"), unique=True)
    name = TranslatedField(_("name"), max_length=200)
    description = TranslatedField(_("description"), blank=True, multiline=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue = TranslatedField(_("venue"), max_length=200, blank=True)
    city = TranslatedField(_("city"), max_length=120)
    country = CountryField(_("country"))
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("Seats held by pending and approved delegates."))
    country_quota = models.PositiveIntegerField(
        _("delegates per country"), null=True, blank=True, help_text=_("Leave empty for no per-country limit.")
    )
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    requires_approval = models.BooleanField(_("staff approve each registration"), default=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.DELEGATES)
    sort_order = models.PositiveSmallIntegerField(_("order in the week"), default=0)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["week", "sort_order", "start_date"]
        # The staff pages of the site (check-in, exports, statistics, badges) ask for this one
        # permission, as the admin asks for the model permissions: Django's permissions throughout.
        permissions = [("run_events", _("Can run events: check-in, participant exports, statistics and badges"))]

    def __str__(self) -> str:
        return self.name

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.registration_opens <= now <= self.registration_closes

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        if self.registration_opens and self.registration_closes and self.registration_closes < self.registration_opens:
            errors["registration_closes"] = _("Registration cannot close before it opens.")
        if errors:
            raise ValidationError(errors)
