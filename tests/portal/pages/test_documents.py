"""PDFs of toolkits, compendia and an edition's conclusions: content, language, audience, cache."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from portal.pages.documents import cache_storage
from portal.pages.models import CompendiumPage, ConclusionPage, ConferencePage, ToolkitPage
from tests.pdftools import page_count, pdf_text

pytestmark = pytest.mark.django_db


def pdf_of(client, page):
    response = client.get(reverse("page_pdf", args=[page.pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return response, b"".join(response.streaming_content)


def test_toolkit_has_a_cover_a_table_of_contents_with_page_numbers_and_its_chapters(client):
    page = ToolkitPage.objects.get(slug="responsible-ai-toolkit")
    _response, content = pdf_of(client, page)
    text = pdf_text(content)
    chapters = [chapter.title for chapter in page.chapters.all()]
    assert page.title.split(" ")[0] in text and "Contents" in text
    pages = page_count(content)
    for number, title in enumerate(chapters, start=1):
        # "1. Title ..... 3" in the contents, and the chapter itself further on
        entry = re.search(rf"{number}\. {re.escape(title[:20])}.*?(\d+)\s*$", text, re.MULTILINE | re.DOTALL)
        assert entry and 1 < int(entry.group(1)) <= pages, title
        assert text.count(title[:20]) >= 2


def test_toolkit_in_french_is_in_french(client):
    page = ToolkitPage.objects.get(slug="boite-a-outils-ia-responsable")
    text = pdf_text(pdf_of(client, page)[1])
    assert "Sommaire" in text and "Page 1 sur" in text and "Contents" not in text


def test_compendium_entries_are_grouped_by_region(client):
    page = CompendiumPage.objects.get(slug="gender-inclusivity-in-policing")
    text = pdf_text(pdf_of(client, page)[1])
    assert "Contents" in text
    text = text[text.index("Page 2 of") :]  # the body, after the cover and the contents
    entries = list(page.entries.select_related("region"))
    regions = sorted({entry.region.name for entry in entries})
    assert len(regions) > 1
    positions = [text.index(f"\n{region}\n") for region in regions]
    assert positions == sorted(positions)  # regions in order, each a heading
    for entry in entries:
        own = text.index(f"\n{entry.region.name}\n")
        following = [p for p in positions if p > own]
        at = text.index(entry.title[:25])
        assert own < at < (following[0] if following else len(text)), entry.title


def test_conclusion_set_shows_follow_up_and_only_what_the_reader_may_see(client, client_for_role):
    edition = ConferencePage.objects.get(slug="singapore-2023")
    conclusions = list(ConclusionPage.objects.live().filter(edition=edition, locale=edition.locale).order_by("number"))
    hidden = conclusions[0]
    hidden.audience = "delegates"
    hidden.save_revision().publish()
    hidden_url = reverse("page_pdf", args=[hidden.pk])
    assert client.get(hidden_url).status_code == 302  # its id does not answer with the edition's PDF
    public_text = pdf_text(pdf_of(client, edition)[1])
    assert hidden.title not in public_text and conclusions[1].title in public_text
    assert "Follow-up: " in public_text and "Delegates only" not in public_text
    delegate = client_for_role("delegate")
    response, content = pdf_of(delegate, edition)
    delegate_text = pdf_text(content)
    assert hidden.title in delegate_text and "Delegates only" in delegate_text
    assert response["Cache-Control"] == "private, no-store"
    # A conclusion page links to the same set.
    assert reverse("page_pdf", args=[edition.pk]).endswith(f"/{edition.pk}/")
    assert pdf_text(pdf_of(delegate, hidden)[1]) == delegate_text


def test_restricted_documents_follow_the_audience_rule(client, client_for_role):
    page = ToolkitPage.objects.get(slug="responsible-ai-toolkit")
    page.audience = "law_enforcement"
    page.save_revision().publish()
    url = reverse("page_pdf", args=[page.pk])
    assert client.get(url).status_code == 302  # anonymous: log in
    assert client_for_role("delegate").get(url).status_code == 403
    officer = client_for_role("law_enforcement")
    text = pdf_text(b"".join(officer.get(url).streaming_content))
    assert "Law enforcement only" in text


def test_pages_without_a_document_and_unknown_ids_are_404(client):
    from portal.pages.models import NewsPage

    news = NewsPage.objects.live().first()
    assert client.get(reverse("page_pdf", args=[news.pk])).status_code == 404
    assert client.get(reverse("page_pdf", args=[999_999])).status_code == 404


def test_documents_are_cached_and_made_again_on_publish(client, django_capture_on_commit_callbacks):
    page = ToolkitPage.objects.get(slug="responsible-ai-toolkit")
    _r, first = pdf_of(client, page)
    storage = cache_storage()

    def read(name):
        with storage.open(name) as file:
            return file.read()

    def cached_files():
        return sorted(n for n in storage.listdir("")[1] if n.startswith(f"toolkit-{page.pk}-public-"))

    cached = cached_files()
    assert len(cached) == 1 and read(cached[0]) == first
    assert pdf_of(client, page)[1] == first  # served from the cache
    with override_settings(PDF_PREPARE_ON_PUBLISH=True), django_capture_on_commit_callbacks(execute=True):
        page.title = "Responsible AI toolkit, second edition"
        page.save_revision().publish()
    made = cached_files()
    assert len(made) == 1 and made != cached  # made on publish, the old one removed
    assert "second edition" in pdf_text(read(made[0]))


def test_pages_link_their_pdf(client):
    page = ToolkitPage.objects.get(slug="responsible-ai-toolkit")
    html = client.get(page.url).text
    assert reverse("page_pdf", args=[page.pk]) in html and "Download the toolkit" in html
