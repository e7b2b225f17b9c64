"""Finding messages and suggestions in the planner's language (rules/data/messages.yaml)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from assistant.schemas import ParseNote

LANGUAGES = ("en", "fi")
_NESTED = ("where", "figure")  # note parameters whose value names another note text


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


def note_text(note: ParseNote | str, lang: str) -> str:
    """A parse note in `lang`; a plain string (e.g. a model review's note) is kept as it is."""
    if isinstance(note, str):
        return note
    texts = _catalogue()["notes"][note.key]
    params = dict(note.params)
    plain = {k: v for k, v in params.items() if k not in _NESTED}
    for name in _NESTED:  # a value that is itself a key: 'lines' -> 'lines 3-5', 'ects' -> 'credit'
        if isinstance(params.get(name), str) and params[name] in _catalogue()["notes"]:
            params[name] = note_text(ParseNote(key=str(params[name]), params=plain), lang)
    return (texts.get(lang) or texts["en"]).format(**params)


def report_text(key: str, lang: str, **params: object) -> str:
    """A heading or phrase of the rendered report, in `lang`."""
    texts = _catalogue()["report"][key]
    return texts[LANGUAGES.index(lang) if lang in LANGUAGES else 0].format(**params)
