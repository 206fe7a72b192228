"""Initiatives and capabilities, each with its key figures."""

from portal.demo.builder import PageSpec
from portal.pages.models import InitiativeIndexPage, InitiativePage


def figure(value, label, note=""):
    return ("figure", {"value": value, "label": label, "note": note})


WATCHMAKER = PageSpec(
    InitiativePage,
    "watchmaker",
    themes=["explosives", "terrorism", "biometrics"],
    en={
        "title": "Watchmaker: identifying the makers of explosive devices",
        "summary": "A global project that helps member countries identify and trace people suspected or known to build or use explosives.",
        "key_figures": [
            figure(
                "4,600+",
                "individuals profiled",
                "linked to chemical, biological or improvised explosive threats",
            ),
            figure("38,750", "entities recorded", "in the project’s dedicated database"),
        ],
        "body": (
            "<p>Working groups of member countries exchange biometric data and document "
            "information on bomb-makers, which are uploaded to a dedicated database. The "
            "records include the authors of some of the deadliest attacks of recent years.</p>"
            "<h2>A regional picture</h2>"
            "<p>Information gathered region by region reveals patterns: analysts use it to "
            "write reports on capability gaps, on how improvised explosive devices (IEDs) and "
            "their components are changing, and on where the materials can be obtained.</p>"
            "<h2>From data to operations</h2>"
            "<p>Coordinated working-group activity makes it possible to detect bomb-makers, "
            "overtly or covertly, as they cross borders, and gives countries what they need to "
            "take judicial action. The project also trains analysts to map new hot spots and "
            "the methods of terrorists and non-state actors.</p>"
        ),
    },
    fr={
        "title": "Watchmaker : identifier les fabricants d’engins explosifs",
        "slug": "watchmaker",
        "summary": "Un projet mondial qui aide les pays membres à identifier et rechercher les personnes soupçonnées ou connues pour fabriquer ou utiliser des explosifs.",
        "key_figures": [
            figure(
                "4 600+",
                "personnes fichées",
                "liées à des menaces chimiques, biologiques ou d’engins explosifs improvisés",
            ),
            figure("38 750", "entités enregistrées", "dans la base de données dédiée du projet"),
        ],
        "body": (
            "<p>Des groupes de travail réunissant des pays membres échangent des données "
            "biométriques et des informations sur les documents des fabricants de bombes, "
            "versées dans une base de données dédiée. On y trouve les auteurs de certains des "
            "attentats les plus meurtriers de ces dernières années.</p>"
            "<h2>Une vision régionale</h2>"
            "<p>Les informations recueillies région par région font apparaître des tendances : "
            "les analystes s’en servent pour signaler les lacunes de capacités, l’évolution des "
            "engins explosifs improvisés (EEI) et de leurs composants, et les lieux où ces "
            "matériels s’obtiennent.</p>"
            "<h2>Des données aux opérations</h2>"
            "<p>L’action coordonnée des groupes de travail permet de repérer, ouvertement ou "
            "discrètement, les fabricants de bombes lorsqu’ils passent une frontière, et donne "
            "aux pays les éléments nécessaires pour agir en justice. Le projet forme aussi des "
            "analystes à cartographier les nouvelles zones sensibles et les modes opératoires "
            "des terroristes et des acteurs non étatiques.</p>"
        ),
    },
)

BIOMETRIC_HUB = PageSpec(
    InitiativePage,
    "biometric-hub",
    themes=["biometrics", "data-exchange"],
    en={
        "title": "Biometric Hub",
        "summary": "One access point for checking identity information against all of the organisation’s biometric databases.",
        "key_figures": [
            figure("1", "single point of access", "to every biometric database"),
            figure("195", "member countries served"),
        ],
        "body": (
            "<p>Presented in Singapore in June 2023 and built under the I-CORE programme, the "
            "Biometric Hub centralises the organisation’s biometric databases and applies the "
            "latest matching technology. Officers check fingerprints and facial images once "
            "instead of querying each database in turn.</p>"
        ),
    },
    fr={
        "title": "Plateforme biométrique",
        "slug": "plateforme-biometrique",
        "summary": "Un point d’accès unique pour vérifier des informations d’identité dans toutes les bases biométriques de l’organisation.",
        "key_figures": [
            figure("1", "point d’accès unique", "à toutes les bases biométriques"),
            figure("195", "pays membres desservis"),
        ],
        "body": (
            "<p>Présentée à Singapour en juin 2023 et développée dans le cadre du programme "
            "I-CORE, la Plateforme biométrique centralise les bases biométriques de "
            "l’organisation et applique les technologies de comparaison les plus récentes. Les "
            "agents vérifient empreintes et images faciales en une seule fois au lieu "
            "d’interroger chaque base l’une après l’autre.</p>"
        ),
    },
)

GLOBAL_DATABASES = PageSpec(
    InitiativePage,
    "global-police-databases",
    themes=["data-exchange", "ncb-network"],
    en={
        "title": "Global police databases",
        "summary": "The shared databases that police in every member country query through their national bureau.",
        "key_figures": [
            figure("20 million+", "searches a day"),
            figure("≈250", "searches a second"),
            figure("195", "member countries connected"),
        ],
        "body": (
            "<p>Exchanging police data has been central to the organisation since its "
            "founding. Today officers query its databases more than twenty million times a "
            "day. Projects such as Smart Case Messaging, under I-CORE, aim to make case "
            "information easier to manage, and INSIGHT adds AI-assisted analysis of shared "
            "data.</p>"
        ),
    },
    fr={
        "title": "Bases de données mondiales de police",
        "slug": "bases-de-donnees-mondiales",
        "summary": "Les bases partagées que la police de chaque pays membre interroge par l’intermédiaire de son bureau national.",
        "key_figures": [
            figure("20 millions+", "recherches par jour"),
            figure("≈250", "recherches par seconde"),
            figure("195", "pays membres connectés"),
        ],
        "body": (
            "<p>L’échange de données de police est au cœur de l’organisation depuis sa "
            "création. Les agents interrogent aujourd’hui ses bases plus de vingt millions de "
            "fois par jour. Des projets comme Smart Case Messaging, au sein d’I-CORE, "
            "simplifient la gestion des informations liées aux affaires, et INSIGHT ajoute une "
            "analyse des données partagées assistée par l’IA.</p>"
        ),
    },
)

ICSE = PageSpec(
    InitiativePage,
    "icse-database",
    themes=["child-protection"],
    en={
        "title": "International Child Sexual Exploitation database",
        "summary": "Helps investigators identify victims and offenders in abuse material; upgraded to speed up victim identification.",
        "key_figures": [],
        "body": "<p>Specialists compare new material with known series so that no victim is looked for twice, and share leads across borders. The upgrade presented in Lyon in 2022 speeds up that comparison.</p>",
    },
    fr={
        "title": "Base de données internationale sur l’exploitation sexuelle des enfants",
        "slug": "base-icse",
        "summary": "Aide les enquêteurs à identifier victimes et auteurs dans les contenus d’abus ; modernisée pour accélérer l’identification des victimes.",
        "key_figures": [],
        "body": "<p>Les spécialistes comparent les nouveaux contenus aux séries connues pour qu’aucune victime ne soit recherchée deux fois, et partagent les pistes par-delà les frontières. La modernisation présentée à Lyon en 2022 accélère cette comparaison.</p>",
    },
)

INITIATIVE_INDEX = PageSpec(
    InitiativeIndexPage,
    "initiatives",
    shared={"show_in_menus": True},
    en={
        "title": "Initiatives",
        "summary": "Projects and capabilities that support member countries.",
        "intro": "",
    },
    fr={
        "title": "Initiatives",
        "slug": "initiatives",
        "summary": "Projets et capacités au service des pays membres.",
        "intro": "",
    },
    children=[WATCHMAKER, BIOMETRIC_HUB, GLOBAL_DATABASES, ICSE],
)
