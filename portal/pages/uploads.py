"""Uploaded documents and images: the type is read from the content, not trusted from the file name.

Wagtail checks the extension (WAGTAILDOCS_EXTENSIONS) and the size (WAGTAILDOCS_MAX_UPLOAD_SIZE);
this form also checks that the bytes are what the extension says, so an HTML page or a program
renamed to .pdf is refused with a message saying what was found. Then the whole file is read,
not only its first bytes: a PDF must parse (pypdf) and carry no JavaScript; an Office or
OpenDocument archive may hold only the parts its type allows (no macros, no embedded programs),
within a size a zip bomb cannot exceed; a text file may hold no HTML or script anywhere.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _
from PIL import UnidentifiedImageError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ODF_TYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
TEXT_TYPES = {"csv", "txt"}
LABELS = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "pptx": "PowerPoint (.pptx)",
    "odt": "OpenDocument text (.odt)",
    "csv": "CSV",
    "txt": _("plain text"),
}


def _zip_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                return next((kind for kind, part in OOXML_PARTS.items() if part in names), None)
            if "mimetype" in names:
                declared = archive.read("mimetype").strip()
                return next((kind for kind, mime in ODF_TYPES.items() if mime == declared), None)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return False
        text = head[: exc.start].decode("utf-8")
    lowered = text.lstrip().lower()
    return not lowered.startswith(("<!doctype html", "<html", "<script", "<svg", "<?xml"))


# The parts each archive type may hold. Anything else (vbaProject.bin macros, ActiveX controls,
# embedded OLE objects, Basic or script folders) is refused.
ALLOWED_PARTS = {
    "docx": ("[Content_Types].xml", "_rels/", "docProps/", "customXml/", "word/"),
    "xlsx": ("[Content_Types].xml", "_rels/", "docProps/", "customXml/", "xl/"),
    "pptx": ("[Content_Types].xml", "_rels/", "docProps/", "customXml/", "ppt/"),
    "odt": (
        "mimetype",
        "META-INF/",
        "content.xml",
        "styles.xml",
        "meta.xml",
        "settings.xml",
        "manifest.rdf",
        "Thumbnails/",
        "Pictures/",
        "Configurations2/",
    ),
}
FORBIDDEN_PARTS = re.compile(r"(vbaproject|vbadata|activex|/embeddings/|\.bin$|\.exe$|\.dll$|\.js$)", re.I)
MAX_UNPACKED = 200 * 1024 * 1024  # what an honest 20 MB document unpacks to, with room
MAX_PARTS = 5000
MARKUP = re.compile(rb"<\s*(script|html|iframe|svg|object|embed|body|form|meta|link|style)\b|javascript:", re.I)


def _archive_problem(upload, kind: str) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_PARTS or sum(m.file_size for m in members) > MAX_UNPACKED:
                return _("it unpacks to more than a document of this size could hold")
            for member in members:
                name = member.filename
                if FORBIDDEN_PARTS.search(name) or not name.startswith(ALLOWED_PARTS[kind]):
                    return _("it holds a part no %(kind)s document has (%(part)s), such as macros or programs") % {
                        "kind": LABELS[kind],
                        "part": name[:80],
                    }
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return _("its archive is damaged")
    finally:
        upload.seek(0)
    return None


def _pdf_problem(upload) -> str | None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(upload, strict=False)
        if len(reader.pages) == 0:
            return _("it has no pages")
        root = reader.trailer["/Root"]
        names = root.get("/Names") or {}
        if "/JavaScript" in names or "/JS" in (root.get("/OpenAction") or {}) or "/AA" in root:
            return _("it runs JavaScript when opened")
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        return _("it cannot be read as a PDF (damaged or incomplete)")
    finally:
        upload.seek(0)
    return None


def _text_problem(upload) -> str | None:
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if b"\x00" in content:
        return _("it holds binary data")
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return _("it is not UTF-8 text")
    if MARKUP.search(content):
        return _("it holds HTML or script")
    return None


def document_problem(upload, extension: str) -> str | None:
    """Why the whole file is not an acceptable ``extension`` document, or None."""
    if extension == "pdf":
        return _pdf_problem(upload)
    if extension in ALLOWED_PARTS:
        return _archive_problem(upload, extension)
    if extension in TEXT_TYPES:
        return _text_problem(upload)
    return None


def sniff(upload) -> str | None:
    """What the file's content is: one of the allowed kinds, or None."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
        upload.seek(0)
        return kind
    if head and _is_text(head):
        return "text"
    return None


def content_matches(upload, extension: str) -> bool:
    kind = sniff(upload)
    return kind == extension or (kind == "text" and extension in TEXT_TYPES)


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "seek") or getattr(upload, "_committed", False):
            return upload  # unchanged when editing the title only
        extension = PurePath(upload.name).suffix.lower().lstrip(".")
        if extension in LABELS and not content_matches(upload, extension):
            raise forms.ValidationError(
                _(
                    "This file is named .%(ext)s but its content is not a %(kind)s document. "
                    "Save it again as %(kind)s and upload it."
                )
                % {"ext": extension, "kind": LABELS[extension]},
                code="content_mismatch",
            )
        if extension in LABELS and (problem := document_problem(upload, extension)):
            raise forms.ValidationError(
                _("This %(kind)s file cannot be accepted: %(problem)s.")
                % {"kind": LABELS[extension], "problem": problem},
                code="unsafe_content",
            )
        return upload


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with a form error where Pillow cannot read what it was given.

    Wagtail identifies the format from the first bytes, then asks Pillow for the size: a file
    that starts like a GIF but is not one made that second step raise, and the admin answer 500.
    """

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
            raise forms.ValidationError(
                _("This file could not be read as an image. Upload a GIF, JPEG, PNG or WebP picture."),
                code="unreadable_image",
            ) from exc


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, CheckedImageField):
            self.fields["file"] = CheckedImageField(label=field.label, required=field.required, widget=field.widget)
