"""Credentials, saved versions, outcome statuses and history (the schema before accounts).

Databases made before Alembic already have these tables: they are kept as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "credentials" not in existing:
        op.create_table(
            "credentials",
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("title", sa.Text),
            sa.Column("current_json", sa.Text, nullable=False),
            sa.Column("created_at", sa.Text, nullable=False),
            sa.Column("updated_at", sa.Text, nullable=False),
        )
    if "versions" not in existing:
        op.create_table(
            "versions",
            sa.Column("credential_id", sa.Text, sa.ForeignKey("credentials.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
            sa.Column("json", sa.Text, nullable=False),
            sa.Column("note", sa.Text, nullable=False, server_default=""),
            sa.Column("created_at", sa.Text, nullable=False),
        )
    if "outcomes" not in existing:
        op.create_table(
            "outcomes",
            sa.Column("credential_id", sa.Text, sa.ForeignKey("credentials.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("idx", sa.Integer, primary_key=True, autoincrement=False),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("status", sa.Text, nullable=False),
        )
    if "events" not in existing:
        op.create_table(
            "events",
            sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("credential_id", sa.Text, sa.ForeignKey("credentials.id", ondelete="CASCADE"), nullable=False),
            sa.Column("outcome_index", sa.Integer),
            sa.Column("field", sa.Text),
            sa.Column("action", sa.Text, nullable=False),
            sa.Column("old", sa.Text),
            sa.Column("new", sa.Text),
            sa.Column("timestamp", sa.Text, nullable=False),
        )
        op.create_index("events_by_credential", "events", ["credential_id", "seq"])


def downgrade() -> None:
    for table in ("events", "outcomes", "versions", "credentials"):
        op.drop_table(table)
