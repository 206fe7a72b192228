"""The offline check-in desk: its page, its web-app manifest and service worker, the download
of the event's attendees and the sync of queued scans. Event managers only (second factor too)."""

from __future__ import annotations

import json

from csp.decorators import csp_update
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..models import Event
from ..services.desk import SyncError, desk_download, desk_expires_at, desk_sync
from .staff import event_manager_required


def _event(slug):
    return get_object_or_404(Event.objects.select_related("week"), slug=slug)


# The QR reader for browsers without BarcodeDetector is zxing-cpp compiled to WebAssembly:
# compiling it needs 'wasm-unsafe-eval' (WebAssembly only, not eval of scripts), on this page only.
@csp_update({"script-src": ["'wasm-unsafe-eval'"]})
@event_manager_required
def desk(request, slug):
    event = _event(slug)
    config = {
        "event": event.slug,
        "download": reverse("events:desk_attendees", args=[event.slug]),
        "sync": reverse("events:desk_sync", args=[event.slug]),
        "worker": reverse("events:desk_worker", args=[event.slug]),
        "scope": reverse("events:desk", args=[event.slug]),
        "wasm": static("events/vendor/zxing_reader.wasm"),
        "assets": [
            static("portal/css/site.css"),
            static("events/desk.js"),
            static("events/vendor/nacl-fast.min.js"),
            static("events/vendor/barcode-detector-ponyfill.js"),
            static("events/vendor/zxing_reader.wasm"),
        ],
        "language": request.LANGUAGE_CODE,
        "strings": _strings(),
        "csrf": get_token(request),
    }
    return render(request, "events/desk.html", {"event": event, "config": config})


def _strings() -> dict:
    """What the desk says, in the page's language (the script fills in the %(…)s)."""
    return {
        "the_event": _("The event: %(event)s"),
        "waiting": _("Check-ins waiting to be sent: %(n)s"),
        "copy": _("%(n)s attendees on this device, downloaded %(at)s. This desk: %(device)s."),
        "no_copy": _("No attendees on this device yet: download them while the network is there."),
        "no_copy_title": _("Not ready."),
        "sent": _("Recorded"),
        "not_sent": _("Waiting to be sent"),
        "downloading": _("Downloading the attendees…"),
        "signed_out": _("Your session has ended: sign in again, then download."),
        "online": _("Online: check-ins are sent as they are made."),
        "offline": _("Offline: check-ins are kept on this device and sent when the network is back."),
        "sending": _("Sending…"),
        "sent_n": _("%(n)s check-ins sent."),
        "not_sent_yet": _("Not sent yet (%(reason)s): they stay on this device and are sent again."),
        "refused": _("Not accepted."),
        "forged": _(
            "This QR code is not a badge of ours: its signature does not match. Look the delegate up by name "
            "and check their identity."
        ),
        "unknown_title": _("Unknown code."),
        "unknown": _("No badge in the downloaded list has this code. Check the letters and digits."),
        "not_this_event": _("%(name)s's badge is not for this event."),
        "status_pending": _("%(name)s's place at %(event)s is still waiting for approval."),
        "status_waitlisted": _("%(name)s is on the waiting list of %(event)s."),
        "status_rejected": _("%(name)s's registration for %(event)s was declined."),
        "status_cancelled": _("%(name)s's place at %(event)s was cancelled."),
        "status_other": _("%(name)s's place at %(event)s is not approved."),
        "to_desk": _("Send them to the registration desk."),
        "too_early": _("Too early for %(name)s: before the times of this event or session."),
        "too_late": _("Too late for %(name)s: after the times of this event or session."),
        "online_only": _("Only the online check-in page accepts it, with a reason."),
        "already_title": _("Already used."),
        "already": _("%(name)s was already checked in at %(at)s %(where)s. A badge counts once."),
        "here": _("on this device"),
        "elsewhere": _("by the desk %(device)s"),
        "welcome": _("Welcome!"),
        "arrived": _("%(name)s (%(country)s) is checked in at %(place)s."),
        "no_qr": _("No QR code found in the picture. Try again closer, or type the code."),
        "no_camera": _("The camera cannot be used here: read a photo of the badge or type the code."),
        "wipe_unsent": _("%(n)s check-ins have not been sent yet and would be lost. Wipe all the same?"),
        "wiped": _("The offline copy is wiped from this device."),
        "expired": _("The offline copy of this event has expired and was wiped."),
        "closed": _("This event is over: its attendees are no longer given to desks."),
    }


@never_cache
@event_manager_required
def desk_attendees(request, slug):
    event = _event(slug)
    if timezone.now() >= desk_expires_at(event):
        # The copy would expire on arrival: after the event, attendees stay on the server.
        return JsonResponse({"error": _("This event is over: its attendees are no longer given to desks.")}, status=410)
    data = desk_download(event)
    data["csrf"] = get_token(request)  # a page kept offline may hold a token from before a new sign-in
    return JsonResponse(data)


@never_cache
@require_POST
@event_manager_required
def desk_sync_view(request, slug):
    event = _event(slug)
    try:
        body = json.loads(request.body or b"{}")
        results = desk_sync(event=event, by=request.user, device=body.get("device", ""), scans=body.get("scans"))
    except (ValueError, TypeError, AttributeError) as error:
        message = str(error) if isinstance(error, SyncError) else _("The desk sent something unreadable.")
        return JsonResponse({"error": message}, status=400)
    return JsonResponse({"results": results})


@event_manager_required
def desk_manifest(request, slug):
    event = _event(slug)
    scope = reverse("events:desk", args=[event.slug])
    manifest = {
        "name": _("Check-in desk: %(event)s") % {"event": event.name},
        "short_name": _("Check-in"),
        "id": scope,
        "start_url": scope,
        "scope": scope,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b3d6b",
        "lang": request.LANGUAGE_CODE,
        "icons": [
            {"src": static("events/desk-icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("events/desk-icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("events/desk-icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


def desk_worker(request, slug):
    """The service worker, served under the desk's own path so that its scope is the desk."""
    path = finders.find("events/desk-worker.js")
    with open(path, encoding="utf-8") as handle:
        response = HttpResponse(handle.read(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
