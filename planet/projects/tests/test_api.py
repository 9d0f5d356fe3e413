"""Projects in the JSON API: who sees what, filters, lineage, pagination and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_organisation
from planet.apikeys.models import PersonalToken
from planet.programs.models import Replication
from planet.projects.models import ProjectLanguage, Status
from planet.projects.tests.factories import add_location, make_project
from planet.sdgs.models import Target

pytestmark = pytest.mark.django_db

LIST = "/api/v1/projects/"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def token_client(user):
    client = client_for(None)
    _, raw = PersonalToken.issue(user, name="t")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


@pytest.fixture
def draft(editor):
    return make_project(editor, title="Secret draft", status=Status.DRAFT)


@pytest.fixture
def hidden(editor):
    return make_project(editor, title="Hidden by moderators", hidden_at=timezone.now())


@pytest.fixture
def published(editor):
    return make_project(editor, title="Rivers as classrooms")


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member"])
def test_drafts_and_hidden_projects_never_reach_others(cast, role, draft, hidden, published):
    user = cast[role]
    clients = [client_for(user)] + ([token_client(user)] if user else [])
    for client in clients:
        assert slugs(client.get(LIST)) == [published.slug]
        for project in (draft, hidden):
            response = client.get(f"{LIST}{project.slug}/")
            assert response.status_code == 404
            assert response.json()["error"]["code"] == "not_found"


def test_team_sees_own_draft_by_session_and_token(editor, draft, published):
    for client in (client_for(editor), token_client(editor)):
        assert set(slugs(client.get(LIST))) >= {draft.slug, published.slug}
        assert client.get(f"{LIST}{draft.slug}/").json()["status"] == "draft"


def test_curator_sees_drafts_and_hidden(curator, draft, hidden, published):
    client = token_client(curator)
    assert set(slugs(client.get(LIST))) == {draft.slug, hidden.slug, published.slug}


def test_detail_has_goals_targets_locations_organisations(client, editor, organisation):
    project = make_project(editor, title="Reading rivers")
    project.set_goals_and_targets([], [Target.objects.get(code="4.7")])
    project.organisations.add(organisation)
    hidden_org = make_organisation("Hidden org", hidden_at=timezone.now())
    project.organisations.add(hidden_org)
    add_location(project)
    ProjectLanguage.objects.create(project=project, code="pt")
    data = client.get(f"{LIST}{project.slug}/").json()
    assert data["goals"] == [{"code": "4", "uri": "http://metadata.un.org/sdg/4"}]
    assert data["targets"] == [{"code": "4.7", "uri": "http://metadata.un.org/sdg/4.7"}]
    assert data["locations"] == [
        {"place_name": "Belém", "country": "BR", "latitude": -1.45, "longitude": -48.49}
    ]
    assert data["organisations"] == [{"slug": organisation.slug, "name": organisation.name}]
    assert data["languages"] == ["pt"]
    assert data["url"] == f"http://testserver/projects/{project.slug}/"
    assert data["lineage"] is None
    assert "description" in data


def test_lineage_names_only_visible_ancestors(client, editor):
    root = make_project(editor, title="Root program")
    middle = make_project(editor, title="Middle draft", status=Status.DRAFT)
    Replication.objects.create(project=middle, origin=root, root=root, depth=1, path=f"/{root.pk}/")
    leaf = make_project(editor, title="Leaf")
    Replication.objects.create(
        project=leaf, origin=middle, root=root, depth=2, path=f"/{root.pk}/{middle.pk}/"
    )
    lineage = client.get(f"{LIST}{leaf.slug}/").json()["lineage"]
    assert lineage == {
        "replicated_from": None,
        "root": {"slug": root.slug, "title": root.title},
        "depth": 2,
    }
    team_view = client_for(editor).get(f"{LIST}{leaf.slug}/").json()["lineage"]
    assert team_view["replicated_from"]["slug"] == middle.slug


def test_filters_mirror_the_web_facets(client, editor, organisation):
    a = make_project(editor, title="A", kind="program", stage="running")
    b = make_project(editor, title="B", kind="tool", stage="idea")
    b.set_goals_and_targets([], [Target.objects.get(code="13.3")])
    b.organisations.add(organisation)
    add_location(b, country="KE")
    add_location(b, country="KE", place="Second")
    ProjectLanguage.objects.create(project=b, code="sw")
    assert slugs(client.get(LIST, {"kind": "tool"})) == [b.slug]
    assert slugs(client.get(LIST, {"stage": "running"})) == [a.slug]
    assert slugs(client.get(LIST, {"goal": 13})) == [b.slug]
    assert slugs(client.get(LIST, {"target": "13.3"})) == [b.slug]
    assert slugs(client.get(LIST, {"country": "KE"})) == [b.slug]
    assert slugs(client.get(LIST, {"language": "sw"})) == [b.slug]
    assert slugs(client.get(LIST, {"organisation": organisation.slug})) == [b.slug]
    assert slugs(client.get(LIST, {"organisation_kind": "school"})) == [b.slug]
    assert slugs(client.get(LIST, {"goal": 4, "kind": "program"})) == [a.slug]


def test_bad_filters_get_422_naming_the_fields(client):
    response = client.get(
        LIST, {"goal": 18, "kind": "rocket", "country": "XX", "language": "zz", "target": "4.x!"}
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert set(error["fields"]) == {"goal", "kind", "country", "language", "target"}


def test_pagination_is_stable_and_links_are_absolute(client, editor):
    made = {make_project(editor, title=f"Project {i}").slug for i in range(7)}
    seen, url = [], f"{LIST}?limit=3&goal=4"
    while url:
        page = client.get(url).json()
        assert page["count"] == 7
        seen += [item["slug"] for item in page["results"]]
        url = page["next"]
        if url:
            assert url.startswith("http://testserver/api/v1/projects/?")
            assert "goal=4" in url
    assert len(seen) == 7 and set(seen) == made
    second = client.get(LIST, {"limit": 3, "offset": 3}).json()
    assert second["previous"].startswith("http://testserver/")
    assert "offset=0" in second["previous"]


def test_page_size_is_capped(client):
    response = client.get(LIST, {"limit": 101})
    assert response.status_code == 422
    assert "limit" in response.json()["error"]["fields"]


def _fill(owner, count, organisation):
    root = make_project(owner, title="Root")
    for i in range(count):
        project = make_project(owner, title=f"Many {i}")
        add_location(project)
        project.organisations.add(organisation)
        ProjectLanguage.objects.create(project=project, code="fr")
        Replication.objects.create(
            project=project, origin=root, root=root, depth=1, path=f"/{root.pk}/"
        )


@pytest.mark.parametrize("user_role", ["anonymous", "editor"])
def test_list_costs_fixed_queries_whatever_the_page_size(cast, user_role, editor, organisation):
    _fill(editor, 50, organisation)
    client = client_for(cast[user_role])
    client.get(LIST, {"limit": 5})  # sessions, content types: warm once
    with CaptureQueriesContext(connection) as small:
        assert len(slugs(client.get(LIST, {"limit": 5}))) == 5
    with CaptureQueriesContext(connection) as large:
        assert len(slugs(client.get(LIST, {"limit": 50}))) == 50
    assert len(small) == len(large)
    assert len(large) <= 12
