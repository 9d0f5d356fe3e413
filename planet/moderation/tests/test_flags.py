"""Members report content they can see; one open report per member and item."""

import pytest

from conftest import client_for, make_user
from planet.moderation.models import Flag, FlagStatus
from planet.moderation.tests.helpers import comment_on
from planet.projects.models import Status
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(org_admin):
    return make_project(org_admin)


def test_a_member_reports_a_project(member, project):
    client = client_for(member)
    url = f"/moderation/flag/project/{project.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Rivers as classrooms" in page.content.decode()
    response = client.post(url, {"reason": "misleading", "note": "  The figures are invented. "})
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    flag = Flag.objects.get()
    assert flag.content_object == project
    assert (flag.reporter, flag.reason, flag.note, flag.status) == (
        member,
        "misleading",
        "The figures are invented.",
        FlagStatus.OPEN,
    )
    assert (
        "The curators will look at your report."
        in client.get(project.get_absolute_url()).content.decode()
    )


def test_a_member_reports_a_comment(member, outsider, project):
    comment = comment_on(project, outsider)
    response = client_for(member).post(
        f"/moderation/flag/comment/{comment.pk}/", {"reason": "spam"}
    )
    assert response.status_code == 302
    assert Flag.objects.get().content_object == comment


def test_anonymous_visitors_are_asked_to_sign_in(project):
    url = f"/moderation/flag/project/{project.pk}/"
    response = client_for(None).post(url, {"reason": "spam"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not Flag.objects.exists()


def test_a_second_report_by_the_same_member_is_refused(member, project):
    client = client_for(member)
    url = f"/moderation/flag/project/{project.pk}/"
    client.post(url, {"reason": "spam"})
    response = client.post(url, {"reason": "copyright"})
    assert response.status_code == 400
    assert "You already reported this." in response.content.decode()
    assert Flag.objects.count() == 1
    # another member may still report it
    client_for(make_user("other@example.org")).post(url, {"reason": "copyright"})
    assert Flag.objects.count() == 2


def test_a_member_reports_again_once_the_first_report_is_resolved(member, project):
    url = f"/moderation/flag/project/{project.pk}/"
    client_for(member).post(url, {"reason": "spam"})
    Flag.objects.update(status=FlagStatus.RESOLVED, resolution="dismissed")
    assert client_for(member).post(url, {"reason": "spam"}).status_code == 302
    assert Flag.objects.open().count() == 1


def test_reason_other_needs_a_note(member, project):
    url = f"/moderation/flag/project/{project.pk}/"
    response = client_for(member).post(url, {"reason": "other", "note": "   "})
    assert response.status_code == 400
    assert "Say what is wrong when you choose “Other”." in response.content.decode()
    assert not Flag.objects.exists()


@pytest.mark.parametrize("data", [{}, {"reason": "boring"}, {"reason": "spam", "note": "x" * 2001}])
def test_bad_input_saves_nothing(member, project, data):
    response = client_for(member).post(f"/moderation/flag/project/{project.pk}/", data)
    assert response.status_code == 400
    assert not Flag.objects.exists()


def test_the_owner_cannot_report_their_own_content(org_admin, project):
    response = client_for(org_admin).post(
        f"/moderation/flag/project/{project.pk}/", {"reason": "spam"}
    )
    assert response.status_code == 400
    assert "You cannot report your own content." in response.content.decode()
    assert not Flag.objects.exists()


def test_content_the_reporter_cannot_see_is_not_found(member, org_admin):
    draft = make_project(org_admin, title="Secret draft", status=Status.DRAFT)
    hidden = make_project(org_admin, title="Hidden one")
    hidden.hidden_at = hidden.created_at
    hidden.save()
    client = client_for(member)
    for pk in (draft.pk, hidden.pk, 999999):
        assert client.post(f"/moderation/flag/project/{pk}/", {"reason": "spam"}).status_code == 404
    assert (
        client.post(f"/moderation/flag/nothing/{draft.pk}/", {"reason": "spam"}).status_code == 404
    )
    assert not Flag.objects.exists()


def test_the_report_link_shows_to_signed_in_members_but_not_to_the_owner(
    member, org_admin, project
):
    link = f'href="/moderation/flag/project/{project.pk}/"'
    assert link in client_for(member).get(project.get_absolute_url()).content.decode()
    assert link not in client_for(org_admin).get(project.get_absolute_url()).content.decode()
    assert link not in client_for(None).get(project.get_absolute_url()).content.decode()


def test_comments_carry_a_report_link_except_for_their_author(member, outsider, project):
    comment = comment_on(project, outsider)
    link = f'href="/moderation/flag/comment/{comment.pk}/"'
    assert link in client_for(member).get(project.get_absolute_url()).content.decode()
    assert link not in client_for(outsider).get(project.get_absolute_url()).content.decode()


def test_deleting_content_forgets_its_reports(member, project):
    client_for(member).post(f"/moderation/flag/project/{project.pk}/", {"reason": "spam"})
    project.delete()
    assert not Flag.objects.exists()
