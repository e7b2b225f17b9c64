"""What the language tools return: spans of the source text and skill phrases with their spans."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A piece of a text and where it stands in it (character offsets)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SkillPhrase:
    """A skill the text says someone needs: a verb with its object ('classify a shipment from
    its safety data sheet'), or a noun phrase; `start`/`end` point into the source text."""

    verb: str  # lemma ('fill in'); '' for a noun phrase
    verb_text: str  # as written ('fill in', 'laskemaan')
    object: str  # the object and its complements as written
    start: int
    end: int
    sentence: str
    kind: str = "verb-object"  # or 'noun-phrase'
    core: str = ""  # the object's own noun phrase, without complements
    manner: str = ""  # how it is done, from a clause ('karjanlannan ravinteet huomioon ottaen')

    @property
    def text(self) -> str:
        return f"{self.verb_text} {self.object}".strip()


def pieces_between(items, is_separator) -> list[list]:
    """The items cut into the non-empty runs between separators ('A, B and C' -> A | B | C)."""
    pieces: list[list] = [[]]
    for item in items:
        if is_separator(item):
            if pieces[-1]:
                pieces.append([])
        else:
            pieces[-1].append(item)
    return pieces if pieces[-1] else pieces[:-1]
