"""Themes and regions of the demo portal."""

THEMES = [
    {"slug": "cybercrime", "en": "Cybercrime", "fr": "Cybercriminalité"},
    {"slug": "terrorism", "en": "Counter-terrorism", "fr": "Lutte contre le terrorisme"},
    {"slug": "human-trafficking", "en": "Human trafficking", "fr": "Traite des êtres humains"},
    {
        "slug": "biometrics",
        "en": "Biometrics and identification",
        "fr": "Biométrie et identification",
    },
    {
        "slug": "artificial-intelligence",
        "en": "Artificial intelligence",
        "fr": "Intelligence artificielle",
    },
    {"slug": "data-exchange", "en": "Police data exchange", "fr": "Échange de données de police"},
    {
        "slug": "diversity",
        "en": "Diversity and gender inclusion",
        "fr": "Diversité et inclusion des genres",
    },
    {"slug": "child-protection", "en": "Child protection", "fr": "Protection de l’enfance"},
    {"slug": "explosives", "en": "Explosives and IEDs", "fr": "Explosifs et EEI"},
    {
        "slug": "ncb-network",
        "en": "National bureau network",
        "fr": "Réseau des bureaux centraux nationaux",
    },
]

REGIONS = [
    {"slug": "africa", "en": "Africa", "fr": "Afrique"},
    {"slug": "americas", "en": "Americas", "fr": "Amériques"},
    {"slug": "asia-south-pacific", "en": "Asia and South Pacific", "fr": "Asie et Pacifique Sud"},
    {"slug": "europe", "en": "Europe", "fr": "Europe"},
    {
        "slug": "middle-east-north-africa",
        "en": "Middle East and North Africa",
        "fr": "Moyen-Orient et Afrique du Nord",
    },
]
