"""News articles, including one reserved for delegates."""

from datetime import date

from portal.audiences import Audience
from portal.demo.builder import PageSpec
from portal.pages.models import HomePage, NewsIndexPage, NewsPage

LYON_OPENS = PageSpec(
    NewsPage,
    "lyon-conference-new-century-of-threats",
    shared={"date": date(2022, 11, 28)},
    themes=["ncb-network", "cybercrime", "data-exchange"],
    en={
        "title": "Heads of bureaus meet in Lyon to face a new century of threats",
        "summary": "The 17th conference opened on the eve of the centenary with a call to link police networks together.",
        "body": (
            "<p>Opening the conference, the organisation’s President recalled that when it was "
            "founded in 1923 police cars had only just been fitted with radios; today digital "
            "technology is central to its work, and cybercrime and environmental crime are "
            "testing police everywhere.</p>"
            "<p>The Secretary General told delegates that, as specialised agencies and "
            "regional networks multiply, the bureaus’ shared duty is to connect the dots "
            "between them. A crackdown on online fraud that had just ended showed what is at "
            "stake: more than 1,000 suspects arrested and around USD 130 million in illicit "
            "funds intercepted.</p>"
        ),
    },
    fr={
        "title": "Les chefs de bureaux réunis à Lyon face à un nouveau siècle de menaces",
        "slug": "lyon-un-nouveau-siecle-de-menaces",
        "summary": "La 17e conférence s’est ouverte à la veille du centenaire sur un appel à relier les réseaux de police.",
        "body": (
            "<p>En ouvrant la conférence, le Président de l’organisation a rappelé qu’à sa "
            "création, en 1923, les voitures de police venaient tout juste d’être équipées de "
            "radios ; aujourd’hui, le numérique est au cœur de son action, et la "
            "cybercriminalité comme les atteintes à l’environnement mettent partout la police "
            "à l’épreuve.</p>"
            "<p>Le Secrétaire général a souligné que, face à la multiplication des agences "
            "spécialisées et des réseaux régionaux, la mission commune des bureaux est de "
            "relier les uns aux autres. Une opération contre la fraude en ligne, achevée peu "
            "avant, en montrait l’enjeu : plus de 1 000 suspects arrêtés et environ 130 "
            "millions de dollars de fonds illicites interceptés.</p>"
        ),
    },
)

SINGAPORE_CLOSES = PageSpec(
    NewsPage,
    "singapore-conference-innovation-and-data-sharing",
    shared={"date": date(2023, 6, 9)},
    themes=["artificial-intelligence", "biometrics", "ncb-network"],
    en={
        "title": "Innovation and more data sharing are key to new security threats",
        "summary": "The Singapore conference ended with four conclusions and calls for responsible innovation.",
        "body": (
            "<p>266 participants from 133 countries took part in the first Heads of NCB "
            "conference held in Singapore. Across the week, speakers insisted that technology "
            "must be used responsibly and with respect for human rights.</p>"
            "<p>Closing the meeting, the Executive Director of Police Services said no one can "
            "be sure what security challenges the next century will bring, but police can "
            "prepare by continuing to innovate, building a more diverse workforce and "
            "strengthening the bureau network.</p>"
        ),
    },
    fr={
        "title": "L’innovation et le partage de données, clés face aux nouvelles menaces",
        "slug": "singapour-innovation-et-partage-de-donnees",
        "summary": "La conférence de Singapour s’est achevée sur quatre conclusions et un appel à l’innovation responsable.",
        "body": (
            "<p>266 participants venus de 133 pays ont pris part à la première conférence des "
            "chefs de B.C.N. organisée à Singapour. Tout au long de la semaine, les "
            "intervenants ont répété que la technologie doit être employée de façon "
            "responsable et dans le respect des droits humains.</p>"
            "<p>En clôture, le Directeur exécutif des Services de police a rappelé que personne "
            "ne sait quels défis de sécurité apportera le siècle à venir, mais que la police "
            "peut s’y préparer en continuant d’innover, en diversifiant ses effectifs et en "
            "renforçant le réseau des bureaux.</p>"
        ),
    },
)

AI_MEETING = PageSpec(
    NewsPage,
    "responsible-ai-global-meeting-2024",
    shared={"date": date(2024, 2, 22)},
    themes=["artificial-intelligence"],
    en={
        "title": "Police renew their commitment to responsible AI",
        "summary": "More than 120 participants met in Singapore for the 4th global meeting on responsible AI; an updated toolkit was released.",
        "body": (
            "<p>The 4th Global Meeting on Responsible AI for Law Enforcement, held in Singapore "
            "from 20 to 22 February 2024, brought together more than 120 police officers and "
            "experts from universities, industry and international bodies.</p>"
            "<p>Workshops covered AI governance, public trust, and responsible innovation in "
            "counter-terrorism and smart cities. The organisers released an updated Toolkit "
            "for Responsible AI Innovation in Law Enforcement and a web-based version of it.</p>"
            "<p>The meeting was organised with UNICRI in partnership with Nanyang "
            "Technological University, the European Union, Naif Arab University for Security "
            "Sciences and the UN Office of Counter-Terrorism.</p>"
        ),
    },
    fr={
        "title": "La police renouvelle son engagement pour une IA responsable",
        "slug": "reunion-mondiale-ia-responsable-2024",
        "summary": "Plus de 120 participants se sont réunis à Singapour pour la 4e réunion mondiale sur l’IA responsable ; une boîte à outils actualisée a été publiée.",
        "body": (
            "<p>La 4e Réunion mondiale sur l’IA responsable au service de la police s’est tenue "
            "à Singapour du 20 au 22 février 2024 et a rassemblé plus de 120 policiers et "
            "experts issus des universités, de l’industrie et d’organisations "
            "internationales.</p>"
            "<p>Les ateliers ont porté sur la gouvernance de l’IA, la confiance du public et "
            "l’innovation responsable dans la lutte antiterroriste et les villes intelligentes. "
            "Les organisateurs ont publié une version actualisée de la boîte à outils et sa "
            "déclinaison en ligne.</p>"
            "<p>La réunion était organisée avec l’UNICRI, en partenariat avec l’Université "
            "technologique de Nanyang, l’Union européenne, l’Université arabe Naif des sciences "
            "de sécurité et le Bureau de lutte contre le terrorisme des Nations Unies.</p>"
        ),
    },
)

COMPENDIUM_RELEASED = PageSpec(
    NewsPage,
    "gender-inclusivity-compendium-released",
    shared={"date": date(2023, 6, 8)},
    themes=["diversity"],
    en={
        "title": "A centenary compendium on gender inclusivity in policing",
        "summary": "Marking its 100th anniversary, the organisation published examples of how police services become more inclusive.",
        "body": "<p>Participants in Singapore identified a more diverse workforce as critical for police to keep innovating in the service of their communities. The new compendium collects efforts from around the world.</p>",
    },
    fr={
        "title": "Un recueil du centenaire sur l’inclusion des genres dans la police",
        "slug": "recueil-inclusion-des-genres",
        "summary": "Pour son centenaire, l’organisation publie des exemples de services de police devenus plus inclusifs.",
        "body": "<p>À Singapour, les participants ont jugé qu’une plus grande diversité des effectifs est indispensable pour que la police continue d’innover au service de la population. Le nouveau recueil rassemble des initiatives du monde entier.</p>",
    },
)

DELEGATE_BRIEFING = PageSpec(
    NewsPage,
    "delegate-briefing-roundtables-2023",
    shared={"date": date(2023, 6, 2), "audience": Audience.DELEGATES},
    themes=["ncb-network"],
    en={
        "title": "Delegate briefing: how the regional roundtables will run",
        "summary": "For registered delegates: groups, rooms and the questions each regional roundtable will discuss.",
        "body": "<p>Each regional group meets on the morning of day two. Facilitators will ask every bureau for one operational success and one obstacle; rapporteurs bring the results to the closing plenary.</p>",
    },
    fr={
        "title": "Note aux délégués : déroulement des tables rondes régionales",
        "slug": "note-aux-delegues-tables-rondes-2023",
        "summary": "Pour les délégués inscrits : groupes, salles et questions de chaque table ronde régionale.",
        "body": "<p>Chaque groupe régional se réunit le matin du deuxième jour. Les animateurs demanderont à chaque bureau une réussite opérationnelle et un obstacle ; les rapporteurs présenteront les résultats en plénière de clôture.</p>",
    },
)

NEWS_INDEX = PageSpec(
    NewsIndexPage,
    "news",
    shared={"show_in_menus": True},
    en={
        "title": "News",
        "summary": "News from the conferences and the bureau network.",
        "intro": "",
    },
    fr={
        "title": "Actualités",
        "slug": "actualites",
        "summary": "Les nouvelles des conférences et du réseau des bureaux.",
        "intro": "",
    },
    children=[LYON_OPENS, SINGAPORE_CLOSES, COMPENDIUM_RELEASED, AI_MEETING, DELEGATE_BRIEFING],
)

HOME = PageSpec(
    HomePage,
    "home",
    en={
        "title": "Liaison",
        "tagline": "The meeting place of the national bureaus of international police cooperation.",
        "intro": (
            "<p>Conference editions and their conclusions, toolkits, compendia, best practices "
            "and initiatives, in English and French. Delegates register for conference weeks "
            "here; officers find what other countries have learned.</p>"
        ),
    },
    fr={
        "title": "Liaison",
        "slug": "accueil",
        "tagline": "Le lieu de rencontre des bureaux nationaux de la coopération policière internationale.",
        "intro": (
            "<p>Éditions de la conférence et leurs conclusions, boîtes à outils, recueils, "
            "bonnes pratiques et initiatives, en français et en anglais. Les délégués s’y "
            "inscrivent aux semaines de conférence ; les policiers y trouvent ce que d’autres "
            "pays ont appris.</p>"
        ),
    },
)
