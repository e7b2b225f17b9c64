"""The one error type a user can cause; its message says what happened and what to do."""


class OppiError(Exception):
    """A problem the user can fix (bad file, bad setting, unreachable model).

    The CLI prints the message and exits non-zero; the UI shows it. No stack trace.
    """
