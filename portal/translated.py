"""Model fields translated into any of the site's languages, in one JSON column.

Events, sessions and roundtables are not Wagtail pages, so wagtail-localize does not translate
them. Their texts live in one ``JSONField`` per field, ``{"en": "…", "fr": "…"}``, as pretalx's
``I18nCharField`` does, so adding a language to ``settings.LANGUAGES`` needs no migration.

Written here rather than taken from django-i18nfield (pretalx's library) because that library
keeps the JSON in a text column and refuses every lookup, so the admin could neither search
nor order by a name; Django's JSONField gives key lookups and ordering (``name__en``) on
SQLite and PostgreSQL. What is ours is the value wrapper, the descriptor and the widget.

Reading ``event.name`` gives a :class:`TranslatedText`: a ``str`` in the active language
(falling back to the default language, then the others in the order of ``settings.LANGUAGES``)
that also carries every translation and says which language it is really written in, so a
template can mark a missing translation.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core import checks, exceptions
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def site_languages() -> list[str]:
    """The site's language codes, default language first."""
    default = settings.LANGUAGE_CODE[:2]
    return list(dict.fromkeys([default, *(code[:2] for code, _name in settings.LANGUAGES)]))


def pick(translations: dict[str, str], language: str | None = None) -> tuple[str, str]:
    """``(text, language it is written in)`` for ``language`` (default: the active one)."""
    wanted = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    for code in [wanted, *site_languages(), *translations]:
        text = translations.get(code)
        if text:
            return text, code
    return "", wanted


class TranslatedText(str):
    """The text in one language, with all of them at hand.

    A ``str`` so templates, PDFs, the API schema, mail and sorting take it as they took the
    per-language columns; made afresh at each attribute read, so it follows the active language.
    """

    translations: dict[str, str]
    language: str
    requested: str

    def __new__(cls, translations: dict[str, str] | None, language: str | None = None):
        translations = {code: text for code, text in (translations or {}).items() if text}
        requested = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
        text, written_in = pick(translations, requested)
        obj = super().__new__(cls, text)
        obj.translations = translations
        obj.language = written_in
        obj.requested = requested
        return obj

    def in_language(self, language: str) -> TranslatedText:
        return TranslatedText(self.translations, language)

    @property
    def is_fallback(self) -> bool:
        """True when the reader's language has no text and another language stands in."""
        return bool(self) and self.language != self.requested

    def __reduce__(self):
        return (TranslatedText, (self.translations, self.requested))


def normalise(value) -> dict[str, str]:
    """Whatever was assigned, as ``{language: text}``; a plain string is the default language's."""
    if isinstance(value, TranslatedText):
        return dict(value.translations)
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(code)[:2]: str(text).strip() for code, text in value.items() if text and str(text).strip()}
    text = str(value).strip()
    return {settings.LANGUAGE_CODE[:2]: text} if text else {}


class TranslatedDescriptor(DeferredAttribute):
    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return TranslatedText(super().__get__(instance, cls))

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = normalise(value)


class TranslatedWidget(forms.MultiWidget):
    """One input per language of the site, each labelled with the language's name and carrying
    ``lang`` and ``dir`` so an Arabic text is typed right to left."""

    template_name = "portal/widgets/translated.html"

    def __init__(self, languages: list[str], multiline: bool = False, attrs=None):
        self.languages = languages
        single = forms.Textarea if multiline else forms.TextInput
        bidi = {code[:2] for code in settings.LANGUAGES_BIDI}
        widgets = {
            code: single(attrs={**(attrs or {}), "lang": code, "dir": "rtl" if code in bidi else "ltr"})
            for code in languages
        }
        super().__init__(widgets)

    def decompress(self, value):
        data = normalise(value)
        return [data.get(code, "") for code in self.languages]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        names = dict(settings.LANGUAGES)
        for code, sub in zip(self.languages, context["widget"]["subwidgets"], strict=True):
            sub["language_name"] = translation.gettext(names.get(code, code))
            sub["language"] = code
            if attrs and attrs.get("id"):
                sub["attrs"]["id"] = f"{attrs['id']}_{code}"  # id_name_fr, as its name is name_fr
        return context


class TranslatedFormField(forms.MultiValueField):
    default_error_messages = {
        "required": _("Write it at least in %(language)s."),
    }

    def __init__(self, *, max_length=None, multiline=False, required=True, **kwargs):
        self.languages = site_languages()
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [forms.CharField(max_length=max_length, required=False) for _code in self.languages]
        self.default_required = required
        super().__init__(
            fields=fields,
            widget=TranslatedWidget(self.languages, multiline=multiline),
            required=False,
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list):
        return {
            code: text.strip()
            for code, text in zip(self.languages, data_list or [], strict=False)
            if text and text.strip()
        }

    def clean(self, value):
        data = super().clean(value)
        if self.default_required and not data.get(self.languages[0]):
            raise exceptions.ValidationError(
                self.error_messages["required"] % {"language": language_in_a_sentence(self.languages[0])},
                code="required",
            )
        return data

    def has_changed(self, initial, data):
        return normalise(initial) != self.compress(data if isinstance(data, list) else self.widget.decompress(data))


class TranslatedField(models.JSONField):
    """A text in each of the site's languages: ``{"en": "…", "fr": "…"}`` in one column.

    ``blank=False`` requires the default language (the one every other falls back to);
    ``max_length`` bounds each translation.
    """

    descriptor_class = TranslatedDescriptor

    def __init__(self, *args, max_length=None, multiline=False, **kwargs):
        self.text_max_length = max_length
        self.multiline = multiline
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if self.text_max_length is not None and self.text_max_length <= 0:
            errors.append(checks.Error("max_length must be positive.", obj=self, id="portal.E101"))
        return errors

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.text_max_length is not None:
            kwargs["max_length"] = self.text_max_length
        if self.multiline:
            kwargs["multiline"] = True
        if kwargs.get("default") is dict:
            del kwargs["default"]
        return name, path, args, kwargs

    def get_prep_value(self, value):
        # Only our own value: a plain string here is the right-hand side of a key lookup
        # (``name__fr="Ouverture"``) and must stay as it is.
        if isinstance(value, TranslatedText):
            value = dict(value.translations)
        return super().get_prep_value(value)

    def value_from_object(self, obj):
        return normalise(obj.__dict__.get(self.attname))

    def validate(self, value, model_instance):
        data = normalise(value)
        default = site_languages()[0]
        if not self.blank and not data.get(default):
            raise exceptions.ValidationError(
                TranslatedFormField.default_error_messages["required"] % {"language": language_in_a_sentence(default)},
                code="required",
            )
        if self.text_max_length:
            for code, text in data.items():
                if len(text) > self.text_max_length:
                    raise exceptions.ValidationError(
                        _("The %(language)s text has %(length)d characters; at most %(max)d fit.")
                        % {
                            "language": language_in_a_sentence(code),
                            "length": len(text),
                            "max": self.text_max_length,
                        },
                        code="max_length",
                    )

    def formfield(self, **kwargs):
        return TranslatedFormField(
            max_length=self.text_max_length,
            multiline=self.multiline,
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name),
            help_text=kwargs.get("help_text", self.help_text),
            disabled=kwargs.get("disabled", False),
        )


def site_language_choices() -> list[tuple[str, str]]:
    """``choices`` for a field holding one of the site's languages (callable: no migration when
    a language is added)."""
    return [(code[:2], name) for code, name in settings.LANGUAGES]


# Names of languages as they read inside a sentence ("written in English", "rédigé en anglais"):
# a context of their own, since French and Spanish write them in lower case there.
IN_A_SENTENCE = {
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
    "es": pgettext_lazy("language name inside a sentence", "Spanish"),
    "ar": pgettext_lazy("language name inside a sentence", "Arabic"),
}


def language_in_a_sentence(code: str) -> str:
    return str(IN_A_SENTENCE.get(code) or dict(settings.LANGUAGES).get(code, code))
