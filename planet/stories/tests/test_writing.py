"""Editors (curators and members given the role) write and publish stories of every kind;
other members may not; covers are checked by content and re-encoded, with a description."""

import io

import pytest
from django.urls import reverse

from conftest import client_for, make_image, make_user
from planet.moderation.models import AuditLog
from planet.stories.models import Story, StoryKind, StoryStatus
from planet.stories.tests.factories import make_story, make_story_editor, story_data

pytestmark = pytest.mark.django_db
CREATE = "/stories/new/"


@pytest.fixture
def story_editor(db):
    return make_story_editor(make_user("writer@example.org", "Wren Writer")).user


def upload(data: bytes, name="cover.png"):
    file = io.BytesIO(data)
    file.name = name
    return file


@pytest.mark.parametrize("who", ["curator", "story_editor"])
def test_editors_publish_a_story_directly(request, who):
    person = request.getfixturevalue(who)
    response = client_for(person).post(CREATE, story_data())
    story = Story.objects.get()
    assert response.status_code == 302 and response["Location"] == story.get_absolute_url()
    assert story.status == StoryStatus.PUBLISHED and story.published_at is not None
    assert story.kind == StoryKind.ESSAY and list(story.authors.all()) == [person]
    assert sorted(goal.number for goal in story.goals.all()) == [4, 12]
    assert AuditLog.objects.for_target(story).get().action == "story.publish"
    assert "Why schools should compost" in client_for(None).get("/stories/").content.decode()


def test_an_editor_may_save_a_draft_and_name_other_authors(story_editor, member, outsider):
    emails = f"{member.email}, {outsider.email.upper()}"
    client_for(story_editor).post(CREATE, story_data(action="save", author_emails=emails))
    story = Story.objects.get()
    assert story.status == StoryStatus.DRAFT and story.published_at is None
    assert set(story.authors.all()) == {member, outsider}
    assert client_for(None).get(story.get_absolute_url()).status_code == 404
    assert client_for(member).get(story.get_absolute_url()).status_code == 200  # an author


def test_an_unknown_author_is_named_and_nothing_is_saved(story_editor):
    response = client_for(story_editor).post(CREATE, story_data(author_emails="ghost@nowhere.org"))
    assert response.status_code == 400
    assert "ghost@nowhere.org" in str(response.context["form"].errors["author_emails"])
    assert not Story.objects.exists()


@pytest.mark.parametrize("who", ["member", "editor", "outsider"])
def test_members_without_the_role_may_not_write_editorial_stories(cast, who):
    # "editor" here is an organisation's editor, not a story editor
    client = client_for(cast[who])
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, story_data()).status_code == 403
    assert not Story.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in():
    response = client_for(None).post(CREATE, story_data())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Story.objects.exists()


@pytest.mark.parametrize("field", ["title", "summary", "body"])
def test_required_texts_are_named(curator, field):
    response = client_for(curator).post(CREATE, story_data(**{field: "   "}))
    assert response.status_code == 400 and field in response.context["form"].errors
    assert not Story.objects.exists()


def test_a_cover_is_reencoded_and_needs_a_description(curator):
    client = client_for(curator)
    response = client.post(CREATE, {**story_data(), "cover": upload(make_image("PNG"))})
    assert response.status_code == 400 and "cover_alt" in response.context["form"].errors
    assert not Story.objects.exists()
    data = {**story_data(cover_alt="Pupils around a compost bin"), "cover": upload(make_image())}
    assert client.post(CREATE, data).status_code == 302
    story = Story.objects.get()
    assert story.cover.name.endswith(".webp")
    assert story.cover.read()[8:12] == b"WEBP"
    page = client_for(None).get(story.get_absolute_url()).content.decode()
    assert f'src="{story.cover.url}" alt="Pupils around a compost bin"' in page


@pytest.mark.parametrize(
    "content",
    [b"<svg onload=alert(1)></svg>", b"%PDF-1.4 not a picture", b"\x89PNG\r\n\x1a\nbroken"],
)
def test_a_file_that_is_not_a_picture_is_refused_and_nothing_is_saved(curator, content):
    data = {**story_data(cover_alt="A picture"), "cover": upload(content, "cover.png")}
    response = client_for(curator).post(CREATE, data)
    assert response.status_code == 400
    assert "not an image" in str(response.context["form"].errors["cover"])
    assert not Story.objects.exists()


def test_editors_edit_any_story_and_authors_may_not_edit_a_published_one(curator, member):
    story = make_story(member, title="River news")
    url = reverse("stories:edit", args=[story.slug])
    assert client_for(member).get(url).status_code == 403
    assert client_for(make_user("o@example.org")).get(url).status_code == 403
    response = client_for(curator).post(url, story_data(title="River news, updated", action="save"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "River news, updated" and story.slug == "river-news"  # stable address
    assert story.status == StoryStatus.PUBLISHED and list(story.authors.all()) == [member]


def test_editors_unpublish_and_publish_again(story_editor, member):
    story = make_story(member)
    url = reverse("stories:publication", args=[story.slug])
    assert client_for(member).post(url, {"action": "unpublish"}).status_code == 403
    assert Story.objects.get().status == StoryStatus.PUBLISHED
    client_for(story_editor).post(url, {"action": "unpublish"})
    assert Story.objects.get().status == StoryStatus.DRAFT
    assert client_for(None).get(story.get_absolute_url()).status_code == 404
    client_for(story_editor).post(url, {"action": "publish"})
    assert Story.objects.get().status == StoryStatus.PUBLISHED
    actions = list(AuditLog.objects.for_target(story).values_list("action", flat=True))
    assert actions == ["story.publish", "story.unpublish"]
