"""The README's settings table, made from the `Settings` field descriptions.

`python -m assistant.settings_doc` rewrites the table between the marker comments in README.md;
`--check` exits 1 when the README and `Settings` have drifted apart (tests/test_settings_doc.py
runs the same comparison).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import AliasChoices
from pydantic.fields import FieldInfo

from assistant.config import PROJECT_ROOT, Settings

README = PROJECT_ROOT / "README.md"
START = "<!-- settings-table:start (python -m assistant.settings_doc writes it) -->"
END = "<!-- settings-table:end -->"


def variable_names(name: str, field: FieldInfo) -> list[str]:
    """The environment variables a field reads: OPPI_<NAME>, or its aliases (OPENAI_API_KEY first)."""
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        names = [str(choice) for choice in alias.choices]
        return sorted(names, key=lambda n: n.startswith(Settings.model_config["env_prefix"]))
    return [f"{Settings.model_config['env_prefix']}{name.upper()}"]


def _default(field: FieldInfo) -> str:
    value = field.get_default(call_default_factory=True)
    if value is None:
        return "unset"
    if isinstance(value, list | tuple):
        return f"`{json.dumps(value)}`"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"`{value}`"


def settings_table() -> str:
    """One row per setting, in the order `Settings` declares them."""
    rows = ["| variable | default | what it does |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        if not field.description:
            raise ValueError(f"Settings.{name} has no description; every setting needs one")
        variables = " or ".join(f"`{v}`" for v in variable_names(name, field))
        rows.append(f"| {variables} | {_default(field)} | {field.description.replace('|', chr(92) + '|')} |")
    return "\n".join(rows)


def with_table(readme: str) -> str:
    """The README text with the table between the markers replaced by the current one."""
    before, start, rest = readme.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"README.md needs the markers {START} and {END} around the settings table")
    return f"{before}{START}\n{settings_table()}\n{END}{after}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Exit 1 if README.md is out of date; write nothing.")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    updated = with_table(text)
    if args.check:
        if updated != text:
            print(f"{args.readme}: the settings table is out of date; run python -m assistant.settings_doc")
            return 1
        return 0
    args.readme.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
