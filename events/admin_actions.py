"""Bulk actions on the events admin's listings: status changes, roundtable assignment, badge
printing and sending mail again, each through the same services as the site. Registered with
Wagtail when events.wagtail_hooks imports this module."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import FileResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from portal.audit.models import Action
from portal.audit.services import record

from .models import Attendance, Event, Notification, Status
from .notifications import notifications_retry
from .permissions import is_event_manager
from .services.documents import badges_for_events
from .services.registrations import attendances_bulk_set_status
from .services.roundtables import roundtables_assign


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
