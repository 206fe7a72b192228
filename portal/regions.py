"""Which regional group a country belongs to (the portal's five region slugs): roundtables seat
delegates by it, and the staff's readiness aggregates group agencies by it."""

from __future__ import annotations

_GROUPS = {
    "africa": (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW MZ NA NE NG RW SC "
        "SL SN SO SS ST SZ TD TG TZ UG ZA ZM ZW"
    ),
    "americas": (
        "AG AR AW BB BO BR BS BZ CA CL CO CR CU CW DM DO EC GD GT GY HN HT JM KN LC MX NI PA PE PY SR SV SX TT US "
        "UY VC VE"
    ),
    "asia-south-pacific": (
        "AF AU BD BN BT CN FJ FM ID IN JP KH KI KR LA LK MH MM MN MO MV MY NP NR NZ PG PH PK PW SB SG TH TL TO TV "
        "VN VU WS HK"
    ),
    "europe": (
        "AD AL AM AT AZ BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GE GR HR HU IE IS IT KG KZ LI LT LU LV MC MD ME "
        "MK MT NL NO PL PT RO RS RU SE SI SK SM TJ TM TR UA UZ VA XK"
    ),
    "middle-east-north-africa": "AE BH DZ EG IQ IR IL JO KW LB LY MA OM PS QA SA SD SY TN YE",
}
REGION_OF_COUNTRY = {code: region for region, codes in _GROUPS.items() for code in codes.split()}


def region_of(country_code: str) -> str | None:
    return REGION_OF_COUNTRY.get((country_code or "").upper())
