"""A reproducible 10,000-document bilingual corpus of news pages, inserted in bulk.

5,000 items, each an English page and its French translation (same translation key), with
themes, dates from 2019 to 2025 and about 15 % restricted audiences. Text is generated from
small parallel vocabularies with a fixed random seed, so every run builds the same corpus.
Pages are written straight into Wagtail's tables (paths computed as treebeard does), because
creating 10,000 pages one by one through the admin API would dominate the benchmark.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from portal.pages.models import NewsIndexPage, NewsPage, NewsTheme
from portal.taxonomy.models import Theme

SEED = 20261121
ITEMS = 5_000
PREFIX = "bench-"

# Parallel vocabularies: index i in English matches index i in French.
SUBJECTS = [
    ("human trafficking", "traite des êtres humains"),
    ("online fraud", "escroquerie en ligne"),
    ("cybercrime", "cybercriminalité"),
    ("money laundering", "blanchiment d'argent"),
    ("drug trafficking", "trafic de stupéfiants"),
    ("firearms trafficking", "trafic d'armes à feu"),
    ("missing persons", "personnes disparues"),
    ("border control", "contrôle aux frontières"),
    ("biometric data", "données biométriques"),
    ("facial recognition", "reconnaissance faciale"),
    ("improvised explosive devices", "engins explosifs improvisés"),
    ("child sexual exploitation", "exploitation sexuelle des enfants"),
    ("environmental crime", "atteintes à l'environnement"),
    ("maritime piracy", "piraterie maritime"),
    ("stolen travel documents", "documents de voyage volés"),
    ("corruption", "corruption"),
    ("counterfeit medicines", "médicaments contrefaits"),
    ("cultural property", "biens culturels"),
    ("ransomware", "rançongiciels"),
    ("artificial intelligence", "intelligence artificielle"),
]
ACTIONS = [
    ("A joint operation against", "Une opération conjointe contre"),
    ("New guidance on", "Nouvelles orientations sur"),
    ("Regional workshop on", "Atelier régional sur"),
    ("Bureaus share lessons on", "Les bureaux partagent leurs enseignements sur"),
    ("Training course on", "Formation consacrée à"),
    ("Analysis report on", "Rapport d'analyse sur"),
    ("Database upgrade for", "Mise à niveau de la base de données pour"),
    ("Conference session on", "Séance de conférence sur"),
]
PLACES = [
    ("in West Africa", "en Afrique de l'Ouest"),
    ("in South-East Asia", "en Asie du Sud-Est"),
    ("in the Caribbean", "dans les Caraïbes"),
    ("in Central Europe", "en Europe centrale"),
    ("in the Gulf region", "dans la région du Golfe"),
    ("in South America", "en Amérique du Sud"),
    ("in the Pacific", "dans le Pacifique"),
    ("in North Africa", "en Afrique du Nord"),
]
SENTENCES = [
    (
        "Investigators from {n} countries exchanged data through their national bureaus.",
        "Des enquêteurs de {n} pays ont échangé des données par l'intermédiaire de leurs bureaux nationaux.",
    ),
    (
        "The operation led to {n} arrests and the rescue of several victims.",
        "L'opération a conduit à {n} arrestations et au sauvetage de plusieurs victimes.",
    ),
    (
        "Officers checked passports and fingerprints against global databases.",
        "Les agents ont vérifié passeports et empreintes digitales dans les bases de données mondiales.",
    ),
    (
        "Analysts mapped the routes used by criminal networks.",
        "Les analystes ont cartographié les itinéraires des réseaux criminels.",
    ),
    (
        "Participants agreed on common standards for sharing information.",
        "Les participants se sont accordés sur des normes communes de partage d'informations.",
    ),
    (
        "The secretariat will publish a toolkit for frontline officers.",
        "Le secrétariat publiera une boîte à outils pour les agents de terrain.",
    ),
    (
        "Delegates discussed how to protect witnesses and victims.",
        "Les délégués ont discuté de la protection des témoins et des victimes.",
    ),
    (
        "Prosecutors joined police to prepare extradition requests.",
        "Les procureurs se sont joints à la police pour préparer des demandes d'extradition.",
    ),
]
THEME_FOR_SUBJECT = {
    "human trafficking": "human-trafficking",
    "online fraud": "cybercrime",
    "cybercrime": "cybercrime",
    "biometric data": "biometrics",
    "facial recognition": "biometrics",
    "improvised explosive devices": "explosives",
    "child sexual exploitation": "child-protection",
    "artificial intelligence": "artificial-intelligence",
    "stolen travel documents": "data-exchange",
    "border control": "data-exchange",
}


def _item(rng: random.Random, number: int) -> dict:
    subject, action, place = rng.randrange(len(SUBJECTS)), rng.randrange(len(ACTIONS)), rng.randrange(len(PLACES))
    sentences = rng.sample(range(len(SENTENCES)), 4)
    count = rng.randint(2, 90)
    audience = rng.choices(["public", "delegates", "law_enforcement"], weights=[85, 5, 10])[0]
    date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))
    item = {"audience": audience, "date": date, "theme": THEME_FOR_SUBJECT.get(SUBJECTS[subject][0])}
    for index, language in enumerate(("en", "fr")):
        title = f"{ACTIONS[action][index]} {SUBJECTS[subject][index]} {PLACES[place][index]} ({number})"
        body = " ".join(SENTENCES[s][index].format(n=count) for s in sentences)
        item[language] = {"title": title, "summary": body.split(". ")[0] + ".", "body": f"<p>{body}</p>"}
    return item


@transaction.atomic
def build(items: int = ITEMS, progress=None) -> int:
    """Create the corpus under each language's news index (on a fresh benchmark database)."""
    rng = random.Random(SEED)  # noqa: S311 — reproducible test data, not security
    generated = [_item(rng, n) for n in range(items)]
    keys = [uuid.uuid4() for _ in range(items)]
    locales = {code: Locale.objects.get(language_code=code) for code in ("en", "fr")}
    themes = {(t.slug, t.locale.language_code): t for t in Theme.objects.select_related("locale")}
    content_type = ContentType.objects.get_for_model(NewsPage)
    now = timezone.now()
    created = 0
    for code, locale in locales.items():
        parent = NewsIndexPage.objects.get(locale=locale)
        last = parent.get_last_child()
        position = int(last.path[-Page.steplen :], 36) if last else 0
        base_pages, specifics = [], []
        for number, (item, key) in enumerate(zip(generated, keys, strict=True)):
            text, slug = item[code], f"{PREFIX}{number}"
            position += 1
            base_pages.append(
                Page(
                    title=text["title"],
                    draft_title=text["title"],
                    slug=slug,
                    path=parent.path + _step(position),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    content_type=content_type,
                    locale=locale,
                    translation_key=key,
                )
            )
            specifics.append(
                {"audience": item["audience"], "summary": text["summary"], "body": text["body"], "date": item["date"]}
            )
        Page.objects.bulk_create(base_pages, batch_size=500)
        links = []
        for base, fields, item in zip(base_pages, specifics, generated, strict=True):
            page = NewsPage(page_ptr_id=base.pk, **fields)
            page.save_base(raw=True, force_insert=True)  # only the NewsPage row: its Page row exists
            if item["theme"]:
                links.append(NewsTheme(page_id=base.pk, theme=themes[(item["theme"], code)], sort_order=0))
        NewsTheme.objects.bulk_create(links, batch_size=500)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(base_pages))
        created += len(base_pages)
        if progress:
            progress(created)
    return created


def _step(position: int) -> str:
    """treebeard's path step for a child position: 4 base-36 digits."""
    alphabet = Page.alphabet
    digits = ""
    for _ in range(Page.steplen):
        digits = alphabet[position % len(alphabet)] + digits
        position //= len(alphabet)
    return digits
