"""What delegates see and do: events, programme, registering, their registrations and agenda."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.audiences import can_view
from portal.pages.access import audience_response

from ..forms import RegistrationDetailsForm, RegistrationForm
from ..models import AgendaFeed, AgendaItem, Attendance, ConferenceWeek, Event, Invitation, Registration, Status
from ..permissions import email_verified
from ..selectors import (
    agenda_of,
    event_places,
    events_for_listing,
    registrations_of,
    roundtables_with_seats,
    sessions_visible,
)
from ..services.invitations import invitation_apply
from ..services.registrations import (
    AlreadyRegistered,
    RegistrationError,
    attendance_set_status,
    registration_add_event,
    registration_change,
    registration_country,
    registration_submit,
)
from .programme import programme_context


def event_list(request):
    events = list(events_for_listing(request.user))
    now = timezone.now()
    for event in events:
        event.open_now = event.is_open(now)
    # Per week: open for registration (one of its events is), or why not.
    weeks = {}
    for event in events:
        state = weeks.setdefault(
            event.week_id, {"open": False, "opens": None, "ended": event.week.end_date < now.date()}
        )
        state["open"] = state["open"] or event.open_now
        if event.registration_opens > now and (state["opens"] is None or event.registration_opens < state["opens"]):
            state["opens"] = event.registration_opens
    for event in events:
        event.week.registration = weeks[event.week_id]
    return render(request, "events/event_list.html", {"events": events})


def event_detail(request, slug):
    event = get_object_or_404(Event.objects.select_related("week"), slug=slug)
    refusal = audience_response(request, event.audience)  # as a restricted page answers
    if refusal is not None:
        return refusal
    starred = set()
    if request.user.is_authenticated:
        starred = set(
            AgendaItem.objects.filter(user=request.user, session__event=event).values_list("session_id", flat=True)
        )
    visible = sessions_visible(request.user, event)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "starred": starred,
            "places": event_places(event, request.user),
            "roundtables": roundtables_with_seats(event),
            **programme_context(request, visible),
        },
    )


@login_required
def register(request, week_slug):
    week = get_object_or_404(ConferenceWeek, slug=week_slug)
    if not email_verified(request.user):
        messages.error(request, _("Please confirm your email address before registering."))
        return redirect("account_email")
    # A submitted form is not checked first: the registration's unique constraint answers that
    # (AlreadyRegistered below), one query fewer for every delegate in a registration rush.
    if request.method != "POST" and Registration.objects.filter(user=request.user, week=week).exists():
        return _already_registered(request)
    invitation = _invitation_from_session(request, week)
    if invitation is not None and request.method == "GET":
        _accept(request, invitation)
    events = [e for e in week.events.visible_to(request.user).order_by("sort_order") if e.is_open()]
    user = request.user
    if request.method == "POST":
        form = RegistrationForm(request.POST, events=events)
        if form.is_valid():
            data = {**form.cleaned_data, "bureau": user.organisation}
            try:
                registration_submit(user=user, week=week, events=form.chosen_events(), data=data, invitation=invitation)
            except AlreadyRegistered:
                return _already_registered(request)
            except RegistrationError as exc:
                form.add_error(None, str(exc))
            else:
                request.session.pop("events_invitation", None)
                messages.success(request, _("Your registration is recorded. A confirmation email is on its way."))
                return redirect("events:my")
    else:
        initial = {"arrival_date": week.start_date, "departure_date": week.end_date}
        if invitation:
            initial.update(role=invitation.role, events=[str(e.pk) for e in invitation.events.all()])
        form = RegistrationForm(initial=initial, events=events)
    return render(
        request,
        "events/register.html",
        {
            "week": week,
            "form": form,
            "events": events,
            "country": _country(registration_country(user=user, invitation=invitation)),
            "profile_complete": bool(user.country and user.organisation),
        },
    )


def _country(code):
    from django_countries.fields import Country

    return Country(code) if code else None


@login_required
def change_registration(request, pk):
    """The delegate's own dates, needs and visa-letter request, until the week's deadline."""
    registration = get_object_or_404(Registration.objects.select_related("week"), pk=pk, user=request.user)
    if not registration.week.changes_open():
        messages.error(
            request,
            _("Changes to this registration have closed; write to the conference secretariat."),
        )
        return redirect("events:my")
    if request.method == "POST":
        form = RegistrationDetailsForm(request.POST)
        if form.is_valid():
            try:
                changed = registration_change(registration=registration, by=request.user, data=form.cleaned_data)
            except RegistrationError as exc:
                form.add_error(None, str(exc))
            else:
                if changed:
                    messages.success(request, _("Your registration is changed."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect("events:my")
    else:
        form = RegistrationDetailsForm(
            initial={name: getattr(registration, name) for name in RegistrationDetailsForm.base_fields}
        )
    return render(request, "events/registration_change.html", {"registration": registration, "form": form})


def _already_registered(request):
    messages.info(request, _("You are already registered for this week."))
    return redirect("events:my")


def _invitation_from_session(request, week):
    token = request.session.get("events_invitation")
    if not token:
        return None
    return Invitation.objects.filter(token=token, week=week, accepted_at__isnull=True).first()


def _accept(request, invitation) -> None:
    if invitation_apply(user=request.user, invitation=invitation, request=request):
        messages.success(request, _("Your invitation is accepted: you can now register for events open to delegates."))


def invitation_landing(request, token):
    invitation = Invitation.objects.filter(token=token).select_related("week").first()
    if invitation is None or invitation.accepted_at is not None:
        messages.error(request, _("This invitation link is not valid or has already been used."))
        return redirect("events:list")
    request.session["events_invitation"] = invitation.token
    if request.user.is_authenticated:
        _accept(request, invitation)
    return redirect("events:register", week_slug=invitation.week.slug)


@login_required
def my_registrations(request):
    registrations = list(registrations_of(request.user))
    for registration in registrations:
        # Events of the week this delegate could still ask for (open, visible, not already held).
        taken = {a.event_id for a in registration.attendances.all() if a.status != Status.CANCELLED}
        registration.can_change = registration.week.changes_open()
        registration.has_approved = any(a.status == Status.APPROVED for a in registration.attendances.all())
        registration.addable = [
            e
            for e in registration.week.events.visible_to(request.user).order_by("sort_order")
            if e.pk not in taken and e.is_open()
        ]
    feed, _created = AgendaFeed.objects.get_or_create(user=request.user)
    return render(
        request,
        "events/my_registrations.html",
        {
            "registrations": registrations,
            "feed": feed,
            "agenda": agenda_of(request.user),
            **_feed_addresses(request, feed),
        },
    )


def _feed_addresses(request, feed) -> dict:
    """The agenda feed's address, and the same as a ``webcal://`` link that calendar apps open
    as a subscription (they fetch it over HTTPS when the site is served so)."""
    address = request.build_absolute_uri(f"/api/v1/agenda/{feed.token}.ics")  # events/api.py: agenda_ical
    return {"feed_url": address, "webcal_url": "webcal://" + address.split("://", 1)[1]}


@login_required
@require_POST
def renew_agenda_feed(request):
    """A new secret address for the agenda feed; the old one stops working at once (for a
    delegate who shared it, or lost the phone that follows it)."""
    feed, _created = AgendaFeed.objects.get_or_create(user=request.user)
    feed.renew()
    messages.success(
        request, _("Your agenda has a new address; the old one no longer works. Give the new one to your calendar app.")
    )
    return redirect("events:my")


@login_required
@require_POST
def add_event(request, registration_pk):
    """Add another event of the week to one's own registration (seat or waiting list)."""
    registration = get_object_or_404(Registration, pk=registration_pk, user=request.user)
    raw = request.POST.get("event", "")
    event = None
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:
        event = Event.objects.filter(pk=int(raw), week=registration.week).first()
    if event is None or not can_view(request.user, event.audience):
        # Not a number, not of this week, or not open to this account: one answer for all,
        # which names no event the person may not see.
        message = _("Choose one of this week's events from the list.")
        return render(request, "events/bad_request.html", {"message": message}, status=400)
    try:
        attendance = registration_add_event(registration=registration, event=event, by=request.user)
    except RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("“%(event)s” is added: %(status)s.") % {"event": event.name, "status": attendance.get_status_display()},
        )
    return redirect("events:my")


@login_required
def cancel_attendance(request, pk):
    """GET asks for confirmation, naming the event and what is lost; POST cancels."""
    # Only the delegate's own attendance: anyone else's id answers 404 (no hint it exists).
    attendance = get_object_or_404(Attendance.objects.select_related("event"), pk=pk, registration__user=request.user)
    if attendance.status in (Status.CANCELLED, Status.REJECTED):
        messages.info(request, _("This place is no longer yours to cancel."))
        return redirect("events:my")
    if request.method != "POST":
        return render(request, "events/cancel_confirm.html", {"attendance": attendance})
    try:
        attendance_set_status(
            attendance=attendance, status=Status.CANCELLED, by=request.user, note="cancelled by the delegate"
        )
    except RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your place at “%(event)s” is cancelled.") % {"event": attendance.event.name})
    return redirect("events:my")


@login_required
@require_POST
def toggle_star(request, session_id):
    from ..models import Session

    session = get_object_or_404(Session.objects.select_related("event"), pk=session_id)
    if not can_view(request.user, session.audience) or not can_view(request.user, session.event.audience):
        raise Http404
    item, created = AgendaItem.objects.get_or_create(user=request.user, session=session)
    if not created:
        item.delete()
    next_url = request.POST.get("next")
    if _safe(request, next_url):
        return redirect(next_url)
    return redirect("events:detail", slug=session.event.slug)


def _safe(request, url) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    return bool(url) and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
