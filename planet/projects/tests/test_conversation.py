"""Updates, comments and follows on a project page."""

import pytest

from conftest import client_for, make_user
from planet.moderation.models import AuditLog
from planet.projects.models import (
    Comment,
    Follow,
    Need,
    ProjectMember,
    ProjectUpdate,
    Status,
    TeamRole,
)
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]
TEAM_AND_ADMIN = {"member", "editor", "org_admin", "site_admin"}


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


def _token(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["form"].initial["form_token"]


def post_comment(client, project, body, **extra):
    token = _token(client, f"/projects/{project.slug}/comments/")
    data = {"body": body, "form_token": token, **extra}
    return client.post(f"/projects/{project.slug}/comments/", data)


# Updates


@pytest.mark.parametrize("who", CAST)
def test_the_team_and_site_admins_post_updates(project, cast, who):
    client = client_for(cast[who])
    url = f"/projects/{project.slug}/updates/new/"
    if who not in TEAM_AND_ADMIN:
        response = client.get(url)
        assert response.status_code == (302 if who == "anonymous" else 403)
        post = client.post(url, {"title": "Hacked", "body": "No", "form_token": "x"})
        assert post.status_code == response.status_code
        assert ProjectUpdate.objects.count() == 0
        return
    data = {"title": "Week one", "body": "We **measured** the river.", "form_token": ""}
    data["form_token"] = _token(client, url)
    response = client.post(url, data)
    update = ProjectUpdate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{project.slug}/#update-{update.pk}"
    assert update.author == cast[who] and update.project == project


def test_updates_show_newest_first_rendered_as_markdown(project, org_admin):
    client = client_for(org_admin)
    url = f"/projects/{project.slug}/updates/new/"
    for title in ["First news", "Second news"]:
        client.post(
            url, {"title": title, "body": f"*{title}* body", "form_token": _token(client, url)}
        )
    page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert page.index("Second news") < page.index("First news")
    assert "<em>First news</em> body" in page


def test_drafts_take_updates_from_their_team_only(make_team_project, member, outsider):
    project = make_team_project(Status.DRAFT)
    url = f"/projects/{project.slug}/updates/new/"
    assert client_for(outsider).post(url, {"title": "x", "body": "y"}).status_code == 404
    client = client_for(member)
    client.post(url, {"title": "Draft news", "body": "Soon", "form_token": _token(client, url)})
    assert ProjectUpdate.objects.get().title == "Draft news"


def test_an_update_needs_a_title_and_text_and_is_posted_once(project, editor):
    client = client_for(editor)
    url = f"/projects/{project.slug}/updates/new/"
    token = _token(client, url)
    response = client.post(url, {"title": "  ", "body": " ", "form_token": token})
    assert response.status_code == 400
    assert "Give the update a title." in response.content.decode()
    assert "Write the update." in response.content.decode()
    data = {"title": "Once", "body": "Only once", "form_token": token}
    first, second = client.post(url, data), client.post(url, data)
    assert ProjectUpdate.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


# Comments


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED, Status.ARCHIVED]
)
@pytest.mark.parametrize("who", CAST)
def test_signed_in_members_comment_on_public_projects(make_team_project, cast, who, status):
    project = make_team_project(status)
    client = client_for(cast[who])
    url = f"/projects/{project.slug}/comments/"
    public = status in (Status.PUBLISHED, Status.ARCHIVED)
    if who != "anonymous" and public:
        response = post_comment(client, project, "Lovely *idea*")
        comment = Comment.objects.get()
        assert response.status_code == 302 and response["Location"] == comment.get_absolute_url()
        assert comment.author == cast[who] and comment.parent is None
        return
    response = client.post(url, {"body": "Let me in", "form_token": "x"})
    sees = public or who in TEAM_AND_ADMIN | {"curator"}
    expected = 302 if who == "anonymous" else (403 if sees else 404)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    assert Comment.objects.count() == 0


def test_comments_render_markdown_sanitised_and_replies_nest_one_level(project, outsider, editor):
    post_comment(client_for(outsider), project, "Great **work**")
    top = Comment.objects.get()
    post_comment(client_for(editor), project, "Thanks!", parent=top.pk)
    reply = Comment.objects.latest("pk")
    post_comment(client_for(outsider), project, "You're welcome", parent=reply.pk)
    assert reply.parent == top
    assert Comment.objects.latest("pk").parent == top  # a reply to a reply joins the thread
    page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert "Great <strong>work</strong>" in page
    thread = page[page.index(f'id="comment-{top.pk}"') :]
    assert thread.index("Thanks!") < thread.index("re welcome")


def test_an_empty_comment_is_refused_and_nothing_is_saved(project, outsider):
    response = post_comment(client_for(outsider), project, "   \n ")
    assert response.status_code == 400
    assert "Write something first." in response.content.decode()
    assert Comment.objects.count() == 0


def test_sending_the_same_comment_twice_makes_one(project, outsider):
    client = client_for(outsider)
    token = _token(client, f"/projects/{project.slug}/comments/")
    data = {"body": "Only once", "form_token": token}
    first = client.post(f"/projects/{project.slug}/comments/", data)
    second = client.post(f"/projects/{project.slug}/comments/", data)
    assert Comment.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_htmx_posting_swaps_the_conversation_in_place(project, outsider):
    client = client_for(outsider)
    token = _token(client, f"/projects/{project.slug}/comments/")
    response = client.post(
        f"/projects/{project.slug}/comments/",
        {"body": "Swapped in", "form_token": token},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="comments"') and "<html" not in html
    assert "Swapped in" in html
    new_token = response.context["comment_token"]
    assert new_token and new_token != token and f'value="{new_token}"' in html


@pytest.mark.parametrize("who", CAST)
def test_only_the_author_edits_a_comment(project, cast, outsider, who):
    post_comment(client_for(outsider), project, "Frist")
    comment = Comment.objects.get()
    url = f"/projects/{project.slug}/comments/{comment.pk}/edit/"
    response = client_for(cast[who]).post(url, {"body": "First"})
    comment.refresh_from_db()
    if who == "outsider":
        assert response.status_code == 302
        assert comment.body == "First" and comment.edited_at is not None
        assert "edited" in client_for(None).get(project.get_absolute_url()).content.decode()
    else:
        assert response.status_code == (302 if who == "anonymous" else 403)
        assert comment.body == "Frist" and comment.edited_at is None


@pytest.mark.parametrize("who", CAST)
def test_authors_delete_their_comments_and_moderators_any(project, cast, outsider, who):
    post_comment(client_for(outsider), project, "Buy cheap watches")
    comment = Comment.objects.get()
    url = f"/projects/{project.slug}/comments/{comment.pk}/delete/"
    response = client_for(cast[who]).post(url, {"reason": "Spam"})
    if who in ("outsider", "curator", "site_admin"):
        assert response.status_code == 302
        assert not Comment.objects.exists()
        audit = list(AuditLog.objects.filter(action="comment.delete"))
        if who == "outsider":
            assert audit == []
        else:
            assert audit[0].actor == cast[who] and audit[0].reason == "Spam"
    else:
        assert response.status_code == (302 if who == "anonymous" else 403)
        assert Comment.objects.get().body == "Buy cheap watches"
        assert not AuditLog.objects.exists()


def test_deleting_a_comment_keeps_its_replies(project, outsider, editor):
    post_comment(client_for(outsider), project, "Secret plan")
    top = Comment.objects.get()
    post_comment(client_for(editor), project, "An answer worth keeping", parent=top.pk)
    client_for(outsider).post(f"/projects/{project.slug}/comments/{top.pk}/delete/")
    top.refresh_from_db()
    assert top.is_deleted and top.body == "" and Comment.objects.count() == 2
    page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert "Comment deleted" in page and "An answer worth keeping" in page
    assert "Secret plan" not in page
    # a deleted comment cannot be edited, deleted again or answered
    client = client_for(outsider)
    assert (
        client.post(f"/projects/{project.slug}/comments/{top.pk}/edit/", {"body": "x"}).status_code
        == 404
    )
    assert client.post(f"/projects/{project.slug}/comments/{top.pk}/delete/").status_code == 403
    assert post_comment(client, project, "Still there?", parent=top.pk).status_code == 400
    # when its last reply goes, the placeholder goes too
    reply = top.replies.get()
    client_for(editor).post(f"/projects/{project.slug}/comments/{reply.pk}/delete/")
    assert not Comment.objects.exists()


# Following


def test_following_toggles_and_redirects_without_javascript(project, outsider):
    client = client_for(outsider)
    url = f"/projects/{project.slug}/follow/"
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert Follow.objects.filter(project=project, user=outsider).exists()
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Following" in page and "1 follower" in page
    client.post(url)
    assert not Follow.objects.exists()
    # an explicit wish is idempotent (a double click does not undo it)
    client.post(url, {"operation": "follow"})
    client.post(url, {"operation": "follow"})
    assert Follow.objects.count() == 1


def test_htmx_following_swaps_the_button_and_count(project, outsider, editor):
    Follow.objects.create(project=project, user=editor)
    response = client_for(outsider).post(
        f"/projects/{project.slug}/follow/", {"operation": "follow"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.startswith('<div id="follow"') and "2 followers" in html
    assert 'value="unfollow"' in html


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
@pytest.mark.parametrize("who", CAST)
def test_private_projects_cannot_be_followed(make_team_project, cast, who, status):
    project = make_team_project(status)
    response = client_for(cast[who]).post(f"/projects/{project.slug}/follow/")
    sees = who in TEAM_AND_ADMIN | {"curator"}
    assert response.status_code == (302 if who == "anonymous" else 403 if sees else 404)
    assert not Follow.objects.exists()


def test_anonymous_visitors_are_invited_to_sign_in(project):
    page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert "Sign in to follow" in page and "Sign in to join the conversation" in page


# The page's query budget


def _fill(project, n):
    people = [make_user(f"person{i}@{project.slug}.example.org") for i in range(n)]
    for i, person in enumerate(people):
        top = Comment.objects.create(project=project, author=person, body=f"Comment {i}")
        Comment.objects.create(project=project, author=people[0], parent=top, body="Reply")
        ProjectUpdate.objects.create(project=project, author=person, title=f"U{i}", body="News")
        Need.objects.create(project=project, kind="skills", description=f"Need {i}")
        Follow.objects.create(project=project, user=person)


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "org_admin", "curator"])
def test_the_project_page_costs_the_same_with_2_or_20_rows(
    make_team_project, cast, viewer, django_assert_num_queries
):
    few, many = make_team_project(), make_team_project()
    _fill(few, 2)
    _fill(many, 20)
    client = client_for(cast[viewer])
    client.get(few.get_absolute_url())  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as baseline:
        assert client.get(few.get_absolute_url()).status_code == 200
    with django_assert_num_queries(len(baseline.captured_queries)):
        page = client.get(many.get_absolute_url())
    html = page.content.decode()
    assert "Comment 19" in html and "U19" in html and "Need 19" in html


def test_htmx_shows_a_refused_comment_in_place(project, outsider):
    client = client_for(outsider)
    token = _token(client, f"/projects/{project.slug}/comments/")
    response = client.post(
        f"/projects/{project.slug}/comments/",
        {"body": " ", "form_token": token},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Write something first." in html
    assert Comment.objects.count() == 0
