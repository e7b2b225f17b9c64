"""The whole workspace in Finnish, as a Finnish planner's browser shows it: every tab, its
accordions, a drafted and saved credential, a check report and the common alerts. Nothing the
workspace itself says may be English; the documents' own text (titles, prompts, passages) may.

A string is English when it is one of the English labels of ui/locales.py (and not also the
Finnish one), or when it holds a common English word of the interface.
"""

from __future__ import annotations

import re

import pytest
from test_workspace import FLAWED_DRAFT, fill, open_tab, wait_text

from ui.locales import STRINGS, t

pytestmark = pytest.mark.slow

# Words of the interface, English only (none is a Finnish word: "on", "no", "into" and "version",
# the genitive of "versio", are left out; the English labels catch "version").
_WORDS = """
the and of to with for from is are not this that your has have yet first again here
choose write suggest saved save open opened nothing between number outcome outcomes skills
skill read problems strategy versions status title owner state revision approved
review download drop upload click files file document documents chunks library mode model
models store database folder signed sign user workspace credential credentials brief valid
suite suites run runs report variant variants prompt prompts made note adopted when who
description kind lang updated accepted edited rejected suggested findings sources gate
configured tests bundled offline multilingual embedding server errors warnings
information ready linked regenerated untitled cache hits misses none examples system
template variables assessment workload level participation quality target group criteria
"""
ENGLISH_WORDS = set(_WORDS.split())

# Names that read the same in both languages: products, standards, formats, option values and
# the user of a workspace without accounts.
NAMES = {"Oppi", "English", "Suomi", "ESCO", "EQF", "ECTS", "Bloom", "Markdown", "JSON", "Open Badges 3.0",
         "ELM JSON-LD", "fake", "auto", "composer", "llm", "hybrid", "en", "fi", "PostgreSQL", "SQLite", "Chroma",
         "local"}

# Gradio's own words that it does not translate and Oppi cannot reach: the file drop zone's
# screen-reader label is fixed in English in Gradio 6.31.
GRADIO_FIXED = {"Click to upload or drop files"}

ENGLISH_LABELS = {entry["en"].strip() for entry in STRINGS.values()
                  if entry.get("fi") and entry["en"].strip() != entry["fi"].strip()} - NAMES

# What belongs to documents, not to the workspace: the prompts' own text and the passages, the
# text boxes the planner or the test filled, the evaluation report page (its own document).
DOCUMENT_TEXT = ", ".join([
    "#prompts-detail p", "#prompts-detail pre", "#prompts-detail li", "#prompts-detail h2", "#prompts-choice",
    "#prompts-system", "#prompts-template", "#prompts-yaml", "#chat-sources", "#check-text", "#eval-report",
    "#prompts-report", "#prompts-case-outputs", "#lib-remove-choice", "#eval-suite", "#prompts-run-suites",
    "#brief-title", "#brief-target", "#brief-skills", "#brief-context", "#draft-chips", "#draft-edit-text",
    "#cred-choice",
])
# Table columns (0-based) that hold documents' text or names: titles, ids, passages, suite names.
DOCUMENT_COLUMNS = {
    "#draft-table": [2, 6, 7], "#lib-table": [0, 1], "#prompts-table": [0, 2, 3], "#cred-table": [0, 1, 2],
    "#eval-runs": [0, 1, 3, 4], "#prompts-variants": [0, 1, 4], "#prompts-history": [2, 3, 4],
}

# A labelled citation ("Lähde: <document › section>") names a document: the text after the label is its.
CITATION_LABELS = [f"{t('check.source', 'fi')}:"]

VISIBLE_TEXT = """([skip, columns, citations]) => {
  const seen = [];
  const visible = (el) => el && el.checkVisibility && el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const documentCell = (el) => {
    const cell = el.closest("[role=gridcell], td");
    const row = cell && cell.closest("[role=row], tr");
    if (!row) return false;
    const index = Array.from(row.querySelectorAll("[role=gridcell], td")).indexOf(cell);
    return Object.entries(columns).some(([table, numbers]) => cell.closest(table) && numbers.includes(index));
  };
  const skipped = (el) => el.closest(skip) || documentCell(el);
  const cited = (node) => {
    const label = node.previousSibling;
    return label && label.nodeType === Node.ELEMENT_NODE && citations.includes(label.textContent.trim());
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent.trim();
    if (!text || !visible(el) || skipped(el) || cited(node) || el.closest("script, style, svg, [aria-hidden=true]")) continue;
    seen.push(text);
  }
  for (const el of document.querySelectorAll("[placeholder], [aria-label], [title]")) {
    if (!visible(el) || skipped(el)) continue;
    for (const attr of ["placeholder", "aria-label", "title"]) {
      const value = (el.getAttribute(attr) || "").trim();
      if (value) seen.push(value);
    }
  }
  return seen;
}"""


FINNISH_DRAFT = """# Pilvipalvelujen perusteet
Laajuus: 3 op
Taso: EQF 6
Arviointi: tentti

Osaamistavoitteet:
- Opiskelija ymmärtää pilvipalvelut.
- Opiskelija osaa ottaa käyttöön verkkosovelluksen julkisessa pilvipalvelussa.
"""


def english_in(texts: list[str]) -> list[str]:
    """The strings of `texts` that are English by the rule of this module."""
    found = []
    for text in dict.fromkeys(texts):
        if text in NAMES or text in GRADIO_FIXED:
            continue
        # Paths, file and package names and ids (review_draft, dev-laiser) are names.
        prose = " ".join(w for w in text.split() if not re.search(r"\w[/_.\-]\w", w))
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", prose)}
        if text in ENGLISH_LABELS or words & ENGLISH_WORDS:
            found.append(text)
    return found


class Reader:
    """Collects what the page shows after each step, with the step's name for the failure."""

    def __init__(self, page) -> None:
        self.page = page
        self.english: dict[str, list[str]] = {}

    def read(self, step: str) -> None:
        self.page.wait_for_timeout(400)
        # Gradio's own transient queue status ("In queue: 1 of 1") is not the page's text: a
        # loaded machine shows it while another event finishes.
        self.page.wait_for_function("!document.body.innerText.includes('In queue:')", timeout=30_000)
        found = english_in(self.page.evaluate(VISIBLE_TEXT, [DOCUMENT_TEXT, DOCUMENT_COLUMNS, CITATION_LABELS]))
        if found:
            self.english[step] = found

    def alert(self, step: str, click: str) -> None:
        """Click `click`, read the alert it raises, then close it."""
        self.page.click(click)
        toast = self.page.locator(".toast-body, [data-testid=toast-body]").first
        toast.wait_for(timeout=15_000)
        self.read(step)
        for close in self.page.locator(".toast-close, [data-testid=toast-close]").all():
            if close.is_visible():
                close.click()
        self.page.wait_for_timeout(300)


@pytest.fixture
def finnish_page(browser, workspace):
    """The workspace in a browser whose language is Finnish (Gradio's own labels follow it)."""
    url, _ = workspace
    context = browser.new_context(locale="fi-FI", viewport={"width": 1400, "height": 1000},
                                  extra_http_headers={"Accept-Language": "fi-FI,fi;q=0.9"})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.wait_for_selector("#tab-chat-button")
    page.get_by_label("Suomi").check()
    wait_text(page, "#tab-draft-button", "Luonnos")
    yield page
    context.close()


def test_english_words_are_caught_and_finnish_passes():
    assert english_in(["Choose a saved credential first.", "Valitse ensin tallennettu mikrotutkinto.",
                       "doc id", "composer", "Open Badges 3.0", "Tavoite 2: hylätty", "Version nimi",
                       "/tmp/of/the/home", "version", "review_draft"]) == [
        "Choose a saved credential first.", "doc id", "version"]


def test_chat_tab_speaks_finnish(finnish_page):
    page, reader = finnish_page, Reader(finnish_page)
    open_tab(page, "chat")
    reader.read("chat")
    page.click("#chat-send")  # nothing asked: the chat stays as it was
    reader.read("chat: nothing asked")
    page.locator("#chat-examples").get_by_text("Kuinka monta tuntia").click()  # examples are Finnish too
    page.wait_for_function("document.querySelector('#chat-question textarea').value.startsWith('Kuinka monta')")
    assert reader.english == {}, "\n".join(f"{step}: {found}" for step, found in reader.english.items())


def test_every_other_tab_speaks_finnish(finnish_page, screenshot):
    """Draft, Check, Credentials, Library, Evaluations, Prompts and About, with their alerts."""
    page, reader = finnish_page, Reader(finnish_page)

    open_tab(page, "draft")
    reader.read("draft")
    reader.alert("draft: save with nothing drafted", "#draft-save")
    reader.alert("draft: reject with nothing drafted", "#draft-reject")
    page.locator("#brief-language").get_by_label("fi").check()
    fill(page, "#brief-title", "Pilvipalvelujen perusteet")
    fill(page, "#brief-target", "Pienten yritysten IT-tukihenkilöt")
    fill(page, "#brief-skills", "pilvipalvelun käyttöönotto\npääsynhallinnan määrittäminen\nkustannusten seuranta")
    page.click("#draft-read")
    wait_text(page, "#draft-status", "luettu")
    reader.read("draft: skills read")
    page.click("#draft-run")
    wait_text(page, "#draft-status", "tapa")
    reader.read("draft: outcomes suggested")
    fill(page, "#draft-number", "2")
    page.click("#draft-reject")
    wait_text(page, "#draft-status", "hylätty")
    table = page.inner_text("#draft-table")
    assert "osaamistavoite" in table and "hylätty" in table and "ehdotettu" in table, table
    screenshot(page, "fi-draft")
    fill(page, "#draft-edit-text", "")
    reader.alert("draft: edit with no text", "#draft-edit")
    reader.alert("draft: ESCO with no suggestion", "#draft-esco-accept")
    page.click("#draft-save")
    wait_text(page, "#draft-status", "Tallennettu")
    reader.read("draft: saved")

    open_tab(page, "check")
    reader.read("check")
    reader.alert("check: nothing pasted", "#check-run")
    reader.alert("check: apply before checking", "#check-apply")
    fill(page, "#check-text", FLAWED_DRAFT)
    page.click("#check-run")
    wait_text(page, "#check-report", "Ei valmis")
    reader.read("check: report on an English draft")
    fill(page, "#check-text", FINNISH_DRAFT)
    page.click("#check-run")
    wait_text(page, "#check-report", "myöntäjä")
    reader.read("check: report on a Finnish draft")
    screenshot(page, "fi-check")

    open_tab(page, "credentials")
    page.click("#cred-refresh")
    wait_text(page, "#cred-table", "Pilvipalvelujen perusteet")
    page.locator("#cred-choice input").click()
    page.get_by_role("option").filter(has_text="Pilvipalvelujen perusteet").first.click()
    wait_text(page, "#cred-review-state", "omistaja")
    reader.read("credentials: a saved credential")
    page.click("#cred-export")
    page.locator("#cred-download a").first.wait_for()
    reader.read("credentials: exported")
    screenshot(page, "fi-credentials")

    open_tab(page, "library")
    reader.read("library")
    assert "tekstijaksot" in page.inner_text("#lib-table") and "ohje" in page.inner_text("#lib-table")
    reader.alert("library: index with nothing chosen", "#lib-index")
    reader.alert("library: remove with nothing chosen", "#lib-remove")

    open_tab(page, "evaluations")
    reader.read("evaluations")

    open_tab(page, "prompts")
    page.locator("#prompts-yaml-box button, #prompts-yaml-box .label-wrap").first.click()
    reader.read("prompts, the file editor open")
    reader.alert("prompts: adopt with no variant", "#prompts-adopt")
    reader.alert("prompts: export with no variant", "#prompts-export")
    editor = page.locator("#prompts-yaml .cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("a: b: c")
    reader.alert("prompts: a file that is not YAML", "#prompts-save-yaml")
    screenshot(page, "fi-prompts")

    open_tab(page, "about")
    wait_text(page, "#about-text", "Kirjautunut")
    reader.read("about")

    assert reader.english == {}, "\n".join(f"{step}: {found}" for step, found in reader.english.items())
