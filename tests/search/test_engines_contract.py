"""One contract, two engines: every case runs on the embedded engine and on Elasticsearch."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from portal.pages.models import BestPracticePage
from search.query import SearchQuery
from search.service import autocomplete_run, search_run
from tests.factories import UserFactory

LE_ONLY_TITLE = "Screening workers rescued from online scam centres"


def run(user, reader="en", **params):
    data = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    return search_run(user=user, params=data, language=reader)


@pytest.fixture
def officer(db):
    return UserFactory(role="law_enforcement")


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def titles(outcome):
    return [hit["title"] for hit in outcome.hits]


def test_french_query_finds_english_only_best_practice(indexed, officer):
    outcome = run(officer, "fr", q="traite des êtres humains")
    assert LE_ONLY_TITLE in titles(outcome)
    hit = next(h for h in outcome.hits if h["title"] == LE_ONLY_TITLE)
    assert hit["language"] == "en" and hit["other_language"] is True
    assert hit["translations"] == []


def test_english_query_finds_french_text_through_the_glossary(indexed, anonymous):
    outcome = run(anonymous, "en", q="NCB")
    assert "Strengthening the NCB network" in titles(outcome)
    assert "National Central Bureau" in outcome.expansions


def test_acronym_in_french_matches_the_spelled_out_english(indexed, officer):
    outcome = run(officer, "en", q="EEI")
    assert "Sharing IED incident data for regional analysis" in titles(outcome)


def test_a_page_and_its_translation_are_one_result_in_the_reader_language(indexed, anonymous):
    english = run(anonymous, "en", q="Watchmaker")
    french = run(anonymous, "fr", q="Watchmaker")
    assert titles(english).count("Watchmaker: identifying the makers of explosive devices") == 1
    assert not any(h["language"] == "fr" for h in english.hits)
    hit = french.hits[0]
    assert hit["title"] == "Watchmaker : identifier les fabricants d’engins explosifs"
    assert [t["language"] for t in hit["translations"]] == ["en"]
    assert hit["translations"][0]["url"] == "/en/initiatives/watchmaker/"


def test_restricted_items_never_appear_for_the_public(indexed, anonymous, officer):
    public = run(anonymous, "en", q="biometric")
    cleared = run(officer, "en", q="biometric")
    restricted = set(
        BestPracticePage.objects.filter(audience="law_enforcement", locale__language_code="en").values_list(
            "title", flat=True
        )
    )
    assert not set(titles(public)) & restricted
    assert set(titles(cleared)) - set(titles(public)) == {
        "Running biometric checks at land border posts",
        "Sharing IED incident data for regional analysis",  # mentions biometric traces
    }
    assert cleared.total == public.total + 2


def test_facet_counts_respect_the_audience(indexed, anonymous, officer):
    def counts(outcome, name):
        return {v["value"]: v["count"] for f in outcome.facets if f.name == name for v in f.values}

    public, cleared = run(anonymous, "en"), run(officer, "en")
    assert counts(public, "type").get("best_practice") == 1  # only the public duty-desk practice
    assert counts(cleared, "type")["best_practice"] == 5
    public_practices = run(anonymous, "en", type="best_practice")
    assert "africa" not in counts(public_practices, "region")  # the African practice is restricted
    assert "africa" in counts(run(officer, "en", type="best_practice"), "region")
    assert sum(counts(public, "type").values()) == public.total


def test_filters_narrow_and_facets_follow(indexed, officer):
    everything = run(officer, "en")
    practices = run(officer, "en", type="best_practice")
    assert practices.total == 5 < everything.total
    assert {h["type"] for h in practices.hits} == {"best_practice"}
    africa = run(officer, "en", type="best_practice", region="africa")
    assert titles(africa) == ["Sharing IED incident data for regional analysis"]
    year = run(officer, "en", year="2022")
    assert year.total >= 1 and all(h["date"].startswith("2022") for h in year.hits)
    french_only = run(officer, "en", language="fr")
    assert LE_ONLY_TITLE not in titles(french_only)


def test_snippets_highlight_matches_and_are_escaped(indexed, anonymous):
    outcome = run(anonymous, "en", q="fingerprints")
    assert outcome.total >= 0
    outcome = run(anonymous, "en", q="radios")
    hit = outcome.hits[0]
    assert "<mark>radios</mark>" in hit["snippet"]
    assert "<script" not in hit["snippet"]


def test_did_you_mean_corrects_misspellings(indexed, anonymous):
    outcome = run(anonymous, "en", q="trafiking", verbatim="1")  # the words as typed, no correction
    assert outcome.total == 0 and outcome.corrected is None
    assert outcome.suggestion == "trafficking"
    assert run(anonymous, "en", q="biometrc hub", verbatim="1").suggestion == "biometric hub"


def test_a_search_that_finds_nothing_shows_the_corrections_results(indexed, anonymous):
    outcome = run(anonymous, "en", q="trafiking")
    assert outcome.corrected == "trafficking" and outcome.text == "trafiking"
    assert "Addressing human-trafficking-fuelled cyber fraud" in titles(outcome)
    assert outcome.suggestion is None  # the correction is already applied
    french = run(anonymous, "fr", q="terorisme")  # OpenSearch's French stemmer folds double letters itself
    assert french.corrected in (None, "terrorisme")
    assert "Lutter contre les formes persistantes de terrorisme" in titles(french)
    # A word that exists is never "corrected", even next to a typo.
    assert run(anonymous, "en", q="explosiv devices").corrected == "explosive devices"


def test_did_you_mean_never_offers_words_from_restricted_items(indexed, anonymous, officer):
    # "compound" appears only in the law-enforcement scam-centre practice.
    assert run(officer, "en", q="compund", verbatim="1").suggestion == "compound"
    assert run(anonymous, "en", q="compund", verbatim="1").suggestion != "compound"
    assert run(officer, "en", q="compund").corrected == "compound"
    public = run(anonymous, "en", q="compund")
    assert public.corrected != "compound"
    assert "Screening workers rescued from online scam centres" not in titles(public)


def test_question_words_do_not_count_and_long_questions_are_relaxed(indexed, anonymous):
    outcome = run(anonymous, "en", q="where did the heads of bureaus meet in 2022")
    assert "Heads of bureaus meet in Lyon to face a new century of threats" in titles(outcome)[:5]
    french = run(anonymous, "fr", q="comment assurer une permanence la nuit")
    assert "Organiser une permanence 24 h/24 au bureau national" in titles(french)[:5]


def test_each_compendium_entry_has_only_its_own_translation(indexed, anonymous):
    outcome = run(anonymous, "en", q="cercles de mentorat")
    assert titles(outcome)[0] == "Mentoring circles for women investigators"
    hit = outcome.hits[0]
    assert [t["title"] for t in hit["translations"]] == ["Cercles de mentorat pour les enquêtrices"]
    assert "Flexible shift patterns for parents" not in titles(outcome)  # another entry's text no longer matches


def test_acronyms_are_whole_words_with_or_without_dots(indexed, anonymous, officer):
    dotted, plain, lower = (titles(run(anonymous, "fr", q=q)) for q in ("B.C.N.", "BCN", "bcn"))
    assert dotted[0] == plain[0] == lower[0] == "Renforcer le réseau des B.C.N."
    ied = titles(run(officer, "en", q="IEDs"))
    assert "Sharing IED incident data for regional analysis" in ied[:3]
    assert "Global police databases" not in ied  # I-CORE's "I" is not the stem of IED


def test_the_type_of_item_is_a_word_readers_use(indexed, anonymous):
    outcome = run(anonymous, "fr", q="conclusions sur le terrorisme")
    assert titles(outcome)[0] == "Lutter contre les formes persistantes de terrorisme"


def test_autocomplete_on_titles_respects_the_audience(indexed, anonymous, officer):
    assert any(s["title"] == "Biometric Hub" for s in autocomplete_run(user=anonymous, prefix="biom", language="en"))
    restricted = "Running biometric checks at land border posts"
    assert all(s["title"] != restricted for s in autocomplete_run(user=anonymous, prefix="running biom", language="en"))
    assert any(s["title"] == restricted for s in autocomplete_run(user=officer, prefix="running biom", language="en"))
    french = autocomplete_run(user=anonymous, prefix="plateforme bio", language="fr")
    assert [s["title"] for s in french] == ["Plateforme biométrique"]


def test_autocomplete_survives_stop_words_and_acronyms(indexed, anonymous):
    def completes(prefix, language="en"):
        return [s["title"] for s in autocomplete_run(user=anonymous, prefix=prefix, language=language)]

    assert "Toolkit for Responsible AI Innovation in Law Enforcement" in completes("toolkit for resp")
    assert "17th Heads of NCB Conference — Lyon 2022" in completes("heads of ncb")
    assert "Renforcer le réseau des B.C.N." in completes("réseau des bcn", "fr")
    assert "Renforcer le réseau des B.C.N." in completes("reseau des B.C.N", "fr")


def test_sort_by_date_and_pagination(indexed, officer):
    by_date = run(officer, "en", sort="date")
    dates = [h["date"] for h in by_date.hits if h["date"]]
    assert dates == sorted(dates, reverse=True)
    first, second = run(officer, "en", page="1"), run(officer, "en", page="2")
    assert first.total == second.total and second.page == 2
    assert not set(titles(first)) & set(titles(second))


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "x" * 5000,
        '"(*',
        "🚓👮‍♀️ police",
        "الاتجار بالبشر",
        "שוטר",
        "' OR 1=1 --",
        "a\x00b\x1bc",
        "AND OR NOT",
        "title:foo^3 ~2",
    ],
    ids=["empty", "space", "long", "syntax", "emoji", "arabic", "hebrew", "sql", "control", "operators", "fields"],
)
def test_hostile_input_gives_results_or_a_clear_message(indexed, anonymous, text):
    outcome = run(anonymous, "en", q=text)
    assert outcome.total >= 0
    if len(text) > 200:
        assert any("shortened" in notice for notice in outcome.notices)


def test_bad_filter_values_are_reported(indexed, anonymous):
    outcome = run(anonymous, "en", type="nonsense", year="99999", page="-3")
    assert outcome.page == 1
    assert len(outcome.notices) == 3


def test_engine_query_enforces_audience_even_if_asked_directly(indexed):
    """The audience filter lives in the engine query itself, not in post-processing."""
    result = indexed.search(SearchQuery(text="scam", language="en", audiences=["public"]))
    assert all(hit.title != LE_ONLY_TITLE for hit in result.hits)
    assert result.total == sum(count for _value, count in result.facets["type"])
    practice = BestPracticePage.objects.get(slug="scam-centre-victim-screening")
    assert practice.audience == "law_enforcement"


def test_did_you_mean_gives_the_word_as_written_with_its_accents(indexed, anonymous):
    # The index folds accents ("frontieres"); the suggestion is the word people write.
    assert run(anonymous, "fr", q="frontère", verbatim="1").suggestion in ("frontière", "frontières")
    assert run(anonymous, "fr", q="biometrqiue", verbatim="1").suggestion in (
        "biométrique",
        "biométriques",
        "biométrie",
    )
    assert run(anonymous, "fr", q="frontère").corrected in ("frontière", "frontières")  # and the results are its


def test_versions_with_different_audiences_are_chosen_and_counted_by_clearance(
    indexed, anonymous, officer, django_capture_on_commit_callbacks
):
    """An English page for everyone whose French version is for law enforcement only: a
    cleared French reader gets the French version alone; anyone else the English one, with a
    language facet that counts only what they may open — in results and in completions."""
    from wagtail.models import Locale

    from search import indexing
    from tests.factories import news_page

    with django_capture_on_commit_callbacks(execute=True):
        page = news_page(title="Quaymouth harbour patrol bulletin")
        french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
        french.title = "Bulletin des patrouilles du port de Quaymouth"
        french.audience = "law_enforcement"
        french.save_revision().publish()
    indexing.index_pending()

    cleared = run(officer, "fr", q="Quaymouth")
    assert [(h["language"], h["title"]) for h in cleared.hits] == [
        ("fr", "Bulletin des patrouilles du port de Quaymouth")
    ]
    public = run(anonymous, "fr", q="Quaymouth")
    assert [(h["language"], h["title"]) for h in public.hits] == [("en", "Quaymouth harbour patrol bulletin")]

    def language_counts(outcome):
        facet = next(f for f in outcome.facets if f.name == "language")
        return {v["value"]: v["count"] for v in facet.values}

    assert language_counts(public) == {"en": 1}  # the French version is not theirs to open
    assert language_counts(cleared) == {"en": 1, "fr": 1}
    assert run(anonymous, "fr", q="Quaymouth", language="fr").total == 0

    def completes(user):
        return [s["title"] for s in autocomplete_run(user=user, prefix="quaymouth", language="fr")]

    assert completes(officer) == ["Bulletin des patrouilles du port de Quaymouth"]
    assert completes(anonymous) == ["Quaymouth harbour patrol bulletin"]


def test_snippets_show_the_acronym_or_glossary_form_that_matched(indexed, anonymous, officer):
    french = run(anonymous, "fr", q="NCB")  # the French text says B.C.N. and "Bureaux centraux nationaux"
    hit = next(h for h in french.hits if h["title"] == "Renforcer le réseau des B.C.N.")
    assert "<mark>" in hit["snippet"], hit["snippet"]
    english = run(officer, "en", q="EEI")  # the English text says IED
    hit = next(h for h in english.hits if h["title"] == "Sharing IED incident data for regional analysis")
    assert "<mark>" in hit["snippet"], hit["snippet"]
    # An acronym alone: the embedded engine keeps it apart from the text, the snippet still marks it.
    hub = next(h for h in run(anonymous, "en", q="I-CORE").hits if h["title"] == "Biometric Hub")
    assert "<mark>I-CORE</mark>" in hub["snippet"], hub["snippet"]


def test_one_word_of_a_multi_word_term_finds_the_other_language_below_the_word_itself(
    indexed, anonymous, django_capture_on_commit_callbacks
):
    """ "stupéfiants" is a word of the glossary's "trafic de stupéfiants": a French reader
    typing it alone also finds an English-only page on drug trafficking, ranked below a
    page that has the word itself, with the English term marked in the snippet."""
    from search import indexing
    from tests.factories import news_page

    with django_capture_on_commit_callbacks(execute=True):
        news_page(title="Quaymouth port seizures", body="<p>Customs and police stopped drug trafficking by sea.</p>")
        news_page(title="Saisies de stupéfiants à Quaymouth", body="<p>Des stupéfiants saisis au port.</p>")
    indexing.index_pending()

    outcome = run(anonymous, "fr", q="stupéfiants")
    assert titles(outcome)[:2] == ["Saisies de stupéfiants à Quaymouth", "Quaymouth port seizures"]
    english = outcome.hits[1]
    assert "<mark>drug trafficking</mark>" in english["snippet"].replace("</mark> <mark>", " "), english["snippet"]
    assert run(anonymous, "fr", q="stupéfiants saisis en mer à Quaymouth").total  # longer: words as usual


def test_a_hit_matched_through_its_translation_shows_that_versions_words(
    indexed, anonymous, officer, django_capture_on_commit_callbacks
):
    """An English reader typing French words gets the English version (their language), and
    its snippet is the French text where the words are, marked, with its language — never
    from a version the reader may not open."""
    from wagtail.models import Locale

    from search import indexing
    from tests.factories import news_page

    with django_capture_on_commit_callbacks(execute=True):
        page = news_page(title="Quaymouth harbour bulletin", body="<p>Patrol boats left at dawn.</p>")
        french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
        french.title = "Bulletin du port de Quaymouth"
        french.body = "<p>Les vedettes sont parties à l’aube vers les chalutiers.</p>"
        french.save_revision().publish()
    indexing.index_pending()

    hit = next(h for h in run(anonymous, "en", q="chalutiers").hits if h["title"] == "Quaymouth harbour bulletin")
    assert hit["snippet_language"] == "fr", hit
    assert "<mark>chalutiers</mark>" in hit["snippet"], hit["snippet"]
    own = next(h for h in run(anonymous, "en", q="patrol boats").hits if h["title"] == "Quaymouth harbour bulletin")
    assert own["snippet_language"] is None and "<mark>" in own["snippet"]


def test_a_translation_snippet_never_comes_from_a_version_the_reader_may_not_open(
    indexed, anonymous, officer, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale

    from search import indexing
    from tests.factories import news_page

    with django_capture_on_commit_callbacks(execute=True):
        page = news_page(title="Quaymouth harbour bulletin", audience="law_enforcement")
        french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
        french.title = "Bulletin du port de Quaymouth"
        french.body = "<p>Les vedettes sont parties vers les chalutiers.</p>"
        french.audience = "law_enforcement"
        french.save_revision().publish()
        public = news_page(title="Quaymouth public notice", body="<p>Harbour open.</p>")
        french_public = public.copy_for_translation(Locale.objects.get(language_code="fr"))
        french_public.title = "Avis public de Quaymouth"
        french_public.body = "<p>Les chalutiers peuvent sortir.</p>"
        french_public.audience = "law_enforcement"  # more restricted than its English page
        french_public.save_revision().publish()
    indexing.index_pending()

    outcome = run(anonymous, "en", q="chalutiers")
    assert outcome.total == 0  # the French text is not theirs: it neither matches nor shows
    cleared = run(officer, "en", q="chalutiers")
    assert "Quaymouth harbour bulletin" in titles(cleared)
