"""Who is signed in, for the tabs; and how the workspace asks for a sign-in.

Gradio keeps the sign-in per browser (a cookie naming the user); each handler that acts for
someone takes `request: gr.Request` and calls `signed_in(services, request)`. Nothing about a
user is kept on a shared object.
"""

from __future__ import annotations

import gradio as gr

from assistant.workflow import LOCAL_USER, User
from ui.locales import t


def signed_in(services, request: gr.Request | None, lang: str = "en") -> User:
    """The signed-in user with their role. Without accounts (one person, or one shared
    `--auth` password) the one user may do everything, as before accounts existed."""
    username = getattr(request, "username", None) if request is not None else None
    user = services.accounts.user(username)
    if user is not None:
        return user
    if not services.accounts.any():
        return User(username, "admin") if username else LOCAL_USER
    raise gr.Error(t("app.not_a_user", lang).format(user=username or t("app.this_browser", lang)))


def max_file_size(settings) -> int:
    """Uploads above the indexing limit (OPPI_MAX_FILE_MB) are refused by Gradio itself."""
    return int(settings.max_file_mb * 1024 * 1024)


def launch_options(services, shared_auth: tuple[str, str] | None = None) -> dict:
    """The keyword arguments of `Blocks.launch` for sign-in and the upload limit."""
    from assistant.errors import OppiError

    # No run history: Gradio would keep every call (drafts, questions) in the browser's storage,
    # and its run-history page is English only.
    options: dict = {"max_file_size": max_file_size(services.settings), "run_history": False}
    if services.accounts.any():
        if shared_auth:
            raise OppiError("This workspace has accounts (`oppi users list`): drop --auth, users sign in with their own.")
        options["auth"] = services.accounts.authenticate
        # The sign-in page comes before any language choice: both languages.
        options["auth_message"] = f"{t('app.sign_in', 'fi')} / {t('app.sign_in', 'en')}"
    elif shared_auth:
        options["auth"] = shared_auth
    return options


def header_user(services, header: str):
    """For single sign-on: the FastAPI dependency that reads the user from a trusted header.

    Only a registered user gets in (the proxy authenticates, Oppi's users table says the
    role); anyone else gets 401.
    """

    def dependency(request) -> str | None:
        name = (request.headers.get(header) or "").strip()
        return name if name and services.accounts.user(name) is not None else None

    return dependency
