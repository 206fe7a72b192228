"""The Singapore 2023 week at the seeds' scale: 266 participants from 133 countries, with names
written in their own scripts. Invented people (the seeds give only the totals); deterministic,
so every `load_demo` builds the same week.

Delegates come from 133 of the countries the regional groups hold (portal/regions.py), one to
three from each: the head of delegation and, in most, delegates.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.regions import REGION_OF_COUNTRY

PARTICIPANTS = 266
COUNTRIES = 133

# (first names, family names) by script; a country's people are named in its script.
NAMES = {
    "arabic": (
        ["يوسف", "ليلى", "عمر", "فاطمة", "خالد", "سارة", "أحمد", "نور"],
        ["العمراني", "الحسيني", "بن علي", "الخطيب", "المنصوري", "الزين", "حداد", "السيد"],
    ),
    "cyrillic": (
        ["Олена", "Дмитрий", "Айгерим", "Никола", "Мария", "Бахыт", "Светлана", "Иван"],
        ["Петрова", "Ковальчук", "Нурланова", "Јовановић", "Иванов", "Стоянова", "Сергеев", "Попова"],
    ),
    "chinese": (["伟", "芳", "静", "磊", "丽", "强", "敏", "杰"], ["王", "李", "张", "刘", "陈", "杨", "黄", "赵"]),
    "japanese": (["陽菜", "蓮", "結衣", "湊"], ["佐藤", "鈴木", "高橋", "田中"]),
    "korean": (["서연", "민준", "지우", "도윤"], ["김", "이", "박", "최"]),
    "devanagari": (
        ["प्रिया", "अर्जुन", "सुनीता", "राहुल", "अनीता", "विकास"],
        ["शर्मा", "वर्मा", "गुप्ता", "श्रेष्ठ", "पौडेल", "सिंह"],
    ),
    "greek": (["Ελένη", "Γιώργος", "Μαρία", "Νίκος"], ["Παπαδοπούλου", "Κωνσταντίνου", "Γεωργίου", "Νικολάου"]),
    "thai": (["สมชาย", "สุดา", "อนุชา", "มาลี"], ["ศรีสุข", "วงศ์ใหญ่", "แก้วมณี", "ทองดี"]),
    "hebrew": (["נועה", "יוסי", "תמר", "איתי"], ["כהן", "לוי", "מזרחי", "פרץ"]),
    "georgian": (["ნინო", "გიორგი", "თამარ", "დავით"], ["ბერიძე", "კაპანაძე", "მაისურაძე", "ლომიძე"]),
    "armenian": (["Անի", "Արամ", "Նարե", "Դավիթ"], ["Պետրոսյան", "Հակոբյան", "Սարգսյան", "Գրիգորյան"]),
    "amharic": (["አበበ", "ሰላም", "ዳዊት", "ትዕግስት"], ["ተስፋዬ", "ገብሬ", "ወልደ", "አለሙ"]),
    "khmer": (["សុភា", "វិចិត្រ", "ចន្ថា"], ["សុខ", "ចាន់", "ហេង"]),
    "sinhala": (["නිමල්", "කුමාරි", "සුනිල්"], ["පෙරේරා", "සිල්වා", "ප්‍රනාන්දු"]),
    "latin": (
        [
            "Amélie",
            "João",
            "Zoë",
            "Søren",
            "Łukasz",
            "Nguyễn Thị",
            "Çağla",
            "Ağustín",
            "Iñaki",
            "Fatoumata",
            "Chukwuemeka",
            "Aroha",
            "Mateus",
            "Élodie",
            "Björn",
            "Dóra",
            "Tomás",
            "Aïssatou",
            "Kwabena",
            "Ngozi",
        ],
        [
            "Müller",
            "Gonçalves",
            "Ó Briain",
            "Kowalczyk",
            "Dvořák",
            "Đorđević",
            "Núñez",
            "Öztürk",
            "Sørensen",
            "Traoré",
            "Okonkwo",
            "Ngata",
            "Lefèvre",
            "Håkansson",
            "Szabó",
            "Mbeki",
            "Diallo",
            "Mensah",
            "Castañeda",
            "Ramírez",
        ],
    ),
}
SCRIPT_OF_COUNTRY = {
    **dict.fromkeys(
        [
            "AE",
            "BH",
            "DZ",
            "EG",
            "IQ",
            "JO",
            "KW",
            "LB",
            "LY",
            "MA",
            "OM",
            "PS",
            "QA",
            "SA",
            "SD",
            "SY",
            "TN",
            "YE",
            "MR",
            "KM",
            "DJ",
        ],
        "arabic",
    ),
    **dict.fromkeys(["RU", "UA", "BY", "KZ", "KG", "BG", "RS", "MK", "MN", "TJ"], "cyrillic"),
    **dict.fromkeys(["CN", "TW", "HK", "MO"], "chinese"),
    "JP": "japanese",
    "KR": "korean",
    **dict.fromkeys(["IN", "NP"], "devanagari"),
    **dict.fromkeys(["GR", "CY"], "greek"),
    "TH": "thai",
    "IL": "hebrew",
    "GE": "georgian",
    "AM": "armenian",
    "ET": "amharic",
    "KH": "khmer",
    "LK": "sinhala",
}


@dataclass(frozen=True)
class Participant:
    email: str
    first_name: str
    last_name: str
    country: str
    head: bool  # the head of the country's delegation
    language: str


def countries() -> list[str]:
    """133 countries spread over the five regional groups (every other one, in code order,
    topped up in order): the same list on every run."""
    every = sorted(REGION_OF_COUNTRY)
    chosen = every[::2]
    chosen += [code for code in every if code not in chosen][: COUNTRIES - len(chosen)]
    return sorted(chosen[:COUNTRIES])


FRENCH_SPEAKING = {
    "BE",
    "BF",
    "BI",
    "BJ",
    "CD",
    "CF",
    "CG",
    "CH",
    "CI",
    "CM",
    "DJ",
    "DZ",
    "FR",
    "GA",
    "GN",
    "HT",
    "KM",
    "LU",
    "MA",
    "MC",
    "MG",
    "ML",
    "MR",
    "NE",
    "RW",
    "SC",
    "SN",
    "TD",
    "TG",
    "TN",
}


def delegation_size(index: int) -> int:
    """Delegations of one, two and three people (40, 53 and 40 of them): 266 in all, as the
    seeds say, and a statistics page with something to compare."""
    return {0: 3, 3: 3, 6: 3, 1: 1, 4: 1, 7: 1}.get(index % 10, 2)


def participants() -> list[Participant]:
    people = []
    for index, country in enumerate(countries()):
        first_names, last_names = NAMES[SCRIPT_OF_COUNTRY.get(country, "latin")]
        for seat in range(delegation_size(index)):
            n = index * 3 + seat
            people.append(
                Participant(
                    email=f"{country.lower()}.{seat + 1}@participants.liaison.example",
                    first_name=first_names[(n * 7 + 3) % len(first_names)],
                    last_name=last_names[(n * 5 + index) % len(last_names)],
                    country=country,
                    head=seat == 0,
                    language="fr" if country in FRENCH_SPEAKING else "en",
                )
            )
    return people


def extra_participants(count: int = 10) -> list[Participant]:
    """One more person from a few smaller delegations, who asked for a place and did not come."""
    smaller = [c for i, c in enumerate(countries()) if delegation_size(i) < 3]
    people = []
    for index, country in enumerate(smaller[::9][:count]):
        first_names, last_names = NAMES[SCRIPT_OF_COUNTRY.get(country, "latin")]
        people.append(
            Participant(
                email=f"{country.lower()}.extra@participants.liaison.example",
                first_name=first_names[(index * 3 + 1) % len(first_names)],
                last_name=last_names[(index * 2 + 5) % len(last_names)],
                country=country,
                head=False,
                language="fr" if country in FRENCH_SPEAKING else "en",
            )
        )
    return people
