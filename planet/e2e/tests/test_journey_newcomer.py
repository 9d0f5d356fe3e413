"""A newcomer's first visit, by clicks and typing: sign up, verify the e-mail address, create
an organisation and a project, and submit the project to the curators."""

from playwright.sync_api import expect

from conftest import PASSWORD
from planet.e2e import BROWSER_DB
from planet.e2e.journeys import (
    account_link,
    field,
    keep_off_the_internet,
    link_in_mail_to,
    message,
)
from planet.projects.models import Project, Status

pytestmark = BROWSER_DB

EMAIL = "nadia@example.org"


def test_newcomer_signs_up_and_submits_a_project(page):
    keep_off_the_internet(page)
    page.goto("/")

    # Sign up from the header.
    account_link(page, "Join").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")
    field(page, "Email").fill(EMAIL)
    field(page, "Display name").fill("Nadia Haddad")
    field(page, "Password").fill(PASSWORD)
    field(page, "Password (again)").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    expect(account_link(page, "Sign in")).to_be_visible()  # not signed in before verifying

    # Follow the link of the e-mail and confirm the address: now signed in.
    page.goto(link_in_mail_to(EMAIL, "/accounts/confirm-email/"))
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    page.get_by_role("button", name="Confirm").click()
    expect(message(page)).to_contain_text(f"You have confirmed {EMAIL}")
    expect(account_link(page, "Nadia Haddad")).to_be_visible()

    # Create an organisation from the account settings.
    account_link(page, "Nadia Haddad").click()
    page.get_by_role("link", name="Your organisations").click()
    page.get_by_role("main").get_by_role("link", name="Create an organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an organisation")
    field(page, "Name").fill("Tunis Learning Lab")
    field(page, "Kind").select_option(label="Third place")
    field(page, "Country").select_option(label="Tunisia")
    field(page, "Website").fill("https://lab.example.org")
    page.get_by_role("button", name="Create the organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tunis Learning Lab")

    # Share a project from the dashboard, with the organisation behind it.
    account_link(page, "Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My dashboard")
    expect(page.get_by_role("main")).to_contain_text("Tunis Learning Lab")
    page.get_by_role("main").get_by_role("link", name="Share a project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share a project")
    field(page, "Kind").select_option(label="Program")
    field(page, "Title").fill("Medina water walks")
    field(page, "One-line summary").fill("Pupils follow the old water routes of the medina.")
    field(page, "Description").fill("Each class maps **one fountain**.")
    field(page, "Stage").select_option(index=1)
    field(page, "4. Quality education").check()
    field(page, "6. Clean water and sanitation").check()
    field(page, "Place").fill("Tunis")
    field(page, "Country").select_option(label="Tunisia")
    field(page, "Latitude").fill("36.8")
    field(page, "Longitude").fill("10.18")
    field(page, "Tunis Learning Lab").check()
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Medina water walks")
    expect(message(page)).to_contain_text("Your project is saved as a draft")

    # Submit it to the curators.
    page.get_by_role("button", name="Submit for curation").click()
    expect(message(page)).to_contain_text("submitted")
    expect(page.get_by_role("button", name="Submit for curation")).to_have_count(0)
    account_link(page, "Dashboard").click()
    expect(page.get_by_role("row", name="Medina water walks")).to_contain_text("Submitted")

    project = Project.objects.get(title="Medina water walks")
    assert project.status == Status.SUBMITTED
    assert [org.name for org in project.organisations.all()] == ["Tunis Learning Lab"]
    assert page.js_errors == []
