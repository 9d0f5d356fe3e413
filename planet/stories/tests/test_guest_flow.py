"""Guest stories: any signed-in member shares one; editors accept it (published under the
member's name), ask for changes or decline it with a note; the author is told by e-mail each
time, sees the state on their dashboard, and edits and sends it again after changes."""

import pytest
from django.core import mail
from django.urls import reverse

from conftest import client_for, make_user
from planet.moderation.models import AuditLog
from planet.stories.models import Story, StoryKind, StoryStatus
from planet.stories.tests.factories import make_story, make_story_editor, story_data

pytestmark = pytest.mark.django_db
SHARE = "/stories/submit/"


@pytest.fixture
def story_editor(db):
    return make_story_editor(make_user("writer@example.org", "Wren Writer")).user


@pytest.fixture
def submitted(member, django_capture_on_commit_callbacks):
    data = story_data(kind="news", action="send", title="Our garden on the roof")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(SHARE, data)
    assert response.status_code == 302
    return Story.objects.get()


def decide(user, story, decision, note="", **kwargs):
    url = reverse("stories:decide", args=[story.slug])
    return client_for(user).post(url, {"decision": decision, "note": note}, **kwargs)


def test_a_member_shares_a_guest_story_signed_with_their_name(submitted, member):
    assert submitted.kind == StoryKind.GUEST  # the member cannot choose another kind
    assert submitted.status == StoryStatus.SUBMITTED and submitted.submitted_at
    assert list(submitted.authors.all()) == [member] and submitted.published_at is None
    assert client_for(None).get(submitted.get_absolute_url()).status_code == 404
    assert (
        client_for(make_user("x@example.org")).get(submitted.get_absolute_url()).status_code == 404
    )
    assert "Our garden on the roof" not in client_for(None).get("/stories/").content.decode()
    page = client_for(member).get(submitted.get_absolute_url()).content.decode()
    assert "Submitted to the editors" in page


def test_the_call_to_share_is_on_the_list_and_the_home_page(member):
    for url in ("/stories/", "/"):
        page = client_for(member).get(url).content.decode()
        assert "Do you have a story or essay to share?" in page and SHARE in page


def test_anonymous_visitors_must_sign_in_to_share():
    response = client_for(None).get(SHARE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_queue_is_for_editors_only(submitted, cast, story_editor):
    assert (
        "Our garden on the roof"
        in client_for(story_editor).get("/stories/review/").content.decode()
    )
    assert client_for(cast["curator"]).get("/stories/review/").status_code == 200
    for who in ("member", "outsider", "editor", "org_admin"):
        assert client_for(cast[who]).get("/stories/review/").status_code == 403
    assert client_for(None).get("/stories/review/").status_code == 302


def test_accepting_publishes_with_the_author_credited_and_tells_them(
    submitted, member, story_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(story_editor, submitted, "accept")
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.status == StoryStatus.PUBLISHED and story.published_at
    assert story.reviewed_by == story_editor and list(story.authors.all()) == [member]
    page = client_for(None).get(story.get_absolute_url()).content.decode()
    assert "Mia Member" in page
    assert "Our garden on the roof" in client_for(None).get("/stories/").content.decode()
    [message] = mail.outbox
    assert message.to == [member.email] and "is published" in message.subject
    assert story.get_absolute_url() in message.body
    assert AuditLog.objects.for_target(story).get().action == "story.accept"


@pytest.mark.parametrize(
    ("decision", "status", "subject"),
    [
        ("changes", StoryStatus.CHANGES_REQUESTED, "ask for changes"),
        ("decline", StoryStatus.DECLINED, "not accepted"),
    ],
)
def test_changes_and_declines_need_a_note_which_the_author_reads(
    submitted, member, curator, decision, status, subject, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        refused = decide(curator, submitted, decision, note="   ", follow=True)
    assert Story.objects.get().status == StoryStatus.SUBMITTED and not mail.outbox
    assert not AuditLog.objects.for_target(submitted).exists()
    assert "Nothing was saved" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        decide(curator, submitted, decision, note="Tell us more about the bees.")
    story = Story.objects.get()
    assert story.status == status and story.editor_note == "Tell us more about the bees."
    [message] = mail.outbox
    assert message.to == [member.email] and subject in message.subject
    assert "Tell us more about the bees." in message.body
    audit = AuditLog.objects.for_target(story).get()
    assert audit.action == f"story.{decision}" and audit.reason == "Tell us more about the bees."
    dashboard = client_for(member).get("/dashboard/").content.decode()
    assert "Our garden on the roof" in dashboard and str(status.label) in dashboard
    assert (
        "Tell us more about the bees." in client_for(member).get("/stories/mine/").content.decode()
    )
    assert client_for(None).get(story.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "member", "outsider", "editor", "org_admin"])
def test_only_editors_decide(submitted, cast, who):
    response = decide(cast[who], submitted, "accept")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    assert Story.objects.get().status == StoryStatus.SUBMITTED
    assert not mail.outbox


def test_a_second_decision_changes_nothing(submitted, curator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decide(curator, submitted, "decline", note="Off topic.")
        decide(curator, submitted, "accept")
    assert Story.objects.get().status == StoryStatus.DECLINED and len(mail.outbox) == 1


def test_the_author_edits_and_sends_again_after_changes(submitted, member, curator):
    decide(curator, submitted, "changes", note="Add a photo of the roof.")
    client = client_for(member)
    edit = reverse("stories:edit", args=[submitted.slug])
    page = client.get(edit).content.decode()
    assert "Add a photo of the roof." in page
    response = client.post(
        edit, story_data(title="Our garden on the roof, with bees", action="send")
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.status == StoryStatus.SUBMITTED and story.title.endswith("with bees")
    assert story.kind == StoryKind.GUEST
    decide(curator, story, "accept")
    assert Story.objects.get().status == StoryStatus.PUBLISHED
    assert client.get(edit).status_code == 403  # published: the editors' now


def test_a_draft_is_saved_then_sent_from_its_page(member):
    client = client_for(member)
    client.post(SHARE, story_data(action="save"))
    story = Story.objects.get()
    assert story.status == StoryStatus.DRAFT
    send = reverse("stories:send", args=[story.slug])
    assert client_for(make_user("x@example.org")).post(send).status_code == 404
    assert client.post(send).status_code == 302
    assert Story.objects.get().status == StoryStatus.SUBMITTED
    client.post(send)  # a second time: nothing changes, a clear message
    assert Story.objects.get().status == StoryStatus.SUBMITTED


def test_a_declined_story_may_not_be_edited_or_sent_again(member, curator):
    story = make_story(member, kind=StoryKind.GUEST, status=StoryStatus.DECLINED)
    client = client_for(member)
    assert client.get(reverse("stories:edit", args=[story.slug])).status_code == 403
    client.post(reverse("stories:send", args=[story.slug]))
    assert Story.objects.get().status == StoryStatus.DECLINED
