"""The hybrid strategy: model rewrites are kept only when the checker and the skill allow."""

from __future__ import annotations

import re

import httpx
import openai
import pytest
from fixtures.briefs import load_briefs

from assistant.drafting.common import Guidance, outcome_findings
from assistant.drafting.composer import Composer
from assistant.drafting.hybrid import HybridDrafter
from assistant.llm import FakeChatModel
from assistant.prompts import get_prompt
from assistant.rules import finnish

BRIEFS = load_briefs()
ENGLISH = next(b for b in BRIEFS if b.language == "en" and b.level >= 6)
FINNISH = next(b for b in BRIEFS if b.language == "fi" and b.level >= 6)


def _outcome_in(messages) -> str:
    """The outcome the last user message asks to rewrite."""
    return re.search(r"Outcome: (.+)", messages[-1].content).group(1).strip()


def _hybrid(settings, checker, composer: Composer, llm: FakeChatModel) -> HybridDrafter:
    return HybridDrafter(settings, llm, checker, composer)


@pytest.fixture(scope="module")
def composed(composer: Composer):
    return {b.title: composer.draft(b, Guidance()) for b in (ENGLISH, FINNISH)}


def test_good_rewrites_are_kept(drafting_settings, checker, composer, composed) -> None:
    llm = FakeChatModel(replies=[])
    llm.responder = lambda messages, tools: _outcome_in(messages).rstrip(".") + ", following good professional practice."
    result = _hybrid(drafting_settings, checker, composer, llm).draft(ENGLISH, Guidance())
    base = composed[ENGLISH.title].outcomes
    assert len(llm.calls) == len(base)  # one call per outcome
    assert [o.strategy for o in result.outcomes] == ["hybrid"] * len(base)
    assert all(o.text != b.text for o, b in zip(result.outcomes, base))
    assert result.findings == [] and result.errors == []
    assert result.strategy == "hybrid"
    prompt = get_prompt("rewrite_outcome")
    assert (result.prompt_id, result.prompt_version) == (prompt.id, prompt.version)


def test_a_finnish_rewrite_with_the_skill_inflected_is_kept(drafting_settings, checker, composer, composed) -> None:
    """'hiilijalanjäljen' and 'hiilijalanjälki' are the same word to the skill guard."""
    base = composed[FINNISH.title].outcomes
    target = next(o for o in base if o.verb == "laskea")
    llm = FakeChatModel(replies=[])
    llm.responder = lambda messages, tools: (
        "Opiskelija osaa laskea tapahtuman hiilijalanjälkeä luotettavasti pienissä tapahtumatoimistoissa."
        if _outcome_in(messages) == target.text else _outcome_in(messages)
    )
    result = _hybrid(drafting_settings, checker, composer, llm).draft(FINNISH, Guidance())
    kept = result.outcomes[base.index(target)]
    assert kept.strategy == "hybrid" and "luotettavasti" in kept.text
    voikko = finnish._voikko()
    assert all(voikko.spell(w) for w in re.findall(r"[\w-]+", kept.text))
    # Unchanged replies are not rewrites: those outcomes stay the composer's.
    assert [o.strategy for o in result.outcomes].count("composer") == len(base) - 1


@pytest.mark.parametrize("bad", [
    lambda text: re.sub(r"^The learner can \S+", "The learner can understand", text),  # vague verb
    lambda text: "The learner can analyse relevant topics in their everyday work.",  # skill dropped
    lambda text: re.sub(r"^The learner can (\S+)", r"The learner can \1 and present", text),  # two verbs
    lambda text: "This course covers " + text[len("The learner can "):],  # course-centred
])
def test_bad_rewrites_are_refused(drafting_settings, checker, composer, composed, bad) -> None:
    llm = FakeChatModel(replies=[])
    llm.responder = lambda messages, tools: bad(_outcome_in(messages))
    result = _hybrid(drafting_settings, checker, composer, llm).draft(ENGLISH, Guidance())
    base = composed[ENGLISH.title].outcomes
    assert [o.model_dump() for o in result.outcomes] == [o.model_dump() for o in base]
    assert all(o.strategy == "composer" for o in result.outcomes)
    assert result.findings == []


def test_a_finnish_rewrite_that_drops_the_skill_is_refused(drafting_settings, checker, composer, composed) -> None:
    llm = FakeChatModel(replies=[])
    llm.responder = lambda messages, tools: "Opiskelija osaa arvioida omaa työtään monipuolisesti ja huolellisesti."
    result = _hybrid(drafting_settings, checker, composer, llm).draft(FINNISH, Guidance())
    assert all(o.strategy == "composer" for o in result.outcomes)


def test_good_and_bad_rewrites_mix(drafting_settings, checker, composer, composed) -> None:
    """Each outcome is judged on its own: a refused rewrite does not block the others."""
    base = composed[ENGLISH.title].outcomes
    replies = []
    for number, outcome in enumerate(base):
        good = outcome.text.rstrip(".") + ", following good professional practice."
        vague = re.sub(r"^The learner can \S+", "The learner can be familiar with", outcome.text)
        replies.append(good if number % 2 == 0 else vague)
    llm = FakeChatModel(replies=[]).enqueue(*replies)
    result = _hybrid(drafting_settings, checker, composer, llm).draft(ENGLISH, Guidance())
    expected = ["hybrid" if n % 2 == 0 else "composer" for n in range(len(base))]
    assert [o.strategy for o in result.outcomes] == expected
    assert outcome_findings(checker, ENGLISH, result.outcomes) == []


def test_model_error_keeps_composer_outcomes(drafting_settings, checker, composer, composed) -> None:
    def unreachable(messages, tools):
        raise openai.APIConnectionError(request=httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions"))

    llm = FakeChatModel(replies=[])
    llm.responder = unreachable
    result = _hybrid(drafting_settings, checker, composer, llm).draft(ENGLISH, Guidance())
    base = composed[ENGLISH.title].outcomes
    assert [o.model_dump() for o in result.outcomes] == [o.model_dump() for o in base]
    assert len(result.errors) == 1 and "unreachable" in result.errors[0]
    assert len(llm.calls) == 1  # an unreachable model is not asked again for every outcome
    assert result.findings == []
