"""ELM v3 vocabulary Oppi writes and reads: contexts, concept URIs, language and country codes."""

from __future__ import annotations

ELM_CONTEXT = [
    "https://www.w3.org/2018/credentials/v1",
    "http://data.europa.eu/snb/model/context/edc-ap",
]
ELM_SCHEMA = {
    "id": "http://data.europa.eu/snb/model/ap/edc-generic-full",
    "type": "ShaclValidator2017",
}
SNB = "http://data.europa.eu/snb"
EU_AUTHORITY = "http://publications.europa.eu/resource/authority"
ECTS_CONCEPT_ID = f"{SNB}/education-credit/6fcec5c5af"
ESCO_SKILLS_SCHEME = "http://data.europa.eu/esco/concept-scheme/skills"

LANGUAGES = {"en": ("ENG", "English"), "fi": ("FIN", "Finnish"), "sv": ("SWE", "Swedish")}
# EU country authority code -> names (English, Finnish) a planner may write; others go to
# the address as free text.
COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "FIN": ("finland", "suomi"),
    "SWE": ("sweden", "ruotsi"),
    "EST": ("estonia", "viro"),
    "NOR": ("norway", "norja"),
    "DNK": ("denmark", "tanska"),
    "ISL": ("iceland", "islanti"),
    "DEU": ("germany", "saksa"),
    "IRL": ("ireland", "irlanti"),
    "NLD": ("netherlands", "alankomaat"),
    "BEL": ("belgium", "belgia"),
    "FRA": ("france", "ranska"),
    "ITA": ("italy", "italia"),
    "ESP": ("spain", "espanja"),
    "AUT": ("austria", "itävalta"),
}
COUNTRIES = {name: code for code, names in COUNTRY_NAMES.items() for name in names}
# Controlled concepts whose URIs appear in the official sample; other labels become local
# concepts (urn:epass:concept:…), the way the sample itself writes its assessment type.
MODES = {
    "blended": f"{SNB}/learning-assessment/e92d221e4d",
    "online": f"{SNB}/learning-assessment/920fbb3cbe",
}
ID_VERIFICATIONS = {
    "unsupervised without id verification": f"{SNB}/supervision-verification/c598449d64",
}
SHORT_LEARNING_PROGRAMME = f"{SNB}/learning-opportunity/74a4a268e8"
