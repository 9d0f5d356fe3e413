"""Curators give and take back the story editor role on /stories/editors/, audited; the role
opens the writing and review pages; nobody else may change it."""

import pytest

from conftest import client_for, make_user
from planet.moderation.models import AuditLog
from planet.stories.models import StoryEditor

pytestmark = pytest.mark.django_db
URL = "/stories/editors/"


def test_a_curator_grants_and_revokes_the_role(curator, member):
    client = client_for(curator)
    assert client_for(member).get("/stories/new/").status_code == 403
    response = client.post(URL, {"email": member.email.upper(), "change": "grant"})
    assert response.status_code == 302
    editor = StoryEditor.objects.get()
    assert editor.user == member and editor.granted_by == curator
    assert client_for(member).get("/stories/new/").status_code == 200
    assert client_for(member).get("/stories/review/").status_code == 200
    assert member.email in client.get(URL).content.decode()
    client.post(URL, {"email": member.email, "change": "revoke"})
    assert not StoryEditor.objects.exists()
    assert client_for(member).get("/stories/new/").status_code == 403
    actions = list(AuditLog.objects.for_target(member).values_list("action", flat=True))
    assert actions == ["story_editor.revoked", "story_editor.granted"]


@pytest.mark.parametrize(
    ("email", "change", "message"),
    [
        ("nobody@example.org", "grant", "No member has this e-mail address."),
        ("curator@example.org", "grant", "Curators are story editors already."),
        ("member@school.example.org", "revoke", "This member is not a story editor."),
    ],
)
def test_bad_requests_are_named_and_change_nothing(curator, member, email, change, message):
    response = client_for(curator).post(URL, {"email": email, "change": change})
    assert response.status_code == 400 and message in response.content.decode()
    assert not StoryEditor.objects.exists() and not AuditLog.objects.exists()


def test_granting_twice_is_refused(curator, member):
    client = client_for(curator)
    client.post(URL, {"email": member.email})
    response = client.post(URL, {"email": member.email})
    assert response.status_code == 400 and "already a story editor" in response.content.decode()
    assert StoryEditor.objects.count() == 1


@pytest.mark.parametrize("who", ["member", "editor", "org_admin", "outsider"])
def test_only_curators_manage_the_role(cast, who):
    client = client_for(cast[who])
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"email": cast["member"].email}).status_code == 403
    assert not StoryEditor.objects.exists()


def test_a_story_editor_may_not_manage_the_role(member):
    StoryEditor.objects.create(user=member)
    other = make_user("other@example.org")
    assert client_for(member).post(URL, {"email": other.email}).status_code == 403
    assert StoryEditor.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in():
    response = client_for(None).get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
