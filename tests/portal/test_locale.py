"""The French catalogue is complete, and the committed .mo matches the .po."""

from __future__ import annotations

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "portal" / "locale" / "fr" / "LC_MESSAGES"


def test_french_catalogue_is_complete():
    po = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert len(po.translated_entries()) > 150


def test_compiled_catalogue_is_up_to_date():
    po = polib.pofile(str(LOCALE / "django.po"))
    mo = polib.mofile(str(LOCALE / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in mo}
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert key in compiled, f"{entry.msgid!r} is missing from django.mo: run make messages"
        expected = entry.msgstr or {int(k): v for k, v in entry.msgstr_plural.items()}
        got = compiled[key]
        if isinstance(got, dict):
            got = {int(k): v for k, v in got.items()}
        assert got == expected, f"{entry.msgid!r} differs in django.mo: run make messages"


def test_placeholders_survive_translation():
    import re

    po = polib.pofile(str(LOCALE / "django.po"))
    pattern = re.compile(r"%\(\w+\)s")
    for entry in po.translated_entries():
        wanted = sorted(pattern.findall(entry.msgid))
        for text in [entry.msgstr] if entry.msgstr else entry.msgstr_plural.values():
            assert sorted(pattern.findall(text)) == wanted or entry.msgid_plural, entry.msgid
