"""SQLite persistence of credentials, their saved versions, review decisions and history."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, computed_field

from assistant.config import Settings
from assistant.errors import OppiError
from assistant.schemas import LearningOutcome, MicroCredential

Status = Literal["suggested", "accepted", "edited", "rejected"]
STATUSES: tuple[str, ...] = get_args(Status)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS credentials (
    id TEXT PRIMARY KEY,
    title TEXT,
    current_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    json TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (credential_id, version)
);
CREATE TABLE IF NOT EXISTS outcomes (
    credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (credential_id, idx)
);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
    outcome_index INTEGER,
    field TEXT,
    action TEXT NOT NULL,
    old TEXT,
    new TEXT,
    timestamp TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_credential ON events(credential_id, seq);
"""


class HistoryEvent(BaseModel):
    """One recorded change: to an outcome (by 0-based index) or to a field, with old and new."""

    credential_id: str
    outcome_index: int | None = None
    field: str | None = None
    action: str
    old: str | None = None
    new: str | None = None
    timestamp: str

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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


class CredentialStore:
    """Credentials in one SQLite file (WAL mode), safe to share between Gradio worker threads.

    `load(id)` returns the working copy, which review decisions change in place; `save` also
    snapshots it as the next numbered version. Outcome indices are 0-based list positions.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection guarded by a lock: Gradio calls from worker threads, and SQLite's
        # own locking (WAL + busy timeout) covers other processes on the same file.
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            self.path, check_same_thread=False, isolation_level=None, timeout=30.0
        )
        self._conn.row_factory = sqlite3.Row
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.executescript(_SCHEMA)

    @classmethod
    def from_settings(cls, settings: Settings) -> CredentialStore:
        """The store at `Settings.database_path` under OPPI_HOME."""
        settings.ensure_home()
        return cls(settings.database_path)

    def close(self) -> None:
        """Close the connection; the file keeps everything."""
        with self._lock:
            self._conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so "next version number" cannot race
        # with another process writing the same file.
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # --- writing ------------------------------------------------------------------------
    def save(
        self, credential: MicroCredential, note: str = "", credential_id: str | None = None
    ) -> tuple[str, int]:
        """Store the credential as the next version (a new credential without an id)."""
        now = _now()
        payload = credential.model_dump_json()
        with self._transaction() as conn:
            if credential_id is None:
                credential_id = uuid.uuid4().hex
                conn.execute(
                    "INSERT INTO credentials (id, title, current_json, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (credential_id, credential.title, payload, now, now),
                )
                self._event(conn, credential_id, now, action="create", new=credential.title)
            else:
                previous = self._current(conn, credential_id)
                conn.execute(
                    "UPDATE credentials SET title = ?, current_json = ?, updated_at = ? "
                    "WHERE id = ?",
                    (credential.title, payload, now, credential_id),
                )
                self._record_diff(conn, credential_id, previous, credential, now)
            self._sync_outcomes(conn, credential_id, credential.outcomes)
            version = conn.execute(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM versions WHERE credential_id = ?",
                (credential_id,),
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO versions (credential_id, version, json, note, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (credential_id, version, payload, note, now),
            )
            self._event(conn, credential_id, now, action="save", new=str(version), field="version")
        return credential_id, version

    def set_outcome_status(
        self, credential_id: str, index: int, status: str, new_text: str | None = None
    ) -> MicroCredential:
        """Record a review decision on one outcome of the working copy; returns the copy."""
        if status not in STATUSES:
            raise OppiError(f"Unknown outcome status {status!r}: use one of {', '.join(STATUSES)}.")
        if status == "edited" and not (new_text and new_text.strip()):
            raise OppiError("Marking an outcome as edited needs its new text.")
        if status != "edited" and new_text is not None:
            raise OppiError(f"Only an 'edited' outcome takes new text, not a {status!r} one.")
        now = _now()
        with self._transaction() as conn:
            credential = self._current(conn, credential_id)
            if not 0 <= index < len(credential.outcomes):
                raise OppiError(
                    f"Credential {credential_id} has {len(credential.outcomes)} outcomes; "
                    f"there is no outcome at index {index}."
                )
            outcome = credential.outcomes[index]
            if status != outcome.status:
                self._event(conn, credential_id, now, "status", outcome.status, status, index=index)
            if new_text is not None and new_text.strip() != outcome.text:
                self._event(
                    conn, credential_id, now, "text", outcome.text, new_text.strip(), index=index
                )
            changes: dict[str, Any] = {"status": status}
            if new_text is not None:
                changes["text"] = new_text.strip()
            credential.outcomes[index] = outcome.model_copy(update=changes)
            conn.execute(
                "UPDATE credentials SET current_json = ?, updated_at = ? WHERE id = ?",
                (credential.model_dump_json(), now, credential_id),
            )
            self._sync_outcomes(conn, credential_id, credential.outcomes)
        return credential

    def delete(self, credential_id: str) -> None:
        """Remove the credential with its versions, outcomes and history."""
        with self._transaction() as conn:
            self._require(conn, credential_id)
            conn.execute("DELETE FROM credentials WHERE id = ?", (credential_id,))

    # --- reading ------------------------------------------------------------------------
    def load(self, credential_id: str, version: int | None = None) -> MicroCredential:
        """The working copy, or the snapshot saved as `version` (1, 2, 3…)."""
        with self._lock:
            if version is None:
                return self._current(self._conn, credential_id)
            self._require(self._conn, credential_id)
            row = self._conn.execute(
                "SELECT json FROM versions WHERE credential_id = ? AND version = ?",
                (credential_id, version),
            ).fetchone()
            if row is None:
                count = self._version_count(self._conn, credential_id)
                raise OppiError(
                    f"Credential {credential_id} has no version {version}; "
                    f"it has versions 1–{count}."
                )
            return MicroCredential.model_validate_json(row["json"])

    def list(self) -> list[CredentialSummary]:
        """All credentials, most recently changed first, with outcome counts by status."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT c.id, c.title, c.updated_at, "
                "(SELECT COUNT(*) FROM versions v WHERE v.credential_id = c.id) AS versions "
                "FROM credentials c ORDER BY c.updated_at DESC, c.id"
            ).fetchall()
            counts = self._conn.execute(
                "SELECT credential_id, status, COUNT(*) AS n FROM outcomes "
                "GROUP BY credential_id, status"
            ).fetchall()
        by_credential: dict[str, dict[str, int]] = {}
        for row in counts:
            by_credential.setdefault(row["credential_id"], {})[row["status"]] = row["n"]
        return [
            CredentialSummary(
                id=row["id"],
                title=row["title"],
                versions=row["versions"],
                updated_at=row["updated_at"],
                counts={s: by_credential.get(row["id"], {}).get(s, 0) for s in STATUSES},
            )
            for row in rows
        ]

    def versions(self, credential_id: str) -> list[dict[str, Any]]:
        """Saved versions of one credential: number, note and time, oldest first."""
        with self._lock:
            self._require(self._conn, credential_id)
            rows = self._conn.execute(
                "SELECT version, note, created_at FROM versions "
                "WHERE credential_id = ? ORDER BY version",
                (credential_id,),
            ).fetchall()
        return [dict(row) for row in rows]

    def history(self, credential_id: str) -> list[HistoryEvent]:
        """Every recorded change to one credential, oldest first."""
        with self._lock:
            self._require(self._conn, credential_id)
            rows = self._conn.execute(
                "SELECT credential_id, outcome_index, field, action, old, new, timestamp "
                "FROM events WHERE credential_id = ? ORDER BY seq",
                (credential_id,),
            ).fetchall()
        return [HistoryEvent(**dict(row)) for row in rows]

    # --- helpers ------------------------------------------------------------------------
    def _require(self, conn: sqlite3.Connection, credential_id: str) -> sqlite3.Row:
        row = conn.execute(
            "SELECT current_json FROM credentials WHERE id = ?", (credential_id,)
        ).fetchone()
        if row is None:
            raise OppiError(
                f"No saved credential has the id {credential_id!r}. "
                "Pick one from the list of saved credentials, or save it first."
            )
        return row

    def _current(self, conn: sqlite3.Connection, credential_id: str) -> MicroCredential:
        return MicroCredential.model_validate_json(
            self._require(conn, credential_id)["current_json"]
        )

    @staticmethod
    def _version_count(conn: sqlite3.Connection, credential_id: str) -> int:
        return conn.execute(
            "SELECT COUNT(*) FROM versions WHERE credential_id = ?", (credential_id,)
        ).fetchone()[0]

    @staticmethod
    def _sync_outcomes(
        conn: sqlite3.Connection, credential_id: str, outcomes: list[LearningOutcome]
    ) -> None:
        # The outcomes table mirrors the working copy so that status counts are one query.
        conn.execute("DELETE FROM outcomes WHERE credential_id = ?", (credential_id,))
        conn.executemany(
            "INSERT INTO outcomes (credential_id, idx, text, status) VALUES (?, ?, ?, ?)",
            [(credential_id, i, o.text, o.status) for i, o in enumerate(outcomes)],
        )

    @staticmethod
    def _event(
        conn: sqlite3.Connection,
        credential_id: str,
        at: str,
        action: str,
        old: str | None = None,
        new: str | None = None,
        index: int | None = None,
        field: str | None = None,
    ) -> None:
        conn.execute(
            "INSERT INTO events (credential_id, outcome_index, field, action, old, new, timestamp) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (credential_id, index, field, action, old, new, at),
        )

    def _record_diff(
        self,
        conn: sqlite3.Connection,
        credential_id: str,
        before: MicroCredential,
        after: MicroCredential,
        at: str,
    ) -> None:
        """Append one event per changed field and per changed outcome."""
        old_fields, new_fields = before.model_dump(mode="json"), after.model_dump(mode="json")
        for name in MicroCredential.model_fields:
            if name != "outcomes" and old_fields[name] != new_fields[name]:
                self._event(
                    conn,
                    credential_id,
                    at,
                    "field",
                    _dump(old_fields[name]),
                    _dump(new_fields[name]),
                    field=name,
                )
        for index in range(max(len(before.outcomes), len(after.outcomes))):
            old = before.outcomes[index] if index < len(before.outcomes) else None
            new = after.outcomes[index] if index < len(after.outcomes) else None
            if old is None and new is not None:
                self._event(conn, credential_id, at, "add", None, new.text, index=index)
            elif new is None and old is not None:
                self._event(conn, credential_id, at, "remove", old.text, None, index=index)
            elif old is not None and new is not None:
                if old.text != new.text:
                    self._event(conn, credential_id, at, "text", old.text, new.text, index=index)
                if old.status != new.status:
                    self._event(
                        conn, credential_id, at, "status", old.status, new.status, index=index
                    )
