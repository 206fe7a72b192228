"""Visa invitation letters and certificates of attendance."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Spacer

from portal.pdf.document import ACCENT, INK, MUTED, ShapedParagraph, build_pdf, draw_fitted, draw_text
from portal.pdf.fonts import BOLD

from ..models import Registration
from .data import DocumentUnavailable, approved_attendances, country_name, date_span, display_name


def letter_reference(registration: Registration) -> str:
    return f"LIA/{registration.week.slug.upper()}/{registration.pk:06d}"


def visa_letter_check(registration: Registration) -> None:
    if not registration.needs_visa_letter:
        raise DocumentUnavailable(_("No visa invitation letter was asked for with this registration."))
    if not approved_attendances(registration):
        raise DocumentUnavailable(_("The invitation letter is available once a place at an event is approved."))
    if not (registration.passport_name.strip() and registration.passport_number.strip()):
        raise DocumentUnavailable(
            _("The passport details needed for the letter are missing (they may have been deleted after the event).")
        )


def visa_letter_pdf(registration: Registration) -> bytes:
    """The letter, in the active language (the caller activates the delegate's)."""
    visa_letter_check(registration)
    week = registration.week
    attendances = approved_attendances(registration)
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    story = [
        ShapedParagraph(week.name, size=15, weight=BOLD, color=ACCENT),
        ShapedParagraph(f"{week.city}, {country_name(week.country)}", size=10, color=MUTED, space_after=10),
        ShapedParagraph(_("Reference: %(reference)s") % {"reference": letter_reference(registration)}, size=9.5),
        ShapedParagraph(_("Date: %(date)s") % {"date": today}, size=9.5, space_after=14),
        ShapedParagraph(_("To the consular authorities concerned"), weight=BOLD, space_after=10),
        ShapedParagraph(_("Subject: invitation letter in support of a visa application"), weight=BOLD, space_after=10),
        # The passport's details as a list of labelled lines, not inside a sentence: a country
        # name cannot stand for a nationality in French ("de nationalité Algérie").
        ShapedParagraph(
            _("We confirm that the holder of the passport below is registered as %(role)s of %(bureau)s (%(country)s).")
            % {
                "role": registration.get_role_display().lower(),
                "bureau": registration.bureau,
                "country": country_name(registration.country),
            },
            space_after=6,
        ),
        *[
            ShapedParagraph(f"{label} {value}", space_after=2)
            for label, value in (
                (_("Name as in the passport:"), registration.passport_name),
                (_("Nationality (as in the passport):"), country_name(registration.passport_nationality) or "—"),
                (_("Passport number:"), registration.passport_number),
                (
                    _("Valid until:"),
                    date_format(registration.passport_expiry, "DATE_FORMAT") if registration.passport_expiry else "—",
                ),
            )
        ],
        Spacer(1, 6),
        ShapedParagraph(_("The meetings, in %(city)s:") % {"city": week.city}, space_after=6),
    ]
    for attendance in attendances:
        event = attendance.event
        venue = f", {event.venue}" if event.venue else ""
        story.append(
            ShapedParagraph(f"•  {event.name} — {date_span(event.start_date, event.end_date)}{venue}", space_after=3)
        )
    story += [
        Spacer(1, 6),
        ShapedParagraph(
            _("The delegate plans to arrive on %(arrival)s and to leave on %(departure)s.")
            % {
                "arrival": date_format(registration.arrival_date, "DATE_FORMAT"),
                "departure": date_format(registration.departure_date, "DATE_FORMAT"),
            }
        ),
        ShapedParagraph(
            _(
                "Travel, accommodation and living costs are borne by the delegate's own administration. This letter "
                "places no financial obligation on the organisers and is valid only for the dates above."
            ),
            space_after=10,
        ),
        ShapedParagraph(_("We thank you for any assistance you can give the delegate."), space_after=28),
        ShapedParagraph(week.letter_signatory or _("The conference secretariat"), weight=BOLD, space_after=2),
        ShapedParagraph(week.letter_signatory_title or week.name, color=MUTED),
    ]
    title = _("Visa invitation letter — %(name)s") % {"name": registration.passport_name}
    return build_pdf(story, title=title, marking=_("Personal data"))


def attended_events(registration: Registration) -> list:
    """The approved events the delegate was checked in at: the ones a certificate may name."""
    from ..models import CheckIn

    arrived = set(CheckIn.objects.filter(registration=registration, session=None).values_list("event_id", flat=True))
    return [a for a in approved_attendances(registration) if a.event_id in arrived]


def certificate_check(registration: Registration) -> list:
    """The attendances the certificate names; DocumentUnavailable before any check-in."""
    attended = attended_events(registration)
    if not attended:
        raise DocumentUnavailable(_("The certificate of attendance is available after check-in at the venue."))
    return attended


def certificate_pdf(registration: Registration) -> bytes:
    """A landscape certificate naming the events the delegate was checked in at."""
    events = certificate_check(registration)
    week = registration.week
    buffer = io.BytesIO()
    width, height = landscape(A4)
    name = display_name(registration)
    canvas = Canvas(buffer, pagesize=(width, height))
    canvas.setTitle(_("Certificate of attendance — %(name)s") % {"name": name})
    canvas.setAuthor("Liaison")
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)
    centre = width / 2
    inner = width - 60 * mm
    draw_text(canvas, "Liaison", centre, height - 40 * mm, 12, weight=BOLD, align="center", color=ACCENT)
    draw_text(canvas, _("Certificate of attendance"), centre, height - 58 * mm, 30, weight=BOLD, align="center")
    draw_text(canvas, _("This is to certify that"), centre, height - 75 * mm, 13, align="center", color=MUTED)
    used = draw_fitted(canvas, name, 30 * mm, height - 92 * mm, inner, 30, 14, max_lines=2, weight=BOLD, color=INK)
    top = height - 92 * mm - used - 2 * mm
    line = f"{registration.bureau} — {country_name(registration.country)}"
    draw_fitted(canvas, line, 30 * mm, top, inner, 13, 8, max_lines=1, color=MUTED)
    top -= 12 * mm
    draw_text(canvas, _("attended"), centre, top, 13, align="center", color=MUTED)
    top -= 9 * mm
    for attendance in events[:5]:
        event = attendance.event
        text = f"{event.name} ({date_span(event.start_date, event.end_date)})"
        draw_fitted(canvas, text, 30 * mm, top, inner, 13, 8, max_lines=1, color=INK)
        top -= 7 * mm
    place = _("%(city)s, %(dates)s") % {"city": week.city, "dates": date_span(week.start_date, week.end_date)}
    draw_text(canvas, place, centre, 36 * mm, 11, align="center", color=MUTED)
    canvas.setStrokeColor(colors.HexColor("#5a6472"))
    canvas.line(centre - 40 * mm, 30 * mm, centre + 40 * mm, 30 * mm)
    draw_text(canvas, week.letter_signatory or _("The conference secretariat"), centre, 25 * mm, 9.5, align="center")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
