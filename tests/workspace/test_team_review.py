"""In a real browser: a planner drafts and submits a credential, a reviewer comments on an
outcome and approves it, and the Open Badges export names the approver."""

from __future__ import annotations

import json

import pytest
from team_support import PASSWORD, team  # noqa: F401 - a fixture
from workspace.test_workspace import fill, open_tab, wait_text

pytestmark = pytest.mark.slow


def sign_in(browser, url: str, username: str):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.locator("input[type=text]").first.fill(username)
    page.locator("input[type=password]").first.fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("#tab-draft-button")
    return context, page


def choose_credential(page, title: str) -> None:
    open_tab(page, "credentials")
    page.click("#cred-refresh")
    wait_text(page, "#cred-table", title)
    page.locator("#cred-choice input").click()
    page.get_by_role("option").filter(has_text=title).first.click()
    wait_text(page, "#cred-review-state", "revision")


def test_a_reviewer_approves_what_a_planner_drafted_and_the_export_names_them(browser, team, tmp_path) -> None:  # noqa: F811 - the fixture
    from assistant.exports import validate_ob3

    url, services = team
    planner_context, planner = sign_in(browser, url, "pia")
    open_tab(planner, "about")
    wait_text(planner, "#about-text", "pia (planner")
    open_tab(planner, "draft")
    fill(planner, "#brief-title", "Safe battery recycling")
    fill(planner, "#brief-target", "Technicians at recycling plants")
    fill(planner, "#brief-skills", "battery discharge\nhazard assessment\nsorting of cell chemistries")
    planner.click("#draft-run")
    wait_text(planner, "#draft-status", "strategy")
    planner.click("#draft-save")
    wait_text(planner, "#draft-status", "Saved")
    choose_credential(planner, "Safe battery recycling")
    assert "owner pia" in planner.inner_text("#cred-review-state")
    planner.click("#cred-submit")
    wait_text(planner, "#cred-review-state", "in review")

    reviewer_context, reviewer = sign_in(browser, url, "rea")
    open_tab(reviewer, "about")
    wait_text(reviewer, "#about-text", "rea (reviewer")
    choose_credential(reviewer, "Safe battery recycling")
    fill(reviewer, "#cred-comment", "Name the protective equipment in outcome 1.")
    fill(reviewer, "#cred-comment-outcome", "1")
    reviewer.click("#cred-comment-add")
    wait_text(reviewer, "#cred-comments", "protective equipment")
    reviewer.click("#cred-approve")
    wait_text(reviewer, "#cred-review-state", "approved by rea")
    assert "rea · comment · outcome 1" in reviewer.inner_text("#cred-history")

    with reviewer.expect_download() as download_info:
        reviewer.click("#cred-export")
        reviewer.locator("#cred-download a").first.click()
    path = tmp_path / "approved.ob3.json"
    download_info.value.save_as(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert validate_ob3(document) == []
    [endorsement] = document["credentialSubject"]["achievement"]["endorsement"]
    assert endorsement["issuer"]["name"] == "rea" and "rea" in endorsement["credentialSubject"]["endorsementComment"]

    [saved] = services.store.list()
    record = services.store.record(saved.id)
    assert (record.owner, record.state, record.approved_by) == ("pia", "approved", "rea")
    # The planner's list shows the approval too.
    planner.click("#cred-refresh")
    wait_text(planner, "#cred-table", "approved")
    planner_context.close()
    reviewer_context.close()
