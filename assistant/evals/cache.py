"""A SQLite cache of model replies, keyed by the whole request, as a wrapper chat model.

A wrapper (not a langchain BaseCache) because `stream()` bypasses BaseCache; the wrapper
implements no `_stream`, so streaming falls back to `_generate` and every call is cached.
Only successful replies are stored: an exception from the model passes through untouched.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.load import dumps
from langchain_core.messages import AIMessage, message_to_dict, messages_from_dict
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict

CacheMode = Literal["rw", "ro", "off"]


class CacheMiss(Exception):
    """A read-only cache had no reply; the case is undetermined rather than calling the model."""


class ReplyStore:
    """sha256(request) -> serialised AIMessage, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS replies (key TEXT PRIMARY KEY, reply TEXT NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def get(self, key: str) -> str | None:
        with self._lock, self._connect() as db:
            row = db.execute("SELECT reply FROM replies WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, reply: str) -> None:
        with self._lock, self._connect() as db:
            db.execute("INSERT OR REPLACE INTO replies (key, reply) VALUES (?, ?)", (key, reply))

    def __len__(self) -> int:
        with self._lock, self._connect() as db:
            return db.execute("SELECT COUNT(*) FROM replies").fetchone()[0]


def request_key(model: BaseChatModel, messages: list, stop: list[str] | None, kwargs: dict) -> str:
    """The model with all its parameters and bound tools, plus the messages, hashed."""
    # _get_llm_string serialises the model's parameters together with the call's kwargs
    # (tools, tool_choice): the same string langchain's own cache keys on.
    described = model._get_llm_string(stop=stop, **kwargs)
    plain = [m.model_copy(update={"id": None}) if getattr(m, "id", None) else m for m in messages]
    return hashlib.sha256(f"{described}\n{dumps(plain)}".encode()).hexdigest()


class CachedChatModel(BaseChatModel):
    """Answers from the store when it can; otherwise asks `inner` (unless read-only) and stores."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    inner: BaseChatModel
    store: ReplyStore
    mode: CacheMode = "rw"
    hits: int = 0
    misses: int = 0

    @property
    def _llm_type(self) -> str:
        return f"cached-{self.inner._llm_type}"

    def bind_tools(self, tools, *, tool_choice=None, **kwargs):
        """Let the inner model normalise tools and tool_choice, then bind them to the wrapper."""
        bound = self.inner.bind_tools(tools, tool_choice=tool_choice, **kwargs)
        return self.bind(**bound.kwargs)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs: Any) -> ChatResult:
        key = request_key(self.inner, messages, stop, kwargs)
        if self.mode != "off":
            stored = self.store.get(key)
            if stored is not None:
                self.hits += 1
                return ChatResult(generations=[ChatGeneration(message=messages_from_dict([json.loads(stored)])[0])])
            if self.mode == "ro":
                raise CacheMiss("no cached reply for this request and the cache is read-only (--cache ro)")
        self.misses += 1
        reply = self.inner.invoke(messages, stop=stop, **kwargs)
        if self.mode != "off" and isinstance(reply, AIMessage):
            self.store.put(key, json.dumps(message_to_dict(reply.model_copy(update={"id": None}))))
        return ChatResult(generations=[ChatGeneration(message=reply)])
