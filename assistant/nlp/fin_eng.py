"""English glosses of Finnish words from a real bilingual dictionary: FreeDict's Finnish-English
dictionary (from Wiktionary via WikDict, CC BY-SA 3.0), as Debian's dict-freedict-fin-eng
installs it in dictd format (an index of headword, offset, length; a gzip-readable .dict.dz).

Voikko gives each word's base form and, for a compound, its parts; a word the dictionary lacks
is glossed part by part, longest known run of parts first ('kasvihuonekaasupäästö' ->
'kasvihuonekaasu' + 'päästö' -> 'greenhouse gas emission'). Only the first sense is used, and
the entry whose part of speech Voikko agrees with is preferred: the first sense is the common one.
A Finnish outcome verb of the lexicon is glossed first by its outcome sense (data/fi_en_verbs.yaml):
skill needs are written with such verbs, and there FreeDict's first sense is often a rarer one.
So is a common noun of working life by its working-life sense (data/fi_en_terms.yaml: 'yritys'
is a company, not an attempt). A compound's part is read as a word of its own where it is one
('päästö', not the verb 'päästää' it derives from) and without the genitive that links it to
the next part ('omistajan|vaihdos' -> 'owner change').
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

import yaml

from assistant.errors import OppiError
from assistant.nlp import inflect

DICTIONARY = Path("/usr/share/dictd/freedict-fin-eng")
DEBIAN_PACKAGE = "dict-freedict-fin-eng"
_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_POS = {"nimisana": "n", "teonsana": "v", "laatusana": "adj", "nimisana_laatusana": "n", "seikkasana": "adv"}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# WORDBASES: '+kaatumis(kaatua)+riskin(riski)'; a bare segment is part of a derivation ('+laske(laskea)+n+ta(+ta)').
_PART = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")
_PARTICIPLES = {"present_active", "past_active", "past_passive", "present_passive"}  # not the agent's: 'poikkeama' is a noun
# Conjunctions, adpositions and pronouns carry no skill ('ja' would read as FreeDict's 'er').
_FUNCTION_CLASSES = {"sidesana", "suhdesana", "asemosana", "kieltosana"}
MAX_GLOSSES = 4  # of the first sense: 'estimate, appraise, evaluate, assess'
OUTCOME_VERBS_FILE = Path(__file__).parent / "data" / "fi_en_verbs.yaml"
TERMS_FILE = Path(__file__).parent / "data" / "fi_en_terms.yaml"


@cache
def outcome_verbs() -> dict[str, str]:
    """Finnish outcome verb -> its English in a learning outcome ('laatia' -> 'prepare')."""
    return yaml.safe_load(OUTCOME_VERBS_FILE.read_text(encoding="utf-8"))


@cache
def working_life_terms() -> dict[str, str]:
    """Finnish noun -> its English in working-life texts ('yritys' -> 'company')."""
    return yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64[char]
    return value


@cache
def _dictionary(base: Path = DICTIONARY) -> tuple[dict[str, list[tuple[int, int]]], bytes]:
    index, data = base.with_suffix(".index"), base.with_suffix(".dict.dz")
    if not index.exists() or not data.exists():
        raise OppiError(f"Finnish-English glosses need the Debian package {DEBIAN_PACKAGE}. Run `make install`.")
    entries: dict[str, list[tuple[int, int]]] = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        headword, offset, length = line.split("\t")
        if not headword.startswith("00database"):
            entries.setdefault(headword.lower(), []).append((_number(offset), _number(length)))
    return entries, gzip.decompress(data.read_bytes())


@cache
def glosses(headword: str, pos: str = "") -> tuple[str, ...]:
    """The first sense's English glosses of a Finnish base form ('' for any part of speech); a
    noun's working-life sense first."""
    term = working_life_terms().get(headword.lower()) if pos in ("", "n") else None
    if term:
        return tuple(dict.fromkeys([term, *_dictionary_glosses(headword, pos)]))[:MAX_GLOSSES]
    return _dictionary_glosses(headword, pos)


def _dictionary_glosses(headword: str, pos: str) -> tuple[str, ...]:
    entries, data = _dictionary()
    found = []
    for offset, length in entries.get(headword.lower(), []):
        lines = data[offset:offset + length].decode("utf-8").splitlines()
        if len(lines) < 2:
            continue
        tag = re.search(r"<([^>]+)>", lines[0])
        sense = re.sub(r"\s+\d+\.$", "", re.sub(r"^\d+\.\s*", "", lines[1].strip()))
        words = tuple(g.strip() for g in sense.split(",") if g.strip())[:MAX_GLOSSES]
        found.append((0 if pos and tag and tag.group(1) == pos else 1, words))
    found.sort(key=lambda pair: pair[0])  # stable: the dictionary's order among equals
    return found[0][1] if found else ()


def _parts(analysis: dict[str, str]) -> list[tuple[str, str]]:
    """(surface, base) per compound part; a derivational ending ('+us') joins the part before it."""
    parts: list[tuple[str, str]] = []
    for surface, base in _PART.findall(analysis.get("WORDBASES", "")):
        if not base and not surface.strip("-"):
            continue  # the hyphen of a prefix ('kulutus-')
        if (not base or base.startswith("+")) and parts:
            parts[-1] = (parts[-1][0] + surface, parts[-1][1])
        else:
            parts.append((surface, base))
    return parts


def word_glosses(word: str) -> list[tuple[str, ...]]:
    """The glosses of one Finnish word: one tuple for a known word, one per known run of a
    compound's parts; [] when neither the word nor a part is in the dictionary."""
    if word.isupper():
        return []  # an acronym: 'ISO' is no 'big'

    if _function_word(word):
        return []
    found = inflect.analyses(word) or ({"BASEFORM": word},)
    for analysis in found:
        english = outcome_verbs().get(analysis.get("BASEFORM", "")) if analysis.get("CLASS") == "teonsana" else None
        if english:  # the outcome's sense first, then the dictionary's
            return [tuple(dict.fromkeys([english, *glosses(analysis["BASEFORM"], "v")]))[:MAX_GLOSSES]]
    # A word the dictionary knows whole, under any reading, a noun's first ('riskit': risks,
    # not the adjective 'robust').
    for analysis in sorted(found, key=lambda a: a.get("CLASS") != "nimisana"):
        whole = glosses(analysis.get("BASEFORM", word), _POS.get(analysis.get("CLASS", ""), ""))
        if whole:
            return [whole]
    # A participle the dictionary lacks, by its verb ('parantava' -> improve, not 'paran' + 'tavi').
    for analysis in found:
        verb = _participle_verb(analysis)
        if verb:
            return [verb]
    # Else the reading with the fewest parts ('parantava', not 'paran' + 'tavi'), of those the
    # one with more parts that are words of their own ('päästö', not a derivation of 'päästää').
    for analysis in sorted(found, key=lambda a: (len(_parts(a)), -sum(s == b for s, b in _parts(a)))):
        parts, out, start = _parts(analysis), [], 0
        while start < len(parts):
            for end in range(len(parts), start, -1):
                # The run's last part in its base form, the ones before as written ('kasvihuone').
                prefix = "".join(surface for surface, _ in parts[start:end - 1])
                surface, base = parts[end - 1]
                pos = _POS.get(analysis.get("CLASS", ""), "") if end == len(parts) else "n"
                # A part before another may link to it in the genitive ('omistajan|vaihdos').
                linked = surface[:-1] if end < len(parts) and surface.endswith("n") else ""
                known = (glosses(prefix + surface, pos) or (linked and glosses(prefix + linked, pos))
                         or glosses(prefix + base, pos))
                if known:
                    out.append(known)
                    start = end
                    break
            else:
                start += 1
        if out:
            return out
    return []


def _participle_verb(analysis: dict[str, str]) -> tuple[str, ...]:
    """A participle's verb glosses ('tukeva' -> 'tukea' -> support), or () when it is none or
    the verb is unknown. The infinitive is the stem before '-va' with the vowel Voikko accepts
    ('parantava' -> 'parantaa', not the root 'parata'), else the first base Voikko names
    ('vakioitu' -> 'vakioida')."""
    if analysis.get("PARTICIPLE") not in _PARTICIPLES:
        return ()
    base = analysis.get("BASEFORM", "")
    stems = [base[:-2] + vowel for vowel in "aä"] if base[-2:] in ("va", "vä") else []
    stems += [b for _, b in _PART.findall(analysis.get("WORDBASES", ""))[:1] if b and not b.startswith("+")]
    for verb in stems:
        if any(a.get("CLASS") == "teonsana" and a.get("BASEFORM") == verb for a in inflect.analyses(verb)):
            english = glosses(verb, "v")
            if english:
                return english
    return ()


def _function_word(word: str) -> bool:
    return any(a.get("CLASS") in _FUNCTION_CLASSES for a in inflect.analyses(word))


def _content_words(text: str) -> list[str]:
    """The text's words without those that carry no skill: function words, and a verb that
    Voikko says takes another verb's infinitive when that infinitive follows ('voi tukea':
    can support, not 'butter'; 'pitää pystyä laskemaan'). 'pitää kirjaa' keeps its 'keep'."""
    words = _WORD.findall(text)
    out = []
    for n, word in enumerate(words):
        if _function_word(word):
            continue
        following = words[n + 1] if n + 1 < len(words) else ""
        if following and any(a.get("CLASS") == "teonsana" and a.get("MOOD") == needed
                             for needed in _required_infinitives(word) for a in inflect.analyses(following)):
            continue
        out.append(word)
    return out


def _required_infinitives(word: str) -> set[str]:
    return {a["REQUIRE_FOLLOWING_VERB"] for a in inflect.analyses(word)
            if a.get("CLASS") == "teonsana" and a.get("REQUIRE_FOLLOWING_VERB")}


def gloss_words(text: str) -> list[str]:
    """Every English gloss of a Finnish text's words, in order (for lexical overlap)."""
    return [gloss for word in _content_words(text) for sense in word_glosses(word) for gloss in sense]


def verb_glosses(text: str) -> list[str]:
    """The English glosses of a Finnish text's verbs, as Voikko reads them ('laskea kuljetusten
    päästöt' -> calculate, ...): what the text has someone do."""
    verbs = [w for w in _WORD.findall(text) if any(a.get("CLASS") == "teonsana" for a in inflect.analyses(w))]
    return [gloss for word in verbs for sense in word_glosses(word) for gloss in sense]


def gloss_text(text: str) -> str:
    """The Finnish text word by word in English, each word (or part) by its first gloss; a word
    the dictionary lacks stays as it is (names, acronyms: 'ISO', 'NIS2')."""
    out = []
    for word in _content_words(text):
        senses = word_glosses(word)
        out.extend(sense[0] for sense in senses) if senses else out.append(word)
    return " ".join(out)
