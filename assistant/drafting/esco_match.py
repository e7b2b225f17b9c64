"""Skill needs and outcomes matched to ESCO skills: the embedding model, BM25 over each skill's
labels and description, and lexical overlap with the preferred label, in both languages.

A need and a label are two short phrases of one kind, so the match is symmetric: each preferred
label is embedded as e5 embeds a query (e5's advice for symmetric tasks), and so is the need.
The registry's labels are English; a Finnish need is also read word by word into English with a
real dictionary (FreeDict, `assistant.nlp.fin_eng`), and the English reading is embedded and
overlapped with the label beside the Finnish text (the better of the two counts). A best score
under MIN_SCORE gives no suggestion: none is better than a wrong one.

The embedding of a short label misses a need's domain words ('take vital signs' came out as
'put up signs'); BM25 over the alternative labels and the description finds them ('monitor
basic patient signs'). Candidates are the best of both; the BM25 score, scaled to the query's
best, is added with KEYWORD_WEIGHT. A label's verb is a shared word only with what the need
has someone do ('assess contamination' and 'analyse their current assessment tasks' share none).

A title is matched whole and without its setting ('for municipal IT teams'), the mean of the
two scores; and the best 30 of any text are reranked by how well each skill's description fits
the whole brief (`context_of`), which tells 'transfer logs' (forestry) from 'maintain system logs'.

The labels are embedded once per model and registry and cached under OPPI_HOME/esco/; the
first computation is timed and its seconds kept beside the vectors (`build_seconds`). The
descriptions are embedded when a rerank first needs them and kept for the matcher's life.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant import nlp
from assistant.config import Settings
from assistant.drafting.coverage import content_words, same_word
from assistant.esco.registry import EscoSkill, fingerprint, load_registry
from assistant.index.bm25 import KeywordIndex
from assistant.index.embeddings import E5_MODEL_NAME, build_embeddings, embedding_model_name
from assistant.nlp import english
from assistant.nlp.fin_eng import gloss_text, gloss_words, verb_glosses
from assistant.schemas import CredentialBrief, DraftResult, EscoSuggestion

LEXICAL_WEIGHT = 0.1  # a shared word with the label backs the embedding up, never outweighs it
# Under it no suggestion (read off the dev briefs' scores). Cosine scores are the model's own
# scale (e5 crowds them near 0.8-1.0; OpenAI's or MiniLM's sit far lower), so the floor holds
# for the model it was read on only; other models get none rather than never a suggestion.
MIN_SCORE = 0.88
MIN_SCORE_MODEL = E5_MODEL_NAME
CANDIDATES = 50  # the embedding's best and BM25's best, reranked together
KEYWORD_WEIGHT = 0.1  # read off the dev briefs (0.05-0.15 tried); see docs/realistic-briefs-esco.md
# A skill's description read against the whole brief: the share of the score that says whether
# the skill belongs to the brief's domain ('transfer logs' is forestry's, 'assess animal's
# condition' a vet's). Read off the dev briefs (0.01-0.03 tried); see docs/realistic-briefs-esco.md.
CONTEXT_WEIGHT = 0.02
CONTEXT_POOL = 30  # the best this many of a text are reranked in the brief's context
BUILD_BATCH = 256  # labels embedded between two progress reports (about 3 s on 2 cores)
LABEL_MODE = "preferred-symmetric"  # what the cached vectors are: in the cache file's name
_lock = threading.Lock()


def _saves_descriptions(method):
    """A public matching method: what it embeds is written to disk once, when it returns."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._saving():
            return method(self, *args, **kwargs)
    return wrapper


class EscoMatcher:
    """Top ESCO skills for a text, by cosine similarity plus lexical overlap."""

    def __init__(self, embeddings: Embeddings, cache_dir: Path, skills: tuple[EscoSkill, ...] | None = None,
                 min_score: float | None = None) -> None:
        self.embeddings = embeddings
        if min_score is None:
            min_score = MIN_SCORE if embedding_model_name(embeddings) == MIN_SCORE_MODEL else 0.0
        self.min_score = min_score
        self.cache_dir = cache_dir
        self.skills = load_registry() if skills is None else skills
        self.build_seconds: float | None = None
        self._vectors: np.ndarray | None = None
        self._keywords: KeywordIndex | None = None
        self._descriptions: dict[int, np.ndarray] | None = None  # read from disk on first need
        self._unsaved = False  # descriptions embedded since the file was last written
        self._calls = threading.local()  # how deep in the public methods this thread is

    @classmethod
    def from_settings(cls, settings: Settings, embeddings: Embeddings | None = None) -> EscoMatcher:
        return cls(embeddings or build_embeddings(settings), settings.home / "esco")

    # --- label vectors, computed once -------------------------------------------------------
    def _cache_file(self) -> Path:
        model = re.sub(r"[^\w.-]+", "_", embedding_model_name(self.embeddings))
        return self.cache_dir / f"{model}-{LABEL_MODE}-{self._fingerprint()}.npy"

    def _fingerprint(self) -> str:
        if self.skills is load_registry():
            return fingerprint()
        joined = "\n".join(f"{s.uri} {s.labels}" for s in self.skills)
        return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]

    def _cached(self) -> Path | None:
        """The cached vectors' file, when it and its metadata are both on disk."""
        path = self._cache_file()
        return path if path.exists() and path.with_suffix(".json").exists() else None

    def is_ready(self) -> bool:
        """Whether the label vectors are in memory or cached on disk (no minutes-long build)."""
        return self._vectors is not None or self._cached() is not None

    def vectors(self, progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """The label vectors; a first build reports (labels done, labels in all) to `progress`."""
        with _lock:
            if self._vectors is None:
                self._vectors = self._load_or_build(progress)
            return self._vectors

    def _load_or_build(self, progress: Callable[[int, int], None] | None) -> np.ndarray:
        cached = self._cached()
        if cached is not None:
            self.build_seconds = json.loads(cached.with_suffix(".json").read_text(encoding="utf-8")).get("build_seconds")
            return np.load(cached)
        started = time.perf_counter()
        texts = [s.label or s.description for s in self.skills]
        # Embedded shortest first, so a batch pads to its own length, then put back in order.
        order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
        # As queries where the model tells the two apart (e5), else as documents.
        embed = getattr(self.embeddings, "embed_queries", self.embeddings.embed_documents)
        batches = []
        for start in range(0, len(order), BUILD_BATCH):
            batches.append(np.asarray(embed([texts[i] for i in order[start:start + BUILD_BATCH]]), dtype=np.float32))
            if progress:
                progress(min(start + BUILD_BATCH, len(order)), len(order))
        embedded = np.concatenate(batches) if batches else np.zeros((0, 0), dtype=np.float32)
        vectors = np.empty_like(embedded)
        vectors[order] = embedded
        vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
        self.build_seconds = round(time.perf_counter() - started, 1)
        path = self._cache_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
        path.with_suffix(".json").write_text(json.dumps({"skills": len(texts), "build_seconds": self.build_seconds,
                                    "model": embedding_model_name(self.embeddings)}), encoding="utf-8")
        return vectors

    def keywords(self) -> KeywordIndex:
        """BM25 over every skill's labels and description (English; about 1.5 s, once)."""
        with _lock:
            if self._keywords is None:
                self._keywords = KeywordIndex([f"{s.labels} {s.description}" for s in self.skills],
                                              ["en"] * len(self.skills))
            return self._keywords

    # --- matching -----------------------------------------------------------------------------
    @_saves_descriptions
    def suggest(self, text: str, language: str = "en", k: int = 3,
                context: np.ndarray | None = None) -> list[EscoSuggestion]:
        """The k ESCO skills closest to a text, best first (ties by URI: deterministic); none
        scoring under the floor (MIN_SCORE for e5). With a brief's context (`context_of`), the
        best are reranked by how well each skill's description fits the whole brief."""
        candidates, score = self._scorer(text, language, k)
        return self._best({i: score(i) for i in candidates}, k, context)

    def context_of(self, brief: CredentialBrief) -> np.ndarray | None:
        """The whole brief (title, target group, skill needs) embedded as a query, and for a
        Finnish brief also its English reading: what a skill's description is read against.
        None for a brief with no text."""
        text = ". ".join(filter(None, (s.strip() for s in (brief.title, brief.target_group, *brief.skill_needs))))
        if not text:
            return None
        return np.stack([_unit(self.embeddings.embed_query(r)) for r in _readings(text, brief.language)])

    @_saves_descriptions
    def suggest_for_title(self, title: str, language: str = "en", k: int = 3,
                          context: np.ndarray | None = None) -> list[EscoSuggestion]:
        """The k skills closest to a title, scored as the mean of the whole title's score and
        that of its focus, the title without its setting (nlp.title_focus): a skill must fit
        what the credential teaches, not only where or to whom ('Tietoturvapoikkeamien hallinta
        pk-yrityksissä' gave 'manage a small-to-medium business'; 'Developing battery storage
        projects for industrial sites' gave 'develop site remediation strategies')."""
        focus = nlp.title_focus(title, language)
        if focus == title:
            return self.suggest(title, language, k, context)
        (whole, score_whole), (core, score_core) = self._scorer(title, language, k), self._scorer(focus, language, k)
        return self._best({i: (score_whole(i) + score_core(i)) / 2 for i in dict.fromkeys([*whole, *core])}, k, context)

    def _scorer(self, text: str, language: str, k: int) -> tuple[list[int], Callable[[int], float]]:
        """A text's candidate skills (the embedding's best and BM25's best) and the score of any
        skill against it: cosine, plus the scaled BM25 score and the shared words, weighted."""
        readings = _readings(text, language)
        queries = [_unit(self.embeddings.embed_query(r)) for r in readings]
        sims = np.max(np.stack([self.vectors() @ q for q in queries]), axis=0)
        keyword = self.keywords().scores(readings[-1])  # the English reading: the labels are English
        keyword = keyword / keyword.max() if keyword.max() > 0 else keyword
        width = max(CANDIDATES, k)
        candidates = list(dict.fromkeys([*np.argsort(-sims, kind="stable")[:width],
                                         *np.argsort(-keyword, kind="stable")[:width]]))
        if language == "en":
            words = content_words(text, "en")
            length = len(words)
            actions = english.action_words(text)
        else:  # every gloss may meet the label; the need's length is that of its first glosses
            words = content_words(" ".join(gloss_words(text)), "en")
            length = len(content_words(readings[-1], "en"))
            # A Finnish text's verbs by Voikko; a nominal one (a title) has its action in a noun.
            actions = content_words(" ".join(verb_glosses(text)), "en") or words

        def score(i: int) -> float:
            return (float(sims[i]) + KEYWORD_WEIGHT * float(keyword[i])
                    + LEXICAL_WEIGHT * _overlap(words, self.skills[i], length, actions))

        return candidates, score

    def _best(self, scores: dict[int, float], k: int, context: np.ndarray | None = None) -> list[EscoSuggestion]:
        """The k best over the floor; in a context, the best CONTEXT_POOL reranked, each moved by
        its description's fit to the brief, as a z-score among them (e5's cosines crowd so close
        together that a raw one would move nothing: stop 22 tried). Three at least: of two, the
        z-scores are always -1 and 1, however alike the fits. The floor holds before the move
        and after it."""
        ranked = self._ranked({i: s for i, s in scores.items() if s >= self.min_score})
        if context is not None and len(ranked) >= 3:
            pool = ranked[:max(CONTEXT_POOL, k)]
            vectors = self._description_vectors([i for i, _ in pool])
            fit = np.max(vectors @ context.T, axis=1)
            z = (fit - fit.mean()) / max(float(fit.std()), 1e-9)
            ranked = self._ranked({i: score + CONTEXT_WEIGHT * float(z[n]) for n, (i, score) in enumerate(pool)})
        return [EscoSuggestion(uri=self.skills[i].uri, label=self.skills[i].label, score=round(score, 4))
                for i, score in ranked if score >= self.min_score][:k]

    def _ranked(self, scores: dict[int, float]) -> list[tuple[int, float]]:
        return sorted(scores.items(), key=lambda pair: (-round(pair[1], 6), self.skills[pair[0]].uri))

    def _description_vectors(self, indices: list[int]) -> np.ndarray:
        """Each skill's label and description embedded as a passage, on first need (about 30 ms
        a skill; all 13,939 up front would take six minutes), and kept on disk beside the label
        vectors, so a description is embedded once per model and registry."""
        with _lock:
            if self._descriptions is None:
                self._descriptions = self._load_descriptions()
            missing = [i for i in indices if i not in self._descriptions]
            if missing:
                texts = [f"{self.skills[i].label}: {self.skills[i].description}" for i in missing]
                for i, vector in zip(missing, self.embeddings.embed_documents(texts), strict=True):
                    self._descriptions[i] = _unit(vector)
                self._unsaved = True  # written once the outermost call ends (`_saving`)
            return np.stack([self._descriptions[i] for i in indices])

    @contextmanager
    def _saving(self) -> Iterator[None]:
        """Descriptions embedded during a public call are written once, when the outermost call
        ends: a draft's title, needs and outcomes each rerank, and the file grows with use."""
        depth = getattr(self._calls, "depth", 0)
        self._calls.depth = depth + 1
        try:
            yield
        finally:
            self._calls.depth = depth
            if depth == 0:
                with _lock:
                    if self._unsaved:
                        self._save_descriptions()
                        self._unsaved = False

    def _descriptions_file(self) -> Path:
        return self._cache_file().with_name(self._cache_file().stem + "-descriptions.npz")

    def _load_descriptions(self) -> dict[int, np.ndarray]:
        path = self._descriptions_file()
        if not path.exists():
            return {}
        try:
            with np.load(path) as saved:
                return dict(zip(saved["index"].tolist(), saved["vectors"], strict=True))
        except (OSError, ValueError, KeyError):
            return {}  # a torn or foreign file: embed again rather than fail a draft

    def _save_descriptions(self) -> None:
        path = self._descriptions_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        index = np.array(sorted(self._descriptions), dtype=np.int64)
        partial = path.with_suffix(".partial.npz")
        np.savez(partial, index=index, vectors=np.stack([self._descriptions[i] for i in index.tolist()]))
        partial.replace(path)  # whole or not at all

    @_saves_descriptions
    def suggest_for_needs(self, needs: list[str], language: str, k: int = 3,
                          context: np.ndarray | None = None) -> list[list[EscoSuggestion]]:
        return [self.suggest(need, language, k, context) for need in needs]

    @_saves_descriptions
    def annotate(self, result: DraftResult, k: int = 3) -> DraftResult:
        """The draft with its top k ESCO skills, and each outcome's own top k, in the brief's context."""
        context = self.context_of(result.brief)
        outcomes = [o.model_copy(update={"esco": self.suggest(" ".join(filter(None, (o.verb, o.object))) or o.text,
                                                              result.brief.language, k, context)})
                    for o in result.outcomes]
        return result.model_copy(update={"outcomes": outcomes, "esco": self.suggest_for_draft(result, k, context)})

    @_saves_descriptions
    def suggest_for_draft(self, result: DraftResult, k: int = 3, context: np.ndarray | None = None) -> list[EscoSuggestion]:
        """The brief's top k: the title's best match first (the title names what the whole
        credential is for: 'Dangerous goods documentation for road freight' -> 'manage
        documentation for dangerous goods'), then the title's second and each skill need's best
        (one among the matches of several needs first, then the strongest), so the k
        suggestions speak of different needs, then the others by score. The title's second
        competes with the needs' bests: in 'Incident response for municipal IT teams' it is
        'handle cybersecurity incidents', and every need's best ('transfer logs' for 'analyse
        logs') speaks of a part only."""
        language = result.brief.language
        if context is None:
            context = self.context_of(result.brief)
        title = self.suggest_for_title(result.brief.title, language, k, context) if result.brief.title.strip() else []
        per_need = self.suggest_for_needs(result.skills, language, k, context)
        # A skill among the matches of several needs speaks for more of the credential; one
        # need's match is no more than another's, or than the title's second.
        shared = Counter(x.uri for s in per_need for x in s)
        firsts = title[:1] + sorted(title[1:2] + [s[0] for s in per_need if s],
                                    key=lambda s: (shared[s.uri] < 2, -s.score, s.uri))
        rest = sorted(title[2:] + [x for s in per_need for x in s[1:]], key=lambda s: (-s.score, s.uri))
        out: list[EscoSuggestion] = []
        for suggestion in firsts + rest:
            if suggestion.uri not in {o.uri for o in out}:
                out.append(suggestion)
        return out[:k]


def _readings(text: str, language: str) -> list[str]:
    """The text, and for Finnish also its English reading (the registry's labels are English)."""
    if language != "fi":
        return [text]
    english = gloss_text(text)
    return [text, english] if english and english != text else [text]


def _unit(vector: list[float]) -> np.ndarray:
    array = np.asarray(vector, dtype=np.float32)
    return array / max(float(np.linalg.norm(array)), 1e-12)


def _overlap(words: list[str], skill: EscoSkill, need_length: int, actions: list[str] | None = None) -> float:
    """Shared words as a Dice share of the label's and the need's: a one-word label that meets
    one word of a long need ('medicines') counts less than a label the need mostly says.
    A label's verb is shared only with what the need has someone do (`actions`, when given):
    'assess contamination' shares nothing with 'analyse their current assessment tasks', where
    'assessment' names the tasks, not the action."""
    label = content_words(skill.label, "en")
    if not label or not words:
        return 0.0
    shared = sum(1 for w in label if any(same_word(w, q) for q in words))
    first = label[0]
    if (actions is not None and any(same_word(first, q) for q in words)
            and not any(same_word(first, q) for q in actions) and english.leading_verb(skill.label) == first):
        shared -= 1  # parsed only here, where it counts: a few labels a text, not every candidate
    return 2 * shared / (len(label) + max(need_length, 1))
