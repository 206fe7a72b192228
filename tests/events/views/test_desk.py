"""The desk's pages: event managers only; its policy allows WebAssembly and nothing more."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.events import factories as f

pytestmark = pytest.mark.django_db


def test_only_event_managers_reach_the_desk(client):
    event = f.event()
    for name in ("events:desk", "events:desk_attendees", "events:desk_manifest"):
        url = reverse(name, args=[event.slug])
        client.logout()
        assert client.get(url).status_code == 302, url
        client.force_login(f.delegate())
        assert client.get(url).status_code == 403, url
    client.logout()
    assert (
        client.post(reverse("events:desk_sync", args=[event.slug]), "{}", content_type="application/json").status_code
        == 302
    )


def test_the_desk_page_allows_webassembly_and_no_inline_script(client):
    event = f.event()
    client.force_login(f.delegate(role="event_manager"))
    page = client.get(reverse("events:desk", args=[event.slug]))
    policy = page["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert (
        "'wasm-unsafe-eval'" in script_src
        and "'unsafe-inline'" not in script_src
        and "'unsafe-eval'" not in script_src.replace("'wasm-unsafe-eval'", "")
    )
    assert (
        "wasm-unsafe-eval"
        not in client.get(reverse("events:checkin_desk", args=[event.slug]))["Content-Security-Policy"]
    )
    config = json.loads(page.text.split('id="desk-config" type="application/json">')[1].split("</script>")[0])
    assert config["download"] == reverse("events:desk_attendees", args=[event.slug]) and config["strings"]["welcome"]
    worker = client.get(reverse("events:desk_worker", args=[event.slug]))
    assert worker["Content-Type"].startswith("text/javascript") and b"liaison-desk" in worker.content


def test_the_sync_answers_each_scan_and_a_bad_body_clearly(client):
    from django.utils import timezone

    event = f.event(start_date=timezone.localdate(), end_date=timezone.localdate())
    registration = f.registered(f.delegate(), event)
    client.force_login(f.delegate(role="event_manager"))
    url = reverse("events:desk_sync", args=[event.slug])
    body = {
        "device": "desk-T",
        "scans": [{"id": "1", "code": registration.checkin_code, "at": timezone.now().isoformat()}],
    }
    answer = client.post(url, json.dumps(body), content_type="application/json").json()
    assert answer["results"][0]["outcome"] == "arrived"
    bad = client.post(url, "{not json", content_type="application/json")
    assert bad.status_code == 400 and bad.json()["error"]


def test_signing_out_wipes_the_sites_data_in_the_browser(client):
    user = f.delegate()
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302 and response["Clear-Site-Data"] == '"cache", "storage"'


def test_after_the_event_no_desk_is_given_its_attendees(client):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    client.force_login(f.delegate(role="event_manager"))
    running = f.event(start_date=today, end_date=today)
    answer = client.get(reverse("events:desk_attendees", args=[running.slug]))
    assert answer.status_code == 200 and answer.json()["event"]["expires_at"] > timezone.now().isoformat()
    over = f.event(start_date=today - dt.timedelta(days=5), end_date=today - dt.timedelta(days=3))
    answer = client.get(reverse("events:desk_attendees", args=[over.slug]))
    assert answer.status_code == 410 and "This event is over" in answer.json()["error"]
    assert "attendees" not in answer.json()


def test_the_manifest_makes_the_desk_installable(client):
    event = f.event()
    client.force_login(f.delegate(role="event_manager"))
    manifest = client.get(reverse("events:desk_manifest", args=[event.slug])).json()
    scope = reverse("events:desk", args=[event.slug])
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == scope
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"]: icon for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert set(sizes) == {"192x192", "512x512"}
    from django.contrib.staticfiles import finders
    from PIL import Image

    for size, icon in sizes.items():
        path = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == size
