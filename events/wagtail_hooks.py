"""Events in the Wagtail admin: everything event managers run, grouped under one menu."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Q
from django.http import FileResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button, ListingButton
from wagtail.log_actions import LogFormatter, log
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet, SnippetViewSetGroup

from portal.audit.models import Action
from portal.audit.services import record
from portal.translated import TranslatedField, site_languages

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
    Status,
)
from .notifications import notifications_retry
from .permissions import is_event_manager
from .services.documents import badges_for_events
from .services.invitations import invitation_create
from .services.registrations import attendances_bulk_set_status, registration_update
from .services.roundtables import roundtables_assign

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
        RoundtableViewSet,
        InvitationViewSet,
        RegistrationViewSet,
        AttendanceViewSet,
        OutboxViewSet,
    )


register_snippet(EventsGroup)


class StatusBulkAction(SnippetBulkAction):
    target: str = ""
    template_name = "events/admin/confirm_bulk_status.html"
    models = [Attendance]

    def check_perm(self, obj):
        return is_event_manager(self.request.user)

    def get_execution_context(self):
        return {"user": self.request.user, "request": self.request}

    @classmethod
    def execute_action(cls, objects, user=None, request=None, **kwargs):
        done, errors = attendances_bulk_set_status(attendances=objects, status=cls.target, by=user, note="bulk action")
        for error in errors[:20]:
            messages.error(request, error)
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d registration updated.", "%(count)d registrations updated.", num_parent_objects) % {
            "count": num_parent_objects
        }


@hooks.register("register_bulk_action")
class ApproveBulkAction(StatusBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected registrations")
    target = Status.APPROVED
    action_priority = 10


@hooks.register("register_bulk_action")
class RejectBulkAction(StatusBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected registrations")
    target = Status.REJECTED
    action_priority = 20
    classes = {"serious"}


@hooks.register("register_bulk_action")
class WaitlistBulkAction(StatusBulkAction):
    display_name = _("Move to waiting list")
    action_type = "waitlist"
    aria_label = _("Move the selected registrations to the waiting list")
    target = Status.WAITLISTED
    action_priority = 25


@hooks.register("register_bulk_action")
class CancelBulkAction(StatusBulkAction):
    display_name = _("Cancel")
    action_type = "cancel"
    aria_label = _("Cancel the selected registrations")
    target = Status.CANCELLED
    action_priority = 28
    classes = {"serious"}


@hooks.register("register_bulk_action")
class AssignRoundtablesBulkAction(SnippetBulkAction):
    display_name = _("Assign roundtables")
    action_type = "assign_roundtables"
    aria_label = _("Seat approved delegates at the regional roundtables of the selected events")
    template_name = "events/admin/confirm_assign_roundtables.html"
    models = [Event]
    action_priority = 10

    def check_perm(self, obj):
        return is_event_manager(self.request.user)

    def get_execution_context(self):
        return {"request": self.request}

    @classmethod
    def execute_action(cls, objects, request=None, **kwargs):
        for event in objects:
            report = roundtables_assign(event=event)
            messages.info(
                request,
                _("%(event)s: %(placed)d seated, %(kept)d kept, %(unplaced)d could not be seated.")
                % {"event": event.name, "placed": report.placed, "kept": report.kept, "unplaced": len(report.unplaced)},
            )
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return None


@hooks.register("register_bulk_action")
class PrintBadgesBulkAction(SnippetBulkAction):
    """Download the badge sheets of the selected events (approved delegates only)."""

    display_name = _("Print badges")
    action_type = "print_badges"
    aria_label = _("Download the badges of the approved delegates of the selected events as a PDF")
    template_name = "events/admin/confirm_print_badges.html"
    models = [Event]
    action_priority = 20

    def check_perm(self, obj):
        return is_event_manager(self.request.user)

    def prepare_action(self, objects, objects_without_access):
        # Answer with the PDF itself instead of running execute_action and redirecting.
        buffer = io.BytesIO()
        events = list(objects)
        count = badges_for_events(events, buffer, language=translation.get_language() or "en")
        record(
            Action.BADGES,
            request=self.request,
            object_type="event",
            object_id=events[0].pk,
            events=[event.slug for event in events],
            badges=count,
        )
        name = f"badges-{events[0].slug}.pdf" if len(events) == 1 else "badges.pdf"
        buffer.seek(0)
        return FileResponse(buffer, content_type="application/pdf", as_attachment=True, filename=name)

    @classmethod
    def execute_action(cls, objects, **kwargs):  # never reached: prepare_action answers
        return len(objects), 0


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


@hooks.register("register_bulk_action")
class RetryMailBulkAction(SnippetBulkAction):
    display_name = _("Send again")
    action_type = "send_again"
    aria_label = _("Give the selected unsent emails a fresh round of attempts, starting now")
    template_name = "events/admin/confirm_send_again.html"
    models = [Notification]

    def check_perm(self, obj):
        return is_event_manager(self.request.user) and obj.sent_at is None

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return notifications_retry(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d email will be sent again.", "%(count)d emails will be sent again.", num_parent_objects
        ) % {"count": num_parent_objects}
