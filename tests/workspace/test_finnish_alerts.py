"""The Library and Check tabs in Finnish: summaries and alerts follow the language switch."""

from __future__ import annotations

import pytest
from test_workspace import open_tab, wait_text

pytestmark = pytest.mark.slow


def test_library_speaks_finnish_after_the_switch(page, workspace, tmp_path):
    _, services = workspace
    page.get_by_label("Suomi").check()
    wait_text(page, "#tab-library-button", "Kirjasto")
    open_tab(page, "library")

    page.click("#lib-index")  # nothing chosen: a Finnish alert, no English
    page.get_by_text("Valitse ensin ladattavat tiedostot.").first.wait_for()

    notes = tmp_path / "muistio.md"
    notes.write_text("---\ntitle: Mentorointimuistio\nlang: fi\n---\n## Mentorit\n\nJokaisella oppijalla on mentori.\n",
                     encoding="utf-8")
    page.locator("#lib-upload input[type=file]").set_input_files(str(notes))
    page.click("#lib-index")
    wait_text(page, "#lib-result", "1 tiedostoa: 1 tekstijaksoa lisätty")
    assert "files" not in page.inner_text("#lib-result")
    assert (services.settings.home / "uploads" / "muistio.md").is_file()

    page.click("#lib-remove")
    page.get_by_text("Valitse poistettava asiakirja.").first.wait_for()


def test_check_alerts_are_finnish_after_the_switch(page):
    page.get_by_label("Suomi").check()
    wait_text(page, "#tab-check-button", "Tarkistus")
    open_tab(page, "check")
    page.click("#check-run")  # nothing pasted
    page.get_by_text("Liitä ensin luonnos tai lataa tiedosto.").first.wait_for()
    page.click("#check-apply")  # nothing checked yet
    page.get_by_text("Tarkista ensin luonnos ja valitse sitten havainto").first.wait_for()
