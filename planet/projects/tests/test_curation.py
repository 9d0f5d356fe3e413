from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from conftest import client_for, make_user
from planet.moderation.models import AuditLog
from planet.projects.models import Project, ProjectMember, Status, TeamRole
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_project(org_admin, editor):
    """A draft with an owner (org_admin) and an editor."""
    project = make_project(org_admin, title="Rivers as classrooms", status=Status.DRAFT)
    ProjectMember.objects.create(project=project, user=editor, role=TeamRole.EDITOR)
    return project


def _transition(user, project, action, capture, client=None, **data):
    client = client or client_for(user)
    with capture(execute=True):
        return client.post(f"/projects/{project.slug}/transition/{action}/", data)


def _state(project):
    project.refresh_from_db()
    return project.status, project.featured_at


def test_owner_submits_a_draft_the_team_is_told_and_it_is_audited(
    team_project, org_admin, editor, django_capture_on_commit_callbacks
):
    response = _transition(org_admin, team_project, "submit", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == team_project.get_absolute_url()
    team_project.refresh_from_db()
    assert team_project.status == Status.SUBMITTED and team_project.submitted_at
    entry = AuditLog.objects.for_target(team_project).get()
    assert entry.action == "project.submit" and entry.actor == org_admin
    assert sorted(m.to[0] for m in mail.outbox) == sorted([org_admin.email, editor.email])
    assert all("was submitted for curation" in m.subject for m in mail.outbox)
    assert team_project.get_absolute_url() in mail.outbox[0].body


def test_editor_may_submit_a_returned_project(
    team_project, editor, django_capture_on_commit_callbacks
):
    Project.objects.filter(pk=team_project.pk).update(status=Status.RETURNED)
    _transition(editor, team_project, "submit", django_capture_on_commit_callbacks)
    assert _state(team_project)[0] == Status.SUBMITTED


def test_return_requires_written_feedback(
    team_project, curator, django_capture_on_commit_callbacks
):
    Project.objects.filter(pk=team_project.pk).update(status=Status.SUBMITTED)
    response = _transition(
        curator, team_project, "return", django_capture_on_commit_callbacks, note="   "
    )
    assert response.status_code == 400
    assert "Write your feedback" in response.content.decode()
    assert _state(team_project)[0] == Status.SUBMITTED
    assert not AuditLog.objects.exists() and mail.outbox == []


def test_curator_returns_with_feedback_that_reaches_the_team(
    team_project, curator, org_admin, editor, django_capture_on_commit_callbacks
):
    Project.objects.filter(pk=team_project.pk).update(status=Status.SUBMITTED)
    feedback = "Please add where the classes take place and which ages take part."
    response = _transition(
        curator, team_project, "return", django_capture_on_commit_callbacks, note=feedback
    )
    assert response.status_code == 302
    assert _state(team_project)[0] == Status.RETURNED
    entry = AuditLog.objects.for_target(team_project).get()
    assert entry.action == "project.return" and entry.reason == feedback
    assert entry.actor == curator
    assert sorted(m.to[0] for m in mail.outbox) == sorted([org_admin.email, editor.email])
    assert all("returned with feedback" in m.subject and feedback in m.body for m in mail.outbox)
    # the team reads the feedback on the project page
    page = client_for(editor).get(team_project.get_absolute_url()).content.decode()
    assert "Feedback from the curators" in page and "which ages take part" in page


def test_curator_publishes_features_and_unfeatures(
    team_project, curator, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    Project.objects.filter(pk=team_project.pk).update(status=Status.SUBMITTED)
    _transition(curator, team_project, "publish", capture)
    assert _state(team_project) == (Status.PUBLISHED, None)
    assert team_project.published_at
    _transition(curator, team_project, "feature", capture, note="A model of its kind.")
    status, featured_at = _state(team_project)
    assert status == Status.PUBLISHED and featured_at
    assert team_project in Project.objects.featured()
    _transition(curator, team_project, "unfeature", capture)
    assert _state(team_project) == (Status.PUBLISHED, None)
    actions = list(
        AuditLog.objects.for_target(team_project).order_by("pk").values_list("action", "reason")
    )
    assert actions == [
        ("project.publish", ""),
        ("project.feature", "A model of its kind."),
        ("project.unfeature", ""),
    ]
    subjects = [m.subject for m in mail.outbox]
    assert any("is published" in s for s in subjects)
    assert any("is featured on LearningPlanet" in s for s in subjects)
    assert any("no longer featured" in s for s in subjects)
    assert "A model of its kind." in next(m.body for m in mail.outbox if "featured on" in m.subject)


def test_owner_archives_and_publishes_again(
    team_project, org_admin, django_capture_on_commit_callbacks
):
    Project.objects.filter(pk=team_project.pk).update(
        status=Status.PUBLISHED, featured_at=timezone.now()
    )
    _transition(org_admin, team_project, "archive", django_capture_on_commit_callbacks)
    assert _state(team_project) == (Status.ARCHIVED, None)
    _transition(org_admin, team_project, "unarchive", django_capture_on_commit_callbacks)
    assert _state(team_project)[0] == Status.PUBLISHED
    assert AuditLog.objects.filter(action__in=["project.archive", "project.unarchive"]).count() == 2
    assert len(mail.outbox) == 2 * 2  # two e-mails to each of the two team members


@pytest.mark.parametrize(
    "status, action",
    [
        (Status.DRAFT, "publish"),
        (Status.DRAFT, "return"),
        (Status.PUBLISHED, "publish"),
        (Status.ARCHIVED, "feature"),
        (Status.SUBMITTED, "feature"),
        (Status.PUBLISHED, "unfeature"),  # not featured
        (Status.PUBLISHED, "unarchive"),
        (Status.SUBMITTED, "archive"),
        (Status.SUBMITTED, "submit"),
        (Status.PUBLISHED, "submit"),
    ],
)
def test_a_move_the_status_does_not_allow_changes_nothing(
    team_project, site_admin, status, action, django_capture_on_commit_callbacks
):
    Project.objects.filter(pk=team_project.pk).update(status=status)
    client = client_for(site_admin)
    capture = django_capture_on_commit_callbacks
    response = _transition(site_admin, team_project, action, capture, client, note="Why")
    assert response.status_code == 409
    assert response["Location"] == team_project.get_absolute_url()
    assert _state(team_project) == (status, None)
    assert not AuditLog.objects.exists() and mail.outbox == []
    page = client.get(team_project.get_absolute_url()).content.decode()
    assert "nothing was changed" in page


def test_featuring_twice_is_refused(team_project, curator, django_capture_on_commit_callbacks):
    featured_at = timezone.now() - timedelta(days=3)
    Project.objects.filter(pk=team_project.pk).update(
        status=Status.PUBLISHED, featured_at=featured_at
    )
    response = _transition(curator, team_project, "feature", django_capture_on_commit_callbacks)
    assert response.status_code == 409
    assert _state(team_project) == (Status.PUBLISHED, featured_at)


def test_a_browser_is_redirected_when_the_move_is_refused(team_project, curator):
    url = f"/projects/{team_project.slug}/transition/publish/"
    response = client_for(curator).post(url, HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert response.status_code == 302


def test_unknown_action_is_404_and_get_is_refused(team_project, org_admin):
    client = client_for(org_admin)
    assert client.post(f"/projects/{team_project.slug}/transition/explode/").status_code == 404
    assert client.get(f"/projects/{team_project.slug}/transition/submit/").status_code == 405
    assert _state(team_project)[0] == Status.DRAFT


def test_a_too_long_note_is_refused(team_project, curator, django_capture_on_commit_callbacks):
    Project.objects.filter(pk=team_project.pk).update(status=Status.SUBMITTED)
    response = _transition(
        curator, team_project, "return", django_capture_on_commit_callbacks, note="x" * 2001
    )
    assert response.status_code == 400
    assert _state(team_project)[0] == Status.SUBMITTED


# The buttons on the project page


def _buttons(user, project):
    page = client_for(user).get(project.get_absolute_url()).content.decode()
    labels = {
        "submit": "Submit for curation",
        "publish": ">Publish<",
        "return": "Return with feedback",
        "feature": "Feature on the platform",
        "unfeature": "Stop featuring",
        "archive": ">Archive<",
        "unarchive": "Publish again",
    }
    return {action for action, label in labels.items() if label in page}


@pytest.mark.parametrize(
    "status, who, expected",
    [
        (Status.DRAFT, "org_admin", {"submit"}),
        (Status.DRAFT, "editor", {"submit"}),
        (Status.DRAFT, "curator", set()),
        (Status.SUBMITTED, "org_admin", set()),
        (Status.SUBMITTED, "curator", {"publish", "return"}),
        (Status.RETURNED, "editor", {"submit"}),
        (Status.PUBLISHED, "org_admin", {"archive"}),
        (Status.PUBLISHED, "editor", set()),
        (Status.PUBLISHED, "curator", {"feature"}),
        (Status.PUBLISHED, "outsider", set()),
        (Status.ARCHIVED, "org_admin", {"unarchive"}),
        (Status.ARCHIVED, "curator", set()),
    ],
)
def test_the_page_offers_the_moves_the_viewer_may_make_now(team_project, cast, status, who,
                                                           expected):  # fmt: skip
    Project.objects.filter(pk=team_project.pk).update(status=status)
    assert _buttons(cast[who], team_project) == expected


def test_a_featured_project_offers_to_stop_featuring(team_project, curator):
    Project.objects.filter(pk=team_project.pk).update(
        status=Status.PUBLISHED, featured_at=timezone.now()
    )
    assert _buttons(curator, team_project) == {"unfeature"}


# The review queue


def _submit(title, *, days_ago, owner):
    project = make_project(owner, title=title, status=Status.SUBMITTED)
    Project.objects.filter(pk=project.pk).update(
        submitted_at=timezone.now() - timedelta(days=days_ago)
    )
    return project


def test_review_queue_lists_submissions_oldest_first(curator, org_admin, editor):
    _submit("Recent one", days_ago=1, owner=org_admin)
    _submit("Oldest one", days_ago=9, owner=editor)
    _submit("Middle one", days_ago=4, owner=org_admin)
    make_project(org_admin, title="A draft", status=Status.DRAFT)
    make_project(org_admin, title="Already published")
    response = client_for(curator).get("/projects/review/")
    assert response.status_code == 200
    titles = [p.title for p in response.context["page"].object_list]
    assert titles == ["Oldest one", "Middle one", "Recent one"]
    page = response.content.decode()
    assert "Eddie Editor" in page and "Ada Admin" in page
    assert 'href="/projects/oldest-one/"' in page
    assert "sdg-badge sdg-4" in page


@pytest.mark.parametrize("who, status", [("outsider", 403), ("member", 403), ("org_admin", 403),
                                         ("site_admin", 200), ("curator", 200)])  # fmt: skip
def test_review_queue_is_for_curators(cast, who, status):
    assert client_for(cast[who]).get("/projects/review/").status_code == status


def test_review_queue_sends_anonymous_visitors_to_sign_in(db):
    response = client_for(None).get("/projects/review/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("count", [2, 20])
def test_review_queue_costs_the_same_queries_for_2_or_20(curator, count,
                                                         django_assert_num_queries):  # fmt: skip
    for number in range(count):
        owner = make_user(f"owner{number}@example.org", f"Owner {number}")
        project = _submit(f"Submission {number}", days_ago=number + 1, owner=owner)
        ProjectMember.objects.create(
            project=project, user=make_user(f"helper{number}@example.org"), role=TeamRole.EDITOR
        )
    client = client_for(curator)
    client.get("/projects/review/")  # warm the session
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get("/projects/review/")
    assert len(response.context["page"].object_list) == count


QUEUE_QUERIES = 7  # the same for 2 or 20 rows
