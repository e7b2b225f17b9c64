"""Users, their roles and password hashes (Argon2id via argon2-cffi), and sign-in with a limit:
a wrong password waits before its answer, and after `login_failures_per_minute` wrong ones
within a minute further attempts for that user are refused without checking the password.

Failed attempts are counted in the database, so replicas behind one proxy share the count.
"""

from __future__ import annotations

import asyncio
import functools
import re
import time
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from assistant.config import Settings
from assistant.errors import OppiError
from assistant.workflow import ROLES, User

_USERNAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
MIN_PASSWORD = 8
WINDOW_S = 60.0


class Account(BaseModel):
    """One line of `oppi users list`: never the hash."""

    username: str
    role: str
    sign_in: str  # "password" or "single sign-on"
    created_at: str


class Accounts:
    """The users table and sign-in checks on the store's engine."""

    def __init__(
        self,
        engine: Engine,
        failures_per_minute: int = 10,
        failure_delay_s: float = 1.0,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.engine = engine
        self.failures_per_minute = failures_per_minute
        self.failure_delay_s = failure_delay_s
        # OWASP's Argon2id baseline (19 MiB, 2 passes, 1 lane): strong, and cheap enough that a
        # team signing in at nine o'clock does not queue behind 64 MiB hashes on a small server.
        self.hasher = hasher or PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
        # Checked against for unknown usernames, so that they take as long as known ones.
        self._dummy_hash = self.hasher.hash("not a password of anyone")

    @classmethod
    def from_settings(cls, settings: Settings, engine: Engine | None = None) -> Accounts:
        from assistant.db import connect, database_url

        return cls(engine or connect(database_url(settings)), settings.login_failures_per_minute,
                   settings.login_failure_delay_s)

    # --- managing users -----------------------------------------------------------------
    def add(self, username: str, password: str | None, role: str = "planner") -> User:
        """A new user; `password=None` makes one who signs in only by single sign-on."""
        username = _checked_username(username)
        role = _checked_role(role)
        hashed = None if password is None else self.hasher.hash(_checked_password(password))
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    text("INSERT INTO users (username, password_hash, role, created_at) VALUES (:u, :h, :r, :at)"),
                    {"u": username, "h": hashed, "r": role, "at": datetime.now(UTC).isoformat(timespec="seconds")},
                )
        except IntegrityError:
            raise OppiError(f"There is already a user {username!r}; change them with `oppi users role` or `oppi users password`.") from None
        return User(username, role)  # type: ignore[arg-type]

    def set_password(self, username: str, password: str | None) -> None:
        hashed = None if password is None else self.hasher.hash(_checked_password(password))
        self._update(username, "password_hash = :v", hashed)

    def set_role(self, username: str, role: str) -> None:
        self._update(username, "role = :v", _checked_role(role))

    def remove(self, username: str) -> None:
        with self.engine.begin() as conn:
            if conn.execute(text("DELETE FROM users WHERE username = :u"), {"u": username}).rowcount == 0:
                raise OppiError(_unknown(username))

    def list(self) -> list[Account]:
        with self.engine.connect().execution_options(oppi_read=True) as conn:
            rows = conn.execute(text("SELECT username, role, password_hash, created_at FROM users ORDER BY username")).all()
        return [Account(username=r.username, role=r.role, created_at=r.created_at,
                        sign_in="password" if r.password_hash else "single sign-on") for r in rows]

    def any(self) -> bool:
        """Whether accounts are in use at all (otherwise the workspace is one person's)."""
        with self.engine.connect().execution_options(oppi_read=True) as conn:
            return conn.execute(text("SELECT 1 FROM users LIMIT 1")).first() is not None

    def user(self, username: str | None) -> User | None:
        if not username:
            return None
        with self.engine.connect().execution_options(oppi_read=True) as conn:
            row = conn.execute(text("SELECT role FROM users WHERE username = :u"), {"u": username}).first()
        return None if row is None else User(username, row.role)

    def role_of(self, username: str | None) -> str | None:
        """'planner', 'reviewer' or 'admin'; None for an unknown or absent user."""
        user = self.user(username)
        return None if user is None else user.role

    # --- signing in ---------------------------------------------------------------------
    def verify(self, username: str, password: str) -> bool:
        """Whether the password is right; past the limit of failures, False without checking."""
        now = time.time()
        with self.engine.begin() as conn:
            recent = conn.execute(
                text("SELECT COUNT(*) FROM login_failures WHERE username = :u AND at > :since"),
                {"u": username, "since": now - WINDOW_S},
            ).scalar_one()
            if recent >= self.failures_per_minute:
                self._failed(conn, username, now)
                return False
            row = conn.execute(text("SELECT password_hash FROM users WHERE username = :u"), {"u": username}).first()
        stored = row.password_hash if row is not None else None
        try:
            # Unknown users and single-sign-on users are checked against a dummy hash: same time.
            ok = self.hasher.verify(stored or self._dummy_hash, password) and stored is not None
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            with self.engine.begin() as conn:
                self._failed(conn, username, now)
        return ok

    async def authenticate(self, username: str, password: str) -> bool:
        """Gradio's login callback: the hash is checked off the event loop, a failure waits."""
        ok = await asyncio.to_thread(self.verify, username, password)
        if not ok:
            await asyncio.sleep(self.failure_delay_s)
        return ok

    @staticmethod
    def _failed(conn, username: str, at: float) -> None:
        conn.execute(text("DELETE FROM login_failures WHERE at < :old"), {"old": at - 10 * WINDOW_S})
        conn.execute(text("INSERT INTO login_failures (username, at) VALUES (:u, :at)"), {"u": username, "at": at})

    def _update(self, username: str, assignment: str, value: str | None) -> None:
        with self.engine.begin() as conn:
            result = conn.execute(text(f"UPDATE users SET {assignment} WHERE username = :u"), {"u": username, "v": value})
            if result.rowcount == 0:
                raise OppiError(_unknown(username))


@functools.cache
def _accounts_for(url: str) -> Accounts:
    from assistant.config import load_settings

    return Accounts.from_settings(load_settings(database_url=url))


def role_of(username: str | None, settings: Settings | None = None) -> str | None:
    """The role of a user of the configured database ('planner', 'reviewer', 'admin'), or None.

    In the UI, prefer `services.accounts.role_of(request.username)` (same answer, no lookup of
    settings); without accounts (`services.accounts.any()` False) the one local user is admin.
    """
    from assistant.config import load_settings
    from assistant.db import database_url

    return _accounts_for(database_url(settings or load_settings())).role_of(username)


def _checked_username(username: str) -> str:
    username = username.strip()
    if not _USERNAME.match(username):
        raise OppiError(f"{username!r} is not a username: use 1–64 letters, digits or . _ @ -")
    return username


def _checked_role(role: str) -> str:
    if role not in ROLES:
        raise OppiError(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")
    return role


def _checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise OppiError(f"A password needs at least {MIN_PASSWORD} characters.")
    return password


def _unknown(username: str) -> str:
    return f"There is no user {username!r}; `oppi users list` shows who there is."
