"""The eval's fake model: deterministic, offline, and it follows only the rules a prompt states.

It stands in for a real model in CI so a prompt change shows up in the scores: a drafting
prompt that stops forbidding vague verbs gets vague verbs back, as a careless model would.
"""

from __future__ import annotations

import re

from langchain_core.messages import BaseMessage

from assistant.drafting.skills import skill_phrases
from assistant.llm import FakeChatModel
from assistant.rules.context import band_for_level
from assistant.rules.lexicon import load_lexicon

_FORBIDS_VAGUE = re.compile(r"never use[^.]*\bunderstand\b|do not use[^.]*\bunderstand\b", re.IGNORECASE)
_VAGUE = {"en": "understand", "fi": "ymmärtää"}
_CONTEXT = {"en": "in their own work", "fi": "omassa työssään"}


def _field(text: str, name: str) -> str:
    match = re.search(rf"^{name}:\s*(.*)$", text, re.MULTILINE)
    return match.group(1).strip() if match else ""


def draft_outcomes(system: str, user: str) -> dict:
    """An OutcomeList for the brief in the user message, vague when the prompt allows it."""
    language = "fi" if _field(user, "Language").lower().startswith("finnish") else "en"
    count_match = re.search(r"Write (\d+) outcomes", user)
    count = int(count_match.group(1)) if count_match else 3
    verbs_match = re.search(r"Use these verbs:\s*(.*)$", user, re.MULTILINE)
    verbs = [v.strip() for v in (verbs_match.group(1) if verbs_match else "").split(",") if v.strip()]
    level_match = re.search(r"EQF level:\s*(\d)", user)
    band = band_for_level(int(level_match.group(1)) if level_match else None)
    skills = skill_phrases(_field(user, "Skill needs"), language) or [_field(user, "Credential")]
    lexicon = load_lexicon()
    careful = bool(_FORBIDS_VAGUE.search(system))
    outcomes = []
    for index in range(count):
        skill = skills[index % len(skills)]
        head, _, rest = skill.partition(" ")
        if not careful:
            verb, obj = _VAGUE[language], skill
        elif lexicon.verb(language, head.lower()) and rest:
            verb, obj = head.lower(), rest  # the skill already names its action
        else:
            verb, obj = (verbs[index % len(verbs)] if verbs else "apply"), skill
        entry = lexicon.verb(language, verb)
        levels = [b for b in entry.bloom if b in band] or list(entry.bloom) if entry else list(band)
        outcomes.append({"verb": verb, "object": obj, "context": _CONTEXT[language], "bloom": levels[0].value})
    return {"outcomes": outcomes}


def chat_answer(user: str) -> str:
    """The first sentence of the first passage, cited."""
    match = re.search(r"<passage>\s*(.*?)\s*</passage>", user, re.DOTALL)
    if not match:
        return "The library does not cover this question."
    text = " ".join(match.group(1).split())
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return f"{sentence[:300]} [1]"


def respond(messages: list[BaseMessage], tools: list[dict]) -> str | dict:
    """Pick the reply by what is asked: a tool schema, a rewrite, or an answer from passages."""
    system = str(messages[0].content) if messages else ""
    user = str(messages[-1].content) if messages else ""
    names = {tool["function"]["name"] for tool in tools}
    if "OutcomeList" in names:
        return draft_outcomes(system, user)
    if "Review" in names:
        return {"judgements": []}
    if "Rewritten outcome:" in user:
        return _field(user, "Outcome")
    if "Passages:" in user:
        return chat_answer(user)
    return ""


def eval_fake_model() -> FakeChatModel:
    """A fresh fake model (its call log is per instance)."""
    return FakeChatModel(replies=[], calls=[], responder=respond)
