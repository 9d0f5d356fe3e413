"""Writing projects through the JSON API: create, edit and submit for review, under the rules
of the web pages (same form, same permissions, same side effects)."""

import json

import pytest
from django.core import mail

from conftest import client_for, make_organisation, session_client, token_client
from planet.apikeys.models import Scope
from planet.moderation.models import AuditLog
from planet.projects.models import (
    Project,
    ProjectLocation,
    ProjectMember,
    ProjectSlug,
    Status,
    TeamRole,
)
from planet.projects.tests.factories import add_location, make_project
from planet.sdgs.models import Target
from planet.search.tests.helpers import search, titles

pytestmark = pytest.mark.django_db

LIST = "/api/v1/projects/"
CSRF_SECRET = "k" * 32


def send(client, method: str, url: str, body=None):
    data = "" if body is None else json.dumps(body)
    return getattr(client, method)(url, data, content_type="application/json")


def create_body(**overrides) -> dict:
    body = {
        "kind": "program",
        "title": "Rivers as classrooms",
        "summary": "Pupils adopt a stretch of river and measure its health.",
        "description": "## How it works\n\nEach class adopts **100 metres** of river bank.",
        "content_language": "en",
        "stage": "running",
        "starts_on": "2026-03-01",
        "ends_on": "2026-06-30",
        "age_groups": ["primary"],
        "goals": [4, 6],
        "targets": ["6.3"],
        "languages": ["en", "pt"],
        "locations": [
            {"place_name": "Belém", "country": "BR", "latitude": -1.45, "longitude": -48.49}
        ],
        "links": [{"label": "Website", "url": "https://rivers.example.org"}],
    }
    return body | overrides


def detail_url(project) -> str:
    return f"{LIST}{project.slug}/"


def submit_url(project) -> str:
    return f"{LIST}{project.slug}/submit/"


def error_fields(response) -> dict:
    assert response.status_code == 422, response.content
    return response.json()["error"]["fields"]


@pytest.fixture
def my_draft(member, organisation):
    """A draft owned by `member`, with a target, a location, a link and an organisation."""
    project = make_project(
        member,
        title="Reading rivers",
        status=Status.DRAFT,
        description="Long text.",
        links=[{"label": "Blog", "url": "https://blog.example.org"}],
    )
    project.set_goals_and_targets([], [Target.objects.get(code="4.7")])
    project.organisations.add(organisation)
    project.languages.create(code="fr")
    add_location(project)
    return project


# Create -------------------------------------------------------------------------------------


def test_member_creates_a_draft_they_own_with_everything(member, organisation):
    client = token_client(member)
    response = send(client, "post", LIST, create_body(organisations=[organisation.slug]))
    assert response.status_code == 201, response.content
    project = Project.objects.get()
    assert project.status == Status.DRAFT and project.created_by == member
    assert [(m.user, m.role) for m in project.team.all()] == [(member, TeamRole.OWNER)]
    assert sorted(g.number for g in project.goals.all()) == [4, 6]
    assert [t.code for t in project.targets.all()] == ["6.3"]
    assert sorted(project.languages.values_list("code", flat=True)) == ["en", "pt"]
    assert project.locations.get().place_name == "Belém"
    assert project.links == [{"label": "Website", "url": "https://rivers.example.org"}]
    assert list(project.organisations.all()) == [organisation]
    assert str(project.starts_on) == "2026-03-01" and project.age_groups == ["primary"]
    data = response.json()
    assert data["slug"] == project.slug and data["status"] == "draft" and data["version"] == 1
    assert data == client.get(detail_url(project)).json()
    assert client_for(None).get(detail_url(project)).status_code == 404


def test_a_target_brings_its_goal(member):
    response = send(token_client(member), "post", LIST, create_body(goals=[], targets=["13.1"]))
    assert [goal["code"] for goal in response.json()["goals"]] == ["13"]


def test_a_created_project_is_in_search_for_its_team_only(member, outsider):
    send(token_client(member), "post", LIST, create_body(title="Mangrove classrooms"))
    assert titles(search(member, q="mangrove")) == ["Mangrove classrooms"]
    assert titles(search(outsider, q="mangrove")) == []


def test_a_signed_in_browser_creates_with_the_csrf_token(member):
    response = send(session_client(member, csrf=True), "post", LIST, create_body())
    assert response.status_code == 201
    assert Project.objects.get().team.get().user == member


INVALID_BODIES = [
    ({"title": None}, "title"),
    ({"title": "   "}, "title"),
    ({"goals": [], "targets": []}, "goals"),
    ({"targets": ["4.99"]}, "targets"),
    ({"goals": [18]}, "goals.0"),
    ({"goals": ["four"]}, "goals.0"),
    ({"kind": "rocket"}, "kind"),
    ({"starts_on": "2026-09-01", "ends_on": "2026-06-30"}, "ends_on"),
    ({"starts_on": "2026-13-45"}, "starts_on"),
    ({"content_language": "xx"}, "content_language"),
    ({"summary": "x" * 241}, "summary"),
    ({"languages": "en"}, "languages"),
    (
        {"locations": [{"place_name": "Pole", "country": "NO", "latitude": 95, "longitude": 0}]},
        "locations.0.latitude",
    ),
    (
        {"locations": [{"place_name": "X", "country": "BR", "latitude": "north", "longitude": 0}]},
        "locations.0.latitude",
    ),
    ({"locations": [{"place_name": "X", "latitude": 1, "longitude": 0}]}, "locations.0.country"),
    (
        {"locations": [{"place_name": "X", "country": "ZZ", "latitude": 1, "longitude": 0}]},
        "locations.0.country",
    ),
    ({"links": [{"label": "Evil", "url": "javascript:alert(1)"}]}, "links.0.url"),
    ({"links": [{"label": "Site", "url": "https://example.org"}] * 11}, "links"),
    ({"description": "nul \x00 byte"}, "description"),
    ({"title": "lone \ud800 surrogate"}, "title"),
]


@pytest.mark.parametrize("overrides, field", INVALID_BODIES)
def test_invalid_bodies_name_the_field_and_create_nothing(member, overrides, field):
    response = send(token_client(member), "post", LIST, create_body(**overrides))
    assert field in error_fields(response)
    assert not Project.objects.exists()
    assert not ProjectLocation.objects.exists()


def test_too_many_locations_are_refused(member):
    place = {"place_name": "Belém", "country": "BR", "latitude": -1.45, "longitude": -48.49}
    response = send(token_client(member), "post", LIST, create_body(locations=[place] * 21))
    assert error_fields(response)["locations"] == ["Please submit at most 20 forms."]
    assert not Project.objects.exists()


def test_only_organisations_of_the_caller_may_be_named(member, organisation):
    theirs = make_organisation("Another school")
    body = create_body(organisations=[organisation.slug, theirs.slug])
    response = send(token_client(member), "post", LIST, body)
    assert theirs.slug in error_fields(response)["organisations"][0]
    assert not Project.objects.exists()


def test_form_messages_reach_the_caller_as_the_web_words_them(member):
    body = create_body(goals=[], targets=[], starts_on="2026-09-01", ends_on="2026-06-30")
    fields = error_fields(send(token_client(member), "post", LIST, body))
    assert fields["goals"] == ["Pick at least one SDG goal or target."]
    assert fields["ends_on"] == ["The end date comes before the start date."]


def test_garbage_bodies_are_refused_without_an_error_page(member):
    client = token_client(member)
    for raw in ("not json", "[1, 2]", '"text"', "{"):
        response = client.post(LIST, raw, content_type="application/json")
        assert response.status_code in (400, 422)
        assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert not Project.objects.exists()


# Who may write ------------------------------------------------------------------------------


def _operations(project) -> dict:
    return {
        "create": ("post", LIST, create_body(title="Another one")),
        "edit": ("patch", detail_url(project), {"summary": "Changed."}),
        "submit": ("post", submit_url(project), None),
    }


def _snapshot():
    return list(Project.objects.order_by("pk").values_list("pk", "summary", "status", "version"))


@pytest.mark.parametrize("operation", ["create", "edit", "submit"])
@pytest.mark.parametrize(
    "caller, status",
    [("anonymous", 401), ("read_only_token", 403), ("session_without_csrf", 403)],
)
def test_writes_are_refused_without_write_rights(my_draft, member, operation, caller, status):
    client = {
        "anonymous": lambda: client_for(None),
        "read_only_token": lambda: token_client(member, scope=Scope.READ),
        "session_without_csrf": lambda: session_client(member, csrf=False),
    }[caller]()
    before = _snapshot()
    response = send(client, *_operations(my_draft)[operation])
    assert response.status_code == status
    assert response.json()["error"]["code"] == {401: "unauthorized", 403: "forbidden"}[status]
    assert _snapshot() == before


@pytest.mark.parametrize("operation", ["edit", "submit"])
def test_another_members_draft_is_not_found(my_draft, outsider, curator, operation):
    before = _snapshot()
    response = send(token_client(outsider), *_operations(my_draft)[operation])
    assert response.status_code == 404
    # curators see drafts but do not edit nor submit them for the team
    assert send(token_client(curator), *_operations(my_draft)[operation]).status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize("operation", ["edit", "submit"])
def test_those_who_see_a_project_but_are_not_its_editors_are_refused(
    editor, member, outsider, operation
):
    published = make_project(editor, title="Rivers in the open")
    ProjectMember.objects.create(project=published, user=member, role=TeamRole.MEMBER)
    before = _snapshot()
    for user in (member, outsider):
        response = send(token_client(user), *_operations(published)[operation])
        assert response.status_code == 403
    assert _snapshot() == before


def test_a_signed_in_browser_edits_and_submits_with_the_csrf_token(my_draft, member):
    client = session_client(member, csrf=True)
    assert send(client, *_operations(my_draft)["edit"]).status_code == 200
    assert send(client, *_operations(my_draft)["submit"]).status_code == 200
    my_draft.refresh_from_db()
    assert (my_draft.summary, my_draft.status) == ("Changed.", Status.SUBMITTED)


# Edit ---------------------------------------------------------------------------------------


def test_patch_changes_only_the_fields_sent(my_draft, member):
    client = token_client(member)
    before = client.get(detail_url(my_draft)).json()
    response = send(client, "patch", detail_url(my_draft), {"summary": "Now with  boats."})
    assert response.status_code == 200, response.content
    after = response.json()
    assert after["summary"] == "Now with boats."  # the form's own cleaning applies
    assert after["version"] == before["version"] + 1
    unchanged = set(before) - {"summary", "version", "updated_at"}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}
    assert after == client.get(detail_url(my_draft)).json()


def test_an_editor_on_the_team_edits_and_the_organisations_stay(my_draft, editor, organisation):
    ProjectMember.objects.create(project=my_draft, user=editor, role=TeamRole.EDITOR)
    response = send(token_client(editor), "patch", detail_url(my_draft), {"stage": "completed"})
    assert response.status_code == 200, response.content
    assert response.json()["organisations"] == [
        {"slug": organisation.slug, "name": organisation.name}
    ]
    assert response.json()["stage"] == "completed"


def test_locations_and_links_sent_replace_the_lists(my_draft, member):
    place = {"place_name": "Nairobi", "country": "KE", "latitude": -1.29, "longitude": 36.82}
    body = {"locations": [place, place | {"place_name": "Kisumu"}], "links": []}
    response = send(token_client(member), "patch", detail_url(my_draft), body)
    assert response.status_code == 200, response.content
    assert [loc.place_name for loc in my_draft.locations.all()] == ["Nairobi", "Kisumu"]
    my_draft.refresh_from_db()
    assert my_draft.links == []
    assert [t.code for t in my_draft.targets.all()] == ["4.7"]


def test_a_new_title_moves_the_address(my_draft, member):
    old_slug = my_draft.slug
    response = send(token_client(member), "patch", detail_url(my_draft), {"title": "Sea schools"})
    assert response.json()["slug"] == "sea-schools"
    assert ProjectSlug.objects.get(slug=old_slug).project == my_draft
    assert client_for(member).get(f"/projects/{old_slug}/").status_code == 301


def test_a_stale_version_is_refused_and_changes_nothing(my_draft, member):
    client = token_client(member)
    first = send(client, "patch", detail_url(my_draft), {"summary": "First.", "version": 1})
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = send(client, "patch", detail_url(my_draft), {"summary": "Second.", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "conflict"
    assert "version 2" in stale.json()["error"]["message"]
    my_draft.refresh_from_db()
    assert (my_draft.summary, my_draft.version) == ("First.", 2)
    fresh = send(client, "patch", detail_url(my_draft), {"summary": "Second.", "version": 2})
    assert fresh.status_code == 200 and fresh.json()["version"] == 3


@pytest.mark.parametrize(
    "body, field",
    [
        ({"ends_on": "2000-01-01", "starts_on": "2001-01-01"}, "ends_on"),
        ({"title": ""}, "title"),
        ({"title": None}, "title"),
        ({"targets": [], "goals": []}, "goals"),
        ({"locations": [{"place_name": "X", "country": "BR", "latitude": 1, "longitude": 181}]},
         "locations.0.longitude"),
        ({"version": "one"}, "version"),
    ],
)  # fmt: skip
def test_an_invalid_patch_names_the_field_and_changes_nothing(my_draft, member, body, field):
    before = _snapshot(), list(my_draft.locations.values_list("place_name", flat=True))
    response = send(token_client(member), "patch", detail_url(my_draft), body)
    assert field in error_fields(response)
    assert (_snapshot(), list(my_draft.locations.values_list("place_name", flat=True))) == before


# Submit for review --------------------------------------------------------------------------


def test_owner_submits_a_draft_the_team_is_told_and_it_is_audited(
    my_draft, member, django_capture_on_commit_callbacks
):
    client = token_client(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, "post", submit_url(my_draft), {"note": "Ready for you."})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    assert response.json() == client.get(detail_url(my_draft)).json()
    entry = AuditLog.objects.for_target(my_draft).get()
    assert (entry.action, entry.actor, entry.reason) == ("project.submit", member, "Ready for you.")
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "was submitted for curation" in mail.outbox[0].subject


def test_submitting_twice_is_a_conflict_with_the_reason(my_draft, member):
    client = token_client(member)
    assert send(client, "post", submit_url(my_draft)).status_code == 200
    again = send(client, "post", submit_url(my_draft))
    assert again.status_code == 409
    assert "Submitted for curation" in again.json()["error"]["message"]
    assert AuditLog.objects.for_target(my_draft).count() == 1


def test_a_published_project_cannot_be_submitted(editor):
    published = make_project(editor, title="Already out")
    response = send(token_client(editor), "post", submit_url(published))
    assert response.status_code == 409
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_a_returned_project_may_be_submitted_again(my_draft, member):
    Project.objects.filter(pk=my_draft.pk).update(status=Status.RETURNED)
    response = send(token_client(member), "post", submit_url(my_draft))
    assert response.json()["status"] == "submitted"


def test_a_too_long_note_is_refused(my_draft, member):
    response = send(token_client(member), "post", submit_url(my_draft), {"note": "x" * 2001})
    assert "note" in error_fields(response)
    my_draft.refresh_from_db()
    assert my_draft.status == Status.DRAFT


# Description --------------------------------------------------------------------------------


def test_openapi_documents_the_write_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    create = paths["/api/v1/projects/"]["post"]
    assert {"201", "401", "403", "422"} <= set(create["responses"])
    assert "cover image" in create["description"]
    edit = paths["/api/v1/projects/{slug}/"]["patch"]
    assert {"200", "403", "404", "409", "422"} <= set(edit["responses"])
    submit = paths["/api/v1/projects/{slug}/submit/"]["post"]
    assert {"200", "403", "404", "409"} <= set(submit["responses"])
