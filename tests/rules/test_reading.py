"""Reading outcomes: stems stripped, verbs found in English and Finnish forms."""

from __future__ import annotations

import pytest

from assistant.errors import OppiError
from assistant.rules import finnish
from assistant.rules.lexicon import load_lexicon
from assistant.rules.reading import outcome_language, read_outcome


def _read(text: str, default: str = "en"):
    lexicon = load_lexicon()
    return read_outcome(text, outcome_language(text, default, lexicon), lexicon)


@pytest.mark.parametrize(
    "text,verb",
    [
        ("The learner can analyse sales data", "analyse"),
        ("Upon completion, the learner is able to design a survey", "design"),
        ("Students will be able to evaluate supplier offers", "evaluate"),
        ("By the end of the module, participants can plan a route", "plan"),
        ("Analyses customer feedback by theme", "analyse"),
        ("Planned a project schedule", "plan"),
        ("carry out a risk assessment on site", "carry out"),
        ("Opiskelija osaa analysoida asiakasdataa", "analysoida"),
        ("Osaat soveltaa tilastollisia menetelmiä", "soveltaa"),
        ("Opiskelija pystyy arvioimaan hoidon tuloksia", "arvioida"),
        ("Osallistuja osaa laatia suunnitelman", "laatia"),
        ("Opintojakson suoritettuaan opiskelija osaa kuvata prosessin", "kuvata"),
        ("Opiskelija analysoi asiakasdataa", "analysoida"),
    ],
)
def test_stem_is_stripped_and_verb_found(text, verb):
    reading = _read(text)
    assert reading.verb == verb and reading.in_lexicon


@pytest.mark.parametrize(
    "text,verb",
    [
        ("The doctoral researcher can prepare a data management plan", "prepare"),
        ("Each team member will be able to apply the checklist", "apply"),
        ("Course participants are able to plan a route", "plan"),
        ("Nurses will understand the escalation rules", "understand"),
        ("Tohtorikoulutettava osaa laatia aineistonhallintasuunnitelman", "laatia"),
        ("Koulutukseen osallistuva hoitaja osaa tarkistaa annoksen", "tarkistaa"),
        ("Työntekijä pystyy laatimaan riskiarvion", "laatia"),
    ],
)
def test_a_subject_the_stem_list_lacks_is_read_up_to_its_modal(text, verb):
    assert _read(text).verb == verb


@pytest.mark.parametrize(
    "text",
    [
        "Checklists that nurses can use at night",  # a noun phrase with a relative clause
        "The course will cover risk assessment",  # the course speaks: C10's to report
        "Suunnitelma, jota tiimi voi käyttää",
        "Riskiarvio, jonka hoitaja osaa laatia",
    ],
)
def test_a_clause_or_the_course_is_not_taken_for_a_subject(text):
    assert not _read(text).in_lexicon


@pytest.mark.parametrize(
    "text,verb,vague",
    [
        ("Den studerande kan planera en marknadsföringskampanj", "planera", False),
        ("dokumenterar utdelade läkemedel i journalen", "dokumentera", False),
        ("beskriver kundresans faser", "beskriva", False),
        ("redogöra för regelverket för upphandling", "redogöra för", False),
        ("förstå grunderna i sökmotoroptimering", "förstå", True),
        ("vara medveten om riskerna i hemvården", "vara medveten om", True),
    ],
)
def test_swedish_outcomes_are_read_by_their_own_lexicon(text, verb, vague):
    reading = _read(text)
    assert (reading.language, reading.verb, reading.vague) == ("sv", verb, vague)


def test_a_swedish_outcome_with_two_verbs_lists_both():
    assert _read("analysera webbplatsstatistik och föreslå förbättringar").verbs == ["analysera", "föreslå"]


@pytest.mark.parametrize(
    "text,verb",
    [
        ("The learner understands logistics", "understand"),
        ("Be familiar with GDPR", "be familiar with"),
        ("The learner will gain insight into retail", "gain insight"),
        ("Opiskelija ymmärtää logistiikan", "ymmärtää"),
        ("Opiskelija tuntee käsitteet", "tuntea"),
        ("Opiskelija saa yleiskuvan logistiikasta", "saada yleiskuva"),
        ("Opiskelija perehtyy kirjaamiseen", "perehtyä"),
    ],
)
def test_vague_verbs_in_both_languages(text, verb):
    reading = _read(text)
    assert reading.vague and reading.verb == verb


@pytest.mark.parametrize(
    "text,count",
    [
        ("Identify, assess and mitigate risks", 3),
        ("Plan and implement a safety plan", 2),
        ("Analyse the data and present the results to managers", 2),
        ("Handle packaging or returns in an online shop", 1),
        ("Compare costs and benefits of two suppliers", 1),
        ("Opiskelija osaa tunnistaa, arvioida ja hallita riskejä", 3),
        ("Opiskelija pystyy arvioimaan ja kehittämään palveluprosessia", 2),
        ("Opiskelija osaa käsitellä pakkauksia tai palautuksia verkkokaupassa", 1),
        ("Opiskelija osaa vertailla päästöjä ja kustannuksia", 1),
    ],
)
def test_coordinated_verbs_not_objects(text, count):
    assert len(_read(text).verbs) == count


def test_words_after_the_verb_are_counted():
    assert _read("The learner can analyse data").words_after_verb == 1
    assert (
        _read(
            "Opiskelija osaa analysoida asiakasdataa verkkokaupan päätöksenteossa tänään"
        ).words_after_verb
        == 4
    )


def test_language_of_each_outcome():
    lexicon = load_lexicon()
    assert outcome_language("Opiskelija osaa laskea kustannukset", "en", lexicon) == "fi"
    assert outcome_language("The learner can plan a route", "fi", lexicon) == "en"


def test_missing_voikko_is_a_clear_error_only_for_finnish(monkeypatch):
    def broken():
        raise OppiError(finnish.INSTALL_HINT)

    finnish.analyse.cache_clear()
    monkeypatch.setattr(finnish, "_voikko", broken)
    assert _read("The learner can plan a delivery route", "en").verb == "plan"
    with pytest.raises(OppiError, match="libvoikko1 and voikko-fi|libvoikko1 voikko-fi"):
        _read("Opiskelija osaa laatia suunnitelman", "fi")
    finnish.analyse.cache_clear()


def test_voikko_load_failure_becomes_oppi_error(monkeypatch):
    import libvoikko

    def fail(language):
        raise OSError("libvoikko.so.1: cannot open shared object file")

    finnish._voikko.cache_clear()
    finnish.analyse.cache_clear()
    monkeypatch.setattr(libvoikko, "Voikko", fail)
    try:
        with pytest.raises(OppiError, match="voikko-fi"):
            finnish.analyse("osaa")
    finally:
        monkeypatch.undo()
        finnish._voikko.cache_clear()
        finnish.analyse.cache_clear()


def test_finnish_verbs_typed_without_diacritics_are_read_by_their_folded_form():
    lexicon = load_lexicon()
    folded = read_outcome("Opiskelija osaa kayttaa tuotantotietoja hakkuun suunnittelussa", "fi", lexicon)
    assert (folded.verb, folded.in_lexicon) == ("käyttää", True)
    vague = read_outcome("Opiskelija tietaa metsalain keskeiset vaatimukset", "fi", lexicon)
    assert vague.vague and vague.verb == "tietää"
    assert lexicon.folded_verb("xyzzy") is None


def test_phrase_lists_match_text_typed_without_diacritics():
    lexicon = load_lexicon()
    assert lexicon.matches("participation", "tyopaikalla")
    assert lexicon.matches("criteria", "hyvaksytty/hylatty")
    assert not lexicon.matches("participation", "joustava")


@pytest.mark.parametrize("value", ["Distance learning", "remote", "webinars", "classroom teaching", "at the workplace",
                                   "oppisopimus", "Multimodal teaching", "in-company training"])
def test_more_names_of_the_four_forms_of_participation(value):
    assert load_lexicon().matches("participation", value)


@pytest.mark.parametrize("value", ["Flexible", "joustava", "Flexible, self-paced", "tbd"])
def test_flexible_alone_is_no_form_of_participation(value):
    assert not load_lexicon().matches("participation", value)


@pytest.mark.parametrize("value", ["approved/failed", "grades 1 to 5", "hyv./hyl.", "pass with distinction",
                                   "grades A-F", "passed/failed"])
def test_more_ways_to_state_a_grading_scale(value):
    assert load_lexicon().matches("criteria", value)


@pytest.mark.parametrize("text,verb,after", [
    ("After the course you can write a grant proposal for an EU programme", "write", 7),
    ("By the end of the credential the learner is able to evaluate the accessibility of a website", "evaluate", 5),
    ("Can prepare a maintenance plan for a pump station", "prepare", 7),
    ("After the course you can write a proposal, a budget and a plan", "write", 7),
])
def test_stems_without_a_comma_are_stripped(text, verb, after):
    reading = read_outcome(text, "en", load_lexicon())
    assert (reading.verb, reading.words_after_verb) == (verb, after)
