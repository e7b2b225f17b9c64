"""An HTML page saved as text (a course page, a CMS export), read with the standard library's
HTML parser into the plain shapes the section reader knows: headings as '#', list items as
'- ', table rows as tab-separated cells, paragraphs on lines of their own. Entities are decoded
('H&auml;me' -> 'Häme'); scripts, styles and the page head are left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# A page, not a draft that mentions a tag: a document type, an <html> element, or many tags.
_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|li|td|th|tr|h[1-6]|div|ul|ol|table)\b", re.IGNORECASE)  # not <br>, which Markdown tables use
_MIN_TAGS = 8
_SKIPPED = {"script", "style", "head", "nav", "footer"}
_BLOCKS = {"p", "div", "ul", "ol", "table", "section", "article", "header", "main", "br", "dl", "dd", "dt"}


_MAX_PAGE = 500_000  # characters; a course page is a few dozen kilobytes


def is_html(text: str) -> bool:
    """Whether the text is an HTML page. A page's '<' and '>' pair up; a paste of unclosed '<a'
    is no page (and would make the standard parser rescan it, quadratic in its length)."""
    head = text[:4000]
    if len(text) > _MAX_PAGE or text.count("<") > 1.2 * text.count(">") + 10:
        return False
    return bool(_PAGE.search(head)) or len(_TAG.findall(head)) >= _MIN_TAGS


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current = ""  # the block being read (short: each block is flushed at its end)
        self.skipping = 0
        self.cells: list[str] | None = None

    def _flush(self) -> None:
        if self.current.strip():
            self.lines.append(" ".join(self.current.split()))
        self.current = ""

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self._flush()
        elif tag[:1] == "h" and tag[1:].isdigit():
            self._flush()
            self.current = "#" * int(tag[1:]) + " "
        elif tag == "li":
            self._flush()
            self.current = "- "
        elif tag == "tr":
            self._flush()
            self.cells = []
        elif tag in {"td", "th"} and self.cells is not None:
            self.current = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in {"td", "th"} and self.cells is not None:
            self.cells.append(" ".join(self.current.split()))
            self.current = ""
        elif tag == "tr" and self.cells is not None:
            self.lines.append("\t".join(self.cells))
            self.cells = None
        elif tag in _BLOCKS or tag == "li" or tag[:1] == "h" and tag[1:].isdigit():
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current += data


def html_as_text(text: str) -> str:
    """The page's text in plain lines, a blank line between blocks."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.lines) + "\n"
