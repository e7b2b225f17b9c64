"""Components register the label key they show, so one switch relabels the whole workspace."""

from __future__ import annotations

import gradio as gr

from ui.locales import t


class Labels:
    """Collects (component, key, attribute) and produces the updates for another language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._bound: list[tuple[gr.components.Component, str, str, str]] = []

    def __call__(self, key: str) -> str:
        return t(key, self.lang)

    def bind(self, component, key: str, attribute: str = "label", template: str = "{}"):
        """Register `component` to show t(key) in `attribute`, formatted by `template`."""
        self._bound.append((component, key, attribute, template))
        return component

    @property
    def components(self) -> list:
        return [component for component, *_ in self._bound]

    def updates(self, lang: str) -> list:
        return [gr.update(**{attr: template.format(t(key, lang))}) for _, key, attr, template in self._bound]
