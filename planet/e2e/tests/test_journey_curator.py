"""A curator's round, by clicks and typing: from the review queue to a published project, then
featured on the platform, where visitors see it among the curators' choice."""

from playwright.sync_api import expect

from conftest import make_user
from planet.e2e import BROWSER_DB
from planet.e2e.journeys import account_link, keep_off_the_internet, message, sign_in
from planet.projects.models import Status
from planet.projects.tests.factories import make_project

pytestmark = BROWSER_DB


def test_curator_publishes_and_features_a_submitted_project(page, curator):
    owner = make_user("owner@example.org", "Omar Owner")
    project = make_project(owner, title="Medina water walks", status=Status.SUBMITTED)
    keep_off_the_internet(page)
    sign_in(page, curator.email)

    # The submission waits in the review queue.
    account_link(page, "Review queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects waiting for review")
    expect(page.get_by_role("row", name="Medina water walks")).to_contain_text("Omar Owner")
    page.get_by_role("link", name="Medina water walks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Medina water walks")

    # Publish it.
    page.get_by_role("button", name="Publish").click()
    expect(message(page)).to_have_text("The project is published.")
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)

    # Feature it, with a note to the team.
    page.get_by_text("Feature", exact=True).click()
    page.get_by_label("Note to the team (optional)").fill("A model for coastal schools.")
    page.get_by_role("button", name="Feature on the platform").click()
    expect(message(page)).to_have_text("The project is featured on the platform.")
    expect(page.get_by_text("Curated on the platform")).to_be_visible()

    # The queue is empty again, and the home page shows the project among the curators' choice.
    account_link(page, "Review queue").click()
    expect(page.get_by_role("main")).to_contain_text("No project is waiting for review.")
    page.get_by_role("link", name="LearningPlanet", exact=True).click()
    choice = page.get_by_role("region", name="Curators' choice")
    expect(choice.get_by_role("link", name="Medina water walks")).to_be_visible()

    project.refresh_from_db()
    assert project.status == Status.PUBLISHED and project.is_featured
    assert page.js_errors == []
