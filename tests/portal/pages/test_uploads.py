"""Uploaded documents: type checked by content, size limit, clear errors; downloads follow the audience."""

from __future__ import annotations

import io
import zipfile

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from portal.pages.models.best_practice import BestPracticeAttachment
from tests.factories import UserFactory, best_practice_page

pytestmark = pytest.mark.django_db


def _pdf(javascript: bool = False) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, "Annex: joint patrol checklist")
    if javascript:
        sheet._doc.Catalog.OpenAction = "<< /S /JavaScript /JS (app.alert(1)) >>"  # noqa: SLF001
    sheet.save()
    return buffer.getvalue()


PDF = _pdf()


def ooxml(main_part: str, *extra_parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
        for part in extra_parts:
            archive.writestr(part, b"\x00" * 64)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (210 * 1024 * 1024))  # 210 MB that packs to 200 kB
    return buffer.getvalue()


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client):
    editor = UserFactory(role="superuser")
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    return client


def upload(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {
            "title": f"Upload {name}",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("toolkit.pdf", PDF),
        ("notes.docx", ooxml("word/document.xml")),
        ("figures.xlsx", ooxml("xl/workbook.xml")),
        ("slides.pptx", ooxml("ppt/presentation.xml")),
        ("minutes.odt", odt()),
        ("figures.csv", "country,delegates\nSénégal,3\n".encode()),
        ("readme.txt", "Réunion à Lyon — 2022".encode()),
    ],
)
def test_real_documents_are_accepted(editor_client, name, content):
    response = upload(editor_client, name, content)
    assert response.status_code == 302, response.content[:2000]
    assert Document.objects.filter(title=f"Upload {name}").exists()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "PDF"),
        ("notes.docx", b"MZ\x90\x00\x03\x00\x00\x00 a Windows program", "Word (.docx)"),
        ("notes.docx", ooxml("xl/workbook.xml"), "Word (.docx)"),  # a spreadsheet renamed
        ("figures.xlsx", b"PK\x03\x04 not really a zip", "Excel (.xlsx)"),
        ("figures.csv", b"a,b\x00\x01\x02binary", "CSV"),
        ("readme.txt", b"<svg onload=alert(1)>", "plain text"),
    ],
)
def test_content_that_does_not_match_its_name_is_refused_clearly(editor_client, name, content, kind):
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    assert f"This file is named .{extension} but its content is not a {kind} document." in response.text
    assert not Document.objects.filter(title=f"Upload {name}").exists()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("report.pdf", b"%PDF-1.7\n" + b"garbage " * 200, "it cannot be read as a PDF"),
        ("report.pdf", _pdf(javascript=True), "it runs JavaScript when opened"),
        ("notes.docx", ooxml("word/document.xml", "word/vbaProject.bin"), "such as macros or programs"),
        ("slides.pptx", ooxml("ppt/presentation.xml", "ppt/activeX/activeX1.bin"), "such as macros or programs"),
        ("figures.xlsx", ooxml("xl/workbook.xml", "payload.exe"), "such as macros or programs"),
        ("notes.docx", zip_bomb(), "it unpacks to more than a document of this size could hold"),
        (
            "figures.csv",
            "country,delegates\nSénégal,3\n".encode() * 900 + b"<script>alert(1)</script>",
            "HTML or script",
        ),
        ("readme.txt", b"Meeting notes\n" * 1000 + b'<a href="javascript:alert(1)">x</a>', "HTML or script"),
    ],
)
def test_the_whole_file_is_checked_not_only_its_first_bytes(editor_client, name, content, reason):
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    assert "file cannot be accepted: " in response.text and reason in response.text
    assert not Document.objects.filter(title=f"Upload {name}").exists()


def test_unlisted_types_and_oversized_files_are_refused(editor_client, settings):
    response = upload(editor_client, "page.html", b"<html></html>")
    assert response.status_code == 200 and "File extension “html” is not allowed." in response.text
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(editor_client, "big.pdf", PDF + b"0" * 4096)
    assert response.status_code == 200 and "This file is too big" in response.text
    assert not Document.objects.filter(title__in=["Upload page.html", "Upload big.pdf"]).exists()


def test_images_are_checked_by_content_and_svg_is_refused(editor_client):
    root = Collection.get_first_root_node().pk
    fake = editor_client.post(
        "/admin/images/add/",
        {"title": "Fake", "file": SimpleUploadedFile("photo.png", b"not an image"), "collection": root},
    )
    assert fake.status_code == 200 and "Upload a valid image" in fake.text
    svg = editor_client.post(
        "/admin/images/add/",
        {"title": "Vector", "file": SimpleUploadedFile("logo.svg", b"<svg onload='x'/>"), "collection": root},
    )
    assert svg.status_code == 200 and "Not a supported image format" in svg.text


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Documents on disk, as in production (the test settings keep files in memory)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def attached(audience: str) -> Document:
    document = Document.objects.create(title=f"Annex {audience}", file=ContentFile(PDF, name=f"annex-{audience}.pdf"))
    page = best_practice_page(title=f"Practice with an annex ({audience})", audience=audience)
    BestPracticeAttachment.objects.create(page=page, document=document)
    page.save_revision().publish()  # the reference index learns of the attachment
    return document


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        (
            "public",
            {"anonymous": 200, "public": 200, "delegate": 200, "law_enforcement": 200, "editor": 200},
        ),
        (
            "law_enforcement",
            {"anonymous": 302, "public": 404, "delegate": 404, "law_enforcement": 200, "editor": 200},
        ),
    ],
)
def test_documents_are_as_open_as_the_pages_that_use_them(client_for_role, disk_storage, audience, expected):
    document = attached(audience)
    for role, status in expected.items():
        response = client_for_role(role).get(document.url)
        assert response.status_code == status, role
        if status == 200:
            assert b"".join(response.streaming_content) == PDF
            # A shared cache (proxy, CDN) never keeps a restricted document for the next person;
            # everything answered to someone signed in is at least private.
            cache_control = response.get("Cache-Control", "")
            if audience != "public":
                assert "private" in cache_control and "no-store" in cache_control, role
            elif role == "anonymous":
                assert "private" not in cache_control
            else:
                assert "private" in cache_control and "no-store" not in cache_control, role
        response.close()
        if status == 302:
            assert "/accounts/login/" in response["Location"]
        if status == 404:
            assert b"%PDF" not in response.content and document.title.encode() not in response.content
        client_for_role("anonymous").logout()


def test_a_document_no_page_uses_is_for_staff_only(client_for_role, disk_storage):
    document = Document.objects.create(title="Draft annex", file=ContentFile(PDF, name="draft-annex.pdf"))
    assert client_for_role("law_enforcement").get(document.url).status_code == 404
    response = client_for_role("editor").get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]
    response.close()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content", [b"GIF89a" + b"\x00" * 18, b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, b"\xff\xd8\xff" + b"junk" * 5]
)
def test_an_image_that_is_not_what_it_claims_gets_a_form_error(client, content):
    from tests.factories import UserFactory

    client.force_login(UserFactory(role="superuser"))
    upload = SimpleUploadedFile("poster.gif", content, content_type="image/gif")
    response = client.post(
        "/admin/images/add/", {"title": "Poster", "file": upload, "collection": Collection.get_first_root_node().pk}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors  # Wagtail's own "extension does not match", or ours for what Pillow cannot read
    if content.startswith(b"GIF"):
        assert errors == ["This file could not be read as an image. Upload a GIF, JPEG, PNG or WebP picture."]


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("delegate", 404), ("law_enforcement", 200), ("editor", 200)],
)
def test_a_documents_file_under_media_gets_the_same_answer_as_the_document(client_for_role, disk_storage, role, status):
    """`make run` serves /media/ too: straight from the disk it would hand anyone the file."""
    document = attached("law_enforcement")
    response = client_for_role(role).get(f"/media/{document.file.name}")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert "no-store" in response["Cache-Control"]
        response.close()
    else:
        assert b"%PDF" not in response.content


def test_images_and_their_renditions_are_for_staff_until_a_page_shows_them(client_for_role, disk_storage):
    from PIL import Image as Picture
    from wagtail.images.models import Image

    picture = io.BytesIO()
    Picture.new("RGB", (120, 80), (200, 40, 40)).save(picture, "PNG")
    image = Image.objects.create(title="Harbour patrol", file=ContentFile(picture.getvalue(), name="harbour.png"))
    small = io.BytesIO()
    Picture.new("RGB", (60, 40), (200, 40, 40)).save(small, "PNG")
    rendition = image.renditions.create(
        filter_spec="fill-60x40", file=ContentFile(small.getvalue(), name="harbour.fill-60x40.png"), width=60, height=40
    )
    for path in (image.file.name, rendition.file.name):
        assert client_for_role("anonymous").get(f"/media/{path}").status_code == 404
        assert client_for_role("law_enforcement").get(f"/media/{path}").status_code == 404
        response = client_for_role("editor").get(f"/media/{path}")
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\x89PNG")
        response.close()
        client_for_role("anonymous").logout()


@pytest.mark.parametrize("path", ["../settings.py", "documents/never-uploaded.pdf", "loose-file.txt", "images/%00.png"])
def test_files_nobody_uploaded_are_not_served_from_media(client_for_role, disk_storage, settings, path):
    assert client_for_role("editor").get(f"/media/{path}").status_code == 404
