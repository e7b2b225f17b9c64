"""The review workflow on SQLite and PostgreSQL: owners, states, comments, approval, who saw
what, and saves that name an older revision being refused."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from assistant.errors import OppiError
from assistant.schemas import LearningOutcome, MicroCredential
from assistant.store import CredentialStore
from assistant.workflow import User

PLANNER = User("pia", "planner")
OTHER_PLANNER = User("otto", "planner")
REVIEWER = User("rea", "reviewer")
ADMIN = User("ada", "admin")


def _credential(title: str = "Circular economy in construction") -> MicroCredential:
    return MicroCredential(
        title=title, ects=3, level=6,
        outcomes=[LearningOutcome(text=f"Assess material flows of building site {n} for reuse") for n in (1, 2, 3)],
    )


@pytest.fixture
def store(database_url: str) -> CredentialStore:
    store = CredentialStore(database_url)
    yield store
    store.close()


def test_planner_drafts_reviewer_returns_then_approves(store: CredentialStore) -> None:
    credential_id, _ = store.save(_credential(), by=PLANNER)
    record = store.record(credential_id)
    assert (record.owner, record.state, record.revision) == ("pia", "draft", 1)

    store.review(credential_id, "submit", by=PLANNER, expected_revision=1)
    store.comment(credential_id, "Name the reuse criteria the learner applies.", by=REVIEWER, outcome_index=1)
    returned = store.review(credential_id, "return", by=REVIEWER, comment="Outcome 2 is vague.")
    assert returned.state == "draft" and returned.approved_by is None

    fixed = _credential()
    fixed.outcomes[1].text = "Assess reusable materials of a building site against the city's reuse criteria"
    store.save(fixed, credential_id=credential_id, by=PLANNER, expected_revision=returned.revision)
    store.review(credential_id, "submit", by=PLANNER)
    approved = store.review(credential_id, "approve", by=REVIEWER)
    assert (approved.state, approved.approved_by) == ("approved", "rea")
    assert approved.approval is not None and approved.approval.approved_at == approved.approved_at

    history = store.history(credential_id)
    assert all(e.actor in ("pia", "rea") for e in history)
    states = [(e.actor, e.old, e.new) for e in history if e.field == "state"]
    assert states == [("pia", "draft", "in_review"), ("rea", "in_review", "draft"),
                      ("pia", "draft", "in_review"), ("rea", "in_review", "approved")]
    comments = store.comments(credential_id)
    assert [(c.actor, c.target, c.new) for c in comments] == [
        ("rea", "outcome 2", "Name the reuse criteria the learner applies."),
        ("rea", "credential", "Outcome 2 is vague."),
    ]
    assert [v["author"] for v in store.versions(credential_id)] == ["pia", "pia"]


@pytest.mark.parametrize(
    ("who", "action", "state_before", "message"),
    [
        (PLANNER, "approve", "in_review", "Only a reviewer or an admin"),
        (REVIEWER, "approve", "draft", "Only a credential in review"),
        (OTHER_PLANNER, "submit", "draft", "may not change|belongs to pia"),
        (REVIEWER, "submit", "draft", "Only its owner pia"),
        (REVIEWER, "frobnicate", "draft", "Unknown review action"),
    ],
)
def test_review_moves_that_are_not_allowed_are_refused(
    store: CredentialStore, who: User, action: str, state_before: str, message: str
) -> None:
    credential_id, _ = store.save(_credential(), by=PLANNER)
    if state_before == "in_review":
        store.review(credential_id, "submit", by=PLANNER)
    before = store.record(credential_id)
    with pytest.raises(OppiError, match=message):
        store.review(credential_id, action, by=who)
    assert store.record(credential_id) == before


def test_nobody_approves_their_own_credential_and_a_return_needs_a_comment(store: CredentialStore) -> None:
    credential_id, _ = store.save(_credential(), by=REVIEWER)
    store.review(credential_id, "submit", by=REVIEWER)
    with pytest.raises(OppiError, match="Nobody approves their own"):
        store.review(credential_id, "approve", by=REVIEWER)
    with pytest.raises(OppiError, match="comment"):
        store.review(credential_id, "return", by=ADMIN, comment="  ")
    assert store.review(credential_id, "approve", by=ADMIN).approved_by == "ada"


def test_planners_see_only_their_own_credentials(store: CredentialStore) -> None:
    mine, _ = store.save(_credential("Mine"), by=PLANNER)
    theirs, _ = store.save(_credential("Theirs"), by=OTHER_PLANNER)
    assert [s.title for s in store.list(by=PLANNER)] == ["Mine"]
    assert {s.title for s in store.list(by=REVIEWER)} == {"Mine", "Theirs"}
    assert {(s.owner, s.state) for s in store.list(by=ADMIN)} == {("pia", "draft"), ("otto", "draft")}
    for call in (
        lambda: store.load(theirs, by=PLANNER),
        lambda: store.save(_credential("Taken"), credential_id=theirs, by=PLANNER),
        lambda: store.set_outcome_status(theirs, 0, "accepted", by=PLANNER),
        lambda: store.comment(theirs, "hello", by=PLANNER),
        lambda: store.delete(theirs, by=PLANNER),
    ):
        with pytest.raises(OppiError, match="otto"):
            call()
    assert store.load(theirs, by=REVIEWER).title == "Theirs"
    with pytest.raises(OppiError, match="owner"):
        store.delete(mine, by=REVIEWER)
    store.delete(mine, by=PLANNER)


def test_the_second_saver_of_a_revision_is_told_and_changes_nothing(store: CredentialStore) -> None:
    credential_id, _ = store.save(_credential(), by=PLANNER)
    _, seen_by_planner = store.open(credential_id, by=PLANNER)
    _, seen_by_reviewer = store.open(credential_id, by=REVIEWER)
    assert seen_by_planner.revision == seen_by_reviewer.revision == 1

    first = _credential("Circular construction")
    store.save(first, credential_id=credential_id, by=REVIEWER, expected_revision=seen_by_reviewer.revision)
    with pytest.raises(OppiError, match="rea .*changed 'Circular construction' after you opened it"):
        store.save(_credential("Lost update"), credential_id=credential_id, by=PLANNER,
                   expected_revision=seen_by_planner.revision)
    with pytest.raises(OppiError, match="after you opened it"):
        store.set_outcome_status(credential_id, 0, "rejected", by=PLANNER, expected_revision=seen_by_planner.revision)
    current, record = store.open(credential_id, by=PLANNER)
    assert current == first and record.revision == 2
    assert len(store.versions(credential_id)) == 2
    # Every change raises the revision by exactly one, so a session knows the next one.
    store.set_outcome_status(credential_id, 0, "accepted", by=PLANNER, expected_revision=2)
    store.save(current, credential_id=credential_id, by=PLANNER, expected_revision=3)
    assert store.record(credential_id).revision == 4


def test_two_simultaneous_saves_of_one_revision_let_exactly_one_through(store: CredentialStore) -> None:
    credential_id, _ = store.save(_credential(), by=PLANNER)
    start = threading.Barrier(6)
    results: list[str] = []

    def save(number: int) -> None:
        start.wait()
        try:
            store.save(_credential(f"Version by {number}"), credential_id=credential_id, by=ADMIN, expected_revision=1)
            results.append("saved")
        except OppiError:
            results.append("refused")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["refused"] * 5 + ["saved"]
    assert len(store.versions(credential_id)) == 2


def test_a_change_after_approval_sends_the_credential_back_to_draft(store: CredentialStore) -> None:
    credential_id, _ = store.save(_credential(), by=PLANNER)
    store.review(credential_id, "submit", by=PLANNER)
    store.review(credential_id, "approve", by=REVIEWER)
    store.set_outcome_status(credential_id, 2, "rejected", by=PLANNER)
    record = store.record(credential_id)
    assert (record.state, record.approved_by, record.approval) == ("draft", None, None)
    lapsed = [e for e in store.history(credential_id) if e.action == "changed after approval"]
    assert [(e.actor, e.old, e.new) for e in lapsed] == [("pia", "approved", "draft")]


def test_a_database_from_before_accounts_is_migrated_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as old:
        old.executescript(
            "CREATE TABLE credentials (id TEXT PRIMARY KEY, title TEXT, current_json TEXT NOT NULL, "
            "created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
            "CREATE TABLE versions (credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE, "
            "version INTEGER NOT NULL, json TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, "
            "PRIMARY KEY (credential_id, version));"
            "CREATE TABLE outcomes (credential_id TEXT NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL, "
            "status TEXT NOT NULL, PRIMARY KEY (credential_id, idx));"
            "CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, credential_id TEXT NOT NULL, "
            "outcome_index INTEGER, field TEXT, action TEXT NOT NULL, old TEXT, new TEXT, timestamp TEXT NOT NULL);"
        )
        payload = _credential("Old one").model_dump_json()
        old.execute("INSERT INTO credentials VALUES ('old', 'Old one', ?, 't0', 't0')", (payload,))
        old.execute("INSERT INTO versions VALUES ('old', 1, ?, 'before accounts', 't0')", (payload,))
        old.execute("INSERT INTO events (credential_id, action, new, timestamp) VALUES ('old', 'create', 'Old one', 't0')")
    store = CredentialStore(path)
    try:
        record = store.record("old")
        assert (record.owner, record.state, record.revision) == (None, "draft", 1)
        assert store.history("old")[0].actor is None
        store.save(store.load("old"), credential_id="old", by=ADMIN, expected_revision=1)
        assert [v["note"] for v in store.versions("old")] == ["before accounts", ""]
        assert [s.title for s in store.list(by=PLANNER)] == []  # nobody's: reviewers and admins see it
    finally:
        store.close()


def test_exports_of_an_approved_credential_name_the_approver(store: CredentialStore) -> None:
    import json

    from assistant.exports import export_credential, import_credential, validate_ob3

    credential_id, _ = store.save(_credential(), by=PLANNER)
    assert store.record(credential_id).approval is None
    store.review(credential_id, "submit", by=PLANNER)
    approval = store.review(credential_id, "approve", by=REVIEWER).approval
    document = json.loads(export_credential(store.load(credential_id), "ob3", approval=approval))
    assert validate_ob3(document) == []
    [endorsement] = document["credentialSubject"]["achievement"]["endorsement"]
    assert endorsement["issuer"]["name"] == "rea" and endorsement["validFrom"] == approval.approved_at
    assert endorsement["credentialSubject"]["id"] == document["credentialSubject"]["achievement"]["id"]
    assert import_credential(document).title == _credential().title  # still reads back
    markdown = export_credential(store.load(credential_id), "markdown", approval=approval)
    assert markdown.rstrip().endswith(f"Approved by rea on {approval.approved_at[:10]}.")
