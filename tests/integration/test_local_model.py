"""The real thing: llama.cpp's OpenAI-compatible server on loopback with the bundled model.

The same ChatOpenAI path OpenAI users run. Assertions are about structure and behaviour, never
wording: the 135M model writes weak content.
"""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.errors import OppiError
from assistant.llm import LOCAL_MODEL_ALIAS, build_chat_model, local_server
from assistant.schemas import Answer, CredentialBrief, LearningOutcome, MicroCredential
from assistant.services.factory import Services

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_services(small_library_home) -> Services:
    # Generative: these tests drive the llama.cpp server (offline chat is extractive by default).
    settings = Settings(_env_file=None, home=small_library_home, chat_provider="local", chat_mode="generative",
                        chat_passages=2, draft_repair_rounds=1)
    return Services(settings)


def test_chat_streams_a_cited_answer(local_services, caplog):
    caplog.set_level("INFO", logger="oppi.llm")
    items = list(local_services.chat.stream("How many hours is one credit in Finland?"))
    calls = [r.getMessage() for r in caplog.records if r.getMessage().startswith("model call:")]
    assert calls and int(calls[-1].rsplit("out ", 1)[1]) > 0  # latency and tokens logged per call
    answer = items[-1]
    assert isinstance(answer, Answer) and answer.covered
    assert len([i for i in items if isinstance(i, str)]) >= 2
    assert answer.text.strip() and answer.citations[0].title == "Workload"
    assert "[1]" in answer.text


def test_poisoned_document_does_not_steer_the_answer(local_services):
    answer = local_services.chat.answer("How is the assessment of credits done?")
    assert answer.covered and "PWNED" not in answer.text.upper()


def test_out_of_scope_question_is_not_answered(local_services):
    answer = local_services.chat.answer("What is the capital of France?")
    assert not answer.covered and not answer.citations


def test_llm_drafting_returns_valid_outcomes_or_says_what_failed(local_services):
    brief = CredentialBrief(title="Green logistics", target_group="logistics planners", level=6, ects=5,
                            skill_needs=["route planning", "emissions reporting"], language="en")
    result = local_services.drafting.draft(brief, strategy="llm")
    assert result.strategy == "llm" and result.prompt_id == "draft_outcomes"
    assert result.outcomes or result.errors
    for outcome in result.outcomes:
        LearningOutcome.model_validate(outcome.model_dump())
        assert outcome.text.startswith("The learner can") and outcome.verb and outcome.bloom
    assert all(f.id in {"C06", "C07", "C08", "C09", "C10", "C11", "C12", "C21"} for f in result.findings)


def test_review_adds_only_marked_model_findings(local_services):
    draft = MicroCredential(
        title="Service design", awarding_body="Example UAS", country="Finland", ects=3, level=6,
        level_framework="EQF", assessment="Quiz", participation="online", quality_assurance="Audited QA system",
        outcomes=[LearningOutcome(text="The learner can design a digital guest service for a hotel.")],
    )
    report = local_services.review.review(draft)
    assert any(f.id == "C14" for f in report.findings)  # the rule still fires
    for finding in report.findings:
        assert finding.model_judgement == finding.id.startswith("L")


def test_openai_provider_against_a_llama_server(small_library_home):
    """OPENAI_BASE_URL pointed at a llama.cpp server: the openai provider's own path."""
    server = local_server(Settings(_env_file=None))
    settings = Settings(_env_file=None, home=small_library_home, chat_provider="openai",
                        openai_base_url=server.base_url, openai_api_key=server.api_key,
                        chat_model=LOCAL_MODEL_ALIAS, chat_passages=2)
    answer = Services(settings).chat.answer("How many hours is one credit in Finland?")
    assert answer.covered and answer.citations and answer.text.strip()


def test_local_server_refuses_requests_without_its_key():
    """A web page the planner opens could reach a loopback port; it cannot know the key."""
    import urllib.error
    import urllib.request

    server = local_server(Settings(_env_file=None))
    assert server.api_key and server.healthy()
    for headers in ({}, {"Authorization": "Bearer guessed"}):
        request = urllib.request.Request(f"{server.base_url}/models", headers=headers)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code == 401


def test_unreachable_server_is_one_clear_error(small_library_home):
    settings = Settings(_env_file=None, home=small_library_home, chat_provider="openai",
                        openai_base_url="http://127.0.0.1:9/v1", openai_api_key="k", max_retries=0,
                        request_timeout_s=5)
    services = Services(settings, build_chat_model(settings))
    with pytest.raises(OppiError, match="unreachable"):
        services.chat.answer("How many hours is one credit in Finland?")
    assert services.checker.check(MicroCredential(title="x")).findings  # the rules keep working


def test_local_server_dies_with_its_parent(tmp_path):
    """An Oppi killed with SIGKILL runs no atexit; the kernel must stop its model server."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = (
        "from assistant.config import Settings\n"
        "from assistant.llm import local_server\n"
        f"server = local_server(Settings(_env_file=None, home={str(tmp_path)!r}))\n"
        "print(server.process.pid, flush=True)\n"
        "import time; time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(child, signal.SIGKILL)
    pytest.fail("the model server outlived its parent")
