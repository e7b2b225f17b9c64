"""An HTML page saved as text (a course page, a CMS export), read with the standard library's
HTML parser into the plain shapes the section reader knows: headings as '#', list items as
'- ', table rows as tab-separated cells, paragraphs on lines of their own. Entities are decoded
('H&auml;me' -> 'Häme'); scripts, styles and the page head are left out. Line numbers are those
of the plain text, not of the page, so a page's findings carry no line spans.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# A page, not a draft that mentions tags: a document type, an <html> or a <body> element.
_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]", re.IGNORECASE)
_MAX_PAGE = 500_000  # characters; a course page is a few dozen kilobytes
_SKIPPED = {"script", "style", "head", "nav", "footer"}
_BLOCKS = {"p", "div", "ul", "ol", "table", "section", "article", "header", "main", "dl", "dd", "dt", "br"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}


def is_html(text: str) -> bool:
    """Whether the text is an HTML page. A page's '<' and '>' pair up; a paste of unclosed '<a'
    is no page (and would make the standard parser rescan it, quadratic in its length)."""
    if len(text) > _MAX_PAGE or text.count("<") > 1.2 * text.count(">") + 10:
        return False
    return bool(_PAGE.search(text[:4000]))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current = ""  # the block being read (short: each block is flushed at its end)
        self.skipping = 0
        self.cells: list[str] | None = None  # the row being read: blocks inside a cell stay in it

    def _flush(self) -> None:
        text = " ".join(self.current.split())
        if text.strip("#- "):
            self.lines.append(text)
        self.current = ""

    def _end_cell(self) -> None:
        if self.cells is not None and self.current.strip():
            self.cells.append(" ".join(self.current.split()))
        self.current = ""

    def _end_row(self) -> None:
        if self.cells is not None:
            self._end_cell()
            if any(self.cells):
                self.lines.append("\t".join(self.cells))
        self.cells = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":
            self.skipping = 0  # a <head> left open ends at the body
        elif tag in _SKIPPED:
            self.skipping += 1
        elif tag == "tr":
            self._end_row()
            self._flush()
            self.cells = []
        elif tag in {"td", "th"} and self.cells is not None:
            self._end_cell()  # an end tag may be left out
        elif self.cells is not None:
            self.current += " "  # a <p> or <br> inside a cell keeps the cell whole
        elif tag in _BLOCKS:
            self._flush()
        elif tag in _HEADINGS:
            self._flush()
            self.current = "#" * _HEADINGS[tag] + " "
        elif tag == "li":
            self._flush()
            self.current = "- "

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in {"td", "th"} and self.cells is not None:
            self._end_cell()
        elif tag in {"tr", "table"}:
            self._end_row()
        elif self.cells is None and (tag in _BLOCKS or tag in _HEADINGS or tag == "li"):
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current += data


def html_as_text(text: str) -> str:
    """The page's text in plain lines, a blank line between blocks."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    parser._end_row()
    parser._flush()
    return "\n\n".join(parser.lines) + "\n"
