"""Skill needs read from prose in shapes the first readers missed (own briefs, stop 22)."""

from __future__ import annotations

from assistant.drafting.variants import object_variants
from assistant.nlp import inflect, skill_phrases


def _pairs(text: str, language: str) -> list[tuple[str, str]]:
    return [(p.verb, p.object) for p in skill_phrases(text, language)]


def test_a_finnish_list_after_a_colon_is_read() -> None:
    found = _pairs("Palvelijoilta odotetaan kolmea asiaa: vastata asiakkaan kysymykseen, ohjata reklamaatio "
                   "oikeaan kanavaan ja tunnistaa tilanne.", "fi")
    assert [verb for verb, _ in found] == ["vastata", "ohjata", "tunnistaa"]


def test_the_training_asked_for_is_no_skill_and_its_relative_clause_lists_them() -> None:
    found = [p.object for p in skill_phrases(
        "Tarvitsemme koulutusta, jossa painottuvat lääkkeen vaikutuksen seuraaminen ja poikkeaman kirjaaminen "
        "potilastietojärjestelmään.", "fi")]
    assert found == ["lääkkeen vaikutuksen seuraaminen", "poikkeaman kirjaaminen potilastietojärjestelmään"]


def test_learn_to_and_how_to_lead_in_to_the_skill() -> None:
    found = _pairs("Staff should learn to recognise early signs of aggression and report the incident.", "en")
    assert found[0] == ("recognise", "early signs of aggression")
    found = _pairs("Producers need to know how to declare the allergens, and how to calculate a nutrition "
                   "declaration.", "en")
    assert [verb for verb, _ in found] == ["declare", "calculate"]


def test_being_confident_in_doing_something_is_the_skill_of_doing_it() -> None:
    found = _pairs("We want nurses to be confident in starting a conversation about wishes.", "en")
    assert found[0][0] == "start"


def test_a_word_is_read_as_its_own_lexeme_before_a_possessive_form() -> None:
    assert inflect.inflect_word("tilanne", "omanto") == "tilanteen"  # not 'tilan' (tila + -nne)


def test_a_postposition_keeps_its_genitive_when_the_adverbial_moves() -> None:
    variants = object_variants("tarjoukset ennalta ilmoitettujen kriteerien mukaan", "fi", "vertailla")
    assert "ennalta ilmoitettujen kriteerien mukaan tarjoukset" in variants
    assert "mukaan tarjoukset ennalta ilmoitettujen kriteerien" not in variants


def test_no_cut_inside_a_hyphenated_word() -> None:
    variants = object_variants("starting a conversation about end-of-life wishes", "en", "demonstrate")
    assert not any(v.endswith("-") for v in variants)


def test_knowing_which_things_have_a_property_is_identifying_them() -> None:
    found = _pairs("Staff need to know which substances are hazardous in the cleaning store, and how to "
                   "store them safely.", "en")
    assert found[0] == ("identify", "the hazardous substances in the cleaning store")
    # Not every 'which' clause: one without 'is/are <adjective>' gives no such phrase.
    other = _pairs("Staff need to know which supplier delivered the batch.", "en")
    assert ("identify", "the delivered supplier") not in other and all(v != "identify" for v, _ in other)


def test_each_clause_of_a_survey_sentence_states_its_own_need() -> None:
    found = _pairs("In the survey, 64 % of members said they would like to adjust feed rations from milking data, "
                   "51 % wanted to learn to calibrate the mixer wagon, and 38 % asked for help in reading the "
                   "condition score of their cows.", "en")
    assert found == [("adjust", "feed rations from milking data"), ("calibrate", "the mixer wagon"),
                     ("read", "the condition score of their cows")]


def test_a_question_whether_staff_can_do_something_names_the_need() -> None:
    found = _pairs("Can our agents tell a legal complaint from a goodwill return? Do they know how to calculate "
                   "a refund when only part of an order comes back?", "en")
    assert found == [("tell", "a legal complaint from a goodwill return"), ("calculate", "a refund")]
    # A question that is no ability ('Why do they ...?') and a plain statement give none.
    assert _pairs("Why do they always call the office first? The office answers the phone.", "en") == []
    found = _pairs("Osaavatko hoitajat neuvoa asiakasta tunnistautumaan? Entä tunnistavatko he huijausviestin?", "fi")
    assert [verb for verb, _ in found] == ["neuvoa", "tunnistaa"]
    assert found[1][1] == "huijausviestin"  # the subject 'he' is not part of the object


def test_what_staff_do_not_do_is_what_they_need() -> None:
    found = _pairs("They do not check the product approvals against the installation, and they rarely "
                   "photograph the penetrations.", "en")
    assert [verb for verb, _ in found] == ["check", "photograph"]
    # Not a state, not an object that points back, not a thing as the subject.
    assert _pairs("They do not have time for courses. Managers cannot check these claims. "
                  "The system does not record the batch.", "en") == []


def test_a_job_described_by_its_gerunds_names_its_needs() -> None:
    found = _pairs("The operator is responsible for adjusting the coagulant dose when turbidity changes, taking "
                   "samples and interpreting trends in the automation system.", "en")
    assert [verb for verb, _ in found] == ["adjust", "take", "interpret"]
    assert found[0][1] == "the coagulant dose"  # the time clause is cut


def test_training_people_to_do_something_and_people_wanted_who_do_it() -> None:
    found = _pairs("Corrective action: train all fitters to identify energy sources and apply lockout-tagout.", "en")
    assert [verb for verb, _ in found] == ["identify", "apply"]
    found = _pairs("The clinic wants nurses who monitor vital parameters throughout anaesthesia.", "en")
    assert found == [("monitor", "vital parameters throughout anaesthesia")]
    # A request to the reader of a mail is no need of the learners.
    assert _pairs("Could you sketch something for the autumn?", "en") == []


def test_finnish_must_verbs_before_an_infinitive_state_a_need() -> None:
    found = _pairs("Heidän tulee myös tunnistaa haittavaikutukset. Laborantin pitää tulkita kromatogrammi.", "fi")
    assert [verb for verb, _ in found] == ["tunnistaa", "tulkita"]
    # 'tulee kalliiksi' says no must; a time with no object and an indirect question give no skill.
    assert _pairs("Se tulee kalliiksi. Heidän pitää arvioida ennen päätöksentekoa, mitä vaihtoehtoja on.", "fi") == []
    assert _pairs("Yrittäjän pitää osata arvioida, kannattaako investointi.", "fi") == []


def test_things_and_the_writers_state_no_need() -> None:
    for text in ("The sensors do not measure the flow rate.", "We do not offer the course in spring.",
                 "Do the figures include VAT?", "They have experience in reporting."):
        assert _pairs(text, "en") == [], text
    found = _pairs("Our staff have gaps in spreadsheet modelling, the team lacks skills in SQL.", "en")
    assert [obj for _, obj in found].count("SQL") == 1
    for text in ("Kurssi tulee järjestää keväällä verkossa.", "Meidän täytyy päivittää opetussuunnitelma.",
                 "Heidän pitää olla tietoisia riskeistä.", "Tuleeko kurssista maksu?"):
        assert _pairs(text, "fi") == [], text


def test_a_cleft_need_and_a_list_of_who_clauses() -> None:
    found = _pairs("They do not need another course on interviewing. What they do need is to record interviews "
                   "on location and write show notes.", "en")
    assert [verb for verb, _ in found] == ["record", "write"]
    found = _pairs("We are missing people who notice abnormal swimming behaviour early, who measure dissolved "
                   "oxygen at the right depth, and who adjust the feeding rate.", "en")
    assert [verb for verb, _ in found] == ["notice", "measure", "adjust"]
    assert found[1][1] == "dissolved oxygen at the right depth"  # the participle does not end the list


def test_a_colon_list_after_a_word_for_skills() -> None:
    found = _pairs("The region funds training that develops the following abilities: identifying fibre content by "
                   "hand, grading garments for reuse, and planning the flow of a sorting line.", "en")
    assert [verb for verb, _ in found] == ["identify", "grade", "plan"]
    found = skill_phrases("Ohjelmakaudella vahvistetaan erityisesti seuraavia valmiuksia: prosessinäytteiden "
                          "ottaminen ja vaahdotuskemikaalien annostelun säätäminen.", "fi")
    assert [p.object for p in found] == ["prosessinäytteiden ottaminen", "vaahdotuskemikaalien annostelun säätäminen"]


def test_second_review_cases_state_no_need() -> None:
    assert _pairs("What they do not need is to memorise regulations.", "en") == []
    assert _pairs("They already have solid skills: reading drawings and welding pipes.", "en") == []
    assert _pairs("Tarvitaan osaamista seuraavilla aloilla: hoitotyö, rakentaminen ja logistiikka.", "fi") == []


def test_an_instruction_quoted_in_a_brief_names_a_need() -> None:
    found = _pairs("Interviewer: What should they be able to do? Jari: Check their own welds visually. "
                   "And fill in the weld log after every shift.", "en")
    assert [verb for verb, _ in found] == ["check", "fill in"]
    # Not the writer's requests, not a question, not the employer's training.
    assert _pairs("Please find the attached plan. Note the dates. Let us know what you think.", "en") == []
    assert _pairs("Check the dates?", "en") == []
