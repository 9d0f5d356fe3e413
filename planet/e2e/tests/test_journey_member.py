"""A member, by clicks and typing: enters a writing contest (fills the entry form, submits it
and finds it among their entries), then registers for a local event of the Festival."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from planet.challenges.models import Submission, SubmissionStatus
from planet.challenges.tests.factories import add_question, make_challenge
from planet.e2e import BROWSER_DB
from planet.e2e.journeys import field, header_link, keep_off_the_internet, message, sign_in
from planet.events.models import Registration, RegistrationStatus
from planet.events.tests.factories import add_to_festival, make_event, make_festival

pytestmark = BROWSER_DB

CONTEST = "The Little Prince is back"
EVENT = "Story night at the lighthouse"


def test_member_enters_a_contest_then_registers_for_a_festival_event(page, member):
    contest = make_challenge(title=CONTEST)
    add_question(contest, label="Your story", required=True)
    event = _festival_event()
    keep_off_the_internet(page)
    sign_in(page, member.email)

    _enters_the_contest(page)
    _registers_for_the_event(page)

    entry = Submission.objects.get(entrant=member)
    assert entry.challenge == contest and entry.status == SubmissionStatus.SUBMITTED
    registration = Registration.objects.get(event=event, user=member)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert page.js_errors == []


def _festival_event():
    today = timezone.localdate()
    festival = make_festival(
        "Festival of Learning",
        starts_on=today + timedelta(days=20),
        ends_on=today + timedelta(days=28),
    )
    event = make_event(title=EVENT, starts_at=timezone.now() + timedelta(days=21), capacity=30)
    return add_to_festival(event, festival)


def _enters_the_contest(page):
    header_link(page, "Challenges").click()
    page.get_by_role("link", name=CONTEST).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CONTEST)
    page.get_by_role("button", name="Enter", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your draft entry")
    expect(message(page)).to_contain_text("Your draft entry is started")

    field(page, "Title of your entry").fill("A rose on Mars")
    field(page, "Your story").fill("The Little Prince landed on a red and dusty planet.")
    page.get_by_label("I agree that my entry is published").check()
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(message(page)).to_contain_text("Your entry is submitted.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("A rose on Mars")

    page.get_by_role("link", name="My entries").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My entries")
    row = page.get_by_role("row", name="A rose on Mars")
    expect(row).to_contain_text(CONTEST)
    expect(row).to_contain_text("Submitted")


def _registers_for_the_event(page):
    header_link(page, "Festival").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Festival of Learning")
    programme = page.get_by_role("region", name="Programme")
    programme.get_by_role("link", name=EVENT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT)
    registration = page.get_by_role("region", name="Registration")
    expect(registration).to_contain_text("30 places left")
    registration.get_by_role("button", name="Register").click()

    expect(message(page)).to_have_text(
        "You are registered. A confirmation is on its way to your e-mail."
    )
    expect(registration).to_contain_text("You are registered.")
    expect(registration).to_contain_text("29 places left")
    expect(registration.get_by_role("button", name="Cancel my registration")).to_be_visible()
