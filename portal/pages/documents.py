"""PDFs of content pages: an edition's conclusion set, toolkits and compendia.

Each document is made for one clearance level (what a reader of that level may see of it),
in the page's language, and cached under ``var/pdf``; a cached file is named after a
fingerprint of what went into it, so a publish makes a new file and the old ones are removed.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from collections import defaultdict
from html.parser import HTMLParser

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_countries import countries
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer
from wagtail.rich_text import expand_db_html

from portal.audiences import Audience, rank
from portal.pdf.document import ShapedParagraph, build_pdf, styles, table_of_contents
from portal.pdf.fonts import BOLD

from .access import effective_audience

logger = logging.getLogger(__name__)

LAYOUT_VERSION = "1"  # bump when the layout changes, so cached documents are made again


def cache_storage():
    """The generated-PDF cache: ``STORAGES["pdf_cache"]``, shared by every web node (a folder
    that is not served as media, or a private prefix of the object store)."""
    return storages["pdf_cache"]


# -- rich text ---------------------------------------------------------------------------------


class _RichText(HTMLParser):
    """Wagtail rich text → reportlab paragraphs (headings, paragraphs, lists, bold, italic, links)."""

    BLOCKS = {"p": "body", "h2": "heading2", "h3": "heading3", "h4": "heading3", "li": "body"}
    INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i"}

    def __init__(self, sheet):
        super().__init__(convert_charrefs=True)
        self.sheet = sheet
        self.flowables = []
        self.buffer: list[str] = []
        self.block = None
        self.lists: list[list] = []  # [kind, counter]

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag, 0])
        elif tag in self.BLOCKS:
            self._flush()
            self.block = tag
            if tag == "li" and self.lists:
                self.lists[-1][1] += 1
        elif tag in self.INLINE:
            self.buffer.append(f"<{self.INLINE[tag]}>")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://", "mailto:", "/")):
                self.buffer.append(f'<a href="{html.escape(href, quote=True)}" color="#0b5cad">')
            else:
                self.buffer.append("<a>")
        elif tag == "br":
            self.buffer.append("<br/>")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in self.BLOCKS:
            self._flush()
        elif tag in self.INLINE:
            self.buffer.append(f"</{self.INLINE[tag]}>")
        elif tag == "a":
            self.buffer.append("</a>")

    def handle_data(self, data):
        self.buffer.append(html.escape(data, quote=False))

    def _flush(self):
        text = "".join(self.buffer).strip()
        self.buffer = []
        if not re.sub(r"<[^>]+>", "", text).strip():
            self.block = None
            return
        tag = self.block or "p"
        style = getattr(self.sheet, self.BLOCKS.get(tag, "body"))
        if tag == "li" and self.lists:
            kind, counter = self.lists[-1]
            bullet = f"{counter}." if kind == "ol" else "•"
            self.flowables.append(Paragraph(text, style, bulletText=bullet))
        else:
            self.flowables.append(Paragraph(_balanced(text), style))
        self.block = None

    def close(self):
        super().close()
        self._flush()


def _balanced(markup: str) -> str:
    """Drop inline tags left open or closed twice, so one odd paragraph never stops a document."""
    stack, out = [], []
    for piece in re.split(r"(</?(?:b|i|a)(?: [^>]*)?>)", markup):
        match = re.fullmatch(r"<(/?)(b|i|a)(?: [^>]*)?>", piece)
        if not match:
            out.append(piece)
        elif match.group(1) == "":
            stack.append(match.group(2))
            out.append(piece)
        elif stack and stack[-1] == match.group(2):
            stack.pop()
            out.append(piece)
    out.extend(f"</{tag}>" for tag in reversed(stack))
    return "".join(out)


def rich_text(value: str, sheet) -> list:
    parser = _RichText(sheet)
    parser.feed(expand_db_html(value or ""))
    parser.close()
    return parser.flowables


def _heading(text: str, style, level: int):
    paragraph = Paragraph(html.escape(text), style)
    paragraph.toc_level = level
    paragraph.toc_text = text
    return paragraph


def _marking(audience: str) -> str | None:
    if audience == Audience.PUBLIC:
        return None
    return _("%(audience)s only") % {"audience": Audience(audience).label}


# -- the three documents -----------------------------------------------------------------------


def _cover(sheet, title: str, lines: list[str], summary: str = "") -> list:
    story = [Spacer(1, 30 * mm), ShapedParagraph(title, size=24, weight=BOLD, leading=30, space_after=12)]
    story += [Paragraph(html.escape(line), sheet.body) for line in lines if line]
    if summary:
        story += [Spacer(1, 6 * mm), Paragraph(html.escape(summary), sheet.body)]
    return story


def toolkit_story(page) -> list:
    sheet = styles()
    lines = [
        _("Version %(version)s, released %(date)s")
        % {"version": page.version, "date": date_format(page.release_date, "DATE_FORMAT")},
    ]
    partners = [p.name for p in page.partners.all()]
    if partners:
        lines.append(_("With: %(partners)s") % {"partners": ", ".join(partners)})
    story = _cover(sheet, page.title, lines, page.summary)
    story += [PageBreak(), Paragraph(html.escape(_("Contents")), sheet.heading1), table_of_contents(), PageBreak()]
    if page.introduction:
        story.append(_heading(_("Introduction"), sheet.heading1, 0))
        story += rich_text(page.introduction, sheet)
    for number, chapter in enumerate(page.chapters.all(), start=1):
        story.append(_heading(f"{number}. {chapter.title}", sheet.heading1, 0))
        story += rich_text(chapter.body, sheet)
    releases = list(page.releases.all())
    if releases:
        story.append(_heading(_("Release history"), sheet.heading2, 1))
        for release in releases:
            label = f"<b>{html.escape(release.version)}</b> — {date_format(release.date, 'DATE_FORMAT')}"
            notes = f": {html.escape(release.notes)}" if release.notes else ""
            story.append(Paragraph(label + notes, sheet.body))
    return story


def compendium_story(page) -> list:
    sheet = styles()
    lines = [_("Published %(date)s") % {"date": date_format(page.publication_date, "DATE_FORMAT")}]
    story = _cover(sheet, page.title, lines, page.summary)
    story += [PageBreak(), Paragraph(html.escape(_("Contents")), sheet.heading1), table_of_contents(), PageBreak()]
    if page.introduction:
        story.append(_heading(_("Introduction"), sheet.heading1, 0))
        story += rich_text(page.introduction, sheet)
    by_region = defaultdict(list)
    for entry in page.entries.select_related("region", "theme").order_by("region__name", "country", "sort_order"):
        region = entry.region.get_translation_or_none(page.locale) or entry.region
        by_region[region.name].append(entry)
    for region_name in sorted(by_region):
        story.append(_heading(region_name, sheet.heading1, 0))
        for entry in by_region[region_name]:
            country = str(countries.name(str(entry.country))) if entry.country else ""
            title = f"{country} — {entry.title}" if country else entry.title
            block = [_heading(title, sheet.heading3, 1)]
            if entry.theme_id:
                theme = entry.theme.get_translation_or_none(page.locale) or entry.theme
                block.append(Paragraph(html.escape(_("Theme: %(theme)s") % {"theme": theme.name}), sheet.small))
            story.append(KeepTogether(block))
            story += rich_text(entry.text, sheet)
    return story


def conclusions_visible(edition, clearance: str) -> list:
    """The edition's live conclusions in its language that a reader of ``clearance`` may see."""
    from .models import ConclusionPage

    found = []
    for conclusion in (
        ConclusionPage.objects.live()
        .filter(locale=edition.locale, edition__translation_key=edition.translation_key)
        .order_by("number")
    ):
        if rank(effective_audience(conclusion)) <= rank(clearance):
            found.append(conclusion)
    return found


def conclusion_set_story(edition, conclusions) -> list:
    sheet = styles()
    lines = [
        f"{edition.city} · {date_format(edition.start_date, 'DATE_FORMAT')} – "
        f"{date_format(edition.end_date, 'DATE_FORMAT')}",
        _("%(count)d conclusions") % {"count": len(conclusions)},
    ]
    story = [
        ShapedParagraph(_("Conclusions"), size=13, color=sheet.small.textColor, space_after=2),
        *_cover(sheet, edition.title, lines)[1:],
        Spacer(1, 6 * mm),
    ]
    if not conclusions:
        story.append(Paragraph(html.escape(_("No conclusions have been published for this edition yet.")), sheet.body))
    for conclusion in conclusions:
        status = conclusion.get_follow_up_status_display()
        block = [
            _heading(f"{conclusion.number}. {conclusion.title}", sheet.heading2, 0),
            Paragraph(
                html.escape(
                    _("Adopted %(date)s · Follow-up: %(status)s")
                    % {"date": date_format(conclusion.adoption_date, "DATE_FORMAT"), "status": status}
                ),
                sheet.small,
            ),
        ]
        story.append(KeepTogether(block))
        story += rich_text(conclusion.body, sheet)
        updates = list(conclusion.dated_updates())
        if updates:
            story.append(Paragraph(html.escape(_("Progress updates")), sheet.heading3))
            for update in updates:
                label = f"{date_format(update.date, 'DATE_FORMAT')} — {update.get_status_display()}"
                story.append(Paragraph(f"<b>{html.escape(label)}</b>: {html.escape(update.text)}", sheet.body))
    return story


# -- making and caching --------------------------------------------------------------------------


def document_parts(page, clearance: str):
    """(kind, pages that go in, audience of the document) for ``page`` at ``clearance``; None if no PDF."""
    from .models import CompendiumPage, ConclusionPage, ConferencePage, ToolkitPage

    page = page.specific
    if isinstance(page, ConclusionPage):
        page = page.localized_edition
    if isinstance(page, ToolkitPage):
        return "toolkit", page, [page], effective_audience(page)
    if isinstance(page, CompendiumPage):
        return "compendium", page, [page], effective_audience(page)
    if isinstance(page, ConferencePage):
        included = conclusions_visible(page, clearance)
        audiences = [effective_audience(page), *(effective_audience(c) for c in included)]
        return "conclusions", page, [page, *included], max(audiences, key=rank)
    return None


def _fingerprint(kind: str, pages, clearance: str, language: str, audience: str) -> str:
    parts = [LAYOUT_VERSION, kind, clearance, language, audience]
    parts += [f"{p.pk}:{p.latest_revision_id}:{p.last_published_at}:{p.audience}" for p in pages]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def document_pdf(page, clearance: str, parts=None) -> tuple[bytes, str] | None:
    """The PDF of ``page`` as a reader of ``clearance`` may see it, and a file name; cached.

    ``parts`` is what ``document_parts`` returned, when the caller already has it.
    """
    parts = parts or document_parts(page, clearance)
    if parts is None:
        return None
    kind, subject, pages, audience = parts
    language = subject.locale.language_code
    prefix = f"{kind}-{subject.pk}-{clearance}-"
    name = f"{prefix}{_fingerprint(kind, pages, clearance, language, audience)}.pdf"
    filename = f"{subject.slug}.pdf"
    storage = cache_storage()
    try:
        with storage.open(name, "rb") as cached:
            return cached.read(), filename
    except (FileNotFoundError, OSError):
        pass  # not made yet (or the store is unreachable): make it
    with translation.override(language):
        if kind in ("toolkit", "compendium"):
            story = toolkit_story(subject) if kind == "toolkit" else compendium_story(subject)
            content = build_pdf(story, title=subject.title, marking=_marking(audience), multi_pass=True)
        else:
            title = _("Conclusions — %(edition)s") % {"edition": subject.title}
            content = build_pdf(conclusion_set_story(subject, pages[1:]), title=title, marking=_marking(audience))
    _cache_write(storage, name, prefix, content)
    return content, filename


def _cache_write(storage, name: str, prefix: str, content: bytes) -> None:
    """Keep ``content`` as ``name`` and drop older versions; a cache that cannot be written only
    costs the next reader a new rendering, never this one their document."""
    try:
        storage.save(name, ContentFile(content))  # whole or not at all (AtomicFileSystemStorage, S3)
        for stale in storage.listdir("")[1]:
            if stale.startswith(prefix) and stale.endswith(".pdf") and stale != name:
                storage.delete(stale)
    except OSError as exc:
        logger.warning("PDF cache not written (%s): %s", name, exc)


def documents_refresh(page) -> int:
    """Make the cached PDFs that depend on ``page`` again (after a publish); returns how many."""
    from .models import ConclusionPage

    page = page.specific
    subject = page.localized_edition if isinstance(page, ConclusionPage) else page
    made = 0
    for clearance in Audience.values:
        if rank(clearance) < rank(effective_audience(subject)):
            continue
        if document_pdf(subject, clearance) is not None:
            made += 1
    return made
