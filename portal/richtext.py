"""Rich text that is cleaned on every save, not only when typed into the admin editor.

Wagtail's editor converts what staff type into a whitelisted form, but text stored by
code (imports, the demo loader, future APIs) would reach templates unfiltered. This field
runs the same whitelist as the editor before the value is written.
"""

from __future__ import annotations

from functools import lru_cache

from wagtail.fields import RichTextField

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


@lru_cache(maxsize=8)
def _converter(features: tuple[str, ...]):
    # Imported here: the converter module loads admin models, which model modules must not.
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

    return EditorHTMLConverter(features=list(features))


def sanitise_rich_text(html: str, features=RICH_TEXT_FEATURES) -> str:
    """Keep only the tags and attributes the given editor features allow."""
    if not html:
        return html
    return _converter(tuple(features)).to_database_format(html)


class SafeRichTextField(RichTextField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitise_rich_text(getattr(model_instance, self.attname), self.features)
        setattr(model_instance, self.attname, value)
        return value
