"""Who may do what to a credential, and the review states it moves through.

A planner drafts and owns a credential; the owner submits it for review; a reviewer (a
teacher, a working-life partner, a quality manager) comments on it and approves it or sends it
back with comments. Nobody approves their own credential. Admins may do everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import BaseModel

from assistant.errors import OppiError

Role = Literal["planner", "reviewer", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
State = Literal["draft", "in_review", "approved"]
STATES: tuple[str, ...] = get_args(State)
STATE_NAMES = {"draft": "draft", "in_review": "in review", "approved": "approved"}


@dataclass(frozen=True)
class User:
    """The person behind a change: a username and a role."""

    username: str
    role: Role


# Without accounts (one person on loopback, as before) the one user may do everything.
LOCAL_USER = User("local", "admin")


class Approval(BaseModel):
    """Who approved a credential and when; the exports carry it."""

    approved_by: str
    approved_at: str


def is_staff(user: User) -> bool:
    """Reviewers and admins see and review every credential."""
    return user.role in ("reviewer", "admin")


def can_view(user: User, owner: str | None) -> bool:
    return is_staff(user) or owner == user.username


def require_view(user: User, owner: str | None, credential_id: str) -> None:
    if not can_view(user, owner):
        raise OppiError(f"Credential {credential_id} belongs to {owner}; ask them or a reviewer to share it.")


def require_edit(user: User, owner: str | None, credential_id: str) -> None:
    """The owner, reviewers and admins edit; other planners do not."""
    if not can_view(user, owner):
        raise OppiError(f"{user.username} may not change credential {credential_id}: it belongs to {owner}.")


def require_transition(user: User, owner: str | None, state: str, action: str) -> str:
    """The state after `action` ('submit', 'approve', 'return'), or a clear refusal."""
    moves = {"submit": ("draft", "in_review"), "approve": ("in_review", "approved"), "return": ("in_review", "draft")}
    if action not in moves:
        raise OppiError(f"Unknown review action {action!r}: use submit, approve or return.")
    before, after = moves[action]
    if state != before:
        raise OppiError(f"Only a credential {STATE_NAMES[before]} can be {_PAST[action]}; this one is {STATE_NAMES[state]}.")
    if action == "submit" and not (owner in (None, user.username) or user.role == "admin"):
        raise OppiError(f"Only its owner {owner} or an admin submits this credential for review.")
    if action in ("approve", "return"):
        if not is_staff(user):
            raise OppiError(f"Only a reviewer or an admin may {action} a credential; {user.username} is a {user.role}.")
        if action == "approve" and owner == user.username:
            raise OppiError("Nobody approves their own credential: ask another reviewer.")
    return after


_PAST = {"submit": "submitted for review", "approve": "approved", "return": "returned with comments"}
