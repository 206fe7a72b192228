"""Glossary expansion (search/glossary.py), on the glossary the migrations seed."""

from __future__ import annotations

import pytest

from search import glossary
from search.models import GlossaryEntry


@pytest.fixture
def fresh(db):
    glossary.bump_version()
    glossary._state["loaded"] = 0.0  # reload from this test's database
    yield
    glossary._state["loaded"] = 0.0


def test_a_whole_form_brings_the_terms_other_forms_with_their_languages(fresh):
    forms = glossary.expansion_languages("trafic de stupéfiants")
    assert forms["drug trafficking"] == "en" and forms["trafic de drogue"] == "fr"
    assert "trafic de stupéfiants" not in forms


def test_a_single_word_of_a_multi_word_term_reaches_the_other_language(fresh):
    assert glossary.expansion_languages("stupéfiants") == {}  # not a form of the term…
    partial = glossary.partial_expansion_languages("stupéfiants")
    assert partial == {"drug trafficking": "en", "narcotics trafficking": "en"}  # …but its word
    assert glossary.partial_expansion_languages("faciale") == {"facial recognition": "en", "face recognition": "en"}
    assert glossary.partial_expansion_languages("recognition") == {"reconnaissance faciale": "fr"}


@pytest.mark.parametrize(
    "text",
    [
        "données",  # in several terms: it does not say which one
        "trafic",  # likewise
        "face",  # too short to be telling
        "stupéfiants saisis",  # beside other words: the term's forms would match alone
        "trafic de stupéfiants",  # the whole form was typed: full expansion instead
    ],
)
def test_words_that_do_not_name_one_term_reach_nothing(fresh, text):
    assert glossary.partial_expansion_languages(text) == {}


def test_a_glossary_change_is_seen_at_once(fresh):
    assert glossary.partial_expansion_languages("quaymouthienne") == {}
    GlossaryEntry.objects.create(english="Quaymouth harbour watch", french="veille portuaire quaymouthienne")
    glossary.bump_version()
    assert glossary.partial_expansion_languages("quaymouthienne") == {"Quaymouth harbour watch": "en"}
