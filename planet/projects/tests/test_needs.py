"""Needs ("help wanted"): the team lists them; members offer help, which reaches the team."""

import pytest
from django.core import mail

from conftest import client_for
from planet.projects.models import HelpOffer, Need, ProjectMember, Status, TeamRole
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]
MANAGERS = {"editor", "org_admin", "site_admin"}
TEAM = {"member", "editor", "org_admin"}


@pytest.fixture
def make_team_project(cast):
    def make(status=Status.PUBLISHED):
        project = make_project(cast["org_admin"], title=f"A {status} project", status=status)
        ProjectMember.objects.create(project=project, user=cast["editor"], role=TeamRole.EDITOR)
        ProjectMember.objects.create(project=project, user=cast["member"], role=TeamRole.MEMBER)
        return project

    return make


@pytest.fixture
def project(make_team_project):
    return make_team_project()


@pytest.fixture
def need(project):
    return Need.objects.create(project=project, kind="translation", description="Arabic subtitles")


def snapshot():
    return sorted(Need.objects.values_list("pk", "kind", "description", "is_open"))


@pytest.mark.parametrize("who", CAST)
def test_owners_editors_and_site_admins_manage_needs(project, cast, who):
    client = client_for(cast[who])
    url = f"/projects/{project.slug}/needs/"
    data = {"operation": "add", "kind": "funding", "description": "Bus fares for a field trip"}
    if who not in MANAGERS:
        expected = 302 if who == "anonymous" else 403
        assert client.get(url).status_code == expected
        assert client.post(url, data).status_code == expected
        assert snapshot() == []
        return
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    need = Need.objects.get()
    assert (need.kind, need.description, need.is_open) == (
        "funding",
        "Bus fares for a field trip",
        True,
    )


def test_needs_are_closed_reopened_and_deleted(project, need, editor):
    client = client_for(editor)
    url = f"/projects/{project.slug}/needs/"
    client.post(url, {"operation": "close", "need": need.pk})
    need.refresh_from_db()
    assert not need.is_open
    assert (
        "Arabic subtitles" not in client_for(None).get(project.get_absolute_url()).content.decode()
    )
    client.post(url, {"operation": "reopen", "need": need.pk})
    need.refresh_from_db()
    assert need.is_open
    client.post(url, {"operation": "delete", "need": need.pk})
    assert not Need.objects.exists()


def test_a_need_of_another_project_cannot_be_touched(project, need, cast):
    other = make_project(cast["outsider"], title="Someone else's")
    url = f"/projects/{other.slug}/needs/"
    client = client_for(cast["outsider"])
    assert client.post(url, {"operation": "delete", "need": need.pk}).status_code == 404
    assert client.post(url, {"operation": "delete", "need": "x"}).status_code == 404
    assert Need.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "funding", "description": "   "}, "Say what is needed."),
        ({"kind": "magic", "description": "Wands"}, "Select a valid choice"),
        ({"kind": "venue", "description": "x" * 501}, "at most 500 characters"),
    ],
)
def test_bad_needs_are_refused_with_a_clear_message(project, editor, data, message):
    response = client_for(editor).post(
        f"/projects/{project.slug}/needs/", {"operation": "add", **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == []


def test_open_needs_show_on_the_project_page_with_an_offer_form_for_members(
    project, need, outsider, member
):
    Need.objects.create(project=project, kind="venue", description="A hall", is_open=False)
    page = client_for(outsider).get(project.get_absolute_url()).content.decode()
    assert "Arabic subtitles" in page and "Translation" in page and "A hall" not in page
    assert f"/projects/{project.slug}/needs/{need.pk}/offer/" in page
    team_page = client_for(member).get(project.get_absolute_url()).content.decode()
    assert "Arabic subtitles" in team_page and "/offer/" not in team_page
    anonymous_page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert "/offer/" not in anonymous_page and "Sign in to offer help" in anonymous_page


def test_an_offer_is_stored_and_emailed_to_the_team(
    project, need, outsider, django_capture_on_commit_callbacks
):
    url = f"/projects/{project.slug}/needs/{need.pk}/offer/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(outsider).post(url, {"message": "I subtitle in Arabic."}, follow=True)
    assert "Thank you! The team has your offer" in response.content.decode()
    offer = HelpOffer.objects.get()
    assert (offer.need, offer.user, offer.message) == (need, outsider, "I subtitle in Arabic.")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(
        ["admin@school.example.org", "editor@school.example.org", "member@school.example.org"]
    )
    body = mail.outbox[0].body
    assert "Olu Outsider" in mail.outbox[0].subject
    assert "Olu Outsider" in body and "outsider@example.org" in body
    assert "I subtitle in Arabic." in body and "Arabic subtitles" in body
    # the team finds it on the needs page too
    needs_page = client_for(project.team.first().user).get(f"/projects/{project.slug}/needs/")
    assert "I subtitle in Arabic." in needs_page.content.decode()


def test_one_offer_per_person_per_need(project, need, outsider):
    client = client_for(outsider)
    url = f"/projects/{project.slug}/needs/{need.pk}/offer/"
    client.post(url, {"message": "First"})
    response = client.post(url, {"message": "Second"}, follow=True)
    assert "You already offered help for this need" in response.content.decode()
    assert list(HelpOffer.objects.values_list("message", flat=True)) == ["First"]
    assert len(mail.outbox) == 0 or all("Second" not in m.body for m in mail.outbox)


@pytest.mark.parametrize(
    "message, expected", [("   ", "Tell the team how you can help."), ("x" * 2001, "at most 2000")]
)
def test_a_bad_offer_gets_a_clear_message(project, need, outsider, message, expected):
    url = f"/projects/{project.slug}/needs/{need.pk}/offer/"
    response = client_for(outsider).post(url, {"message": message}, follow=True)
    assert expected in response.content.decode()
    assert not HelpOffer.objects.exists() and not mail.outbox


def test_a_fulfilled_need_takes_no_more_offers(project, need, outsider):
    need.is_open = False
    need.save()
    url = f"/projects/{project.slug}/needs/{need.pk}/offer/"
    response = client_for(outsider).post(url, {"message": "Too late?"}, follow=True)
    assert "no longer needs this" in response.content.decode()
    assert not HelpOffer.objects.exists()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PUBLISHED])
@pytest.mark.parametrize("who", CAST)
def test_who_may_offer_help(make_team_project, cast, who, status):
    project = make_team_project(status)
    need = Need.objects.create(project=project, kind="skills", description="A coder")
    response = client_for(cast[who]).post(
        f"/projects/{project.slug}/needs/{need.pk}/offer/", {"message": "Me!"}
    )
    allowed = status == Status.PUBLISHED and who in {"outsider", "curator", "site_admin"}
    if allowed:
        assert response.status_code == 302
        assert HelpOffer.objects.get().user == cast[who]
        return
    sees = status == Status.PUBLISHED or who in TEAM | {"curator", "site_admin"}
    assert response.status_code == (302 if who == "anonymous" else 403 if sees else 404)
    assert not HelpOffer.objects.exists()


def test_the_needs_page_costs_the_same_with_2_or_10_needs(
    make_team_project, editor, django_assert_num_queries
):
    from conftest import make_user

    few, many = make_team_project(), make_team_project()
    for project, n in ((few, 2), (many, 10)):
        for i in range(n):
            need = Need.objects.create(project=project, kind="skills", description=f"Need {i}")
            helper = make_user(f"helper{i}-{project.pk}@example.org")
            HelpOffer.objects.create(need=need, user=helper, message=f"Offer {i}")
    client = client_for(editor)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as baseline:
        client.get(f"/projects/{few.slug}/needs/")
    with django_assert_num_queries(len(baseline.captured_queries)):
        page = client.get(f"/projects/{many.slug}/needs/").content.decode()
    assert "Offer 9" in page and "Need 9" in page
