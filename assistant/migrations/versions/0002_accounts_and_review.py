"""Accounts and the review workflow: users, failed logins, owner, state, revision, approver,
and who made each change."""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.Text, primary_key=True),
        # NULL for a user who signs in only through the single-sign-on header.
        sa.Column("password_hash", sa.Text),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
    )
    op.create_table(
        "login_failures",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.Text, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("login_failures_by_user", "login_failures", ["username", "at"])
    with op.batch_alter_table("credentials") as table:
        table.add_column(sa.Column("owner", sa.Text))
        table.add_column(sa.Column("state", sa.Text, nullable=False, server_default="draft"))
        # Raised by one on every change: a save that names an older revision is refused.
        table.add_column(sa.Column("revision", sa.Integer, nullable=False, server_default="1"))
        table.add_column(sa.Column("approved_by", sa.Text))
        table.add_column(sa.Column("approved_at", sa.Text))
    with op.batch_alter_table("versions") as table:
        table.add_column(sa.Column("author", sa.Text))
    with op.batch_alter_table("events") as table:
        table.add_column(sa.Column("actor", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("events") as table:
        table.drop_column("actor")
    with op.batch_alter_table("versions") as table:
        table.drop_column("author")
    with op.batch_alter_table("credentials") as table:
        for column in ("approved_at", "approved_by", "revision", "state", "owner"):
            table.drop_column(column)
    op.drop_table("login_failures")
    op.drop_table("users")
