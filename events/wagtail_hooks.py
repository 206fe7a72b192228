"""Events in the Wagtail admin: everything event managers run, grouped under one menu."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button, ListingButton
from wagtail.log_actions import LogFormatter, log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet, SnippetViewSetGroup

from portal.audit.models import Action
from portal.audit.services import record
from portal.translated import TranslatedField, site_languages

# Importing the bulk actions registers them with Wagtail; the event rows link to two of them.
from .admin_actions import AssignRoundtablesBulkAction, PrintBadgesBulkAction
from .models import (
    HOLDING,
    Attendance,
    ConferenceWeek,
    Event,
    Invitation,
    Notification,
    Registration,
    Roundtable,
    Session,
    Speaker,
    Status,
)
from .permissions import is_event_manager
from .services.invitations import invitation_create
from .services.registrations import registration_update

# What a delegate changed in their own registration (events.services.registrations.registration_change):
# the registration's History page in the admin lists it beside staff edits.
CHANGE_LABELS = {
    "arrival_date": _("arrival date"),
    "departure_date": _("departure date"),
    "dietary_needs": _("dietary needs"),
    "accessibility_needs": _("accessibility needs"),
    "needs_visa_letter": _("visa-letter request"),
    "passport details": _("passport details"),
}


@hooks.register("register_log_actions")
def register_registration_log_actions(actions):
    @actions.register_action("events.registration.change")
    class RegistrationChangeFormatter(LogFormatter):
        label = _("Changed by the delegate")

        def format_message(self, log_entry):
            fields = log_entry.data.get("fields", [])
            return _("Changed by the delegate: %(fields)s") % {
                "fields": ", ".join(str(CHANGE_LABELS.get(name, name)) for name in fields)
            }


class TranslatedIndexView(IndexView):
    """Listings whose translated columns sort by the default language's text, not by the JSON.

    Wagtail builds each column in ``_get_custom_column`` (the title column too) with the field
    name as the sort key; ordering by a JSON column would sort by its first key, whichever
    language that is, so the key is moved to the default language's text."""

    def _get_custom_column(self, field_name, *args, **kwargs):
        column = super()._get_custom_column(field_name, *args, **kwargs)
        try:
            field = self.model._meta.get_field(field_name)
        except FieldDoesNotExist:
            return column
        if isinstance(field, TranslatedField):
            column.sort_key = f"{field_name}__{site_languages()[0]}"
        return column


def translated_search(*names: str) -> list[str]:
    """Admin search over every language of a translated field (JSON keys)."""
    return [f"{name}__{code}" for name in names for code in site_languages()]


class WeekViewSet(SnippetViewSet):
    index_view_class = TranslatedIndexView
    model = ConferenceWeek
    icon = "date"
    list_display = ["name", "start_date", "city"]
    search_fields = translated_search("name", "city")


def event_action_url(action: str, event: Event, next_url: str) -> str:
    """The bulk action's confirmation page for this one event (the same view as a bulk selection)."""
    url = reverse("wagtail_bulk_action", args=("events", "event", action))
    return f"{url}?{urlencode({'next': next_url, 'id': event.pk})}"


class EventIndexView(TranslatedIndexView):
    """Each event row offers its own "Print badges" (and "Assign roundtables" in its menu), so
    nobody has to know that the bulk-selection bar holds them."""

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if is_event_manager(self.request.user):
            label = _("Print badges")
            buttons.insert(
                0,
                ListingButton(
                    label,
                    url=event_action_url(PrintBadgesBulkAction.action_type, instance, self.request.path),
                    icon_name="doc-full",
                    attrs={"aria-label": _("Print badges: %(event)s") % {"event": instance}},
                ),
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if is_event_manager(self.request.user):
            buttons.append(
                Button(
                    _("Assign roundtables"),
                    url=event_action_url(AssignRoundtablesBulkAction.action_type, instance, self.request.path),
                    icon_name="group",
                    priority=40,
                )
            )
        return buttons


class EventViewSet(SnippetViewSet):
    model = Event
    index_view_class = EventIndexView
    icon = "calendar"
    list_display = [
        "name",
        "week",
        "start_date",
        "capacity",
        Column("seats_taken", label=_("Seats taken")),
        Column("waiting", label=_("Waiting list")),
        "country_quota",
    ]
    list_filter = ["week"]
    search_fields = [*translated_search("name"), "slug"]

    def get_queryset(self, request):
        return Event.objects.annotate(
            seats_taken=Count("attendances", filter=Q(attendances__status__in=HOLDING)),
            waiting=Count("attendances", filter=Q(attendances__status=Status.WAITLISTED)),
        )


class SessionViewSet(SnippetViewSet):
    index_view_class = TranslatedIndexView
    model = Session
    icon = "time"
    list_display = ["title", "event", "starts_at", "room", "kind"]
    search_fields = translated_search("title", "speakers")
    list_filter = ["event", "kind"]
    panels = [
        FieldPanel("event"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("room"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language"), FieldPanel("audience")]),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("speaker_profiles"), FieldPanel("speakers")], heading=_("Speakers")),
        FieldPanel("themes"),
        FieldPanel("conclusions"),
        InlinePanel(
            "documents",
            label=_("Documents"),
            help_text=_("Slides and papers of the session; they can be downloaded by whoever may see the session."),
        ),
    ]


class SpeakerViewSet(SnippetViewSet):
    index_view_class = TranslatedIndexView
    model = Speaker
    icon = "user"
    list_display = ["name", "role", "country"]
    search_fields = ["name", "slug"]


class RoundtableViewSet(SnippetViewSet):
    index_view_class = TranslatedIndexView
    model = Roundtable
    icon = "group"
    list_display = [
        "topic",
        "event",
        "region",
        "language",
        "capacity",
        Column("seated", label=_("Seated")),
    ]
    search_fields = translated_search("topic")
    list_filter = ["event", "language"]

    def get_queryset(self, request):
        return Roundtable.objects.annotate(seated=Count("placements"))


class InvitationCreateView(CreateView):
    """An invitation made in the admin goes through ``invitation_create``, as any other."""

    def save_instance(self):
        data = self.form.cleaned_data
        instance = invitation_create(
            week=data["week"],
            email=data["email"],
            by=self.request.user,
            role=data["role"],
            country=data.get("country") or "",
            bureau=data.get("bureau") or "",
            events=list(data.get("events") or ()),
        )
        log(instance=instance, action="wagtail.create", user=self.request.user)
        return instance


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    add_view_class = InvitationCreateView
    icon = "mail"
    list_display = ["email", "week", "role", "created_at", "accepted_at"]
    list_filter = ["week"]
    panels = [
        FieldPanel("week"),
        FieldPanel("email"),
        FieldPanel("role"),
        FieldPanel("country"),
        FieldPanel("bureau"),
        FieldPanel("events"),
    ]


class AuditedRegistrationEditView(EditView):
    """Opening a registration shows a delegate's personal data: the audit log notes who did.
    Saving goes through ``registration_update`` (a new country moves quotas and the waiting list)."""

    def save_instance(self):
        data = self.form.cleaned_data
        fields = {name: data[name] for name in self.form.changed_data if name in data}
        instance = registration_update(registration=self.object, by=self.request.user, **fields)
        log(instance=instance, action="wagtail.edit", user=self.request.user)
        return instance

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            record(Action.REGISTRATION_VIEW, request=request, obj=self.object, subject_user_id=self.object.user_id)
        return response


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    edit_view_class = AuditedRegistrationEditView
    icon = "user"
    list_display = ["user", "week", "country", "role", "needs_visa_letter", "checked_in_at"]
    list_filter = ["week", "role", "needs_visa_letter"]
    search_fields = ["bureau", "checkin_code"]
    panels = [
        MultiFieldPanel([FieldPanel("role"), FieldPanel("country"), FieldPanel("bureau")], heading=_("Delegate")),
        FieldRowPanel([FieldPanel("arrival_date"), FieldPanel("departure_date")]),
        FieldPanel("dietary_needs"),
        FieldPanel("accessibility_needs"),
        MultiFieldPanel(
            [
                FieldPanel("needs_visa_letter"),
                FieldPanel("passport_name"),
                FieldPanel("passport_number"),
                FieldPanel("passport_nationality"),
                FieldPanel("passport_expiry"),
            ],
            heading=_("Visa letter"),
        ),
        FieldPanel("checkin_code", read_only=True),
        FieldPanel("checked_in_at", read_only=True),
    ]


class AttendanceViewSet(SnippetViewSet):
    """Statuses change through the bulk actions (approve, reject, waiting list, cancel),
    which keep the history and promote from the waiting list; the form itself is read-only."""

    model = Attendance
    icon = "tick-inverse"
    list_display = [
        "registration",
        "event",
        "country",
        "status",
        Column("waitlist_position", label=_("Waiting-list position"), accessor=lambda a: a.waitlist_position() or ""),
        "queued_at",
    ]
    list_filter = ["event", "status", "country"]
    # A week holds hundreds of places (the demo's Singapore week, 470): staff find a person or a
    # meeting by typing part of a name, an address or the event's name.
    search_fields = [
        "registration__user__first_name",
        "registration__user__last_name",
        "registration__user__email",
        *translated_search("event__name"),
    ]
    panels = [
        FieldPanel("registration", read_only=True),
        FieldPanel("event", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("country", read_only=True),
    ]


class OutboxViewSet(SnippetViewSet):
    """The mails waiting, sent and given up on. Read-only: a failed mail is sent again with the
    "Send again" bulk action, which gives it a fresh round of attempts."""

    model = Notification
    icon = "mail"
    menu_label = _("Outbox")
    add_to_admin_menu = False
    list_display = [
        Column("kind", label=_("kind"), accessor="get_kind_display"),
        Column("recipient", label=_("To")),
        Column("state", label=_("Status"), accessor="state_label"),
        "attempts",
        "next_attempt_at",
        Column("last_error", label=_("last error"), accessor=lambda n: n.last_error[:120]),
        "created_at",
    ]
    list_filter = ["kind"]
    ordering = ["sent_at", "-created_at"]  # unsent first (NULLs sort first), newest first
    panels = [
        FieldPanel("kind", read_only=True),
        FieldPanel("attempts", read_only=True),
        FieldPanel("last_error", read_only=True),
        FieldPanel("next_attempt_at", read_only=True),
        FieldPanel("failed_at", read_only=True),
        FieldPanel("sent_at", read_only=True),
    ]

    def get_queryset(self, request):
        return Notification.objects.select_related("registration__user", "invitation")


class EventsGroup(SnippetViewSetGroup):
    menu_label = _("Events")
    menu_icon = "calendar"
    menu_order = 250
    items = (
        WeekViewSet,
        EventViewSet,
        SessionViewSet,
        SpeakerViewSet,
        RoundtableViewSet,
        InvitationViewSet,
        RegistrationViewSet,
        AttendanceViewSet,
        OutboxViewSet,
    )


register_snippet(EventsGroup)


class EventManagerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_event_manager(request.user)


@hooks.register("register_admin_menu_item")
def checkin_menu_item():
    return EventManagerMenuItem(_("Check-in"), reverse("events:checkin"), icon_name="success", order=260)


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    return EventManagerMenuItem(
        _("Registration statistics"), reverse("events:statistics"), icon_name="table", order=261
    )
