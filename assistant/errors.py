"""The one error type a user can cause; its message says what happened and what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError


class OppiError(Exception):
    """A problem the user can fix (bad file, bad setting, unreachable model).

    The CLI prints the message and exits with `exit_code`; the UI shows it. No stack trace.
    """

    exit_code = 2


def describe_validation_error(
    error: ValidationError, separator: str = "; ", *, limit: int | None = None, env_prefix: str | None = None
) -> str:
    """Every problem as 'outcomes.2.verb: not measurable' (the field's path, then pydantic's message).

    `limit` keeps the first few; with `env_prefix` a field is named as the environment variable
    a user sets, with the value it was given (OPPI_MAX_FILE_MB='lots'). A whole-object check's
    own message ('eqf_level: did you mean level?', from a model validator) is given as it is.
    """
    problems = []
    for item in error.errors()[:limit]:
        path = [str(part) for part in item["loc"]]
        if not path and item["type"] == "value_error":
            problems.append(item["msg"].removeprefix("Value error, "))
            continue
        if env_prefix is not None:
            where = f"{env_prefix}{'_'.join(path).upper()}={item.get('input')!r}"
        else:
            where = ".".join(path) or "(root)"
        problems.append(f"{where}: {item['msg']}")
    return separator.join(problems)
