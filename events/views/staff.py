"""Staff pages: check-in, participant exports, statistics. Event managers only."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.second_factor import second_factor_response
from portal.audiences import staff_withheld
from portal.audit.models import Action
from portal.audit.services import record
from portal.charts import Bar, bar_chart

from ..exports import participants_file
from ..models import CheckIn, ConferenceWeek, Event, Session, Status
from ..permissions import is_event_manager
from ..selectors import checkin_counts, checkin_lookup, participants, week_statistics
from ..services.checkin import checkin_message, checkin_record


def event_manager_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if staff_withheld(request.user):
            return second_factor_response(request)  # staff, but no second factor in this session yet
        if not is_event_manager(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@event_manager_required
def checkin(request):
    """The events to check people in at: those of weeks not yet over, then the last week's."""
    today = timezone.localdate()
    events = list(
        Event.objects.filter(week__end_date__gte=today - dt.timedelta(days=1))
        .select_related("week")
        .order_by("start_date", "sort_order")
    )
    if not events:
        latest = ConferenceWeek.objects.filter(end_date__lt=today).first()
        events = list(latest.events.select_related("week").order_by("start_date", "sort_order")) if latest else []
    return render(request, "events/checkin_events.html", {"events": events})


def _desk_context(request, event, *, result=None, session=None, query=""):
    from django.utils.translation import gettext as _

    sessions = list(Session.objects.filter(event=event).order_by("starts_at", "id"))
    found = checkin_lookup(event, query) if query else []
    arrived = dict(
        CheckIn.objects.filter(
            event=event, session=session, registration_id__in=[a.registration_id for a in found]
        ).values_list("registration_id", "at")
    )
    rows = [
        {"attendance": a, "registration": a.registration, "checked_in_at": arrived.get(a.registration_id)}
        for a in found
    ]
    return {
        "event": event,
        "sessions": sessions,
        "session": session,
        "result": result,
        "message": checkin_message(result) if result else "",
        "query": query,
        "rows": rows,
        "counts": checkin_counts(event),
        "searched": bool(query),
        "where": session.title if session else event.name,
        "override_label": _("Reason for accepting it"),
    }


@event_manager_required
def checkin_desk(request, slug):
    """Check badges in at one event, or one of its sessions; find a delegate; the counts so far."""
    event = get_object_or_404(Event.objects.select_related("week"), slug=slug)
    source = request.POST if request.method == "POST" else request.GET
    session = None
    if source.get("session"):
        wanted = source.get("session", "")
        session = Session.objects.filter(event=event, pk=wanted).first() if wanted.isdigit() else None
        if session is None:
            raise Http404
    result = None
    if request.method == "POST":
        result = checkin_record(
            code=request.POST.get("code", ""),
            event=event,
            session=session,
            by=request.user,
            override_reason=request.POST.get("override_reason", ""),
            request=request,
        )
    query = (request.GET.get("q") or "").strip()[:100]
    context = _desk_context(request, event, result=result, session=session, query=query)
    return render(request, "events/checkin.html", context)


@event_manager_required
def checkin_counts_json(request, slug):
    """The desk's live counts (its script asks every few seconds)."""
    from django.http import JsonResponse

    event = get_object_or_404(Event, slug=slug)
    counts = checkin_counts(event)
    return JsonResponse(
        {
            "checked_in": counts["checked_in"],
            "expected": counts["expected"],
            "sessions": [
                {"id": s["id"], "checked_in": s["checked_in"], "expected": s["expected"]} for s in counts["sessions"]
            ],
        }
    )


@event_manager_required
def export(request, slug, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    event = get_object_or_404(Event, slug=slug)
    status = request.GET.get("status") if request.GET.get("status") in Status.values else None
    country = (request.GET.get("country") or "").upper()[:2] or None
    rows = participants(event=event, status=status, country=country)
    content, content_type = participants_file(rows, fmt)
    response = HttpResponse(content, content_type=content_type)
    filename = f"{event.slug}-participants-{timezone.now():%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    record(
        Action.EXPORT,
        request=request,
        obj=event,
        format=fmt,
        status=status or "",
        country=country or "",
        rows=len(rows),
    )
    return response


def _charts(stats) -> dict:
    import unicodedata

    from django.utils.formats import number_format
    from django.utils.translation import ngettext
    from django_countries.fields import Country

    def n(value):
        return number_format(value, force_grouping=True)

    status = bar_chart(
        [Bar(str(Status(s).label), count, n(count)) for s, count in stats["by_status"].items()],
        title=_("Registrations by status"),
        label_heading=_("Status"),
        value_heading=_("Registrations"),
    )
    events = bar_chart(
        [
            Bar(
                e.name,
                e.approved + e.pending,
                ngettext("%(taken)s of %(capacity)s seat taken", "%(taken)s of %(capacity)s seats taken", e.capacity)
                % {"taken": n(e.approved + e.pending), "capacity": n(e.capacity)}
                + (
                    " · " + ngettext("%(n)s waiting", "%(n)s waiting", e.waitlisted) % {"n": n(e.waitlisted)}
                    if e.waitlisted
                    else ""
                ),
                capacity=e.capacity,
            )
            for e in stats["by_event"]
        ],
        title=_("Seats taken by event, against capacity"),
        label_heading=_("Event"),
        value_heading=_("Seats taken"),
    )
    by_country = [Bar(Country(row["country"]).name, row["n"], n(row["n"])) for row in stats["by_country"]]
    countries = bar_chart(
        by_country[:15],
        title=_("Delegates by country (the 15 largest delegations)"),
        label_heading=_("Country"),
        value_heading=_("Delegates"),
    )
    every_country = bar_chart(
        sorted(by_country, key=lambda b: unicodedata.normalize("NFKD", b.label).encode("ascii", "ignore").lower()),
        title=_("Delegates by country"),
        label_heading=_("Country"),
        value_heading=_("Delegates"),
    )
    return {"status": status, "events": events, "countries": countries, "every_country": every_country}


@event_manager_required
def statistics(request, week_slug=None):
    weeks = ConferenceWeek.objects.all()
    week = get_object_or_404(ConferenceWeek, slug=week_slug) if week_slug else weeks.first()
    stats = week_statistics(week) if week else None
    charts = _charts(stats) if stats else {}
    return render(request, "events/statistics.html", {"week": week, "weeks": weeks, "stats": stats, "charts": charts})
