"""Finding messages and suggestions in the planner's language (rules/data/messages.yaml)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

LANGUAGES = ("en", "fi")


@cache
def _catalogue() -> dict:
    path = resources.files("assistant.rules") / "data" / "messages.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def element_name(name: str, lang: str) -> str:
    """A field's name in the report language ('awarding body' -> 'myöntäjä')."""
    names = _catalogue()["names"].get(name)
    return names[LANGUAGES.index(lang)] if names and lang in LANGUAGES else name


def say(key: str, lang: str, **params: object) -> tuple[str, str]:
    """(message, suggestion) for a message key, filled with `params`, in `lang` (en or fi)."""
    entry = _catalogue()[key]
    message, suggestion = entry.get(lang) or entry["en"]
    if "element" in params:
        element = element_name(str(params["element"]), lang)
        params = {**params, "element": element, "element_cap": element[:1].upper() + element[1:]}
    return message.format(**params), suggestion.format(**params)


def phrase(key: str, lang: str, **params: object) -> str:
    """A message fragment (a problem inside a longer message)."""
    return say(key, lang, **params)[0]
