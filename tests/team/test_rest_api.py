"""The shared workspace over its REST API (gradio_client and plain HTTP): sign-in required,
the failed-login delay and limit, the upload limit, and file paths the server never received."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from gradio_client import Client
from team_support import PASSWORD

pytestmark = pytest.mark.slow

FILE_COMPONENTS = {"File", "Files", "UploadButton", "Image", "Audio", "Video", "Gallery", "Model3D"}


def file_endpoints(client: Client) -> dict[str, list[dict]]:
    """Every named endpoint that takes a file, with its parameters; and no other event of the
    app (one hidden from the API page is still callable by number) takes a file."""
    api = client.view_api(return_format="dict", print_info=False)
    endpoints = {
        name: endpoint["parameters"]
        for name, endpoint in api["named_endpoints"].items()
        if any(_takes_file(p) for p in endpoint["parameters"])
    }
    assert _file_events(client.config) == set(endpoints), "an event takes files that the API does not list"
    return endpoints


def _file_events(config: dict) -> set[str]:
    """The events in the app's configuration (all of them, named or not) with a file input."""
    kinds = {name.lower() for name in FILE_COMPONENTS}
    types = {component["id"]: component["type"] for component in config["components"]}
    return {
        f"/{event['api_name']}" if event.get("api_name") else f"event {event['id']}"
        for event in config["dependencies"]
        if any(types.get(i) in kinds for i in event["inputs"])
    }


def _takes_file(parameter: dict) -> bool:
    return parameter.get("component") in FILE_COMPONENTS or "filepath" in json.dumps(parameter.get("python_type"))


def call(url: str, client: Client, api_name: str, data: list) -> tuple[str, str]:
    """One call of `api_name` over Gradio's REST API: (last event, its data)."""
    name = api_name.lstrip("/")
    started = httpx.post(f"{url}/gradio_api/call/{name}", json={"data": data}, cookies=client.cookies, timeout=30)
    started.raise_for_status()
    event_id = started.json()["event_id"]
    stream = httpx.get(f"{url}/gradio_api/call/{name}/{event_id}", cookies=client.cookies, timeout=60).text
    events = [line.removeprefix("event: ") for line in stream.splitlines() if line.startswith("event: ")]
    payloads = [line.removeprefix("data: ") for line in stream.splitlines() if line.startswith("data: ")]
    return events[-1], payloads[-1] if payloads else ""


def _arguments(parameters: list[dict], file_value) -> list:
    values = []
    for parameter in parameters:
        if _takes_file(parameter):
            many = "list" in json.dumps(parameter.get("python_type"))
            values.append([file_value] if many else file_value)
        else:
            values.append(parameter.get("parameter_default"))
    return values


def test_nothing_answers_without_signing_in(team) -> None:
    url, _ = team
    assert httpx.get(f"{url}/gradio_api/info", timeout=10).status_code == 401
    assert httpx.post(f"{url}/gradio_api/call/listing", json={"data": []}, timeout=10).status_code == 401
    with pytest.raises(Exception, match="(?i)login|credentials|401"):
        Client(url, auth=("pia", "not the password"), verbose=False)
    client = Client(url, auth=("pia", PASSWORD), verbose=False)
    assert "Signed in as:** pia (planner" in client.predict(api_name="/about_for")


def test_the_eleventh_wrong_password_in_a_minute_is_refused_even_when_right(team) -> None:
    url, services = team
    durations = []
    for attempt in range(10):
        started = time.perf_counter()
        response = httpx.post(f"{url}/login", data={"username": "rea", "password": f"guess {attempt}"}, timeout=30)
        durations.append(time.perf_counter() - started)
        assert response.status_code == 400
    assert min(durations) >= services.settings.login_failure_delay_s
    refused = httpx.post(f"{url}/login", data={"username": "rea", "password": PASSWORD}, timeout=30)
    assert refused.status_code == 400
    assert httpx.post(f"{url}/login", data={"username": "pia", "password": PASSWORD}, timeout=30).status_code == 200


def test_every_file_endpoint_refuses_a_path_it_never_received(team, tmp_path) -> None:
    url, services = team
    secret = tmp_path / "outside" / "secret-memo.md"
    secret.parent.mkdir()
    secret.write_text("---\ntitle: Secret memo\nkind: quality\n---\n## Salaries\n\nSECRET-7741 of the dean.\n",
                      encoding="utf-8")
    client = Client(url, auth=("ada", PASSWORD), verbose=False)
    endpoints = file_endpoints(client)
    assert {"/check", "/index_uploads"} <= set(endpoints), endpoints
    for api_name, parameters in endpoints.items():
        event, payload = call(url, client, api_name, _arguments(parameters, {"path": str(secret), "meta": {"_type": "gradio.FileData"}}))
        assert event == "error", (api_name, event, payload)
        assert "SECRET-7741" not in payload and "Salaries" not in payload
    assert "Secret memo" not in {d.title for d in services.library.documents()}

    # The same call with the same file, uploaded first, goes through: the refusal was the path's.
    with secret.open("rb") as handle:
        uploaded = httpx.post(f"{url}/gradio_api/upload", files=[("files", (secret.name, handle))],
                              cookies=client.cookies, timeout=30).json()[0]
    event, payload = call(url, client, "/check", _arguments(endpoints["/check"], {"path": uploaded, "meta": {"_type": "gradio.FileData"}}))
    assert event == "complete", payload


def test_uploads_above_the_indexing_limit_are_refused(team, tmp_path) -> None:
    url, services = team
    client = Client(url, auth=("pia", PASSWORD), verbose=False)
    limit = int(services.settings.max_file_mb * 1024 * 1024)
    assert client.config["max_file_size"] == limit
    small, large = tmp_path / "small.md", tmp_path / "large.md"
    small.write_text("# Small\n\nA short note.\n", encoding="utf-8")
    large.write_text("# Large\n\n" + "word " * (limit // 5 + 100), encoding="utf-8")
    upload_url = f"{url}/gradio_api/upload"
    for path, expected in ((small, 200), (large, 413)):
        with path.open("rb") as handle:
            response = httpx.post(upload_url, files=[("files", (path.name, handle))], cookies=client.cookies, timeout=30)
        assert response.status_code == expected, (path.name, response.text[:200])
    # Each file-taking endpoint, through the client as a user would: the large file never arrives.
    from gradio_client import handle_file

    for api_name, parameters in file_endpoints(client).items():
        with pytest.raises(ValueError, match="exceeds the maximum file size"):
            client.predict(*_arguments(parameters, handle_file(str(large))), api_name=api_name)
