"""For staff, only aggregates: readiness by region and dimension, where enough agencies answer."""

from __future__ import annotations

from django.shortcuts import render

from portal.audiences import Audience
from portal.charts import Bar, bar_chart
from portal.pages.access import audience_response

from ..selectors import MIN_AGENCIES, readiness_by_region
from ..toolkit import DIMENSIONS


def _region_names(language: str) -> dict[str, str]:
    from portal.taxonomy.models import Region

    names = dict(Region.objects.filter(locale__language_code=language).values_list("slug", "name"))
    return names or dict(Region.objects.values_list("slug", "name"))


def aggregates(request):
    from django.utils.translation import gettext as _

    refusal = audience_response(request, Audience.STAFF)
    if refusal is not None:
        return refusal
    rows, held_back = readiness_by_region()
    names = _region_names(request.LANGUAGE_CODE)
    charts = []
    for row in rows:
        title = names.get(row.region, row.region) if row.region else _("All regions")
        bars = [
            Bar(
                label=str(d.name),
                value=row.dimensions[d.key],
                capacity=100,
                text=_("%(score)s%%") % {"score": row.dimensions[d.key]},
            )
            for d in DIMENSIONS
        ]
        charts.append(
            {
                "row": row,
                "title": title,
                "chart": bar_chart(
                    bars,
                    title=_("%(region)s: %(n)s agencies, overall %(score)s")
                    % {"region": title, "n": row.agencies, "score": row.overall},
                    label_heading=_("Dimension"),
                    value_heading=_("Mean score"),
                    scale=100,
                ),
            }
        )
    return render(
        request,
        "assessments/aggregates.html",
        {"charts": charts, "held_back": held_back, "min_agencies": MIN_AGENCIES},
    )
