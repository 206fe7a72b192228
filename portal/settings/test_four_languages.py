"""The test settings with four languages: English, French, Spanish and Arabic (right to left).

`make test` runs `tests/four_languages/` with these settings, to prove that a language is
configuration: pages, search, PDFs, the API and iCal in Spanish and Arabic, and nothing else
changed. The shipped default stays English and French.
"""

from . import env
from .test import *  # noqa: F403
from .test import LANGUAGE_NAMES

LANGUAGES = env.languages(["en", "fr", "es", "ar"], LANGUAGE_NAMES)
LANGUAGE_CODE = "en"
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
