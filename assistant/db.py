"""The database behind the store and the accounts: SQLite by default, PostgreSQL when
OPPI_DATABASE_URL is set. One SQLAlchemy engine, one set of SQL, Alembic migrations."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from assistant.config import Settings
from assistant.errors import OppiError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any number advisory-locks the migrations on PostgreSQL so two replicas starting together
# do not both create the tables.
_MIGRATION_LOCK = 7_160_315
_migrated: set[str] = set()
_migrating = threading.Lock()


def database_url(settings: Settings) -> str:
    """OPPI_DATABASE_URL, or the SQLite file under OPPI_HOME."""
    if settings.database_url:
        return settings.database_url
    settings.ensure_home()
    return f"sqlite:///{settings.database_path}"


def _normalised(url: str | Path) -> str:
    if isinstance(url, Path) or "://" not in str(url):
        path = Path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    try:
        parsed = make_url(str(url))
    except ArgumentError:
        raise OppiError(f"OPPI_DATABASE_URL={url!r} is not a database URL (e.g. postgresql://user:pw@host/oppi).") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, not psycopg2
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise OppiError(f"Oppi stores its data in SQLite or PostgreSQL, not {parsed.get_backend_name()!r}.")
    return parsed.render_as_string(hide_password=False)


def connect(url: str | Path) -> Engine:
    """An engine on `url` (a URL or a SQLite file path) with the schema migrated to the latest."""
    url = _normalised(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30.0, "check_same_thread": False})
        _sqlite_pragmas(engine)
    else:
        engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    try:
        migrate(engine)
    except OperationalError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise OppiError(f"Cannot reach the database {make_url(url).render_as_string()}: {reason}") from None
    return engine


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:
        # The driver's own transaction handling is off so that BEGIN IMMEDIATE below takes the
        # write lock up front: "next version number" cannot race with another process.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:
        # Readers (execution option `oppi_read`) do not need the write lock.
        read = connection.get_execution_options().get("oppi_read")
        connection.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")


def migrate(engine: Engine) -> None:
    """Bring the schema to Alembic's head (once per process and database)."""
    key = engine.url.render_as_string(hide_password=False)
    with _migrating:
        if key in _migrated:
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        _migrated.add(key)
