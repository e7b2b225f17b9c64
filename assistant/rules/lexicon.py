"""The verb lexicons (English, Finnish) and word lists of the checks, loaded once per process."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from assistant.errors import OppiError
from assistant.rules.finnish import fold, strip_diacritics
from assistant.schemas import Bloom

DATA = resources.files("assistant.rules") / "data"


@dataclass(frozen=True)
class Verb:
    """One lexicon entry: a verb, its language, its Bloom level or range, example objects."""

    verb: str
    language: str
    bloom: tuple[Bloom, ...]
    examples: tuple[str, ...]


@dataclass
class Lexicon:
    """Verbs by language and the phrase lists (stems, vague verbs, placeholders, ...)."""

    verbs: dict[str, dict[str, Verb]]
    phrases: dict[str, object]
    patterns: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    sets: dict[str, frozenset[str]] = field(default_factory=dict)
    folded_fi: dict[str, str] = field(default_factory=dict)

    def verb(self, language: str, lemma: str) -> Verb | None:
        """The entry for a lemma, or None."""
        return self.verbs.get(language, {}).get(lemma)

    def vague(self, language: str) -> list[str]:
        """Unobservable verbs and phrases (C07) in a language (none where an institution's own
        phrases.yaml has no list for it)."""
        return list(self.phrases["vague"].get(language, []))  # type: ignore[union-attr]

    def vague_set(self, language: str) -> frozenset[str]:
        """The vague verbs and phrases as a set (cached): looked up for every word of prose."""
        key = f"vague-{language}"
        if key not in self.sets:
            self.sets[key] = frozenset(self.vague(language))
        return self.sets[key]

    def words(self, name: str) -> list[str]:
        """A plain word list from phrases.yaml."""
        return list(self.phrases[name])  # type: ignore[arg-type]

    def word_set(self, name: str) -> frozenset[str]:
        """A word list from phrases.yaml as a set (cached)."""
        if name not in self.sets:
            self.sets[name] = frozenset(self.words(name))
        return self.sets[name]

    def vague_heads(self, language: str) -> frozenset[str]:
        """First words of the vague verbs and phrases (cached)."""
        key = f"vague-heads-{language}"
        if key not in self.sets:
            self.sets[key] = frozenset(p.split()[0] for p in self.vague(language))
        return self.sets[key]

    def starts(self, name: str) -> list[re.Pattern[str]]:
        """A word list from phrases.yaml compiled to match words starting with each entry."""
        key = f"starts-{name}"
        if key not in self.patterns:
            self.patterns[key] = [
                re.compile(rf"\b{re.escape(w)}", re.IGNORECASE) for w in self.words(name)
            ]
        return self.patterns[key]

    def regexes(self, name: str) -> list[re.Pattern[str]]:
        """A list from phrases.yaml compiled as case-insensitive regular expressions."""
        if name not in self.patterns:
            self.patterns[name] = [re.compile(p, re.IGNORECASE) for p in self.words(name)]
        return self.patterns[name]

    def matches(self, name: str, text: str) -> bool:
        """Whether any regex of a phrases.yaml list matches `text`, also with ä/ö typed as a/o
        ('tyopaikalla', 'hyvaksytty/hylatty': both sides compared folded)."""
        if any(p.search(text) for p in self.regexes(name)):
            return True
        key = f"folded-{name}"
        if key not in self.patterns:
            self.patterns[key] = [re.compile(strip_diacritics(p), re.IGNORECASE) for p in self.words(name)]
        folded = fold(text)
        return any(p.search(folded) for p in self.patterns[key])

    def folded_verb(self, word: str) -> str | None:
        """The Finnish lexicon verb (or one-word vague verb) a word is when typed without ä/ö
        ('kayttaa' -> 'käyttää'), or None."""
        if not self.folded_fi:
            heads = [p for p in self.vague("fi") if " " not in p]
            self.folded_fi = {fold(v): v for v in [*self.verbs.get("fi", {}), *heads]}
        return self.folded_fi.get(fold(word))

    def at_levels(self, language: str, levels: set[Bloom]) -> list[Verb]:
        """Verbs (in file order) whose level or range touches any of `levels`."""
        return [v for v in self.verbs.get(language, {}).values() if levels & set(v.bloom)]


# Word lists of the institution's own that replace the built-in files of the same name
# (Settings.rules_data; set by `use_rules_data` when the services are built).
LEXICON_FILES = ("phrases.yaml", "verbs_en.csv", "verbs_fi.csv", "verbs_sv.csv")
_rules_data: Path | None = None


def use_rules_data(folder: Path | None) -> None:
    """Read the lexicon from `folder`'s files where it has them (None: the built-in ones)."""
    global _rules_data
    if folder is not None and not any((Path(folder) / name).is_file() for name in LEXICON_FILES):
        raise OppiError(f"OPPI_RULES_DATA: {folder} holds none of {', '.join(LEXICON_FILES)}")
    _rules_data = Path(folder) if folder is not None else None


def _source(name: str, folder: Path | None):
    own = folder / name if folder is not None else None
    return own if own is not None and own.is_file() else DATA / name


def _read_verbs(name: str, folder: Path | None) -> dict[str, Verb]:
    with _source(name, folder).open(encoding="utf-8") as handle:
        return {
            row["verb"]: Verb(
                verb=row["verb"],
                language=row["language"],
                bloom=tuple(Bloom(level) for level in row["bloom"].split("|")),
                examples=tuple(e.strip() for e in row["examples"].split(";") if e.strip()),
            )
            for row in csv.DictReader(handle)
        }


def load_lexicon() -> Lexicon:
    """The lexicons and word lists in use (each folder's read once per process)."""
    return _load(_rules_data)


@cache
def _load(folder: Path | None) -> Lexicon:
    try:
        phrases = yaml.safe_load(_source("phrases.yaml", folder).read_text(encoding="utf-8"))
        verbs = {lang: _read_verbs(f"verbs_{lang}.csv", folder) for lang in ("en", "fi", "sv")}
    except (OSError, ValueError, KeyError, yaml.YAMLError) as error:
        raise OppiError(f"Cannot read the word lists in {folder}: {error}") from error
    return Lexicon(verbs=verbs, phrases=phrases)
