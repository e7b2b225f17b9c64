"""A passage as the units an extractive answer can quote: sentences of paragraphs, list items,
a lead-in sentence ending in ':' joined with the list it introduces, and a sentence that leans
on the one before it by a pronoun ("Avoid them ...") joined with that one.

The Markdown is read with markdown-it (headings, tables, raw HTML and comments are never
quoted), sentences with the real segmenter; instructing sentences are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from assistant.answer.anaphora import refers_back
from assistant.answer.injection import gives_instructions
from assistant.answer.sentences import sentences

# The corpus's "Checks: C06, C07" lines tie a section to the checker; they answer nothing.
_CHECKS_LINE = re.compile(r"^Checks:\s*[A-Z]\d")


@dataclass(frozen=True)
class Unit:
    text: str
    block: int  # paragraph or list number within the passage, for the order of the answer
    position: int
    lead: str = ""  # for a list with its lead-in: the lead-in alone (a long list blurs its meaning)
    items: int = 0  # for a list with its lead-in: how many items it has ("which four values")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _plain(inline) -> str:
    """The words of an inline token: emphasis marks dropped, breaks as spaces, no raw HTML."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _blocks(markdown: str) -> list[tuple[str, list[str]]]:
    """('paragraph', [text]) and ('list', [item, ...]) in document order."""
    blocks: list[tuple[str, list[str]]] = []
    stack: list[str] = []
    item_numbers: list[str] = []
    # The chunker keeps a section's paragraphs apart with Markdown hard breaks ("  \n").
    for token in _parser().parse(markdown.replace("  \n", "\n\n")):
        if token.nesting == 1:
            stack.append(token.type)
            if token.type == "list_item_open":
                item_numbers.append(token.info if stack[-2:-1] == ["ordered_list_open"] else "")
            if token.type in ("bullet_list_open", "ordered_list_open") and stack.count("bullet_list_open") + stack.count("ordered_list_open") == 1:
                blocks.append(("list", []))
        elif token.nesting == -1:
            if stack.pop() == "list_item_open":
                item_numbers.pop()
        elif token.type == "inline":
            if any(t in stack for t in ("heading_open", "table_open")):
                continue
            text = _plain(token)
            if not text or _CHECKS_LINE.match(text):
                continue
            if "list_item_open" in stack and blocks and blocks[-1][0] == "list":
                # An ordered item keeps its number, as the source shows it ("1. identification...").
                blocks[-1][1].append(f"{number}. {text}" if (number := item_numbers[-1] if item_numbers else "") else text)
            elif "list_item_open" not in stack:
                blocks.append(("paragraph", [text]))
    return blocks


def passage_units(markdown: str, lang: str = "en") -> list[Unit]:
    """The quotable units of one passage, in order, without instructing sentences (and the
    payload that follows one in its paragraph)."""
    units: list[Unit] = []
    blocks = _blocks(markdown)
    for number, (kind, texts) in enumerate(blocks):
        if kind == "list":
            items = [t for t in texts if not gives_instructions(t)]
            lead_in = units[-1] if units and units[-1].block == number - 1 and units[-1].text.endswith(":") else None
            if lead_in is not None and items:
                # "Avoid them as the main verb of an outcome:" says nothing without its list.
                units[-1] = Unit(f"{lead_in.text} {'; '.join(i.rstrip('.;') for i in items)}.", lead_in.block,
                                 lead_in.position, lead_in.text, len(items))
            else:
                units += [Unit(item, number, i) for i, item in enumerate(items)]
            continue
        for position, sentence in enumerate(sentences(texts[0], lang)):
            if gives_instructions(sentence):
                break  # the rest of the paragraph is the instruction's payload
            if number == 0 and position == 0 and sentence[:1].islower():
                continue  # a chunk that starts inside a sentence (the chunker's overlap)
            before = units[-1] if units and units[-1].block == number else None
            if before is not None and refers_back(sentence, lang):
                units[-1] = Unit(f"{before.text} {sentence}", number, before.position)
                continue
            units.append(Unit(sentence, number, position))
    return units
