"""Accounts on SQLite and PostgreSQL: Argon2id hashes, roles, and the failed-login delay and
limit (the eleventh wrong password in a minute is refused without being checked)."""

from __future__ import annotations

import asyncio
import time

import pytest
from argon2 import PasswordHasher

from assistant.accounts import Accounts
from assistant.db import connect
from assistant.errors import OppiError

# Cheap parameters: the tests check behaviour, not the cost of a hash.
FAST = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


class CountingHasher(PasswordHasher):
    def __init__(self) -> None:
        super().__init__(**FAST)
        self.checks = 0

    def verify(self, hash, password):  # noqa: A002 - argon2's own parameter name
        self.checks += 1
        return super().verify(hash, password)


@pytest.fixture
def engine(database_url: str):
    engine = connect(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def accounts(engine) -> Accounts:
    return Accounts(engine, failures_per_minute=10, failure_delay_s=0.2, hasher=CountingHasher())


def test_users_have_roles_and_argon2_hashes(accounts: Accounts, engine) -> None:
    assert not accounts.any()
    accounts.add("pia", "correct horse", "planner")
    accounts.add("rea", "battery staple", "reviewer")
    accounts.add("sso.user@uni.fi", None, "admin")
    assert accounts.any()
    assert [(a.username, a.role, a.sign_in) for a in accounts.list()] == [
        ("pia", "planner", "password"), ("rea", "reviewer", "password"), ("sso.user@uni.fi", "admin", "single sign-on")]
    assert (accounts.role_of("rea"), accounts.role_of("nobody"), accounts.role_of(None)) == ("reviewer", None, None)
    with engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT password_hash FROM users WHERE username = 'pia'").scalar_one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored

    accounts.set_role("pia", "reviewer")
    accounts.set_password("pia", "new password!")
    assert accounts.role_of("pia") == "reviewer"
    assert accounts.verify("pia", "new password!") and not accounts.verify("pia", "correct horse")
    accounts.remove("rea")
    assert accounts.role_of("rea") is None and not accounts.verify("rea", "battery staple")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda a: a.add("pia", "short", "planner"), "at least 8"),
        (lambda a: a.add("has space", "long enough", "planner"), "not a username"),
        (lambda a: a.add("pia", "long enough", "boss"), "Unknown role 'boss'"),
        (lambda a: a.add("taken", "long enough", "planner"), "already a user 'taken'"),
        (lambda a: a.set_role("ghost", "admin"), "no user 'ghost'"),
        (lambda a: a.remove("ghost"), "no user 'ghost'"),
    ],
)
def test_bad_account_changes_are_refused(accounts: Accounts, call, message: str) -> None:
    accounts.add("taken", "long enough", "planner")
    with pytest.raises(OppiError, match=message):
        call(accounts)


def test_a_single_sign_on_user_cannot_sign_in_with_a_password(accounts: Accounts) -> None:
    accounts.add("sso", None, "planner")
    assert not accounts.verify("sso", "")
    assert not accounts.verify("sso", "anything at all")


def test_the_eleventh_wrong_password_in_a_minute_is_refused_unchecked(accounts: Accounts, monkeypatch) -> None:
    accounts.add("pia", "correct horse", "planner")
    hasher = accounts.hasher
    for attempt in range(10):
        assert not accounts.verify("pia", f"guess {attempt}")
    assert hasher.checks == 10
    assert not accounts.verify("pia", "correct horse")  # even the right one: not checked
    assert hasher.checks == 10
    assert accounts.verify("otto-unknown", "x") is False and hasher.checks == 11  # others unaffected

    later = time.time() + 61
    monkeypatch.setattr("assistant.accounts.time.time", lambda: later)
    assert accounts.verify("pia", "correct horse")


def test_the_limit_is_shared_by_replicas_on_one_database(engine) -> None:
    first = Accounts(engine, hasher=PasswordHasher(**FAST))
    second = Accounts(engine, hasher=CountingHasher())
    first.add("pia", "correct horse", "planner")
    for attempt in range(10):
        (first if attempt % 2 else second).verify("pia", f"guess {attempt}")
    checks = second.hasher.checks
    assert not second.verify("pia", "correct horse") and second.hasher.checks == checks


def test_a_wrong_password_waits_and_a_right_one_does_not(accounts: Accounts) -> None:
    accounts.add("pia", "correct horse", "planner")
    started = time.perf_counter()
    assert not asyncio.run(accounts.authenticate("pia", "wrong one"))
    waited = time.perf_counter() - started
    started = time.perf_counter()
    assert asyncio.run(accounts.authenticate("pia", "correct horse"))
    assert waited >= 0.2 > time.perf_counter() - started
