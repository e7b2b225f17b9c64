"""Field labels (English, Finnish, Swedish) mapped to MicroCredential fields, in any spelling.

A label is matched on its normalised form: lower case, no markup, punctuation or bracketed
asides, Finnish letters folded to ASCII ("Myontaja" is "Myöntäjä"), camelCase and snake_case
keys split into words, and each Finnish word also by its Voikko base form ("Osaamistavoitteet"
is "osaamistavoite"). The labels themselves are data (rules/data/labels.yaml).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

import yaml

from assistant.rules.finnish import fold

IGNORED = "ignore"  # a label whose text belongs to the mail or the page, not to the draft
_MAX_LABEL = 120  # longer text is a sentence, not a label (also keeps every step linear)
_CAMEL = re.compile(r"(?<=[a-zäöå])(?=[A-ZÄÖÅ])")
_BRACKETS = re.compile(r"\([^()]{0,80}\)|\[[^\[\]]{0,80}\]")
_NOISE = re.compile(r"[*_`#:>|•]+")
# '1.', 'a)', and a form's question number: '2.1', '3.4.2', '§ 4'
_NUMBERING = re.compile(r"^\s*(?:(?:\d{1,2}|[a-z])[.)]|\d{1,2}(?:\.\d{1,2}){1,3}\.?|§\s*\d{1,3}\.?)\s+")
# A numbered section heading in capitals ('3 OSAAMISTAVOITTEET'); not a value such as '5 ECTS'.
_SECTION_NUMBER = re.compile(r"^\s*\d{1,2}\s+(?=[A-ZÄÖÅ][A-ZÄÖÅ /-]{5,}:?$)")
# 'Outcome 1', 'Osaamistavoite 3': one item of the outcomes, as a table row's label
_ITEM_NUMBER = re.compile(r"\s+\d{1,2}[.)]?$")


_ALTERNATIVES = re.compile(r"\s+/\s+|\s*/\s*(?=[a-z])")
_COMBINED = re.compile(r"\s*,?\s+(?:and|ja|sekä|och|&|\+)\s+|\s*,\s*")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@cache
def labels() -> dict[str, tuple[str, ...]]:
    """Field -> labels, from the data file."""
    path = resources.files("assistant.rules") / "data" / "labels.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {name: tuple(values) for name, values in data.items()}


def normalise(label: str) -> str:
    """Lower-case a label and drop markup, bracketed asides, numbering and end punctuation."""
    if len(label) > _MAX_LABEL:
        return ""
    text = _CAMEL.sub(" ", _SECTION_NUMBER.sub("", label.strip())).replace("_", " ")
    text = _NOISE.sub(" ", text)
    text = _BRACKETS.sub(" ", text)
    text = _NUMBERING.sub("", text.lower())
    return re.sub(r"\s+", " ", text).strip(" .-–—\t?!")


def _base_forms(text: str) -> str:
    """The label with each word in its Voikko base form (words Voikko does not know stay)."""
    from assistant.rules import finnish

    words = []
    for word in text.split():
        try:
            readings = finnish.analyse(word)
        except Exception:  # no Voikko: surface forms only  # noqa: BLE001
            return text
        words.append(readings[0].baseform if readings else word)
    return " ".join(words)


@cache
def _index() -> dict[str, str]:
    """Normalised (folded) label and its base-form variant -> field."""
    index: dict[str, str] = {}
    for name, values in labels().items():
        for value in values:
            key = fold(normalise(value))
            index.setdefault(key, name)
    for name, values in labels().items():
        for value in values:
            index.setdefault(fold(_base_forms(normalise(value))), name)
    return index


def _lookup(text: str, prefix: bool) -> str | None:
    """The field of one normalised label part, or None."""
    index = _index()
    key = fold(text)
    if key in index:
        return index[key]
    base = fold(_base_forms(text))
    if base in index:
        return index[base]
    if prefix:
        # Keys such as 'laajuus_op' or 'tyomaara_tunteina': the longest known head counts.
        words = _WORD.findall(key)
        for size in range(len(words) - 1, 0, -1):
            head = " ".join(words[:size])
            if head in index:
                return index[head]
    return None


@lru_cache(maxsize=8192)
def fields_for(label: str, prefix: bool = False) -> tuple[str, ...]:
    """The fields a label names: one, two for 'Size and level', none when unknown.

    `prefix` also accepts a known label followed by more words (JSON keys, table cells).
    """
    text = normalise(label)
    words = len(text.split())
    # A link or a sentence, not a label; a form's question may be longer ('Who is the credential
    # for, and what need does it answer?'), but only a known label as a whole or in known parts.
    if not text or "//" in text or words > 14:
        return ()
    prefix = prefix and words <= 8
    alternatives = [a.strip() for a in _ALTERNATIVES.split(text) if a.strip()]
    for alternative in alternatives:
        found = _lookup(alternative, False)
        if found:
            return (found,)
        parts = [p for p in _COMBINED.split(alternative) if p.strip()]
        if len(parts) > 1:
            named = [_lookup(p.strip(), prefix) for p in parts]
            if all(named):
                return tuple(dict.fromkeys(n for n in named if n))
    if prefix:
        for alternative in alternatives:
            found = _lookup(alternative, True)
            if found:
                return (found,)
    return ()



def outcome_item_label(label: str) -> bool:
    """Whether a label names one numbered outcome ('Osaamistavoite 1', 'Outcome 2')."""
    text = normalise(label)
    item = _ITEM_NUMBER.sub("", text)
    return item != text and fields_for(item) == ("outcomes",)


def field_for(label: str, prefix: bool = False) -> str | None:
    """The MicroCredential field a label names (the first, for combined labels), or None."""
    found = fields_for(label, prefix)
    return found[0] if found else None


# Words after a field's name in an export key that do not change the field: 'outcome_1',
# 'credits_ects', 'title_en', 'tyomaara_tunteina'.
_QUALIFIERS = frozenset({"en", "fi", "sv", "ects", "op", "h", "hours", "tunteina", "tuntia", "credits", "no", "nr"})


def key_fields(key: str) -> tuple[str, ...]:
    """The fields an export's key names ('credits_ects', 'outcome_1', 'outcome_1_assessment'):
    the whole key; else its known first words when the rest only qualify them; else its
    known last words ('..._assessment' is an assessment). 'level_of_difficulty' names none."""
    found = fields_for(key)
    if found:
        return found
    words = _WORD.findall(fold(normalise(key)))
    for size in range(len(words) - 1, 0, -1):
        rest = words[size:]
        if all(w.isdigit() or w in _QUALIFIERS for w in rest) and (found := fields_for(" ".join(words[:size]))):
            return found
    for size in range(1, len(words)):
        if found := fields_for(" ".join(words[size:])):
            return found
    return ()
