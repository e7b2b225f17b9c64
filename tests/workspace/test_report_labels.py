"""The check report speaks the workspace's language."""

from __future__ import annotations

from assistant.services.checking import CheckingService
from ui.tabs.check import report_markdown

DRAFT = "Osaamistavoitteet:\n- Opiskelija ymmärtää pilvipalvelujen perusteet.\n"


def test_report_headings_follow_the_language(settings):
    report = CheckingService(settings).check_text(DRAFT)
    finnish, english = report_markdown(report, "fi"), report_markdown(report, "en")
    assert "Ei valmis" in finnish and "### Virheet" in finnish and "Tee näin" in finnish
    assert "Not ready" in english and "### Errors" in english and "Do instead" in english
