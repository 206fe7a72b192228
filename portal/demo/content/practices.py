"""Best practices. Most are restricted to law enforcement; one exists only in English."""

from datetime import date

from portal.audiences import Audience
from portal.demo.builder import PageSpec
from portal.pages.models import BestPracticeIndexPage, BestPracticePage

LE = Audience.LAW_ENFORCEMENT

SCAM_CENTRE_PROTOCOL = PageSpec(
    BestPracticePage,
    "scam-centre-victim-screening",
    shared={"audience": LE, "country": "PH", "date": date(2023, 9, 14)},
    themes=["human-trafficking", "cybercrime"],
    region="asia-south-pacific",
    en={
        "title": "Screening workers rescued from online scam centres",
        "summary": (
            "How a joint team separates trafficking victims from fraud suspects when a scam "
            "compound is raided, so victims are protected and organisers prosecuted."
        ),
        "body": (
            "<p>When police enter a compound running online investment and romance scams, "
            "most of the people at the keyboards were recruited with fake job offers and are "
            "held against their will. Treating all of them as fraud suspects loses witnesses "
            "and punishes victims.</p>"
            "<h2>The protocol</h2>"
            "<ol><li>Interview every worker within 24 hours with an interpreter and a victim "
            "support officer present.</li><li>Record indicators of trafficking: confiscated "
            "passports, debt bondage, restricted movement, recruitment through fake "
            "adverts.</li><li>Check identities against the global nominal and stolen travel "
            "document databases through the national bureau.</li><li>Share recruiter and "
            "money-mule details with the countries the victims came from, through the bureau "
            "network.</li></ol>"
            "<p>Cases handled this way produced more witnesses against the organisers and "
            "fewer wrongful prosecutions.</p>"
        ),
    },
    fr=None,  # English only: the French search must still find it through the glossary.
)

BIOMETRIC_BORDER_CHECKS = PageSpec(
    BestPracticePage,
    "biometric-checks-at-border-posts",
    shared={"audience": LE, "country": "MA", "date": date(2024, 3, 5)},
    themes=["biometrics", "terrorism"],
    region="middle-east-north-africa",
    en={
        "title": "Running biometric checks at land border posts",
        "summary": "Fingerprint checks against global databases at busy land crossings without slowing traffic.",
        "body": (
            "<p>Border officers capture fingerprints only for travellers selected by a risk "
            "profile and query the global databases through a single access point. A hit is "
            "confirmed by the national bureau before anyone is detained.</p>"
            "<p>Keeping the capture devices at secondary inspection, not at the first booth, "
            "kept queues short while the number of checks tripled.</p>"
        ),
    },
    fr={
        "title": "Vérifications biométriques aux postes-frontières terrestres",
        "slug": "verifications-biometriques-aux-postes-frontieres",
        "summary": "Des vérifications d’empreintes dans les bases mondiales aux passages très fréquentés, sans ralentir le trafic.",
        "body": (
            "<p>Les agents ne relèvent les empreintes que des voyageurs sélectionnés par un "
            "profil de risque et interrogent les bases mondiales par un point d’accès unique. "
            "Toute concordance est confirmée par le bureau national avant une interpellation.</p>"
            "<p>Placer les capteurs au contrôle secondaire plutôt qu’à la première guérite a "
            "permis de tripler le nombre de vérifications sans allonger les files.</p>"
        ),
    },
)

IED_INCIDENT_DATA = PageSpec(
    BestPracticePage,
    "sharing-ied-incident-data",
    shared={"audience": LE, "country": "NG", "date": date(2023, 11, 8)},
    themes=["explosives", "terrorism"],
    region="africa",
    en={
        "title": "Sharing IED incident data for regional analysis",
        "summary": "A common template for recording improvised explosive devices so that analysts can compare incidents across borders.",
        "body": (
            "<p>Bomb technicians fill in one template after each incident: components, "
            "construction, triggering method, photographs and any biometric traces recovered. "
            "The bureau forwards it to the regional analysis team.</p>"
            "<p>Comparable records let analysts link devices built by the same maker and see "
            "where components are being bought.</p>"
        ),
    },
    fr={
        "title": "Partager les données d’incidents liés aux EEI pour l’analyse régionale",
        "slug": "partager-les-donnees-d-incidents-eei",
        "summary": "Un modèle commun pour décrire les engins explosifs improvisés afin de comparer les incidents d’un pays à l’autre.",
        "body": (
            "<p>Après chaque incident, les démineurs remplissent un modèle unique : "
            "composants, assemblage, mode de déclenchement, photographies et traces "
            "biométriques relevées. Le bureau le transmet à l’équipe d’analyse régionale.</p>"
            "<p>Des fiches comparables permettent de relier des engins fabriqués par la même "
            "personne et de voir où les composants sont achetés.</p>"
        ),
    },
)

CHILD_VICTIM_ID = PageSpec(
    BestPracticePage,
    "victim-identification-workflow",
    shared={"audience": LE, "country": "CA", "date": date(2024, 5, 20)},
    themes=["child-protection", "cybercrime"],
    region="americas",
    en={
        "title": "A victim identification workflow for child abuse material",
        "summary": "Triage seized material, compare it with the international database, and hand new series to specialist teams.",
        "body": (
            "<p>Analysts first remove material already known to the international database, "
            "then look for clues of place and time in what remains. New series are uploaded so "
            "that other countries do not repeat the work.</p>"
        ),
    },
    fr={
        "title": "Une méthode d’identification des victimes dans les contenus pédocriminels",
        "slug": "methode-d-identification-des-victimes",
        "summary": "Trier les contenus saisis, les comparer à la base internationale et confier les nouvelles séries aux équipes spécialisées.",
        "body": (
            "<p>Les analystes écartent d’abord les contenus déjà connus de la base "
            "internationale, puis cherchent dans le reste des indices de lieu et de date. Les "
            "nouvelles séries sont versées dans la base pour éviter aux autres pays de refaire "
            "le travail.</p>"
        ),
    },
)

DUTY_DESK = PageSpec(
    BestPracticePage,
    "running-a-24-7-bureau-duty-desk",
    shared={"audience": Audience.PUBLIC, "country": "SG", "date": date(2023, 6, 7)},
    themes=["ncb-network"],
    region="asia-south-pacific",
    en={
        "title": "Running a 24/7 bureau duty desk",
        "summary": "How a national bureau organises round-the-clock cover so that urgent requests never wait for office hours.",
        "body": (
            "<p>A small rota of trained officers covers nights and weekends, with written "
            "procedures for the most common urgent requests: missing persons, fugitives at a "
            "border, and threats to life.</p>"
        ),
    },
    fr={
        "title": "Organiser une permanence 24 h/24 au bureau national",
        "slug": "permanence-24-h-sur-24-au-bureau-national",
        "summary": "Comment un bureau national assure une permanence continue pour que les demandes urgentes n’attendent jamais.",
        "body": (
            "<p>Une petite équipe d’agents formés assure les nuits et les week-ends, avec des "
            "procédures écrites pour les demandes urgentes les plus courantes : disparitions, "
            "fugitifs à une frontière et menaces pour la vie.</p>"
        ),
    },
)

CONFERENCE_LOGISTICS = PageSpec(
    BestPracticePage,
    "secretariat-conference-checklist",
    shared={"audience": Audience.STAFF, "country": "FR", "date": date(2024, 1, 10)},
    themes=["ncb-network"],
    region="europe",
    en={
        "title": "Secretariat checklist for conference weeks",
        "summary": "Internal checklist: venue contracts, visa letters, interpreters and security for a conference week.",
        "body": "<p>Book interpretation six months ahead; send visa invitation letters no later than eight weeks before the opening.</p>",
    },
    fr={
        "title": "Liste de contrôle du Secrétariat pour les semaines de conférence",
        "slug": "liste-de-controle-du-secretariat",
        "summary": "Liste interne : contrats de lieu, lettres d’invitation pour visa, interprètes et sécurité.",
        "body": "<p>Réserver l’interprétation six mois à l’avance ; envoyer les lettres d’invitation pour visa au plus tard huit semaines avant l’ouverture.</p>",
    },
)

BEST_PRACTICE_INDEX = PageSpec(
    BestPracticeIndexPage,
    "best-practices",
    shared={"show_in_menus": True},
    en={
        "title": "Best practices",
        "summary": "What has worked for police services elsewhere, shared between bureaus.",
        "intro": "<p>Many practices are reserved for law-enforcement officers. Filter by region, theme or country.</p>",
    },
    fr={
        "title": "Bonnes pratiques",
        "slug": "bonnes-pratiques",
        "summary": "Ce qui a fonctionné ailleurs, partagé entre bureaux.",
        "intro": "<p>De nombreuses pratiques sont réservées aux services de police. Filtrez par région, thème ou pays.</p>",
    },
    children=[
        SCAM_CENTRE_PROTOCOL,
        BIOMETRIC_BORDER_CHECKS,
        IED_INCIDENT_DATA,
        CHILD_VICTIM_ID,
        DUTY_DESK,
        CONFERENCE_LOGISTICS,
    ],
)
