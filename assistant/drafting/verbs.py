"""Which lexicon verbs fit a skill phrase: embedding similarity to each verb's example objects."""

from __future__ import annotations

import threading
from collections import Counter
from functools import cache

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.index.embeddings import embedding_model_name
from assistant.nlp import inflect
from assistant.rules.lexicon import Verb, load_lexicon
from assistant.schemas import Bloom

SINGLE_LEVEL_BONUS = 0.06  # a verb at one level says what is assessed; a range is less clear

_EN_PREPOSITIONS = {"on", "to", "for", "from", "between", "about", "with", "in", "into", "at"}
_cache: dict[tuple[str, str], tuple[list[str], np.ndarray]] = {}
_lock = threading.Lock()


@cache  # the lexicon is fixed for the process; the composer asks for this in its inner loops
def composable_verbs(language: str) -> dict[str, Verb]:
    """Lexicon verbs the composer may use: observable, one spelling each, and in Finnish only
    verbs whose object is a plain partitive or accusative (the cases it can form)."""
    lexicon = load_lexicon()
    verbs = lexicon.verbs.get(language, {})
    vague = set(lexicon.vague(language))
    out = {}
    for name, verb in verbs.items():
        if name in vague:
            continue
        # British spelling only: 'analyse', not also 'analyze', so a draft does not repeat itself.
        if language == "en" and "z" in name and name.replace("z", "s") in verbs:
            continue
        if language == "fi" and government(name) is None:
            continue
        # 'reflect on', 'decide between': the composer writes a direct object only.
        if language == "en" and sum(e.split()[0] in _EN_PREPOSITIONS for e in verb.examples) >= 2:
            continue
        out[name] = verb
    return out


@cache
def government(verb: str) -> str | None:
    """The case a Finnish lexicon verb takes its object in, read from its example objects:
    'osanto' (partitive), 'akkusatiivi', or None (another case: 'neuvotella sopimuksista')."""
    entry = load_lexicon().verb("fi", verb)
    if entry is None:
        return None
    votes: Counter[str] = Counter()
    for example in entry.examples:
        words = example.split()
        for index, word in enumerate(words):
            cases = inflect.case_of(word)
            if not cases or (cases == {"omanto"} and index < len(words) - 1):
                continue  # a genitive attribute, not the head
            if "osanto" in cases:
                votes["osanto"] += 1
            elif cases & {"nimento", "omanto"}:
                votes["akkusatiivi"] += 1
            else:
                votes["other"] += 1
            break
        else:
            votes["other"] += 1
    if votes["osanto"] >= 2 or (votes["osanto"] and not votes["akkusatiivi"] and votes["other"] < 2):
        return "osanto"
    if votes["akkusatiivi"] >= 2 and not votes["osanto"]:
        return "akkusatiivi"
    if votes["osanto"] and votes["akkusatiivi"]:
        return "osanto"  # partitive is grammatical with either reading
    return None


def _examples(embeddings: Embeddings, language: str) -> tuple[list[str], np.ndarray]:
    """(verb of each example, example vectors) for a language, embedded once per process."""
    key = (embedding_model_name(embeddings), language)
    with _lock:
        if key not in _cache:
            owners, texts = [], []
            for name, verb in sorted(composable_verbs(language).items()):
                for example in verb.examples:
                    owners.append(name)
                    texts.append(example)
            vectors = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
            vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
            _cache[key] = (owners, vectors)
        return _cache[key]


_phrase_cache: dict[tuple[str, str], np.ndarray] = {}
PHRASE_CACHE_SIZE = 4096  # skill phrases of the briefs a process drafts; redrafts embed nothing


def embed(embeddings: Embeddings, texts: list[str]) -> np.ndarray:
    """Unit vectors for texts, each text embedded once per model and process."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    model = embedding_model_name(embeddings)
    with _lock:
        known = {t: _phrase_cache[(model, t)] for t in texts if (model, t) in _phrase_cache}
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    if missing:
        fresh = np.asarray(embeddings.embed_documents(missing), dtype=np.float32)
        fresh /= np.clip(np.linalg.norm(fresh, axis=1, keepdims=True), 1e-12, None)
        known.update(zip(missing, fresh))
        with _lock:
            if len(_phrase_cache) + len(missing) > PHRASE_CACHE_SIZE:
                _phrase_cache.clear()
            _phrase_cache.update({(model, t): known[t] for t in missing})
    return np.stack([known[t] for t in texts])


def verb_scores(embeddings: Embeddings, vector: np.ndarray, language: str) -> dict[str, float]:
    """Each composable verb's fit to a phrase vector: its best example's cosine similarity,
    plus a small bonus for verbs at a single Bloom level."""
    owners, vectors = _examples(embeddings, language)
    sims = vectors @ vector
    verbs = composable_verbs(language)
    best: dict[str, float] = {}
    for owner, sim in zip(owners, sims.tolist()):
        best[owner] = max(best.get(owner, -1.0), sim)
    return {
        name: score + (SINGLE_LEVEL_BONUS if len(verbs[name].bloom) == 1 else 0.0)
        for name, score in best.items()
    }


def ranked_at(scores: dict[str, float], language: str, level: Bloom) -> list[str]:
    """Verbs whose level or range includes `level`, best first (ties by name)."""
    verbs = composable_verbs(language)
    return sorted(
        (name for name in scores if level in verbs[name].bloom),
        key=lambda name: (-round(scores[name], 6), name),
    )
