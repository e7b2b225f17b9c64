"""A persistent SQLite record manager for `langchain_core.indexing.index`.

It remembers which chunk hashes were written for which source, so re-indexing an unchanged file
embeds nothing, a changed file replaces its chunks and a deleted file's chunks can be found.
(langchain's own SQLRecordManager lives in packages we do not depend on.)
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from langchain_core.indexing import RecordManager


class SQLiteRecordManager(RecordManager):
    def __init__(self, namespace: str, path: Path) -> None:
        super().__init__(namespace)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._lock = threading.Lock()
        self.create_schema()

    def create_schema(self) -> None:
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS records (namespace TEXT NOT NULL, key TEXT NOT NULL, "
            "group_id TEXT, updated_at REAL NOT NULL, PRIMARY KEY (namespace, key))"
        )
        self._connection.execute(
            "CREATE INDEX IF NOT EXISTS records_group ON records (namespace, group_id)"
        )

    def get_time(self) -> float:
        return time.time()

    def update(
        self,
        keys: Sequence[str],
        *,
        group_ids: Sequence[str | None] | None = None,
        time_at_least: float | None = None,
    ) -> None:
        now = self.get_time()
        if time_at_least is not None and now < time_at_least:
            raise ValueError("The clock went backwards; refusing to write index records.")
        groups = list(group_ids) if group_ids is not None else [None] * len(keys)
        with self._lock:
            self._connection.executemany(
                "INSERT INTO records (namespace, key, group_id, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (namespace, key) DO UPDATE SET group_id = excluded.group_id, "
                "updated_at = excluded.updated_at",
                [(self.namespace, key, group, now) for key, group in zip(keys, groups, strict=True)],
            )

    def exists(self, keys: Sequence[str]) -> list[bool]:
        found: set[str] = set()
        keys = list(keys)
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self._connection.execute(
                f"SELECT key FROM records WHERE namespace = ? AND key IN ({marks})",
                [self.namespace, *batch],
            )
            found.update(row[0] for row in rows)
        return [key in found for key in keys]

    def list_keys(
        self,
        *,
        before: float | None = None,
        after: float | None = None,
        group_ids: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[str]:
        query = "SELECT key FROM records WHERE namespace = ?"
        params: list[object] = [self.namespace]
        if before is not None:
            query += " AND updated_at < ?"
            params.append(before)
        if after is not None:
            query += " AND updated_at > ?"
            params.append(after)
        if group_ids is not None:
            query += f" AND group_id IN ({','.join('?' * len(group_ids))})"
            params.extend(group_ids)
        if limit is not None:
            query += " LIMIT ?"
            params.append(limit)
        return [row[0] for row in self._connection.execute(query, params)]

    def delete_keys(self, keys: Sequence[str]) -> None:
        keys = list(keys)
        with self._lock:
            for start in range(0, len(keys), 500):
                batch = keys[start : start + 500]
                self._connection.execute(
                    f"DELETE FROM records WHERE namespace = ? AND key IN ({','.join('?' * len(batch))})",
                    [self.namespace, *batch],
                )

    def sources(self) -> list[str]:
        """Every source (group id) that has records."""
        rows = self._connection.execute(
            "SELECT DISTINCT group_id FROM records WHERE namespace = ? AND group_id IS NOT NULL",
            [self.namespace],
        )
        return [row[0] for row in rows]

    def close(self) -> None:
        self._connection.close()

    # The async API is not used by Oppi; langchain requires the methods to exist.
    async def acreate_schema(self) -> None:
        self.create_schema()

    async def aget_time(self) -> float:
        return self.get_time()

    async def aupdate(self, keys, *, group_ids=None, time_at_least=None) -> None:  # type: ignore[override]
        self.update(keys, group_ids=group_ids, time_at_least=time_at_least)

    async def aexists(self, keys: Sequence[str]) -> list[bool]:
        return self.exists(keys)

    async def alist_keys(self, *, before=None, after=None, group_ids=None, limit=None) -> list[str]:  # type: ignore[override]
        return self.list_keys(before=before, after=after, group_ids=group_ids, limit=limit)

    async def adelete_keys(self, keys: Sequence[str]) -> None:
        self.delete_keys(keys)
