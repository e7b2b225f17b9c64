"""Sentence boundaries from a real segmenter (sentencex: abbreviation-aware, Finnish included)."""

from __future__ import annotations

import sentencex

SEGMENTER_LANGS = {"en", "fi", "sv"}


def segments(text: str, lang: str = "en") -> list[str]:
    """Sentences with their trailing whitespace: joined, they give back `text` exactly."""
    return list(sentencex.segment(lang if lang in SEGMENTER_LANGS else "en", text))


def sentences(text: str, lang: str = "en") -> list[str]:
    """Non-empty sentences, stripped."""
    return [s.strip() for s in segments(text, lang) if s.strip()]
