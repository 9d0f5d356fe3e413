"""Organisation and profile pages list their published projects, and only those."""

import pytest

from conftest import client_for
from planet.projects.models import Status
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


def _titles(response):
    return [project.title for project in response.context["projects"]]


def test_organisation_page_lists_published_projects_only(organisation, org_admin, curator):
    published = make_project(org_admin, title="River school")
    draft = make_project(org_admin, title="Secret plan", status=Status.DRAFT)
    for project in (published, draft):
        project.organisations.add(organisation)
    for viewer in (None, org_admin, curator):
        response = client_for(viewer).get(organisation.get_absolute_url())
        assert _titles(response) == ["River school"]
        assert "Secret plan" not in response.content.decode()


def test_profile_page_lists_the_person_s_published_projects(member, outsider):
    make_project(member, title="Open garden")
    make_project(member, title="Hidden draft", status=Status.SUBMITTED)
    response = client_for(outsider).get(member.profile.get_absolute_url())
    assert _titles(response) == ["Open garden"]
    assert "Hidden draft" not in response.content.decode()


def _queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_showcase_query_count_does_not_grow(organisation, org_admin, member):
    anonymous = client_for(None)
    org_url, profile_url = organisation.get_absolute_url(), org_admin.profile.get_absolute_url()
    make_project(org_admin, title="First").organisations.add(organisation)
    few = (_queries_for(anonymous, org_url), _queries_for(anonymous, profile_url))
    for number in range(15):
        make_project(org_admin, title=f"Project {number}").organisations.add(organisation)
    many = (_queries_for(anonymous, org_url), _queries_for(anonymous, profile_url))
    assert few == many
