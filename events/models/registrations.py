"""Registrations: one per delegate per week, one attendance per event, every change recorded."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from .week import ConferenceWeek, Event

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on a badge


def new_checkin_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


class Role(models.TextChoices):
    HEAD = "head", pgettext_lazy("delegate role", "Head of delegation")
    DELEGATE = "delegate", pgettext_lazy("delegate role", "Delegate")
    SPEAKER = "speaker", pgettext_lazy("delegate role", "Speaker")
    OBSERVER = "observer", pgettext_lazy("delegate role", "Observer")


class Registration(models.Model):
    # Personal data written by the thousand during a registration rush, referring to nothing an
    # editor needs in Wagtail's "usage" listings: kept out of the reference index, whose task
    # per save had doubled the background work of every registration.
    wagtail_reference_index_ignore = True

    # Empty once the registration is anonymised (retention rules, or the account was deleted):
    # the row stays so that the event's figures stay right.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    week = models.ForeignKey(ConferenceWeek, on_delete=models.PROTECT, related_name="registrations")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.DELEGATE)
    country = CountryField(_("country"))
    bureau = models.CharField(_("organisation or bureau"), max_length=200)
    arrival_date = models.DateField(_("arrival date"))
    departure_date = models.DateField(_("departure date"))
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    needs_visa_letter = models.BooleanField(_("needs a visa invitation letter"), default=False)
    # Passport details exist only for the visa letter; the retention rules purge them.
    passport_name = models.CharField(_("name as in passport"), max_length=200, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    passport_nationality = CountryField(_("passport nationality"), blank=True)
    passport_expiry = models.DateField(_("passport expiry date"), null=True, blank=True)
    consent_at = models.DateTimeField(_("data-processing consent given at"))
    checkin_code = models.CharField(_("check-in code"), max_length=16, unique=True, default=new_checkin_code)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invitation = models.ForeignKey(
        "events.Invitation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    passport_purged_at = models.DateTimeField(_("passport details removed at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="one_registration_per_week")]

    def __str__(self) -> str:
        return f"{self.person_label} — {self.week}"

    @property
    def person_label(self) -> str:
        return str(self.user) if self.user_id else _("Anonymised registration %(id)s") % {"id": self.pk}


class Status(models.TextChoices):
    PENDING = "pending", pgettext_lazy("registration status", "Pending approval")
    APPROVED = "approved", pgettext_lazy("registration status", "Approved")
    WAITLISTED = "waitlisted", pgettext_lazy("registration status", "Waiting list")
    REJECTED = "rejected", pgettext_lazy("registration status", "Rejected")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


# Statuses that hold a seat (count against capacity and the country quota).
HOLDING = (Status.PENDING, Status.APPROVED)


class Attendance(models.Model):
    """A registration's place at one event of the week, with its own status."""

    wagtail_reference_index_ignore = True  # as Registration

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendances")
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="attendances")
    country = CountryField(_("country"))  # copied from the registration: quotas are counted on it
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    queued_at = models.DateTimeField(_("in the queue since"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["queued_at", "id"]
        constraints = [models.UniqueConstraint(fields=["registration", "event"], name="one_attendance_per_event")]
        indexes = [
            models.Index(fields=["event", "status", "country"]),
            models.Index(fields=["event", "status", "queued_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.registration.person_label} @ {self.event}: {self.get_status_display()}"

    def waitlist_position(self) -> int | None:
        if self.status != Status.WAITLISTED:
            return None
        ahead = Attendance.objects.filter(event_id=self.event_id, status=Status.WAITLISTED).filter(
            models.Q(queued_at__lt=self.queued_at) | models.Q(queued_at=self.queued_at, id__lt=self.id)
        )
        return ahead.count() + 1


class SeatCount(models.Model):
    """The seats an event's pending and approved attendances hold, in total and per country.

    The registration path takes a seat with one conditional ``UPDATE … RETURNING`` of this row
    (``events.services.seats``): the capacity and the country's quota are checked and the
    counters raised in the same statement, on the same row, so no earlier lock or count is
    needed. The counters sit on their own row, not on the event's: an editor saving the event in
    the admin writes every column of it and would put back counts read before a rush. Every
    other change of status recounts from the attendances while holding this row's lock.
    """

    event = models.OneToOneField(Event, on_delete=models.CASCADE, primary_key=True, related_name="seat_count")
    held = models.PositiveIntegerField(default=0)
    # {"FR": 3, "SN": 1}: a JSON map rather than a row per country, so that one row holds both
    # conditions of the statement (PostgreSQL re-reads only the row it waited for).
    by_country = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("held seats")
        verbose_name_plural = _("held seats")

    def __str__(self) -> str:
        return f"{self.event}: {self.held}"


class StatusChange(models.Model):
    """Who changed an attendance's status, when, from what to what."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class Invitation(models.Model):
    """Staff invite someone by email; the link opens a registration form filled in for them."""

    wagtail_reference_index_ignore = True  # as Registration

    week = models.ForeignKey(ConferenceWeek, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.DELEGATE)
    country = CountryField(_("country"), blank=True)
    bureau = models.CharField(_("organisation or bureau"), max_length=200, blank=True)
    events = models.ManyToManyField(Event, blank=True, verbose_name=_("events"))
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.week}"


class Notification(models.Model):
    """An email to send. Written with the change it reports; a task sends it and retries failures."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("email kind", "Registration received")
        APPROVED = "approved", pgettext_lazy("email kind", "Place approved")
        REJECTED = "rejected", pgettext_lazy("email kind", "Registration declined")
        WAITLISTED = "waitlisted", pgettext_lazy("email kind", "On the waiting list")
        PROMOTED = "promoted", pgettext_lazy("email kind", "Promoted from the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("email kind", "Place cancelled")
        REMINDER = "reminder", pgettext_lazy("email kind", "Reminder")
        INVITATION = "invitation", pgettext_lazy("email kind", "Invitation")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # The site the person was using when the change was made (portal.site_url): the mail's
    # links go there. Empty for changes made outside a request (SITE_URL is used).
    site_url = models.CharField(_("site address"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # After a failure the next try waits longer each time; after the last attempt the mail is
    # marked failed (and listed for staff), never dropped.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    failed_at = models.DateTimeField(_("given up at"), null=True, blank=True)

    # Listed in the admin (the outbox) but never referred to: no reference-index task per mail.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("outbox")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.state_label})"

    @property
    def state_label(self) -> str:
        if self.sent_at:
            return str(_("sent"))
        return str(_("failed")) if self.failed_at else str(_("waiting"))

    @property
    def recipient(self) -> str:
        if self.invitation_id:
            return self.invitation.email
        user = self.registration.user if self.registration_id else None
        return user.email if user else ""
