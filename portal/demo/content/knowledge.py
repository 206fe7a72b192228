"""The responsible-AI toolkit and the gender-inclusivity compendium."""

from datetime import date

from portal.demo.builder import PageSpec
from portal.pages.models import CompendiumIndexPage, CompendiumPage, ToolkitIndexPage, ToolkitPage

PARTNERS = [
    {
        "name": "UNICRI — United Nations Interregional Crime and Justice Research Institute",
        "url": "",
    },
]
PARTNERS_FR = [
    {
        "name": "UNICRI — Institut interrégional de recherche des Nations Unies sur la criminalité et la justice",
        "url": "",
    },
]

AI_TOOLKIT = PageSpec(
    ToolkitPage,
    "responsible-ai-toolkit",
    shared={"version": "2024", "release_date": date(2024, 2, 22)},
    themes=["artificial-intelligence"],
    en={
        "title": "Toolkit for Responsible AI Innovation in Law Enforcement",
        "summary": (
            "A practical guide for police services that develop or deploy artificial "
            "intelligence while respecting human rights and ethics. Updated in February 2024."
        ),
        "introduction": (
            "<p>Developed jointly with UNICRI, the toolkit gives police leaders a route map for "
            "bringing AI into their work. It was first presented at the Police Science Congress "
            "in Singapore in June 2023; the updated edition and a web version followed at the "
            "4th Global Meeting on Responsible AI for Law Enforcement in February 2024.</p>"
        ),
        "chapters": [
            {
                "title": "Why responsible AI matters to policing",
                "body": (
                    "<p>AI can help sort evidence, spot patterns and free officers for work "
                    "only people can do. Used carelessly it can also entrench bias and erode "
                    "the public trust on which policing depends. This chapter sets out what is "
                    "at stake on both sides.</p>"
                ),
            },
            {
                "title": "Principles to work by",
                "body": (
                    "<p>Five principles run through the toolkit: act lawfully, minimise harm, "
                    "keep humans in control, treat people fairly, and govern the whole life "
                    "cycle of a system well. Each is turned into questions a project team can "
                    "answer.</p>"
                ),
            },
            {
                "title": "Is your organisation ready?",
                "body": (
                    "<p>A readiness assessment helps an agency look at its data, skills, "
                    "procurement rules and oversight before it starts an AI project, and shows "
                    "where to invest first.</p>"
                ),
            },
            {
                "title": "Assessing the risks of a system",
                "body": (
                    "<p>A structured risk assessment walks through the likely effects of a "
                    "system on the people it touches, how likely each harm is, and what "
                    "safeguards reduce it.</p>"
                ),
            },
            {
                "title": "Governance and public trust",
                "body": (
                    "<p>Clear accountability, documentation and engagement with communities "
                    "keep a system legitimate after it goes live. The 2024 update strengthens "
                    "this chapter with lessons from smart-city and counter-terrorism uses.</p>"
                ),
            },
        ],
        "partners": PARTNERS,
        "releases": [
            {
                "version": "1.0",
                "date": date(2023, 6, 7),
                "notes": "First release, presented at the Police Science Congress in Singapore.",
            },
            {
                "version": "2024",
                "date": date(2024, 2, 22),
                "notes": "Updated edition and web-based version, released at the 4th Global Meeting on Responsible AI for Law Enforcement (Singapore, 20–22 February 2024).",
            },
        ],
    },
    fr={
        "title": "Boîte à outils pour une innovation responsable en matière d’IA dans les services de police",
        "slug": "boite-a-outils-ia-responsable",
        "summary": (
            "Un guide pratique pour les services de police qui conçoivent ou déploient "
            "l’intelligence artificielle dans le respect des droits humains et de l’éthique. "
            "Mise à jour en février 2024."
        ),
        "introduction": (
            "<p>Élaborée avec l’UNICRI, la boîte à outils offre aux responsables de police une "
            "feuille de route pour intégrer l’IA à leur travail. Présentée pour la première fois "
            "au Congrès sur les sciences policières à Singapour en juin 2023, elle a fait "
            "l’objet d’une édition actualisée et d’une version en ligne lors de la 4e Réunion "
            "mondiale sur l’IA responsable au service de la police, en février 2024.</p>"
        ),
        "chapters": [
            {
                "title": "Pourquoi l’IA responsable compte pour la police",
                "body": (
                    "<p>L’IA peut aider à trier les preuves, à repérer des schémas et à libérer "
                    "les agents pour les tâches que seuls des humains peuvent accomplir. Mal "
                    "employée, elle peut aussi renforcer des biais et éroder la confiance du "
                    "public, dont la police a besoin. Ce chapitre présente les enjeux.</p>"
                ),
            },
            {
                "title": "Des principes pour agir",
                "body": (
                    "<p>Cinq principes traversent la boîte à outils : agir dans la légalité, "
                    "réduire les préjudices, garder l’humain aux commandes, traiter chacun "
                    "équitablement et bien gouverner tout le cycle de vie d’un système. Chacun "
                    "est traduit en questions auxquelles une équipe de projet peut répondre.</p>"
                ),
            },
            {
                "title": "Votre organisation est-elle prête ?",
                "body": (
                    "<p>Une évaluation de maturité aide un service à examiner ses données, ses "
                    "compétences, ses règles d’achat et ses mécanismes de contrôle avant de "
                    "lancer un projet d’IA, et montre où investir en premier.</p>"
                ),
            },
            {
                "title": "Évaluer les risques d’un système",
                "body": (
                    "<p>Une évaluation structurée des risques passe en revue les effets probables "
                    "d’un système sur les personnes concernées, la probabilité de chaque "
                    "préjudice et les garde-fous qui le réduisent.</p>"
                ),
            },
            {
                "title": "Gouvernance et confiance du public",
                "body": (
                    "<p>Des responsabilités claires, une documentation tenue à jour et le "
                    "dialogue avec la population maintiennent la légitimité d’un système après "
                    "sa mise en service. La mise à jour de 2024 enrichit ce chapitre des "
                    "enseignements tirés des villes intelligentes et de la lutte "
                    "antiterroriste.</p>"
                ),
            },
        ],
        "partners": PARTNERS_FR,
        "releases": [
            {
                "version": "1.0",
                "date": date(2023, 6, 7),
                "notes": "Première version, présentée au Congrès sur les sciences policières à Singapour.",
            },
            {
                "version": "2024",
                "date": date(2024, 2, 22),
                "notes": "Édition actualisée et version en ligne, publiées lors de la 4e Réunion mondiale sur l’IA responsable au service de la police (Singapour, 20-22 février 2024).",
            },
        ],
    },
)

TOOLKIT_INDEX = PageSpec(
    ToolkitIndexPage,
    "toolkits",
    shared={"show_in_menus": True},
    en={"title": "Toolkits", "summary": "Practical guides for police services.", "intro": ""},
    fr={
        "title": "Boîtes à outils",
        "slug": "boites-a-outils",
        "summary": "Des guides pratiques pour les services de police.",
        "intro": "",
    },
    children=[AI_TOOLKIT],
)


def _entry(title, country, region, text):
    return {
        "title": title,
        "country": country,
        "region": region,
        "theme": "diversity",
        "text": text,
    }


GENDER_COMPENDIUM = PageSpec(
    CompendiumPage,
    "gender-inclusivity-in-policing",
    shared={"publication_date": date(2023, 6, 9)},
    themes=["diversity"],
    en={
        "title": "Compendium on gender inclusivity in policing",
        "summary": (
            "Published for the organisation’s centenary, the compendium gathers efforts around "
            "the world to make police services more inclusive of women and of all genders."
        ),
        "introduction": (
            "<p>Participants in Singapore named a more diverse workforce as one of the keys to "
            "innovation in policing. This compendium collects examples of what services have "
            "tried. The entries below are illustrative summaries written for this "
            "demonstration portal.</p>"
        ),
        "entries": [
            _entry(
                "Mentoring circles for women investigators",
                "KE",
                "africa",
                "<p>Senior investigators coach newly promoted women detectives through their first year in specialised units.</p>",
            ),
            _entry(
                "Recruitment days in secondary schools",
                "CL",
                "americas",
                "<p>Mixed teams of officers visit schools to show career paths that young women rarely hear about.</p>",
            ),
            _entry(
                "Flexible shift patterns for parents",
                "NZ",
                "asia-south-pacific",
                "<p>Rosters let officers with young children choose predictable shifts without losing access to promotion.</p>",
            ),
            _entry(
                "Gender-sensitive equipment procurement",
                "SE",
                "europe",
                "<p>Body armour and uniforms are bought in ranges that fit every officer, after feedback from staff networks.</p>",
            ),
            _entry(
                "Women’s police network for the region",
                "JO",
                "middle-east-north-africa",
                "<p>A regional network lets women officers share experience across borders and trains future leaders.</p>",
            ),
        ],
    },
    fr={
        "title": "Recueil sur l’inclusion des genres dans la police",
        "slug": "inclusion-des-genres-dans-la-police",
        "summary": (
            "Publié pour le centenaire de l’organisation, le recueil rassemble les initiatives "
            "menées dans le monde pour rendre les services de police plus inclusifs."
        ),
        "introduction": (
            "<p>À Singapour, les participants ont cité la diversité des effectifs parmi les clés "
            "de l’innovation policière. Ce recueil réunit des exemples de ce que les services "
            "ont mis en place. Les fiches ci-dessous sont des résumés d’illustration rédigés "
            "pour ce portail de démonstration.</p>"
        ),
        "entries": [
            _entry(
                "Cercles de mentorat pour les enquêtrices",
                "KE",
                "africa",
                "<p>Des enquêteurs chevronnés accompagnent les enquêtrices nouvellement promues pendant leur première année en unité spécialisée.</p>",
            ),
            _entry(
                "Journées de recrutement dans les lycées",
                "CL",
                "americas",
                "<p>Des équipes mixtes d’agents présentent dans les établissements des carrières que les jeunes femmes connaissent peu.</p>",
            ),
            _entry(
                "Horaires aménagés pour les parents",
                "NZ",
                "asia-south-pacific",
                "<p>Les plannings permettent aux agents ayant de jeunes enfants de choisir des horaires prévisibles sans renoncer à l’avancement.</p>",
            ),
            _entry(
                "Achats d’équipements adaptés à tous",
                "SE",
                "europe",
                "<p>Gilets pare-balles et uniformes sont achetés dans des tailles adaptées à chaque agent, à partir des retours des réseaux internes.</p>",
            ),
            _entry(
                "Réseau régional des policières",
                "JO",
                "middle-east-north-africa",
                "<p>Un réseau régional permet aux policières d’échanger par-delà les frontières et forme de futures dirigeantes.</p>",
            ),
        ],
    },
)

COMPENDIUM_INDEX = PageSpec(
    CompendiumIndexPage,
    "compendia",
    shared={"show_in_menus": True},
    en={
        "title": "Compendia",
        "summary": "Collections of practice from member countries.",
        "intro": "",
    },
    fr={
        "title": "Recueils",
        "slug": "recueils",
        "summary": "Des pratiques rassemblées auprès des pays membres.",
        "intro": "",
    },
    children=[GENDER_COMPENDIUM],
)
