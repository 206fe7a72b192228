"""Staff pages: check-in, participant exports, statistics. Event managers only."""

from __future__ import annotations

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

from ..charts import Bar, bar_chart
from ..exports import participants_file
from ..models import ConferenceWeek, Event, Status
from ..permissions import is_event_manager
from ..selectors import participants, week_statistics
from ..services.checkin import checkin_record


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
    result = None
    if request.method == "POST":
        result = checkin_record(code=request.POST.get("code", ""), by=request.user)
    return render(request, "events/checkin.html", {"result": result})


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
