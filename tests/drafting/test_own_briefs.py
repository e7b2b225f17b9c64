"""Drafting from briefs written in styles the realistic set does not use (fixtures/own_briefs.yaml):
the same criteria as benchmarks/realistic_briefs.py, so the fixes are not fitted to that set."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.drafting.coverage import phrase_addressed
from assistant.drafting.guard import problems
from assistant.schemas import Bloom, CredentialBrief

BRIEFS = yaml.safe_load((Path(__file__).parent / "fixtures" / "own_briefs.yaml").read_text(encoding="utf-8"))


# Known limitations, kept visible:
KNOWN_MISSES = {
    # Voikko does not know 'varroapunkki': the need 'varroapunkin torjunta' is reported to the
    # planner (stop 32) rather than shown as a bare 'torjunta' with nothing it fights.
    "own-h3-fi-osaamista": "'varroapunkin' is unknown to Voikko: that need is reported, not drafted",
    # 'before they write up a nonconformity': a time clause is cut with the why-clauses, though
    # here it names a task of its own.
    "own-en-audit": "a 'before' clause ('write up a nonconformity') is not read as a need",
    # 'tunnistaa tilanne, jossa keskustelu on siirrettävä yksityisviestiin': the relative clause
    # is cut; as a participle ('yksityisviestiin siirrettävä tilanne') it would keep its meaning.
    "own-fi-kaksoispiste": "a relative clause that names the situation is cut",
    # 'starting a conversation about end-of-life wishes' repeats six words; 'conversation' ends
    # in -tion, which en_plural reads as a mass noun, so the plural rewording is not tried and
    # the cut drops the topic.
    "own-en-confident": "copied object cut to 'starting a conversation' ('-tion' read as uncountable)",
    # '... toimimaan ohjeiden mukaan, jos akku ylikuumenee': the 'jos' clause is the why of a
    # need and is cut, but here it says when; 'akun ylikuumentuessa' would need a participle.
    "own-fi-oppia": "a condition clause ('jos akku ylikuumenee') is cut with the other why-clauses",
    # 'they rarely record which installer did the work': the object is a question clause with
    # a finite verb, and no noun phrase is made of it, so the need is reported, not drafted.
    "own-en-negated": "a question clause as the object ('which installer did the work') is not rephrased",
    # 'Kuljettajan tehtävä on seurata ...', 'vastaa siitä, että lämpötila tarkistetaan': a
    # duty is not read as a need (only osata / pystyä / kyetä / tarvita ... are).
    "own-fi-vastuu": "a duty ('tehtävä on seurata', 'vastaa siitä, että ...') is not read as a need",
    # Briefs a helper wrote (own-h-*), kept failing where the reader or composer falls short:
    "own-h-en-email": "an object that is a that-clause ('check that the label matches the recipe') is not read",
    "own-h-en-jobdesc": "seven needs for six places: a merge drops one, and 'carry out the flushing of' loses its noun",
    "own-h-en-goal": "'diagnose faults ... from the error log' loses its complements; 'explain to X what Y' is not rephrased",
    "own-h-fi-short": "Voikko does not know 'kaasukromatografi', and 'on osattava tunnistaa' with the object first is not read",
    "own-h-fi-funding": "'laskea ... taloudellisia eroja' repeats the brief and no rephrasing keeps it",
    "own-h3-en-units": "a hyphenated verb ('pressure-test') starts no new item; 'superheat' is read as a verb",
    "own-h3-fi-emme": "'ennen kuin' is cut before its verb, 'enintään 50 °C:n' is reordered, "
                      "'on ilmoitettava' is not read",
    # Round 4 (stop 25), helpers' briefs in shapes not handled before; what still fails:
    "own-p4-fi-a": "a duty as a passive clause ('vastaa siitä, että muutokset ... kirjataan') is not read",
    "own-p4-fi-e": "'puuttuu osaaminen ... seurannasta' is not read; 'toimia oikein, kun ...' loses its condition",
    "own-p4-fi-g": "a plain passive ('tarkastetaan koealamenetelmällä') is not read",
    "own-p4-fi-j": "Voikko does not know 'kWp:n', so the sizing skill is dropped; 'Asentaja opastaa' is not read",
    # Round 5 (stop 26), the stop-25 blind probe; what still fails:
    "own-p5-en-f": "'guide older customers through e-government forms' copies six words and the cut drops the forms",
    "own-p5-fi-a": "what people now do ('tekevät ... hoidon tarpeen arviointia') and 'kirjaamisen pitää olla "
                   "rakenteista' are not read",
    "own-p5-fi-b": "'koulutusta ... ajotapaan' (no action noun) and 'toivoisimme jotain ... ennaltaehkäisystä' "
                   "(a compound Voikko gives no verb) are not read",
    "own-p5-fi-c": "'vastaavat ... työvuorosuunnittelusta' and a topic ('Hävikin hallinta ... nousivat esiin') "
                   "are not read",
    "own-p5-fi-d": "'pyykkihuollon logistiikan' has no action noun; 'huoneiden siivouksen ... mukaisesti' is lost",
    "own-p5-fi-f": "'digituen osaaminen' keeps the generic head; 'mitä saa tehdä asiakkaan puolesta' is not read",
    "own-p5-fi-g": "'osakkaiden erimielisyyksien sovittelu koettiin vaikeaksi' (a difficulty) is not read",
    "own-p5-fi-h": "'vanhempien kanssa tehtävään yhteistyöhön' has no action noun",
    "own-p4-en-a": "a that-clause object ('checking that every dose matches ...') is not read",
    "own-p4-en-c": "'explain to clients why their profit differs ...' loses its clause object",
    "own-p4-en-d": "'decide whether to escalate', 'must be reported' and 'lack practice in restoring' are not read",
    "own-p4-en-e": "'what to look out for when ...' and 'when to call in' are not rephrased",
    "own-p4-en-f": "'be able to judge whether ...' (a clause object) is not read",
    "own-p4-en-g": "'this means setting up ..., finding out why counts differ' keeps one gerund; a finite verb in the why",
    "own-p4-en-h": "'struggle to tell whether ...' and 'evaluate whether ...' (clause objects) are not read",
    "own-p4-en-i": "'make sure the customer understands ...' and 'spot interactions' are not read",
    "own-p4-en-j": "'size one' (a pronoun for 'a battery') is dropped; a risk ('working at height') is not read",
}


@pytest.mark.parametrize("entry", [
    pytest.param(b, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[b["id"]]))
    if b["id"] in KNOWN_MISSES else b for b in BRIEFS], ids=[b["id"] for b in BRIEFS])
def test_own_brief_drafts_well(composer, entry) -> None:
    brief = CredentialBrief(title=entry["title"], target_group=entry["target_group"], level=entry["level"],
                            ects=entry["ects"], language=entry["language"], skill_needs=[entry["skill_needs"]])
    result = composer.draft(brief)
    expect = entry["expect"]
    assert expect["min_outcomes"] <= len(result.outcomes) <= expect["max_outcomes"]
    assert not [f for f in result.findings if f.severity in {"E", "W"}]
    for outcome in result.outcomes:
        assert problems(outcome.text, outcome.verb or "", outcome.object or "", brief.language,
                        entry["skill_needs"]) == [], outcome.text
    if expect.get("min_bloom"):
        assert max(b.rank for o in result.outcomes for b in o.bloom) >= Bloom(expect["min_bloom"]).rank
    covered = [s for s in expect["skills"]
               if any(phrase_addressed(s, o.text, brief.language, 0.5) for o in result.outcomes)]
    assert len(covered) / len(expect["skills"]) >= 0.8, ([o.text for o in result.outcomes], result.skipped)
