"""The reply cache: keyed by the whole request, read-only misses fail, errors are never stored."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from assistant.evals.cache import CachedChatModel, CacheMiss, ReplyStore
from assistant.llm import FakeChatModel


class Pick(BaseModel):
    """A choice."""

    choice: str


def counting_model(reply="hello"):
    calls = []

    def responder(messages, tools):
        calls.append(messages)
        if reply == "boom":
            raise RuntimeError("model down")
        return {"choice": "a"} if tools else reply

    return FakeChatModel(replies=[], calls=[], responder=responder), calls


def test_same_request_is_answered_from_the_cache(tmp_path):
    inner, calls = counting_model()
    model = CachedChatModel(inner=inner, store=ReplyStore(tmp_path / "c.sqlite"))
    assert model.invoke("hi").content == model.invoke("hi").content == "hello"
    assert len(calls) == 1 and model.hits == 1
    model.invoke("another question")
    assert len(calls) == 2


def test_streaming_goes_through_the_cache(tmp_path):
    inner, calls = counting_model()
    model = CachedChatModel(inner=inner, store=ReplyStore(tmp_path / "c.sqlite"))
    model.invoke("hi")
    assert "".join(str(c.content) for c in model.stream("hi")) == "hello"
    assert len(calls) == 1


def test_tools_and_parameters_are_part_of_the_key(tmp_path):
    inner, calls = counting_model()
    model = CachedChatModel(inner=inner, store=ReplyStore(tmp_path / "c.sqlite"))
    model.invoke("hi")
    structured = model.with_structured_output(Pick, method="function_calling")
    assert structured.invoke("hi") == Pick(choice="a")
    assert structured.invoke("hi") == Pick(choice="a")
    assert len(calls) == 2
    model.invoke("hi", stop=["."])
    assert len(calls) == 3


def test_read_only_miss_fails_without_calling_the_model(tmp_path):
    inner, calls = counting_model()
    store = ReplyStore(tmp_path / "c.sqlite")
    CachedChatModel(inner=inner, store=store).invoke("known")
    read_only = CachedChatModel(inner=inner, store=store, mode="ro")
    assert read_only.invoke("known").content == "hello"
    with pytest.raises(CacheMiss):
        read_only.invoke("unknown")
    assert len(calls) == 1


def test_errors_are_never_cached(tmp_path):
    inner, calls = counting_model("boom")
    store = ReplyStore(tmp_path / "c.sqlite")
    model = CachedChatModel(inner=inner, store=store)
    for _ in range(2):
        with pytest.raises(RuntimeError):
            model.invoke("hi")
    assert len(calls) == 2 and len(store) == 0


def test_off_neither_reads_nor_writes(tmp_path):
    inner, calls = counting_model()
    store = ReplyStore(tmp_path / "c.sqlite")
    model = CachedChatModel(inner=inner, store=store, mode="off")
    model.invoke("hi")
    model.invoke("hi")
    assert len(calls) == 2 and len(store) == 0
