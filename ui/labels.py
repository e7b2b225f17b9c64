"""Components register the label key they show, so one switch relabels the whole workspace."""

from __future__ import annotations

from collections.abc import Callable

import gradio as gr

from ui.locales import t


class Labels:
    """Collects each component with how it looks in a language, and produces the updates for another."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._bound: list[tuple[gr.components.Component, Callable[[str], dict]]] = []

    def __call__(self, key: str) -> str:
        return t(key, self.lang)

    def bind(self, component, key: str, attribute: str = "label", template: str = "{}"):
        """Register `component` to show t(key) in `attribute`, formatted by `template`."""
        self._bound.append((component, lambda lang: {attribute: template.format(t(key, lang))}))
        return component

    def bind_update(self, component, make: Callable[[str], dict]):
        """Register a component whose update for a language `make(lang)` builds (e.g. samples)."""
        self._bound.append((component, make))
        return component

    def bind_choices(self, component, choices: list[tuple[str, str]]):
        """Register a radio or dropdown whose choices are (label key, value) pairs."""
        self._bound.append((component, lambda lang: {"choices": [(t(key, lang), value) for key, value in choices]}))
        return component

    def bind_headers(self, component, keys: list[str]):
        """Register a table whose column headings are label keys."""
        self._bound.append((component, lambda lang: {"headers": [t(key, lang) for key in keys]}))
        return component

    def choices(self, choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(self(key), value) for key, value in choices]

    def headers(self, keys: list[str]) -> list[str]:
        return [self(key) for key in keys]

    @property
    def components(self) -> list:
        return [component for component, _ in self._bound]

    def updates(self, lang: str) -> list:
        return [gr.update(**make(lang)) for _, make in self._bound]
