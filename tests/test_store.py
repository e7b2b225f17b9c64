"""CredentialStore: versions, review decisions with history, persistence, errors, threads;
on SQLite and on a real PostgreSQL (the `database_url` fixture runs each test on both)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from assistant.config import Settings
from assistant.errors import OppiError
from assistant.schemas import LearningOutcome, MicroCredential
from assistant.store import STATUSES, CredentialStore


def _credential(title: str = "Data-driven maintenance", outcomes: int = 3) -> MicroCredential:
    return MicroCredential(
        title=title,
        ects=5,
        level=6,
        outcomes=[
            LearningOutcome(text=f"Analyse sensor data set {n} to plan maintenance")
            for n in range(1, outcomes + 1)
        ],
    )


@pytest.fixture
def store(database_url: str) -> CredentialStore:
    store = CredentialStore(database_url)
    yield store
    store.close()


def test_sqlite_database_is_in_wal_mode(tmp_path: Path) -> None:
    store = CredentialStore(tmp_path / "oppi.sqlite")
    store.save(_credential())
    with sqlite3.connect(store.path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    store.close()


def test_database_url_setting_chooses_postgresql(tmp_path: Path, postgres_server) -> None:
    url = postgres_server.new_database()
    settings = Settings(_env_file=None, home=tmp_path / "home", database_url=url)
    store = CredentialStore.from_settings(settings)
    try:
        assert store.engine.dialect.name == "postgresql" and store.path is None
        credential_id, _ = store.save(_credential())
        assert CredentialStore(url).load(credential_id) == _credential()
    finally:
        store.close()


def test_from_settings_uses_the_database_under_oppi_home(settings: Settings) -> None:
    store = CredentialStore.from_settings(settings)
    try:
        assert store.path == settings.database_path
        assert store.path.is_relative_to(settings.home)
        assert store.path.exists()
    finally:
        store.close()


def test_each_save_is_a_new_numbered_version(store: CredentialStore) -> None:
    first = _credential()
    credential_id, version = store.save(first, note="first draft")
    second = first.model_copy(update={"title": "Predictive maintenance", "ects": 3})
    assert store.save(second, note="smaller", credential_id=credential_id) == (credential_id, 2)
    assert version == 1
    assert store.load(credential_id, version=1) == first
    assert store.load(credential_id, version=2) == second
    assert store.load(credential_id) == second
    assert [(v["version"], v["note"]) for v in store.versions(credential_id)] == [
        (1, "first draft"),
        (2, "smaller"),
    ]
    [summary] = store.list()
    assert (summary.id, summary.title, summary.versions) == (
        credential_id,
        "Predictive maintenance",
        2,
    )


def test_list_counts_outcomes_by_status(store: CredentialStore) -> None:
    credential_id, _ = store.save(_credential(outcomes=4))
    store.set_outcome_status(credential_id, 0, "accepted")
    store.set_outcome_status(credential_id, 1, "rejected")
    store.set_outcome_status(
        credential_id, 2, "edited", new_text="Plan maintenance from sensor data"
    )
    [summary] = store.list()
    assert summary.counts == {"suggested": 1, "accepted": 1, "edited": 1, "rejected": 1}
    assert set(summary.counts) == set(STATUSES)


def test_status_changes_update_the_working_copy_and_the_history(store: CredentialStore) -> None:
    original = _credential()
    credential_id, _ = store.save(original)
    store.set_outcome_status(credential_id, 0, "accepted")
    new_text = "Interpret vibration data to schedule maintenance of production lines"
    store.set_outcome_status(credential_id, 1, "edited", new_text=new_text)

    current = store.load(credential_id)
    assert [o.status for o in current.outcomes] == ["accepted", "edited", "suggested"]
    assert current.outcomes[1].text == new_text
    assert store.load(credential_id, version=1) == original  # a snapshot is never rewritten

    events = [e for e in store.history(credential_id) if e.outcome_index is not None]
    assert [(e.outcome_index, e.action, e.old, e.new) for e in events] == [
        (0, "status", "suggested", "accepted"),
        (1, "status", "suggested", "edited"),
        (1, "text", original.outcomes[1].text, new_text),
    ]
    assert [e.target for e in events] == ["outcome 1", "outcome 2", "outcome 2"]
    times = [e.timestamp for e in store.history(credential_id)]
    assert times == sorted(times)


def test_saving_records_what_changed(store: CredentialStore) -> None:
    before = _credential(outcomes=2)
    credential_id, _ = store.save(before)
    after = before.model_copy(deep=True)
    after.ects = 4
    after.outcomes[0].text = "Evaluate maintenance plans against sensor evidence"
    after.outcomes.pop()
    store.save(after, credential_id=credential_id)
    events = store.history(credential_id)
    assert events[0].action == "create"
    assert any(
        e.field == "ects" and e.target == "ects" and e.old == "5.0" and e.new == "4.0"
        for e in events
    )
    assert any(
        e.outcome_index == 0 and e.action == "text" and e.new == after.outcomes[0].text
        for e in events
    )
    assert any(e.outcome_index == 1 and e.action == "remove" for e in events)
    assert [e.new for e in events if e.action == "save"] == ["1", "2"]


@pytest.mark.parametrize(
    ("index", "status", "new_text", "message"),
    [
        (0, "edited", None, "new text"),
        (0, "edited", "   ", "new text"),
        (0, "approved", None, "Unknown outcome status"),
        (0, "accepted", "some text", "Only an 'edited' outcome"),
        (7, "accepted", None, "no outcome at index 7"),
    ],
)
def test_bad_review_decisions_are_refused(
    store: CredentialStore, index: int, status: str, new_text: str | None, message: str
) -> None:
    credential_id, _ = store.save(_credential())
    with pytest.raises(OppiError, match=message):
        store.set_outcome_status(credential_id, index, status, new_text=new_text)
    assert [e.action for e in store.history(credential_id)] == ["create", "save"]


def test_a_new_store_on_the_same_database_sees_everything(database_url: str) -> None:
    path = database_url
    first = CredentialStore(path)
    credential_id, _ = first.save(_credential())
    first.set_outcome_status(credential_id, 2, "rejected")
    first.save(first.load(credential_id), note="reviewed", credential_id=credential_id)
    history, summaries, current = (
        first.history(credential_id),
        first.list(),
        first.load(credential_id),
    )
    first.close()

    second = CredentialStore(path)
    try:
        assert second.list() == summaries
        assert second.history(credential_id) == history
        assert second.load(credential_id) == current
        assert second.load(credential_id, version=2).outcomes[2].status == "rejected"
    finally:
        second.close()


def test_unknown_ids_and_versions_raise_a_clear_error(store: CredentialStore) -> None:
    calls = [
        lambda: store.load("nope"),
        lambda: store.history("nope"),
        lambda: store.versions("nope"),
        lambda: store.delete("nope"),
        lambda: store.set_outcome_status("nope", 0, "accepted"),
        lambda: store.save(_credential(), credential_id="nope"),
    ]
    for call in calls:
        with pytest.raises(OppiError, match="'nope'"):
            call()
    credential_id, _ = store.save(_credential())
    with pytest.raises(OppiError, match="no version 5"):
        store.load(credential_id, version=5)
    assert len(store.list()) == 1  # the failed save created nothing


def test_delete_removes_the_credential_and_its_history(store: CredentialStore) -> None:
    kept, _ = store.save(_credential("Kept"))
    gone, _ = store.save(_credential("Gone"))
    store.set_outcome_status(gone, 0, "accepted")
    store.delete(gone)
    assert [s.id for s in store.list()] == [kept]
    with pytest.raises(OppiError):
        store.history(gone)
    with store.engine.connect() as other:
        for table in ("versions", "outcomes", "events"):
            rows = other.execute(text(f"SELECT COUNT(*) FROM {table} WHERE credential_id = :id"), {"id": gone})
            assert rows.scalar_one() == 0


def test_concurrent_writes_from_ten_threads_keep_everything(store: CredentialStore) -> None:
    shared_id, _ = store.save(_credential("Shared", outcomes=10))
    saves_per_thread = 5
    own_ids: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(10)

    def work(number: int) -> None:
        try:
            start.wait()
            own_id, _ = store.save(_credential(f"Thread {number}"))
            own_ids.append(own_id)
            for _ in range(saves_per_thread - 1):
                store.save(store.load(own_id), credential_id=own_id)
            store.set_outcome_status(shared_id, number, "accepted")
            store.save(_credential(f"Shared by {number}", outcomes=10), credential_id=shared_id)
        except Exception as error:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    summaries = {s.id: s for s in store.list()}
    assert len(summaries) == 11
    assert all(summaries[i].versions == saves_per_thread for i in own_ids)
    assert [v["version"] for v in store.versions(shared_id)] == list(range(1, 12))
    status_events = [e for e in store.history(shared_id) if e.action == "status"]
    assert sorted(e.outcome_index for e in status_events if e.new == "accepted") == list(range(10))
