"""Judged officer queries over the demo content, for bench/search_quality.py.

Each query: (category, reader's language, reader, text, filters, relevant items). An item is
named by its English title (or both titles where its language versions are separate
documents); a hit counts when its title or one of its translations' titles is relevant.
Readers: "public" (anonymous), "delegate" (a registered delegate), "police" (law-enforcement
clearance). Judged by us from the demo content (portal/demo); written for this project.
"""

from __future__ import annotations

NCBNET = "Strengthening the NCB network"
BIOCONC = "Delivering innovation on biometric data"
FRAUD = "Addressing human-trafficking-fuelled cyber fraud"
TERROR = "Countering persistent forms of terrorism"
TOOLKIT = "Toolkit for Responsible AI Innovation in Law Enforcement"
COMP = "Compendium on gender inclusivity in policing"
LYON = "17th Heads of NCB Conference — Lyon 2022"
SING = "18th Heads of NCB Conference — Singapore 2023"
HUB = "Biometric Hub"
ICSE = "International Child Sexual Exploitation database"
DBS = "Global police databases"
WATCH = "Watchmaker: identifying the makers of explosive devices"
AINEWS = "Police renew their commitment to responsible AI"
COMPNEWS = "A centenary compendium on gender inclusivity in policing"
SECNEWS = "Innovation and more data sharing are key to new security threats"
LYONNEWS = "Heads of bureaus meet in Lyon to face a new century of threats"
BRIEF = "Delegate briefing: how the regional roundtables will run"
VICTIM = "A victim identification workflow for child abuse material"
BORDER = "Running biometric checks at land border posts"
SCAM = "Screening workers rescued from online scam centres"
IED = "Sharing IED incident data for regional analysis"
DESK = "Running a 24/7 bureau duty desk"
MENTOR = ("Mentoring circles for women investigators", "Cercles de mentorat pour les enquêtrices")
RECRUIT = ("Recruitment days in secondary schools", "Journées de recrutement dans les lycées")
SHIFT = ("Flexible shift patterns for parents", "Horaires aménagés pour les parents")
EQUIP = ("Gender-sensitive equipment procurement", "Achats d’équipements adaptés à tous")
WNET = ("Women’s police network for the region", "Réseau régional des policières")
CONGRESS = ("Police Science Congress", "Police Science Congress (demonstration)")
HEADS_EVENT = ("Heads of NCB Conference", "Heads of NCB Conference (demonstration)")
DPO_EVENT = (
    "2nd Conference of NCB Data Protection Officers",
    "NCB Data Protection Officers' Conference (demonstration)",
)
BUREAUS = [NCBNET, LYON, SING, LYONNEWS, SECNEWS, DESK, DBS]


def q(category, language, reader, text, *relevant, **filters):
    """One judged query; each relevant item is a title or a tuple of its versions' titles."""
    return {
        "category": category,
        "language": language,
        "reader": reader,
        "q": text,
        "filters": filters,
        "relevant": [list(item) if isinstance(item, tuple) else [item] for item in relevant],
    }


QUERIES = [
    # --- cross-language: the query in one language, the reader in the other ----------------
    q("cross_language", "fr", "police", "biometric border checks", BORDER),
    q("cross_language", "fr", "police", "victim identification", VICTIM, ICSE),
    q("cross_language", "en", "police", "vérifications biométriques", BORDER, BIOCONC, HUB),
    q("cross_language", "en", "police", "traite des êtres humains", FRAUD, SCAM),
    q("cross_language", "en", "public", "boîte à outils IA", TOOLKIT),
    q("cross_language", "fr", "public", "responsible AI toolkit", TOOLKIT, AINEWS),
    q("cross_language", "en", "public", "recueil sur l’inclusion des genres", COMP, COMPNEWS),
    q("cross_language", "fr", "public", "gender inclusivity compendium", COMP, COMPNEWS),
    q("cross_language", "en", "public", "engins explosifs", WATCH),
    q("cross_language", "fr", "public", "explosive devices", WATCH),
    q("cross_language", "en", "public", "escroqueries en ligne", FRAUD),
    q("cross_language", "fr", "police", "online scam centres", FRAUD, SCAM),
    q("cross_language", "en", "public", "permanence du bureau", DESK),
    q("cross_language", "fr", "public", "duty desk", DESK),
    q("cross_language", "en", "public", "cercles de mentorat", MENTOR),
    q("cross_language", "fr", "public", "flexible shift patterns", SHIFT),
    q("cross_language", "en", "public", "plateforme biométrique", HUB),
    q("cross_language", "fr", "public", "child sexual exploitation database", ICSE),
    # --- acronyms, both ways, with and without dots --------------------------------------------
    q("acronyms", "en", "public", "NCB", *BUREAUS),
    q("acronyms", "fr", "public", "BCN", *BUREAUS),
    q("acronyms", "fr", "public", "B.C.N.", *BUREAUS),
    q("acronyms", "en", "public", "bcn", *BUREAUS),
    q("acronyms", "en", "police", "IED", IED, WATCH),
    q("acronyms", "fr", "police", "EEI", IED, WATCH),
    q("acronyms", "en", "police", "EEI", IED, WATCH),
    q("acronyms", "fr", "police", "IED", IED, WATCH),
    q("acronyms", "en", "public", "AI", TOOLKIT, AINEWS),
    q("acronyms", "fr", "public", "IA", TOOLKIT, AINEWS),
    q("acronyms", "en", "public", "I-CORE", HUB, DBS),
    q("acronyms", "fr", "public", "heads of NCB", LYON, SING),
    q("acronyms", "en", "public", "chefs de BCN", LYON, SING),
    # --- missing accents (French readers typing fast) -------------------------------------------
    q("missing_accents", "fr", "police", "verifications biometriques", BORDER),
    q("missing_accents", "fr", "public", "donnees biometriques", BIOCONC, HUB),
    q("missing_accents", "fr", "public", "boite a outils", TOOLKIT),
    q("missing_accents", "fr", "public", "traite des etres humains", FRAUD),
    q("missing_accents", "fr", "public", "enquetrices", MENTOR),
    q("missing_accents", "fr", "public", "reseau des policieres", WNET),
    q("missing_accents", "fr", "public", "horaires amenages", SHIFT),
    q("missing_accents", "fr", "public", "equipements adaptes", EQUIP),
    q("missing_accents", "fr", "public", "conference des chefs de bcn", LYON, SING),
    q("missing_accents", "fr", "public", "recrutement lycees", RECRUIT),
    q("missing_accents", "fr", "public", "plateforme biometrique", HUB),
    q("missing_accents", "fr", "delegate", "note aux delegues", BRIEF),
    q("missing_accents", "fr", "public", "inclusion des genres recueil du centenaire", COMPNEWS, COMP),
    # --- inflections -----------------------------------------------------------------------------
    q("inflections", "en", "police", "identifying victims", VICTIM, ICSE),
    q("inflections", "en", "public", "trafficked", FRAUD),
    q("inflections", "en", "public", "database", DBS, ICSE),
    q("inflections", "en", "public", "investigator", MENTOR),
    q("inflections", "en", "public", "recruiting", RECRUIT),
    q("inflections", "en", "public", "conferences of heads", LYON, SING),
    q("inflections", "fr", "public", "enquêtrice", MENTOR),
    q("inflections", "fr", "public", "policière", WNET),
    q("inflections", "fr", "police", "identifier les victimes", VICTIM, ICSE),
    q("inflections", "fr", "public", "fabricant d’engins explosifs", WATCH),
    q("inflections", "fr", "public", "menace", LYONNEWS, SECNEWS, TERROR),
    q("inflections", "en", "public", "threat", LYONNEWS, SECNEWS, TERROR),
    q("inflections", "fr", "public", "escroquerie", FRAUD),
    # --- typos -------------------------------------------------------------------------------------
    q("typos", "en", "public", "biometirc", HUB, BIOCONC),
    q("typos", "en", "public", "terorism", TERROR),
    q("typos", "en", "public", "compendum", COMP, COMPNEWS),
    q("typos", "en", "public", "watchmakr", WATCH),
    q("typos", "en", "public", "trafficing", FRAUD),
    q("typos", "en", "public", "singapor conference", SING),
    q("typos", "en", "public", "mentorig", MENTOR),
    q("typos", "fr", "public", "terorisme", TERROR),
    q("typos", "fr", "public", "biométirque", HUB, BIOCONC),
    q("typos", "fr", "public", "recueuil", COMP, COMPNEWS),
    q("typos", "fr", "public", "escroqueris", FRAUD),
    q("typos", "en", "public", "recruitmnet", RECRUIT),
    q("typos", "en", "public", "explosiv devices", WATCH),
    # --- natural questions and paraphrases -------------------------------------------------------
    q("questions", "en", "public", "how do police use artificial intelligence responsibly", TOOLKIT, AINEWS),
    q("questions", "en", "public", "what did the Singapore conference conclude", SING, SECNEWS, NCBNET, BIOCONC, FRAUD),
    q("questions", "en", "public", "how can a bureau answer urgent requests at night", DESK),
    q("questions", "en", "police", "how to check fingerprints at the border", BORDER),
    q("questions", "en", "public", "who builds the bombs", WATCH),
    q("questions", "en", "police", "what happens to people forced to work in scam compounds", SCAM, FRAUD),
    q("questions", "en", "public", "how to make police services more inclusive of women", COMP, COMPNEWS, WNET),
    q("questions", "fr", "public", "comment la police peut utiliser l’intelligence artificielle", TOOLKIT, AINEWS),
    q("questions", "fr", "police", "que faire des victimes de la traite dans les centres d’escroquerie", FRAUD, SCAM),
    q("questions", "fr", "police", "comment identifier les victimes d’abus sur enfants", VICTIM, ICSE),
    q("questions", "fr", "public", "comment assurer une permanence la nuit", DESK),
    q("questions", "en", "public", "where did the heads of bureaus meet in 2022", LYON, LYONNEWS),
    q("questions", "en", "public", "how many participants came to Singapore", SING, SECNEWS, AINEWS),
    q("questions", "en", "police", "a template to compare bomb incidents across borders", IED),
    q("questions", "fr", "public", "quelles conclusions sur le terrorisme", TERROR),
    # --- synonyms the glossary does not hold ------------------------------------------------------
    q("synonyms", "en", "police", "fingerprints", BORDER, HUB, BIOCONC),
    q("synonyms", "en", "public", "bomb makers", WATCH),
    q("synonyms", "en", "police", "scam compound raid", SCAM, FRAUD),
    q("synonyms", "en", "public", "women officers", WNET, MENTOR, COMP),
    q("synonyms", "en", "public", "women detectives", MENTOR),
    q("synonyms", "en", "public", "round-the-clock cover", DESK),
    q("synonyms", "en", "public", "body armour", EQUIP),
    q("synonyms", "en", "public", "careers in schools", RECRUIT),
    q("synonyms", "en", "police", "abuse material", VICTIM, ICSE),
    q("synonyms", "en", "public", "missing persons and fugitives", DESK),
    q("synonyms", "en", "public", "identity checks", HUB, BIOCONC),
    q("synonyms", "fr", "public", "gilets pare-balles", EQUIP),
    q("synonyms", "en", "public", "rosters for officers with children", SHIFT),
    # --- named entities --------------------------------------------------------------------------
    q("named_entities", "en", "public", "Singapore 2023", SING, SECNEWS),
    q("named_entities", "en", "public", "Lyon", LYON, LYONNEWS),
    q("named_entities", "en", "public", "UNICRI", TOOLKIT),
    q("named_entities", "en", "public", "Watchmaker", WATCH),
    q("named_entities", "en", "public", "Biometric Hub", HUB, BIOCONC),
    q("named_entities", "en", "public", "Smart Case Messaging", DBS),
    q("named_entities", "fr", "public", "Singapour", SING, SECNEWS),
    q("named_entities", "fr", "public", "Lyon 2022", LYON, LYONNEWS),
    q("named_entities", "en", "public", "Police Science Congress", CONGRESS, TOOLKIT),
    q("named_entities", "fr", "public", "Congrès sur les sciences policières", CONGRESS),
    q("named_entities", "en", "public", "General Secretariat", NCBNET),
    q("named_entities", "en", "public", "Global Meeting on Responsible AI", AINEWS),
    q("named_entities", "en", "delegate", "Data Protection Officers", DPO_EVENT),
    # --- filters ---------------------------------------------------------------------------------
    q("filters", "en", "public", "conference", LYONNEWS, SECNEWS, COMPNEWS, type="news"),
    q("filters", "en", "public", "biometric", HUB, type="initiative"),
    q("filters", "en", "police", "terrorism", TERROR, IED, year="2023"),
    q("filters", "fr", "public", "police", TOOLKIT, type="toolkit"),
    q("filters", "en", "public", "investigators", MENTOR, region="africa"),
    q("filters", "en", "police", "victims", ICSE, VICTIM, theme="child-protection"),
    q("filters", "fr", "public", "réseau", WNET, type="compendium_entry"),
    q("filters", "en", "public", "Singapore", CONGRESS, type="event"),
    q("filters", "en", "public", "responsible AI", TOOLKIT, AINEWS, year="2024"),
    q("filters", "en", "delegate", "roundtables", BRIEF, type="news"),
    q("filters", "fr", "public", "", COMP, COMPNEWS, MENTOR, RECRUIT, SHIFT, EQUIP, WNET, theme="diversity"),
]
