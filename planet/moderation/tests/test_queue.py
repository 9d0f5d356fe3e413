"""The curators' moderation queue: open reports grouped by item, oldest first, and the actions
taken on an item (hide, restore, dismiss, warn, suspend), each audited."""

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD, client_for, make_user
from planet.moderation.models import AuditLog, Flag, FlagStatus, MemberWarning, Resolution
from planet.moderation.tests.helpers import act, comment_on
from planet.projects.tests.factories import make_project
from planet.search.models import SearchDocument

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]


def report(item, reporter, reason="spam", note=""):
    return Flag.objects.create(content_object=item, reporter=reporter, reason=reason, note=note)


@pytest.fixture
def project(org_admin):
    return make_project(org_admin)


@pytest.fixture
def reported(project, member, outsider):
    report(project, member, "misleading")
    report(project, outsider, "spam")
    return project


@pytest.mark.parametrize("who", CAST)
def test_only_curators_reach_the_queue_and_the_item_page(cast, reported, who):
    expected = {"anonymous": 302, "curator": 200, "site_admin": 200}.get(who, 403)
    client = client_for(cast[who])
    assert client.get("/moderation/queue/").status_code == expected
    assert client.get(f"/moderation/queue/project/{reported.pk}/").status_code == expected


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member", "editor", "org_admin"])
@pytest.mark.parametrize("action", ["hide", "dismiss", "warn", "suspend"])
def test_others_cannot_act(cast, reported, who, action):
    response = act(cast[who], "project", reported.pk, action)
    assert response.status_code in (302, 403)
    reported.refresh_from_db()
    assert not reported.is_hidden
    assert Flag.objects.open().count() == 2
    assert cast["org_admin"].is_active
    assert not AuditLog.objects.exists()
    assert not MemberWarning.objects.exists()


def test_the_queue_groups_reports_by_item_oldest_first(curator, project, member, outsider):
    comment = comment_on(project, outsider, "Buy cheap watches here")
    with time_machine.travel("2026-03-01 09:00Z", tick=False):
        report(comment, member, "spam")
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        report(project, member, "misleading")
    with time_machine.travel("2026-03-03 09:00Z", tick=False):
        report(project, outsider, "copyright")
        report(comment, outsider, "harassment")
    page = client_for(curator).get("/moderation/queue/").content.decode()
    assert page.index("Buy cheap watches") < page.index("Rivers as classrooms")
    assert "Harassment or hate, Spam or advertising" in page
    assert "Copyright infringement, Misleading or false" in page
    assert f'href="/moderation/queue/comment/{comment.pk}/"' in page
    item_page = client_for(curator).get(f"/moderation/queue/project/{project.pk}/")
    assert "Olu Outsider" in item_page.content.decode()


def test_resolved_reports_leave_the_queue(curator, reported):
    Flag.objects.update(status=FlagStatus.RESOLVED)
    page = client_for(curator).get("/moderation/queue/").content.decode()
    assert "Nothing is waiting: no open report." in page


def _queue_queries(curator):
    client = client_for(curator)
    client.get("/moderation/queue/")  # warm the session and content type caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/moderation/queue/").status_code == 200
    return len(queries)


def test_the_queue_costs_a_fixed_number_of_queries(curator, org_admin, member, outsider):
    def add(count, start):
        for index in range(start, start + count):
            project = make_project(org_admin, title=f"Project {index}")
            report(project, member)
            report(comment_on(project, outsider, f"Comment {index}"), member)
            hidden = make_project(org_admin, title=f"Hidden {index}")
            hidden.hidden_at = hidden.created_at
            hidden.save()

    add(1, 0)
    few = _queue_queries(curator)
    add(8, 1)
    assert _queue_queries(curator) == few


def test_hiding_resolves_the_reports_tells_the_author_and_leaves_the_search(
    curator, reported, django_capture_on_commit_callbacks
):
    assert SearchDocument.objects.get(type="project", object_id=str(reported.pk)).is_public
    with django_capture_on_commit_callbacks(execute=True):
        response = act(curator, "project", reported.pk, "hide", "  Copied from another site.  ")
    assert response.status_code == 302
    assert response["Location"] == "/moderation/queue/"
    reported.refresh_from_db()
    assert reported.is_hidden and reported.hidden_note == "Copied from another site."
    assert set(Flag.objects.values_list("status", "resolution", "resolved_by")) == {
        (FlagStatus.RESOLVED, Resolution.HIDDEN, curator.pk)
    }
    assert not SearchDocument.objects.get(type="project", object_id=str(reported.pk)).is_public
    entry = AuditLog.objects.get()
    assert (entry.action, entry.actor, entry.reason) == (
        "moderation.hide",
        curator,
        "Copied from another site.",
    )
    assert (entry.target_type, entry.target_id) == ("projects.project", str(reported.pk))
    assert entry.details == {"flags": 2}
    (email,) = mail.outbox
    assert email.to == ["admin@school.example.org"]
    assert "Rivers as classrooms" in email.subject
    assert "Copied from another site." in email.body
    # the queue lists it as hidden lately
    page = client_for(curator).get("/moderation/queue/").content.decode()
    assert "Hidden lately" in page and "Copied from another site." in page


def test_hiding_needs_a_note_and_happens_once(curator, reported):
    response = act(curator, "project", reported.pk, "hide", "   ")
    assert response.status_code == 400
    assert "Write a note" in response.content.decode()
    reported.refresh_from_db()
    assert not reported.is_hidden and not AuditLog.objects.exists()
    act(curator, "project", reported.pk, "hide")
    response = act(curator, "project", reported.pk, "hide")
    assert response.status_code == 400
    assert "This item is already hidden." in response.content.decode()
    assert AuditLog.objects.count() == 1


def test_restoring_brings_the_item_back(curator, reported):
    act(curator, "project", reported.pk, "hide")
    response = act(curator, "project", reported.pk, "restore", "The team fixed the figures.")
    assert response.status_code == 302
    reported.refresh_from_db()
    assert not reported.is_hidden and reported.hidden_note == ""
    assert SearchDocument.objects.get(type="project", object_id=str(reported.pk)).is_public
    assert list(AuditLog.objects.values_list("action", flat=True)) == [
        "moderation.restore",
        "moderation.hide",
    ]
    assert act(curator, "project", reported.pk, "restore").status_code == 400  # not hidden
    assert AuditLog.objects.count() == 2


def test_dismissing_closes_the_reports_and_keeps_the_item(curator, reported):
    response = act(curator, "project", reported.pk, "dismiss", "Nothing wrong here.")
    assert response.status_code == 302
    reported.refresh_from_db()
    assert not reported.is_hidden
    assert set(Flag.objects.values_list("resolution", "resolution_note")) == {
        (Resolution.DISMISSED, "Nothing wrong here.")
    }
    assert AuditLog.objects.get().action == "moderation.dismiss"
    response = act(curator, "project", reported.pk, "dismiss")
    assert response.status_code == 400
    assert "There are no open reports on this item." in response.content.decode()
    assert AuditLog.objects.count() == 1


def test_warning_the_author(curator, project, member, outsider, django_capture_on_commit_callbacks):
    comment = comment_on(project, outsider, "You are all idiots")
    report(comment, member, "harassment")
    with django_capture_on_commit_callbacks(execute=True):
        response = act(curator, "comment", comment.pk, "warn", "Be kind to other members.")
    assert response.status_code == 302
    warning = MemberWarning.objects.get()
    assert (warning.user, warning.given_by, warning.note) == (
        outsider,
        curator,
        "Be kind to other members.",
    )
    assert Flag.objects.get().resolution == Resolution.WARNED
    entry = AuditLog.objects.get()
    assert entry.action == "moderation.warn" and entry.details["member"] == outsider.pk
    (email,) = mail.outbox
    assert email.to == [outsider.email] and "Be kind to other members." in email.body
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_suspending_the_author_blocks_sign_in_and_keeps_the_content(
    curator, project, member, django_capture_on_commit_callbacks
):
    spammer = make_user("spammer@example.org", "Spam Bot")
    comment = comment_on(project, spammer, "Buy cheap watches")
    report(comment, member)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(curator, "comment", comment.pk, "suspend", "Spam account.")
    assert response.status_code == 302
    spammer.refresh_from_db()
    assert not spammer.is_active
    assert not client_for(None).login(email="spammer@example.org", password=PASSWORD)
    comment.refresh_from_db()  # the comment stays
    assert not comment.is_hidden
    assert Flag.objects.get().resolution == Resolution.SUSPENDED
    entry = AuditLog.objects.get()
    assert (entry.action, entry.target_type, entry.target_id, entry.reason) == (
        "moderation.suspend",
        "accounts.user",
        str(spammer.pk),
        "Spam account.",
    )
    assert mail.outbox[0].to == ["spammer@example.org"]
    response = act(curator, "comment", comment.pk, "suspend")
    assert response.status_code == 400
    assert "already suspended" in response.content.decode()


@pytest.mark.parametrize("who", ["curator", "site_admin"])
def test_curators_and_site_admins_cannot_be_suspended(cast, project, member, who):
    comment = comment_on(project, cast[who], "Official answer")
    report(comment, member)
    other_curator = make_user("second@example.org", site_role="curator", is_staff=True)
    response = act(other_curator, "comment", comment.pk, "suspend")
    assert response.status_code == 400
    assert "Curators and site admins cannot be suspended." in response.content.decode()
    cast[who].refresh_from_db()
    assert cast[who].is_active
    assert Flag.objects.open().count() == 1
    assert not AuditLog.objects.exists()


def test_unknown_actions_and_items_are_not_found(curator, reported):
    assert act(curator, "project", reported.pk, "delete").status_code == 404
    assert act(curator, "project", 999999, "hide").status_code == 404
    assert act(curator, "nothing", reported.pk, "hide").status_code == 404
