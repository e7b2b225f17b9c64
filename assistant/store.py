"""Persistence of credentials, their saved versions, review decisions, the review workflow and
the append-only history of who changed what. SQLite by default, PostgreSQL when
OPPI_DATABASE_URL is set: one engine (`assistant.db`), one set of SQL."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple, get_args

from pydantic import BaseModel, computed_field
from sqlalchemy import Connection, text

from assistant.config import Settings
from assistant.errors import OppiError
from assistant.schemas import LearningOutcome, MicroCredential
from assistant.workflow import (
    LOCAL_USER,
    STATE_NAMES,
    Approval,
    User,
    can_view,
    require_edit,
    require_transition,
    require_view,
)

Status = Literal["suggested", "accepted", "edited", "rejected"]
STATUSES: tuple[str, ...] = get_args(Status)


class HistoryEvent(BaseModel):
    """One recorded change: to an outcome (by 0-based index) or to a field, with old and new,
    made by `actor` (None for changes recorded before accounts existed)."""

    credential_id: str
    outcome_index: int | None = None
    field: str | None = None
    action: str
    old: str | None = None
    new: str | None = None
    timestamp: str
    actor: str | None = None

    @computed_field
    @property
    def target(self) -> str:
        """What changed, for people: 'outcome 2' (1-based), a field name, or 'credential'."""
        if self.outcome_index is not None:
            return f"outcome {self.outcome_index + 1}"
        return self.field or "credential"


class CredentialSummary(BaseModel):
    """One line of the credential list."""

    id: str
    title: str | None
    versions: int
    updated_at: str
    counts: dict[str, int]
    owner: str | None = None
    state: str = "draft"


class CredentialRecord(BaseModel):
    """Who owns a credential, where it is in review, and the revision a save must name."""

    id: str
    title: str | None
    owner: str | None
    state: str
    revision: int
    approved_by: str | None = None
    approved_at: str | None = None
    updated_at: str

    @property
    def approval(self) -> Approval | None:
        if self.state != "approved" or not self.approved_by:
            return None
        return Approval(approved_by=self.approved_by, approved_at=self.approved_at or "")


class Saved(NamedTuple):
    id: str
    version: int


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


class CredentialStore:
    """Credentials in one database, safe to share between threads, processes and replicas.

    `load(id)` returns the working copy, which review decisions change in place; `save` also
    snapshots it as the next numbered version. Outcome indices are 0-based list positions.
    Every change raises the credential's revision by exactly one, so a caller that names the
    revision it last saw (`expected_revision`) knows the next one, and is told when someone
    else changed the credential in between. `by` is who acts; without it, the local user.
    """

    def __init__(self, database: Path | str) -> None:
        from assistant.db import connect

        self.engine = connect(database)
        self.path = Path(self.engine.url.database) if self.engine.dialect.name == "sqlite" else None
        self._for_update = " FOR UPDATE" if self.engine.dialect.name == "postgresql" else ""

    @classmethod
    def from_settings(cls, settings: Settings) -> CredentialStore:
        """The store at OPPI_DATABASE_URL, or at `Settings.database_path` under OPPI_HOME."""
        from assistant.db import database_url

        return cls(database_url(settings))

    def close(self) -> None:
        """Close the connections; the database keeps everything."""
        self.engine.dispose()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(oppi_read=True) as conn:
            yield conn

    # --- writing ------------------------------------------------------------------------
    def save(
        self,
        credential: MicroCredential,
        note: str = "",
        credential_id: str | None = None,
        by: User | None = None,
        expected_revision: int | None = None,
    ) -> Saved:
        """Store the credential as the next version (a new credential, owned by `by`, without
        an id). With `expected_revision`, refuse when someone changed it since."""
        by = by or LOCAL_USER
        now = _now()
        payload = credential.model_dump_json()
        with self._transaction() as conn:
            if credential_id is None:
                credential_id = uuid.uuid4().hex
                conn.execute(
                    text(
                        "INSERT INTO credentials (id, title, current_json, created_at, updated_at, owner, state, revision) "
                        "VALUES (:id, :title, :json, :now, :now, :owner, 'draft', 1)"
                    ),
                    {"id": credential_id, "title": credential.title, "json": payload, "now": now, "owner": by.username},
                )
                self._event(conn, credential_id, now, by, action="create", new=credential.title)
            else:
                record = self._locked(conn, credential_id, by, expected_revision)
                previous = self._current(conn, credential_id)
                conn.execute(
                    text("UPDATE credentials SET title = :title, current_json = :json, updated_at = :now WHERE id = :id"),
                    {"title": credential.title, "json": payload, "now": now, "id": credential_id},
                )
                self._record_diff(conn, credential_id, previous, credential, now, by)
                self._lapse_approval(conn, record, now, by)
            self._sync_outcomes(conn, credential_id, credential.outcomes)
            version = conn.execute(
                text("SELECT COALESCE(MAX(version), 0) + 1 FROM versions WHERE credential_id = :id"),
                {"id": credential_id},
            ).scalar_one()
            conn.execute(
                text(
                    "INSERT INTO versions (credential_id, version, json, note, created_at, author) "
                    "VALUES (:id, :version, :json, :note, :now, :author)"
                ),
                {"id": credential_id, "version": version, "json": payload, "note": note, "now": now, "author": by.username},
            )
            self._event(conn, credential_id, now, by, action="save", new=str(version), field="version")
        return Saved(credential_id, version)

    def set_outcome_status(
        self,
        credential_id: str,
        index: int,
        status: str,
        new_text: str | None = None,
        by: User | None = None,
        expected_revision: int | None = None,
    ) -> MicroCredential:
        """Record a review decision on one outcome of the working copy; returns the copy."""
        if status not in STATUSES:
            raise OppiError(f"Unknown outcome status {status!r}: use one of {', '.join(STATUSES)}.")
        if status == "edited" and not (new_text and new_text.strip()):
            raise OppiError("Marking an outcome as edited needs its new text.")
        if status != "edited" and new_text is not None:
            raise OppiError(f"Only an 'edited' outcome takes new text, not a {status!r} one.")
        by = by or LOCAL_USER
        now = _now()
        with self._transaction() as conn:
            record = self._locked(conn, credential_id, by, expected_revision)
            credential = self._current(conn, credential_id)
            if not 0 <= index < len(credential.outcomes):
                raise OppiError(
                    f"Credential {credential_id} has {len(credential.outcomes)} outcomes; "
                    f"there is no outcome at index {index}."
                )
            outcome = credential.outcomes[index]
            if status != outcome.status:
                self._event(conn, credential_id, now, by, "status", outcome.status, status, index=index)
            if new_text is not None and new_text.strip() != outcome.text:
                self._event(conn, credential_id, now, by, "text", outcome.text, new_text.strip(), index=index)
            changes: dict[str, Any] = {"status": status}
            if new_text is not None:
                changes["text"] = new_text.strip()
            credential.outcomes[index] = outcome.model_copy(update=changes)
            conn.execute(
                text("UPDATE credentials SET current_json = :json, updated_at = :now WHERE id = :id"),
                {"json": credential.model_dump_json(), "now": now, "id": credential_id},
            )
            self._sync_outcomes(conn, credential_id, credential.outcomes)
            self._lapse_approval(conn, record, now, by)
        return credential

    def review(
        self,
        credential_id: str,
        action: str,
        by: User | None = None,
        comment: str = "",
        expected_revision: int | None = None,
    ) -> CredentialRecord:
        """Move a credential through review: 'submit' (draft → in review), 'approve' (in review
        → approved) or 'return' (in review → draft, with a comment saying why)."""
        by = by or LOCAL_USER
        comment = comment.strip()
        if action == "return" and not comment:
            raise OppiError("Say what needs to change: a credential goes back with a comment.")
        now = _now()
        with self._transaction() as conn:
            record = self._locked(conn, credential_id, by, expected_revision, edit=False)
            after = require_transition(by, record.owner, record.state, action)
            approved = (by.username, now) if after == "approved" else (None, None)
            conn.execute(
                text("UPDATE credentials SET state = :state, approved_by = :by, approved_at = :at, updated_at = :now WHERE id = :id"),
                {"state": after, "by": approved[0], "at": approved[1], "now": now, "id": credential_id},
            )
            self._event(conn, credential_id, now, by, action, record.state, after, field="state")
            if comment:
                self._event(conn, credential_id, now, by, "comment", new=comment)
            return self._record(conn, credential_id)

    def comment(self, credential_id: str, text_: str, by: User | None = None, outcome_index: int | None = None) -> None:
        """A comment on the credential or on one outcome (0-based), kept in the history."""
        by = by or LOCAL_USER
        body = " ".join(text_.split())
        if not body:
            raise OppiError("Write the comment first.")
        with self._transaction() as conn:
            record = self._record(conn, credential_id)
            require_view(by, record.owner, credential_id)
            if outcome_index is not None:
                count = len(self._current(conn, credential_id).outcomes)
                if not 0 <= outcome_index < count:
                    raise OppiError(f"Credential {credential_id} has {count} outcomes; there is no outcome {outcome_index + 1}.")
            self._event(conn, credential_id, _now(), by, "comment", new=body, index=outcome_index)

    def delete(self, credential_id: str, by: User | None = None) -> None:
        """Remove the credential with its versions, outcomes and history (its owner or an admin)."""
        by = by or LOCAL_USER
        with self._transaction() as conn:
            record = self._record(conn, credential_id)
            if by.role != "admin" and record.owner != by.username:
                raise OppiError(f"Only its owner {record.owner} or an admin deletes credential {credential_id}.")
            conn.execute(text("DELETE FROM credentials WHERE id = :id"), {"id": credential_id})

    # --- reading ------------------------------------------------------------------------
    def load(self, credential_id: str, version: int | None = None, by: User | None = None) -> MicroCredential:
        """The working copy, or the snapshot saved as `version` (1, 2, 3…)."""
        with self._reading() as conn:
            record = self._record(conn, credential_id)
            require_view(by or LOCAL_USER, record.owner, credential_id)
            if version is None:
                return self._current(conn, credential_id)
            row = conn.execute(
                text("SELECT json FROM versions WHERE credential_id = :id AND version = :version"),
                {"id": credential_id, "version": version},
            ).first()
            if row is None:
                count = self._version_count(conn, credential_id)
                raise OppiError(
                    f"Credential {credential_id} has no version {version}; it has versions 1–{count}."
                )
            return MicroCredential.model_validate_json(row.json)

    def open(self, credential_id: str, by: User | None = None) -> tuple[MicroCredential, CredentialRecord]:
        """The working copy and its record, read together (so the revision matches the copy)."""
        with self._reading() as conn:
            record = self._record(conn, credential_id)
            require_view(by or LOCAL_USER, record.owner, credential_id)
            return self._current(conn, credential_id), record

    def record(self, credential_id: str) -> CredentialRecord:
        """Owner, review state, approver and revision of one credential."""
        with self._reading() as conn:
            return self._record(conn, credential_id)

    def list(self, by: User | None = None) -> list[CredentialSummary]:
        """The credentials `by` may see, most recently changed first, with outcome counts."""
        by = by or LOCAL_USER
        with self._reading() as conn:
            rows = conn.execute(
                text(
                    "SELECT c.id, c.title, c.updated_at, c.owner, c.state, "
                    "(SELECT COUNT(*) FROM versions v WHERE v.credential_id = c.id) AS versions "
                    "FROM credentials c ORDER BY c.updated_at DESC, c.id"
                )
            ).mappings().all()
            counts = conn.execute(
                text("SELECT credential_id, status, COUNT(*) AS n FROM outcomes GROUP BY credential_id, status")
            ).mappings().all()
        by_credential: dict[str, dict[str, int]] = {}
        for row in counts:
            by_credential.setdefault(row["credential_id"], {})[row["status"]] = row["n"]
        return [
            CredentialSummary(
                id=row["id"], title=row["title"], versions=row["versions"], updated_at=row["updated_at"],
                owner=row["owner"], state=row["state"],
                counts={s: by_credential.get(row["id"], {}).get(s, 0) for s in STATUSES},
            )
            for row in rows
            if can_view(by, row["owner"])
        ]

    def versions(self, credential_id: str) -> list[dict[str, Any]]:
        """Saved versions of one credential: number, note, author and time, oldest first."""
        with self._reading() as conn:
            self._record(conn, credential_id)
            rows = conn.execute(
                text("SELECT version, note, created_at, author FROM versions WHERE credential_id = :id ORDER BY version"),
                {"id": credential_id},
            ).mappings().all()
        return [dict(row) for row in rows]

    def history(self, credential_id: str) -> list[HistoryEvent]:
        """Every recorded change to one credential, oldest first."""
        with self._reading() as conn:
            self._record(conn, credential_id)
            rows = conn.execute(
                text(
                    "SELECT credential_id, outcome_index, field, action, old, new, timestamp, actor "
                    "FROM events WHERE credential_id = :id ORDER BY seq"
                ),
                {"id": credential_id},
            ).mappings().all()
        return [HistoryEvent(**row) for row in rows]

    def comments(self, credential_id: str) -> list[HistoryEvent]:
        """The comments on one credential and its outcomes, oldest first."""
        return [e for e in self.history(credential_id) if e.action == "comment"]

    # --- helpers ------------------------------------------------------------------------
    def _record(self, conn: Connection, credential_id: str, lock: bool = False) -> CredentialRecord:
        row = conn.execute(
            text(
                "SELECT id, title, owner, state, revision, approved_by, approved_at, updated_at "
                "FROM credentials WHERE id = :id" + (self._for_update if lock else "")
            ),
            {"id": credential_id},
        ).mappings().first()
        if row is None:
            raise OppiError(
                f"No saved credential has the id {credential_id!r}. "
                "Pick one from the list of saved credentials, or save it first."
            )
        return CredentialRecord(**row)

    def _locked(
        self, conn: Connection, credential_id: str, by: User, expected: int | None, edit: bool = True
    ) -> CredentialRecord:
        """The record, locked for this transaction, after checking rights and the revision;
        the revision goes up by one."""
        record = self._record(conn, credential_id, lock=True)
        if edit:
            require_edit(by, record.owner, credential_id)
        else:
            require_view(by, record.owner, credential_id)
        if expected is not None and expected != record.revision:
            last = conn.execute(
                text("SELECT actor, timestamp FROM events WHERE credential_id = :id ORDER BY seq DESC LIMIT 1"),
                {"id": credential_id},
            ).first()
            who = f"{last.actor or 'someone'} at {last.timestamp[:19].replace('T', ' ')} UTC" if last else "someone"
            raise OppiError(
                f"Not saved: {who} changed '{record.title}' after you opened it. "
                "Open it again from Credentials to see their changes; yours are still on this page."
            )
        conn.execute(text("UPDATE credentials SET revision = revision + 1 WHERE id = :id"), {"id": credential_id})
        return record

    def _lapse_approval(self, conn: Connection, record: CredentialRecord, at: str, by: User) -> None:
        # An approval is of what the reviewer read: a change after it sends the credential back.
        if record.state == "approved":
            conn.execute(
                text("UPDATE credentials SET state = 'draft', approved_by = NULL, approved_at = NULL WHERE id = :id"),
                {"id": record.id},
            )
            self._event(conn, record.id, at, by, "changed after approval", "approved", "draft", field="state")

    def _current(self, conn: Connection, credential_id: str) -> MicroCredential:
        row = conn.execute(text("SELECT current_json FROM credentials WHERE id = :id"), {"id": credential_id}).first()
        if row is None:
            self._record(conn, credential_id)  # raises the clear error
        return MicroCredential.model_validate_json(row.current_json)

    @staticmethod
    def _version_count(conn: Connection, credential_id: str) -> int:
        return conn.execute(
            text("SELECT COUNT(*) FROM versions WHERE credential_id = :id"), {"id": credential_id}
        ).scalar_one()

    @staticmethod
    def _sync_outcomes(conn: Connection, credential_id: str, outcomes: list[LearningOutcome]) -> None:
        # The outcomes table mirrors the working copy so that status counts are one query.
        conn.execute(text("DELETE FROM outcomes WHERE credential_id = :id"), {"id": credential_id})
        if outcomes:
            conn.execute(
                text("INSERT INTO outcomes (credential_id, idx, text, status) VALUES (:id, :idx, :text, :status)"),
                [{"id": credential_id, "idx": i, "text": o.text, "status": o.status} for i, o in enumerate(outcomes)],
            )

    @staticmethod
    def _event(
        conn: Connection,
        credential_id: str,
        at: str,
        by: User,
        action: str,
        old: str | None = None,
        new: str | None = None,
        index: int | None = None,
        field: str | None = None,
    ) -> None:
        conn.execute(
            text(
                "INSERT INTO events (credential_id, outcome_index, field, action, old, new, timestamp, actor) "
                "VALUES (:id, :index, :field, :action, :old, :new, :at, :actor)"
            ),
            {"id": credential_id, "index": index, "field": field, "action": action, "old": old, "new": new,
             "at": at, "actor": by.username},
        )

    def _record_diff(
        self,
        conn: Connection,
        credential_id: str,
        before: MicroCredential,
        after: MicroCredential,
        at: str,
        by: User,
    ) -> None:
        """Append one event per changed field and per changed outcome."""
        old_fields, new_fields = before.model_dump(mode="json"), after.model_dump(mode="json")
        for name in MicroCredential.model_fields:
            if name != "outcomes" and old_fields[name] != new_fields[name]:
                self._event(conn, credential_id, at, by, "field", _dump(old_fields[name]), _dump(new_fields[name]), field=name)
        for index in range(max(len(before.outcomes), len(after.outcomes))):
            old = before.outcomes[index] if index < len(before.outcomes) else None
            new = after.outcomes[index] if index < len(after.outcomes) else None
            if old is None and new is not None:
                self._event(conn, credential_id, at, by, "add", None, new.text, index=index)
            elif new is None and old is not None:
                self._event(conn, credential_id, at, by, "remove", old.text, None, index=index)
            elif old is not None and new is not None:
                if old.text != new.text:
                    self._event(conn, credential_id, at, by, "text", old.text, new.text, index=index)
                if old.status != new.status:
                    self._event(conn, credential_id, at, by, "status", old.status, new.status, index=index)


__all__ = ["STATE_NAMES", "STATUSES", "CredentialRecord", "CredentialStore", "CredentialSummary", "HistoryEvent", "Saved"]
