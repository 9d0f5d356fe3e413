from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_organisation, make_user
from planet.accounts.models import User
from planet.innovators.models import Innovator
from planet.projects.models import Status
from planet.projects.tests.factories import add_location, make_project

pytestmark = pytest.mark.django_db

HEADINGS = {
    "featured": "Curators' choice",
    "recent": "Recent community projects",
    "innovators": "Innovators</h2>",
    "partners": "Partners</h2>",
}


def home(user=None) -> str:
    response = client_for(user).get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_story_shows_even_on_an_empty_platform(anonymous):
    page = home(anonymous)
    assert "Inspire and empower learners to contribute" in page
    assert "Why a learning planet?" in page
    for priority in [
        "Pedagogies for complex challenges",
        "Celebration of learning",
        "The Open Campus",
        "The rights of learners and youth",
    ]:
        assert priority in page
    assert 'href="/projects/new/"' in page  # the call to share a project
    assert page.count('class="sdg-tile sdg-') == 17
    for heading in HEADINGS.values():
        assert heading not in page


def test_each_section_appears_with_its_content(anonymous, curator):
    featured = make_project(title="Curated river school", featured_at=timezone.now())
    make_project(title="Fresh community garden")
    person = make_user("kenji@example.org", "Kenji Watanabe")
    Innovator.objects.create(user=person, quote="Every river is a classroom.", featured_by=curator)
    make_organisation("Badgecraft", kind="company", is_partner=True, country="LT")
    make_organisation("Not a partner", kind="ngo")
    page = home(anonymous)
    for heading in HEADINGS.values():
        assert heading in page
    featured_section = page[page.index(HEADINGS["featured"]) : page.index(HEADINGS["recent"])]
    assert "Curated river school" in featured_section
    recent_section = page[page.index(HEADINGS["recent"]) : page.index(HEADINGS["innovators"])]
    assert "Fresh community garden" in recent_section
    assert "Curated river school" not in recent_section  # shown once, among the curated
    assert featured.get_absolute_url() in page
    assert "Every river is a classroom." in page
    assert f'href="{person.profile.get_absolute_url()}">Kenji Watanabe</a>' in page
    assert "Badgecraft" in page and "Not a partner" not in page


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED])
def test_unpublished_projects_never_appear(cast, member, status):
    make_project(member, title="Secret draft", status=status, featured_at=timezone.now())
    for user in cast.values():
        page = home(user)
        assert "Secret draft" not in page
        assert HEADINGS["featured"] not in page and HEADINGS["recent"] not in page


def test_archived_projects_and_inactive_innovators_do_not_appear(anonymous):
    make_project(title="Old archive", status=Status.ARCHIVED)
    gone = make_user("gone@example.org", "Gone Person", is_active=False)
    Innovator.objects.create(user=gone, quote="I left.")
    page = home(anonymous)
    assert "Old archive" not in page and "I left." not in page


def test_an_avatar_shows_only_to_those_allowed_to_see_it(anonymous, member):
    from django.core.files.base import ContentFile

    from conftest import make_image

    person = make_user("private@example.org", "Priya Private")
    profile = person.profile
    profile.avatar.save("a.webp", ContentFile(make_image("WEBP")), save=False)
    profile.about_visibility = "members"
    profile.save()
    Innovator.objects.create(user=person, quote="Learning never stops.")
    assert profile.avatar.thumbnail.url in home(member)
    page = home(anonymous)
    assert "Learning never stops." in page and profile.avatar.thumbnail.url not in page


def populate(count: int, offset: int) -> None:
    now = timezone.now()
    for number in range(offset, offset + count):
        project = make_project(
            title=f"Project {number}",
            published_at=now - timedelta(hours=number),
            featured_at=now if number % 2 else None,
        )
        add_location(project)
        person = User.objects.create_user(f"person{number}@example.org")  # no slow hashing
        Innovator.objects.create(user=person, quote=f"Quote {number}")
        make_organisation(f"Partner {number}", is_partner=True)


@pytest.mark.parametrize("user_name", ["anonymous", "member", "curator"])
def test_the_home_page_costs_the_same_queries_for_5_or_50_items(
    request, django_assert_num_queries, user_name
):
    client = client_for(request.getfixturevalue(user_name))
    populate(5, 0)
    client.get("/")
    with CaptureQueriesContext(connection) as five:
        client.get("/")
    populate(45, 5)
    with django_assert_num_queries(len(five)):
        page = client.get("/").content.decode()
    assert page.count('class="card project-card"') == 12
