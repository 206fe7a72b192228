"""The two conference editions and the four conclusions adopted in Singapore."""

from datetime import date

from portal.demo.builder import PageSpec
from portal.pages.models import (
    ConclusionIndexPage,
    ConclusionPage,
    ConferenceIndexPage,
    ConferencePage,
)

LYON = PageSpec(
    ConferencePage,
    "lyon-2022",
    shared={
        "number": 17,
        "start_date": date(2022, 11, 28),
        "end_date": date(2022, 11, 30),
        "country": "FR",
    },
    en={
        "title": "17th Heads of NCB Conference — Lyon 2022",
        "city": "Lyon",
        "summary": (
            "Held on the eve of the organisation’s hundredth year, the Lyon edition looked at "
            "how national bureaus can keep pace with a crime landscape transformed by technology."
        ),
        "body": (
            "<p>Senior police officials from member countries met in Lyon for the seventeenth "
            "annual conference of the National Central Bureaus (NCBs), the offices that link every "
            "one of the 195 member countries to the global police organisation.</p>"
            "<p>The agenda set operational priorities for the year ahead: making national police "
            "data compatible with the organisation’s systems, and working more closely together "
            "against cybercrime, human trafficking and new forms of terrorism.</p>"
            "<h2>Capabilities presented</h2>"
            "<ul><li>INSIGHT, an analysis platform that uses artificial intelligence to enrich "
            "shared data;</li><li>an upgrade of the International Child Sexual Exploitation "
            "(ICSE) database so that investigators identify victims faster;</li><li>Smart Case "
            "Messaging, part of the I-CORE programme, to simplify how case information is "
            "managed.</li></ul>"
            "<h2>Data-driven policing</h2>"
            "<p>Police query the organisation’s databases over 20 million times a day — about 250 "
            "searches every second. Delegates argued for common data standards so that national "
            "and regional systems can share through the same channels, while warning that more "
            "data does not automatically mean better policing when systems duplicate each "
            "other.</p>"
        ),
        "meetings": [],
    },
    fr={
        "title": "17e Conférence des chefs de B.C.N. — Lyon 2022",
        "slug": "lyon-2022",
        "city": "Lyon",
        "summary": (
            "Réunie à la veille du centenaire de l’organisation, l’édition lyonnaise s’est "
            "demandé comment les bureaux nationaux peuvent suivre une criminalité transformée "
            "par la technologie."
        ),
        "body": (
            "<p>Des responsables de police de haut niveau se sont retrouvés à Lyon pour la "
            "dix-septième conférence annuelle des Bureaux centraux nationaux (B.C.N.), les "
            "services qui relient chacun des 195 pays membres à l’organisation mondiale de "
            "police.</p>"
            "<p>L’ordre du jour a fixé les priorités opérationnelles de l’année : rendre les "
            "données policières nationales compatibles avec les systèmes de l’organisation et "
            "renforcer la coopération contre la cybercriminalité, la traite des êtres humains et "
            "les nouvelles formes de terrorisme.</p>"
            "<h2>Capacités présentées</h2>"
            "<ul><li>INSIGHT, une plateforme d’analyse qui s’appuie sur l’intelligence "
            "artificielle pour enrichir les données partagées ;</li><li>une mise à niveau de la "
            "base de données internationale sur l’exploitation sexuelle des enfants (ICSE) afin "
            "d’identifier plus vite les victimes ;</li><li>la messagerie Smart Case Messaging, "
            "au sein du programme I-CORE, pour simplifier la gestion des informations liées aux "
            "affaires.</li></ul>"
            "<h2>Une police guidée par les données</h2>"
            "<p>Les services de police interrogent les bases de l’organisation plus de 20 "
            "millions de fois par jour, soit environ 250 recherches par seconde. Les délégués ont "
            "plaidé pour des normes de données communes, tout en rappelant qu’un surcroît de "
            "données n’améliore pas le travail de police lorsque les systèmes font double "
            "emploi.</p>"
        ),
        "meetings": [],
    },
)

SINGAPORE = PageSpec(
    ConferencePage,
    "singapore-2023",
    shared={
        "number": 18,
        "start_date": date(2023, 6, 5),
        "end_date": date(2023, 6, 9),
        "country": "SG",
        "participants": 266,
        "countries_represented": 133,
    },
    en={
        "title": "18th Heads of NCB Conference — Singapore 2023",
        "city": "Singapore",
        "summary": (
            "The first edition hosted in Singapore brought together 266 participants from 133 "
            "countries and ended with four conclusions on the NCB network, biometrics, terrorism "
            "and trafficking-driven online fraud."
        ),
        "body": (
            "<p>For the first time the conference of the heads of National Central Bureaus met "
            "in Singapore, as one of three events of a single week. A shared thread ran through "
            "all three: police must innovate, and use artificial intelligence and other new "
            "technologies responsibly and ethically.</p>"
            "<p>The conference was chaired by the Executive Director of Police Services, who "
            "asked participants how the bureaus could be reinforced to face criminal groups "
            "with unprecedented money, power and capacity to corrupt.</p>"
            "<h2>Regional roundtables</h2>"
            "<p>On the morning of the second day, delegates split into regional groups to "
            "discuss specific crime problems, policing tools and coordinated operations.</p>"
            "<h2>Announcements of the week</h2>"
            "<p>The Police Science Congress saw the launch of the toolkit on responsible AI "
            "innovation, written with UNICRI, and the presentation of the Biometric Hub. A "
            "compendium on gender inclusivity in policing marked the organisation’s "
            "centenary.</p>"
        ),
        "meetings": [
            {
                "name": "2nd Conference of NCB Data Protection Officers",
                "start_date": date(2023, 6, 5),
                "end_date": date(2023, 6, 9),
                "description": "Data protection officers of the national bureaus compared how they apply the organisation’s data rules.",
            },
            {
                "name": "Police Science Congress",
                "start_date": date(2023, 6, 5),
                "end_date": date(2023, 6, 9),
                "description": "Researchers and police leaders on the responsible use of technology; the AI toolkit was unveiled here.",
            },
        ],
    },
    fr={
        "title": "18e Conférence des chefs de B.C.N. — Singapour 2023",
        "slug": "singapour-2023",
        "city": "Singapour",
        "summary": (
            "Première édition accueillie à Singapour, elle a réuni 266 participants de 133 pays "
            "et s’est achevée sur quatre conclusions : réseau des B.C.N., biométrie, terrorisme "
            "et escroqueries en ligne alimentées par la traite."
        ),
        "body": (
            "<p>Pour la première fois, la conférence des chefs de Bureaux centraux nationaux "
            "s’est tenue à Singapour, au sein d’une semaine qui comptait trois événements. Un fil "
            "rouge les reliait : la police doit innover et employer l’intelligence artificielle "
            "et les autres technologies nouvelles de manière responsable et éthique.</p>"
            "<p>Le Directeur exécutif des Services de police, qui présidait la conférence, a "
            "invité les participants à réfléchir au renforcement des bureaux face à des groupes "
            "criminels disposant d’argent, de pouvoir et d’une capacité de corruption "
            "inédits.</p>"
            "<h2>Tables rondes régionales</h2>"
            "<p>Le matin du deuxième jour, les délégués se sont répartis en groupes régionaux "
            "pour traiter de problèmes criminels précis, d’outils de police et d’opérations "
            "coordonnées.</p>"
            "<h2>Annonces de la semaine</h2>"
            "<p>Le Congrès sur les sciences policières a vu le lancement de la boîte à outils "
            "pour une innovation responsable en IA, conçue avec l’UNICRI, et la présentation de "
            "la Plateforme biométrique. Un recueil sur l’inclusion des genres dans la police a "
            "marqué le centenaire de l’organisation.</p>"
        ),
        "meetings": [
            {
                "name": "2e Conférence des délégués à la protection des données des B.C.N.",
                "start_date": date(2023, 6, 5),
                "end_date": date(2023, 6, 9),
                "description": "Les délégués à la protection des données des bureaux nationaux ont comparé leur application des règles de l’organisation.",
            },
            {
                "name": "Congrès sur les sciences policières",
                "start_date": date(2023, 6, 5),
                "end_date": date(2023, 6, 9),
                "description": "Chercheurs et chefs de police sur l’usage responsable de la technologie ; la boîte à outils IA y a été présentée.",
            },
        ],
    },
)

CONFERENCE_INDEX = PageSpec(
    ConferenceIndexPage,
    "conferences",
    shared={"show_in_menus": True},
    en={
        "title": "Conferences",
        "summary": "Every edition of the annual conference of heads of national bureaus.",
        "intro": "<p>Dates, venues, figures and the meetings held alongside each edition.</p>",
    },
    fr={
        "title": "Conférences",
        "slug": "conferences",
        "summary": "Toutes les éditions de la conférence annuelle des chefs de bureaux nationaux.",
        "intro": "<p>Dates, lieux, chiffres et réunions organisées en marge de chaque édition.</p>",
    },
    children=[LYON, SINGAPORE],
)


def _singapore():
    return ConferencePage.objects.get(slug="singapore-2023", locale__language_code="en")


def _conclusion(number, slug, fr_slug, themes, status, en, fr, updates_en, updates_fr):
    return PageSpec(
        ConclusionPage,
        slug,
        shared={
            "number": number,
            "adoption_date": date(2023, 6, 9),
            "follow_up_status": status,
            "edition": _singapore,
        },
        themes=themes,
        en={**en, "progress_updates": updates_en},
        fr={**fr, "slug": fr_slug, "progress_updates": updates_fr},
    )


CONCLUSIONS = [
    _conclusion(
        1,
        "strengthening-the-ncb-network",
        "renforcer-le-reseau-des-bcn",
        ["ncb-network", "data-exchange"],
        "in_progress",
        {
            "title": "Strengthening the NCB network",
            "summary": "Bureaus are the backbone of international police cooperation and must be equipped for today’s threats.",
            "body": (
                "<p>The conference recognises the National Central Bureaus as the cornerstone of "
                "cooperation between the General Secretariat and national police services.</p>"
                "<p>It asks member countries to staff their bureaus for round-the-clock work, to "
                "give frontline officers access to the organisation’s tools through them, and to "
                "share experience between bureaus of the same region.</p>"
            ),
        },
        {
            "title": "Renforcer le réseau des B.C.N.",
            "summary": "Les bureaux sont la pierre angulaire de la coopération policière internationale et doivent être armés face aux menaces actuelles.",
            "body": (
                "<p>La conférence reconnaît les Bureaux centraux nationaux comme la pierre "
                "angulaire de la coopération entre le Secrétariat général et les services de "
                "police nationaux.</p>"
                "<p>Elle invite les pays membres à doter leurs bureaux des moyens d’un travail "
                "permanent, à ouvrir par leur intermédiaire les outils de l’organisation aux "
                "agents de terrain et à favoriser les échanges d’expérience entre bureaux d’une "
                "même région.</p>"
            ),
        },
        [
            {
                "date": date(2023, 10, 2),
                "status": "in_progress",
                "text": "A survey of bureau staffing and opening hours was sent to all member countries (demonstration entry).",
            }
        ],
        [
            {
                "date": date(2023, 10, 2),
                "status": "in_progress",
                "text": "Une enquête sur les effectifs et les horaires des bureaux a été adressée à tous les pays membres (exemple de démonstration).",
            }
        ],
    ),
    _conclusion(
        2,
        "delivering-innovation-on-biometric-data",
        "innover-en-matiere-de-donnees-biometriques",
        ["biometrics", "data-exchange"],
        "in_progress",
        {
            "title": "Delivering innovation on biometric data",
            "summary": "Member countries support a single access point for biometric checks against the global databases.",
            "body": (
                "<p>The conference welcomes the Biometric Hub, which brings the organisation’s "
                "biometric databases together behind one point of access for law enforcement.</p>"
                "<p>It encourages bureaus to connect border and investigative services to the "
                "hub and to share good-quality biometric records.</p>"
            ),
        },
        {
            "title": "Innover en matière de données biométriques",
            "summary": "Les pays membres soutiennent un point d’accès unique pour les vérifications biométriques dans les bases mondiales.",
            "body": (
                "<p>La conférence salue la Plateforme biométrique, qui réunit les bases de "
                "données biométriques de l’organisation derrière un point d’accès unique.</p>"
                "<p>Elle encourage les bureaux à y raccorder les services frontaliers et "
                "d’enquête et à partager des données biométriques de bonne qualité.</p>"
            ),
        },
        [
            {
                "date": date(2024, 1, 15),
                "status": "in_progress",
                "text": "First bureaus connected their border services to the hub (demonstration entry).",
            }
        ],
        [
            {
                "date": date(2024, 1, 15),
                "status": "in_progress",
                "text": "Les premiers bureaux ont raccordé leurs services frontaliers à la plateforme (exemple de démonstration).",
            }
        ],
    ),
    _conclusion(
        3,
        "countering-persistent-forms-of-terrorism",
        "lutter-contre-les-formes-persistantes-de-terrorisme",
        ["terrorism", "explosives"],
        "not_started",
        {
            "title": "Countering persistent forms of terrorism",
            "summary": "Terrorist threats that endure call for sustained information sharing on people and materials.",
            "body": (
                "<p>The conference notes that several forms of terrorism persist despite years "
                "of effort and calls for continued exchange of data on suspects, explosives and "
                "travel.</p>"
            ),
        },
        {
            "title": "Lutter contre les formes persistantes de terrorisme",
            "summary": "Des menaces terroristes durables exigent un partage d’informations constant sur les personnes et les matériels.",
            "body": (
                "<p>La conférence constate que plusieurs formes de terrorisme persistent malgré "
                "des années d’efforts et appelle à poursuivre l’échange de données sur les "
                "suspects, les explosifs et les déplacements.</p>"
            ),
        },
        [],
        [],
    ),
    _conclusion(
        4,
        "human-trafficking-fuelled-cyber-fraud",
        "escroqueries-en-ligne-et-traite-des-etres-humains",
        ["human-trafficking", "cybercrime"],
        "in_progress",
        {
            "title": "Addressing human-trafficking-fuelled cyber fraud",
            "summary": "Online scam centres staffed by trafficked people are a fast-growing trend that needs a joint response.",
            "body": (
                "<p>The conference is alarmed by the rapid rise of online fraud carried out by "
                "people who were themselves trafficked and forced to work in scam centres.</p>"
                "<p>It asks bureaus to treat these cases as both fraud and trafficking, to share "
                "alerts quickly, and to protect the victims among the workers.</p>"
            ),
        },
        {
            "title": "Prévenir les escroqueries en ligne alimentées par la traite des êtres humains",
            "summary": "Les centres d’escroquerie en ligne où travaillent des victimes de la traite sont une tendance en forte progression.",
            "body": (
                "<p>La conférence s’inquiète de la progression rapide des escroqueries en ligne "
                "commises par des personnes elles-mêmes victimes de la traite et contraintes de "
                "travailler dans des centres d’escroquerie.</p>"
                "<p>Elle demande aux bureaux de traiter ces affaires à la fois comme des fraudes "
                "et comme de la traite, de diffuser rapidement les alertes et de protéger les "
                "victimes parmi les travailleurs.</p>"
            ),
        },
        [
            {
                "date": date(2023, 11, 20),
                "status": "in_progress",
                "text": "A regional alert format for scam-centre cases was agreed (demonstration entry).",
            }
        ],
        [
            {
                "date": date(2023, 11, 20),
                "status": "in_progress",
                "text": "Un format d’alerte régional pour les centres d’escroquerie a été adopté (exemple de démonstration).",
            }
        ],
    ),
]

CONCLUSION_INDEX = PageSpec(
    ConclusionIndexPage,
    "conclusions",
    shared={"show_in_menus": True},
    en={
        "title": "Conclusions",
        "summary": "What each conference decided, and how far each decision has come.",
        "intro": "<p>Filter by edition, theme or follow-up status.</p>",
    },
    fr={
        "title": "Conclusions",
        "slug": "conclusions",
        "summary": "Ce que chaque conférence a décidé, et où en est chaque décision.",
        "intro": "<p>Filtrez par édition, thème ou état du suivi.</p>",
    },
    children=CONCLUSIONS,
)
