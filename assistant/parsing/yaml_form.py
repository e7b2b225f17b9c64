"""A YAML export of a form (nested keys, '>' blocks, lists of outcome items), read with PyYAML
and handed to the JSON form reader, which reads keys as labels.

Only a document that YAML alone explains is read this way: a mapping of four or more keys with
a mapping, or a list of mappings keyed like an export, in it. A flat 'Title: X' text is valid YAML too, and the section reader
reads it with more care (values with colons, prose). Anchors and aliases are refused, so a
small file cannot expand into a huge tree.
"""

from __future__ import annotations

from typing import Any

import yaml

_MAX_TEXT = 200_000  # a form export is a few kilobytes
_MAX_FLOW_DEPTH = 8  # '[[[[...': PyYAML takes seconds on a deep flow collection
_MIN_KEYS = 4


class _NoAliases(yaml.SafeLoader):
    """PyYAML's safe loader, refusing anchors and aliases as it composes (one pass)."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent) or getattr(self.peek_event(), "anchor", None):
            raise yaml.YAMLError("anchors and aliases are not read")
        return super().compose_node(parent, index)


def yaml_form(text: str) -> dict[str, Any] | None:
    """The form as a mapping when the text is a structured YAML document; otherwise None."""
    if len(text) > _MAX_TEXT or "\t" in text or ":" not in text or _flow_depth(text) > _MAX_FLOW_DEPTH:
        return None
    try:
        data = yaml.load(text, Loader=_NoAliases)  # noqa: S506 - a SafeLoader that also refuses aliases
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    if not isinstance(data, dict) or len(data) < _MIN_KEYS or not all(isinstance(k, str) for k in data):
        return None
    # A list of plain lines ('Outcomes:' / '- Apply ...') is how a text form lists too, and so is
    # '- Task 1: a report'; only a mapping in a mapping, or a list of mappings keyed like an
    # export ('- text: ...'), is YAML's own.
    nested = any(isinstance(v, dict) or isinstance(v, list) and any(_keyed(i) for i in v) for v in data.values())
    return data if nested else None


def _keyed(item: Any) -> bool:
    return isinstance(item, dict) and all(isinstance(k, str) and " " not in k for k in item)


def _flow_depth(text: str) -> int:
    """The deepest nesting of '[' and '{' (linear; quotes are not tracked, which only errs deep)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest
