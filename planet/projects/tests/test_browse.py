from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import client_for, make_organisation
from planet.projects.models import Project, ProjectLanguage, Status
from planet.projects.tests.factories import add_location, make_project
from planet.sdgs.models import Goal

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [project.title for project in response.context["projects"]]


def results_of(response) -> str:
    page = response.content.decode()
    return page[page.index('<section id="project-results"') :]


def make_many(count: int, **extra) -> list[Project]:
    now = timezone.now()
    projects = []
    for number in range(count):
        project = make_project(
            title=f"Project {number:03}", published_at=now - timedelta(days=number), **extra
        )
        add_location(project)
        projects.append(project)
    return projects


def test_lists_published_projects_newest_first_with_a_card(anonymous):
    older = make_project(title="Older", published_at=timezone.now() - timedelta(days=3))
    newer = make_project(title="Newer", published_at=timezone.now() - timedelta(days=1))
    add_location(newer, place="Nairobi", country="KE", lat=-1.29, lng=36.82)
    newer.featured_at = timezone.now()
    newer.save()
    response = client_for(anonymous).get("/projects/")
    assert response.status_code == 200
    assert titles(response) == ["Newer", "Older"]
    results = results_of(response)
    assert f'href="{newer.get_absolute_url()}"' in results
    assert f'href="{older.get_absolute_url()}"' in results
    assert 'class="sdg-badge sdg-4"' in results and 'class="sdg-badge sdg-6"' in results
    assert "Program" in results and "Running" in results
    assert results.count("Kenya") == 1 and results.count("Curated") == 1
    assert "2 projects" in results


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED])
def test_unpublished_projects_never_appear_even_to_their_team_and_curators(cast, member, status):
    make_project(member, title="Hidden work", status=status)
    make_project(title="Shown work")
    for user in cast.values():
        response = client_for(user).get("/projects/")
        assert titles(response) == ["Shown work"], user
        assert "Hidden work" not in response.content.decode()


def test_archived_projects_show_only_when_asked(anonymous):
    make_project(title="Current")
    make_project(title="Finished long ago", status=Status.ARCHIVED)
    client = client_for(anonymous)
    assert titles(client.get("/projects/")) == ["Current"]
    assert sorted(titles(client.get("/projects/?archived=on"))) == ["Current", "Finished long ago"]


def test_filters_combine_and_count_each_project_once(anonymous):
    school = make_organisation("Escola Rio", kind="school")
    company = make_organisation("Badgecraft", kind="company")
    match = make_project(title="Match", kind="tool", stage="idea")
    match.goals.set(Goal.objects.filter(number__in=[4, 13]))
    match.organisations.set([school, company])
    add_location(match, place="Lima", country="PE", lat=-12.05, lng=-77.04)
    add_location(match, place="Cusco", country="PE", lat=-13.53, lng=-71.97)
    ProjectLanguage.objects.bulk_create(
        [ProjectLanguage(project=match, code="es"), ProjectLanguage(project=match, code="qu")]
    )
    match.featured_at = timezone.now()
    match.save()
    wrong_goal = make_project(title="Wrong goal", kind="tool", stage="idea")
    add_location(wrong_goal, place="Lima", country="PE", lat=-12.05, lng=-77.04)
    make_project(title="Wrong kind", kind="program", stage="idea")
    client = client_for(anonymous)

    query = "goal=13&kind=tool&stage=idea&country=PE&language=es&organisation_kind=school"
    response = client.get(f"/projects/?{query}&featured=on")
    assert titles(response) == ["Match"]
    assert response.context["page"].paginator.count == 1
    assert titles(client.get("/projects/?country=PE")) == ["Wrong goal", "Match"]
    assert client.get("/projects/?country=PE").context["page"].paginator.count == 2
    assert titles(client.get("/projects/?kind=tool&goal=4")) == ["Wrong goal", "Match"]
    assert titles(client.get("/projects/?organisation_kind=company")) == ["Match"]
    assert titles(client.get("/projects/?language=qu")) == ["Match"]
    assert titles(client.get("/projects/?featured=on")) == ["Match"]
    assert titles(client.get("/projects/?country=KE")) == []
    assert "No published project matches" in client.get("/projects/?country=KE").content.decode()


def test_a_bad_filter_value_is_ignored_not_an_error(anonymous):
    make_project(title="Anything")
    response = client_for(anonymous).get("/projects/?goal=99&kind=nonsense&country=ZZ&page=abc")
    assert response.status_code == 200
    assert titles(response) == ["Anything"]


def test_pages_of_24_keep_the_filters_in_their_links(anonymous):
    make_many(30)
    client = client_for(anonymous)
    first = client.get("/projects/?kind=program")
    assert len(first.context["projects"]) == 24
    assert "30 projects" in first.content.decode()
    assert "kind=program&amp;page=2" in first.content.decode()
    second = client.get("/projects/?kind=program&page=2")
    assert titles(second) == [f"Project {n:03}" for n in range(24, 30)]


def test_htmx_gets_only_the_results_and_a_full_page_otherwise(anonymous):
    make_project(title="Rivers")
    client = client_for(anonymous)
    fragment = client.get("/projects/?stage=running", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert body.lstrip().startswith('<section id="project-results"')
    assert "Rivers" in body and "<html" not in body and "<form" not in body
    assert "HX-Request" in fragment["Vary"]
    full = client.get("/projects/?stage=running").content.decode()
    assert "<html" in full and 'hx-target="#project-results"' in full
    assert 'hx-push-url="true"' in full and "Rivers" in full


def test_the_filter_form_shows_the_chosen_values(anonymous):
    page = client_for(anonymous).get("/projects/?kind=tool&featured=on").content.decode()
    assert '<option value="tool" selected>' in page
    assert 'name="featured" id="id_featured" checked' in page


@pytest.mark.parametrize("user_name", ["anonymous", "member", "curator"])
def test_the_list_costs_the_same_queries_for_5_or_50_projects(
    request, django_assert_num_queries, user_name
):
    user = request.getfixturevalue(user_name)
    client = client_for(user)
    make_many(5)
    client.get("/projects/")  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        assert len(client.get("/projects/?kind=program").context["projects"]) == 5
    make_many(45)
    Project.objects.filter(title__startswith="Project 0").update(featured_at=timezone.now())
    with django_assert_num_queries(len(five)):
        response = client.get("/projects/?kind=program")
    assert len(response.context["projects"]) == 24


def test_the_list_with_all_filters_costs_the_same_queries_for_5_or_50_projects(
    anonymous, django_assert_num_queries
):
    client = client_for(anonymous)
    query = "/projects/?goal=4&country=BR&language=en&organisation_kind=school&featured=on"
    school = make_organisation("Escola", kind="school")

    def tagged(projects):
        for project in projects:
            project.organisations.add(school)
            ProjectLanguage.objects.create(project=project, code="en")
        Project.objects.update(featured_at=timezone.now())

    tagged(make_many(5))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        assert len(client.get(query).context["projects"]) == 5
    tagged(Project.objects.filter(pk__in=[p.pk for p in make_many(45)]))
    with django_assert_num_queries(len(five)):
        assert len(client.get(query).context["projects"]) == 24
