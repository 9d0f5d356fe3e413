"""The main pages of the site, and a little public data to show on them.

Shared by the checks that must cover every main page template: accessibility (axe-core,
planet/e2e/tests/test_accessibility.py), valid HTML (vnu, planet/core/tests/test_valid_html.py)
and any other check over the whole site. A page is opened either by an anonymous visitor or
by `data.member`, who owns the content, belongs to the organisation and has a draft entry in
the contest. `FORMS_WITH_ERRORS` are the forms also checked as they look after a bad post.

    data = make_public_data()
    for page in MAIN_PAGES:
        url = page.url(data)
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import make_image, make_organisation, make_user
from planet.accounts.models import User
from planet.campus.models import LearningOpportunity, Resource
from planet.campus.tests.factories import make_opportunity, make_resource
from planet.challenges.models import Challenge, Submission
from planet.challenges.tests.factories import add_question, make_challenge, make_entry
from planet.consultations.models import Consultation, Proposal
from planet.consultations.tests.factories import make_consultation, make_proposal
from planet.events.models import Event, Festival
from planet.events.tests.factories import add_to_festival, make_event, make_festival
from planet.innovators.models import Innovator
from planet.orgs.models import Organisation
from planet.projects.models import Project
from planet.projects.tests.factories import add_location, make_project
from planet.sdgs.models import Goal
from planet.stories.models import Story
from planet.stories.tests.factories import make_story

ANONYMOUS = "anonymous"
MEMBER = "member"


@dataclass(frozen=True)
class PublicData:
    member: User
    organisation: Organisation
    project: Project
    event: Event
    festival: Festival
    challenge: Challenge
    entry: Submission
    story: Story
    resource: Resource
    opportunity: LearningOpportunity
    consultation: Consultation
    proposal: Proposal


def make_public_data() -> PublicData:
    """One of each kind of content, published, with the links between them that the pages
    show (a project of the organisation on the map, an event in the running festival...)."""
    member = make_user("mia@example.org", "Mia Member")
    _fill_profile(member)
    organisation = make_organisation(
        "Lycée Planète", admin=member, country="FR", is_partner=True, website="https://lp.example"
    )
    organisation.logo.save("logo.png", ContentFile(make_image()), save=True)
    project = _make_project(member, organisation)
    festival = _make_running_festival()
    event = add_to_festival(make_event(member, organisation=organisation), festival)
    challenge = make_challenge(member, organisation=organisation)
    add_question(challenge, "Your story")
    entry = make_entry(challenge, member, submitted=False)
    consultation = make_consultation(member)
    return PublicData(
        member=member,
        organisation=organisation,
        project=project,
        event=event,
        festival=festival,
        challenge=challenge,
        entry=entry,
        story=make_story(member, goals=Goal.objects.filter(number__in=[4, 14])),
        resource=_make_resource(member),
        opportunity=make_opportunity(member, country="SN", latitude=14.7, longitude=-17.4),
        consultation=consultation,
        proposal=make_proposal(consultation, member),
    )


@pytest.fixture(name="public_data")
def public_data_fixture(db) -> PublicData:
    """`public_data` for a test module that imports `public_data_fixture`."""
    return make_public_data()


# Only the live server answers a browser test: map tiles and other outside requests fail
# at once instead of waiting for a network that may not be there.
OUTSIDE_REQUESTS = re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])")


def open_as(new_page, server_url: str, viewer: str, data: PublicData, **options):
    """A browser page (`new_page` options) for `viewer`: ANONYMOUS, or MEMBER signed in."""
    page = new_page(**options)
    page.route(OUTSIDE_REQUESTS, lambda route: route.abort())
    if viewer == MEMBER:
        sign_in(page, data.member, server_url)
    return page


def sign_in(page, user: User, server_url: str) -> None:
    """Give the browser page a session of `user` (for checks of pages, not journeys: a
    journey signs in through the login page)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server_url}]
    )


def _fill_profile(user: User) -> None:
    profile = user.profile
    profile.bio = "Teacher of geography; rivers are my classroom."
    profile.country, profile.city = "FR", "Lyon"
    profile.languages, profile.skills = ["fr", "en"], ["fieldwork"]
    profile.save()
    profile.sdgs.set(Goal.objects.filter(number__in=[4, 6]))
    Innovator.objects.create(user=user, quote="Learning starts outside the classroom.")


def _make_project(owner: User, organisation: Organisation) -> Project:
    project = make_project(owner, content_language="en", featured_at=timezone.now())
    project.published_at = timezone.now()
    project.cover_alt = "Pupils measuring the river"
    project.cover.save("cover.png", ContentFile(make_image()), save=True)
    project.organisations.add(organisation)
    add_location(project)
    return project


def _make_running_festival() -> Festival:
    today = timezone.localdate()
    return make_festival(
        starts_on=today - datetime.timedelta(days=2), ends_on=today + datetime.timedelta(days=9)
    )


def _make_resource(proposer: User) -> Resource:
    resource = make_resource(proposer)
    resource.goals.set(Goal.objects.filter(number__in=[4, 13]))
    return resource


@dataclass(frozen=True)
class MainPage:
    """A page to check: `name` names it in reports, `url(data)` gives its address and
    `viewer` says who opens it (ANONYMOUS or MEMBER)."""

    name: str
    url: Callable[[PublicData], str]
    viewer: str = ANONYMOUS

    def __str__(self) -> str:
        return f"{self.name} ({self.viewer})"


def _url(name: str, *args: Callable[[PublicData], object]) -> Callable[[PublicData], str]:
    """`_url("projects:detail", lambda d: d.project.slug)`: reverse() once the data exists."""
    return lambda data: reverse(name, args=[arg(data) for arg in args])


def _slug(field: str) -> Callable[[PublicData], str]:
    return lambda data: getattr(data, field).slug


MAIN_PAGES = [
    MainPage("home", _url("core:home")),
    MainPage("project list", _url("projects:list")),
    MainPage("project detail", _url("projects:detail", _slug("project"))),
    MainPage("program spread", _url("programs:spread", _slug("project"))),
    MainPage("programs", _url("programs:list")),
    MainPage("organisation list", _url("orgs:list")),
    MainPage("organisation detail", _url("orgs:detail", _slug("organisation"))),
    MainPage("profile", _url("profiles:detail", lambda d: d.member.profile.handle)),
    MainPage("SDG list", _url("sdgs:list")),
    MainPage("SDG hub", _url("sdgs:detail", lambda d: 4)),
    MainPage("search results", lambda data: reverse("search:search") + "?q=river"),
    MainPage("map", _url("maps:index")),
    MainPage("challenge list", _url("challenges:list")),
    MainPage("challenge detail", _url("challenges:detail", _slug("challenge"))),
    MainPage("event list", _url("events:list")),
    MainPage("event detail", _url("events:detail", _slug("event"))),
    MainPage("festival programme", _url("festival:home")),
    MainPage("story list", _url("stories:list")),
    MainPage("story detail", _url("stories:detail", _slug("story"))),
    MainPage("campus catalogue", _url("campus:catalogue")),
    MainPage("campus resource", _url("campus:resource", _slug("resource"))),
    MainPage("campus opportunities", _url("campus:opportunities")),
    MainPage("campus opportunity", _url("campus:opportunity", _slug("opportunity"))),
    MainPage("consultation list", _url("consultations:list")),
    MainPage("consultation detail", _url("consultations:detail", _slug("consultation"))),
    MainPage(
        "consultation proposal",
        _url("consultations:proposal", _slug("consultation"), lambda d: d.proposal.pk),
    ),
    MainPage("open data", _url("opendata:index")),
    MainPage("login", _url("account_login")),
    MainPage("signup", _url("account_signup")),
    MainPage("password reset", _url("account_reset_password")),
    MainPage("home", _url("core:home"), MEMBER),
    MainPage("project detail", _url("projects:detail", _slug("project")), MEMBER),
    MainPage("dashboard", _url("dashboard"), MEMBER),
    MainPage("account settings", _url("accounts:settings"), MEMBER),
    MainPage("API tokens", _url("apikeys:list"), MEMBER),
    MainPage("project form", _url("projects:create"), MEMBER),
    MainPage("project edit form", _url("projects:edit", _slug("project")), MEMBER),
    MainPage("organisation form", _url("orgs:create"), MEMBER),
    MainPage("challenge detail", _url("challenges:detail", _slug("challenge")), MEMBER),
    MainPage(
        "challenge entry form",
        _url("challenges:entry_edit", _slug("challenge"), lambda d: d.entry.pk),
        MEMBER,
    ),
    MainPage("event form", _url("events:create"), MEMBER),
    MainPage("event detail", _url("events:detail", _slug("event")), MEMBER),
    MainPage("my events", _url("events:mine"), MEMBER),
    MainPage("story share form", _url("stories:share"), MEMBER),
    MainPage("campus resource proposal", _url("campus:propose"), MEMBER),
    MainPage("consultation detail", _url("consultations:detail", _slug("consultation")), MEMBER),
]

# Forms checked after an empty post, as they show their validation errors.
FORMS_WITH_ERRORS = [
    MainPage("login", _url("account_login")),
    MainPage("signup", _url("account_signup")),
    MainPage("project form", _url("projects:create"), MEMBER),
    MainPage("event form", _url("events:create"), MEMBER),
    MainPage("story share form", _url("stories:share"), MEMBER),
]
