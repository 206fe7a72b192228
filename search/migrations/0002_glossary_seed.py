"""The starting glossary of police terms. Staff extend it in the admin (Snippets → Glossary).

Each row: English term, other English forms, French term, other French forms.
"""

from django.db import migrations

TERMS = [
    ("National Central Bureau", "NCB, NCBs", "Bureau central national", "B.C.N., BCN"),
    ("improvised explosive device", "IED, IEDs", "engin explosif improvisé", "EEI"),
    ("artificial intelligence", "AI", "intelligence artificielle", "IA"),
    ("human trafficking", "trafficking in human beings, trafficking in persons", "traite des êtres humains", "traite des personnes, traite"),
    ("cybercrime", "cyber crime, cyber fraud", "cybercriminalité", "cyberfraude"),
    ("terrorism", "counter-terrorism, counterterrorism", "terrorisme", "lutte contre le terrorisme, antiterrorisme"),
    ("online fraud", "online scam, scam", "escroquerie en ligne", "fraude en ligne, arnaque"),
    ("biometrics", "biometric data", "biométrie", "données biométriques"),
    ("fingerprint", "fingerprints", "empreinte digitale", "empreintes digitales"),
    ("facial recognition", "face recognition", "reconnaissance faciale", ""),
    ("child sexual exploitation", "child abuse material, CSAM", "exploitation sexuelle des enfants", "pédocriminalité"),
    ("money laundering", "AML", "blanchiment d'argent", "blanchiment de capitaux"),
    ("drug trafficking", "narcotics trafficking", "trafic de stupéfiants", "trafic de drogue"),
    ("firearms trafficking", "arms trafficking", "trafic d'armes à feu", "trafic d'armes"),
    ("organized crime", "organised crime", "criminalité organisée", "crime organisé"),
    ("migrant smuggling", "people smuggling", "trafic de migrants", "passage de migrants"),
    ("missing persons", "missing person", "personnes disparues", "personne disparue"),
    ("fugitive", "fugitives, wanted person", "fugitif", "personne recherchée"),
    ("Red Notice", "Red Notices", "notice rouge", "notices rouges"),
    ("law enforcement", "police, law enforcement agency", "services chargés de l'application de la loi", "police, forces de l'ordre"),
    ("police cooperation", "international police cooperation", "coopération policière", "coopération policière internationale"),
    ("data protection", "personal data protection", "protection des données", "protection des données personnelles"),
    ("data protection officer", "DPO", "délégué à la protection des données", "DPD"),
    ("border control", "border security, border management", "contrôle aux frontières", "sécurité des frontières"),
    ("stolen travel documents", "SLTD, stolen and lost travel documents", "documents de voyage volés", "documents de voyage perdus"),
    ("passport", "passports", "passeport", "passeports"),
    ("visa", "visa invitation letter", "visa", "lettre d'invitation"),
    ("environmental crime", "wildlife crime", "atteintes à l'environnement", "criminalité environnementale"),
    ("corruption", "bribery", "corruption", ""),
    ("counterfeiting", "counterfeit goods", "contrefaçon", "produits contrefaits"),
    ("cultural property", "stolen works of art", "biens culturels", "œuvres d'art volées"),
    ("maritime piracy", "piracy", "piraterie maritime", "piraterie"),
    ("forensic science", "forensics", "criminalistique", "police scientifique"),
    ("DNA", "DNA profile", "ADN", "profil ADN"),
    ("crime analysis", "criminal analysis, intelligence analysis", "analyse criminelle", "analyse du renseignement"),
    ("intelligence", "criminal intelligence", "renseignement", "renseignement criminel"),
    ("explosives", "explosive", "explosifs", "explosif"),
    ("bomb maker", "bomb-maker, bomb makers", "fabricant de bombes", "artificier"),
    ("chemical and biological", "CBRNE, chemical, biological", "chimique et biologique", "NRBCE"),
    ("foreign terrorist fighters", "FTF", "combattants terroristes étrangers", "CTE"),
    ("victim identification", "identifying victims", "identification des victimes", ""),
    ("gender inclusivity", "gender equality, gender inclusion", "inclusion des genres", "égalité femmes-hommes, égalité des genres"),
    ("diversity", "workforce diversity", "diversité", "diversité des effectifs"),
    ("best practice", "best practices, good practice", "bonne pratique", "bonnes pratiques"),
    ("toolkit", "tool kit", "boîte à outils", "kit"),
    ("compendium", "compendia", "recueil", "compendium"),
    ("conclusion", "conclusions, resolution", "conclusion", "conclusions"),
    ("roundtable", "round table, roundtables", "table ronde", "tables rondes"),
    ("delegate", "delegates", "délégué", "délégués"),
    ("conference", "meeting", "conférence", "réunion"),
    ("secretariat", "General Secretariat", "secrétariat", "Secrétariat général"),
    ("member country", "member countries, member states", "pays membre", "pays membres"),
    ("responsible AI", "responsible artificial intelligence", "IA responsable", "intelligence artificielle responsable"),
    ("smart city", "smart cities", "ville intelligente", "villes intelligentes"),
    ("human rights", "", "droits humains", "droits de l'homme"),
    ("ethics", "ethical", "éthique", ""),
    ("public trust", "trust", "confiance du public", "confiance"),
    ("information exchange", "information sharing, data sharing", "échange d'informations", "partage d'informations, partage de données"),
    ("database", "databases", "base de données", "bases de données"),
    ("interoperability", "data compatibility", "interopérabilité", "compatibilité des données"),
    ("capacity building", "training", "renforcement des capacités", "formation"),
    ("kidnapping", "abduction", "enlèvement", "rapt"),
    ("extortion", "ransomware", "extorsion", "rançongiciel"),
    ("phishing", "", "hameçonnage", "phishing"),
    ("scam centre", "scam center, scam compound", "centre d'escroquerie", "centres d'escroquerie"),
    ("witness", "witnesses", "témoin", "témoins"),
    ("investigation", "investigations", "enquête", "enquêtes"),
    ("prosecution", "prosecutor", "poursuites", "procureur"),
    ("extradition", "", "extradition", ""),
    ("Biometric Hub", "biometric platform", "Plateforme biométrique", "plateforme biométrique"),
]


def seed(apps, schema_editor):
    GlossaryEntry = apps.get_model("search", "GlossaryEntry")
    for english, english_variants, french, french_variants in TERMS:
        GlossaryEntry.objects.get_or_create(
            english=english,
            french=french,
            defaults={"english_variants": english_variants, "french_variants": french_variants},
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
