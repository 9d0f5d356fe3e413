"""Every facet count is what one gets by choosing that option: recounted from the projects
themselves, for combined facets and for viewers who see unpublished projects."""

from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser

from planet.orgs.models import Organisation
from planet.projects.models import Project, ProjectLanguage, Status
from planet.projects.tests.factories import add_location, make_project
from planet.search.results import search
from planet.search.text import Query

pytestmark = pytest.mark.django_db

COMBINATIONS = [
    {},
    {"kind": "tool"},
    {"kind": "tool", "country": "BR"},
    {"country": "KE", "goal": "4", "stage": "idea"},
]


@pytest.fixture
def otters(org_admin, organisation):
    """Projects about otters with varied facets, one of them a draft of org_admin's team."""
    specs = [
        ("Otter watch A", "tool", "idea", ["BR"], ["pt"], [4, 6]),
        ("Otter watch B", "tool", "running", ["BR", "PE"], ["es", "en"], [6]),
        ("Otter watch C", "program", "running", ["KE"], ["en"], [13, 4]),
        ("Otter watch D", "campaign", "idea", ["KE"], ["en", "sw"], [4]),
        ("Otter watch E", "tool", "idea", ["KE", "BR"], [], [4, 14]),
    ]
    for title, kind, stage, countries, languages, goals in specs:
        project = make_project(title=title, kind=kind, stage=stage)
        _describe(project, countries, languages, goals)
    project = make_project(org_admin, title="Otter watch F", kind="tool", status=Status.DRAFT)
    _describe(project, ["BR"], ["pt"], [4])
    make_project(title="Otter watch G", kind="tool", stage="idea").organisations.add(organisation)
    Organisation.objects.create(name="Otter Alliance", kind="ngo", country="KE")


def _describe(project, countries, languages, goals):
    for country in countries:
        add_location(project, country=country, place=f"Town {country}")
    for code in languages:
        ProjectLanguage.objects.create(project=project, code=code)
    project.goals.set(goals)


def _facets_of(project) -> dict[str, set[str]]:
    return {
        "type": {"project"},
        "kind": {project.kind},
        "stage": {project.stage},
        "goal": {str(goal.pk) for goal in project.goals.all()},
        "country": {location.country.code for location in project.locations.all()},
        "language": {language.code for language in project.languages.all()},
        "organisation_kind": {org.kind for org in project.organisations.all()},
    }


def _recount(user, chosen: dict, name: str) -> dict[str, int]:
    """The projects' own count of each value of `name`, the other chosen facets applied."""
    counts = Counter()
    for project in Project.objects.visible_to(user).filter(title__startswith="Otter"):
        values = _facets_of(project)
        if all(value in values[facet] for facet, value in chosen.items() if facet != name):
            counts.update(values[name])
    return dict(counts)


def _shown(user, chosen: dict) -> dict[str, dict[str, int]]:
    found = search(user, Query.parse("otter"), {"type": "project", **chosen})
    return {facet.name: {o.value: o.count for o in facet.options} for facet in found.facets}


def _total(user, chosen: dict) -> int:
    return search(user, Query.parse("otter"), chosen).page.paginator.count


@pytest.mark.parametrize("chosen", COMBINATIONS)
@pytest.mark.parametrize("viewer", ["anonymous", "org_admin", "curator"])
def test_facet_counts_equal_a_recount_of_the_projects(otters, cast, viewer, chosen):
    user = cast[viewer] or AnonymousUser()
    shown = _shown(user, chosen)
    for name in ("kind", "stage", "goal", "country", "language", "organisation_kind"):
        expected = _recount(user, {"type": "project", **chosen}, name)
        if name in chosen:  # a chosen value is listed even when nothing matches it
            expected.setdefault(chosen[name], 0)
        assert shown[name] == expected, name
    assert shown["type"].get("project", 0) == _recount(user, chosen, "type").get("project", 0)


@pytest.mark.parametrize("chosen", COMBINATIONS)
@pytest.mark.parametrize("viewer", ["anonymous", "org_admin"])
def test_choosing_an_option_gives_as_many_results_as_it_said(otters, cast, viewer, chosen):
    user = cast[viewer] or AnonymousUser()
    found = search(user, Query.parse("otter"), chosen)
    for facet in found.facets:
        for option in facet.options:
            assert _total(user, {**chosen, facet.name: option.value}) == option.count, (
                facet.name,
                option.value,
            )


def test_the_team_counts_its_draft_and_the_public_does_not(otters, org_admin, anonymous):
    team = _shown(org_admin, {"country": "BR"})
    public = _shown(AnonymousUser(), {"country": "BR"})
    assert team["kind"]["tool"] == public["kind"]["tool"] + 1
    assert _total(org_admin, {"country": "BR"}) == _total(AnonymousUser(), {"country": "BR"}) + 1


def test_the_type_facet_counts_organisations_too(otters):
    shown = _shown(AnonymousUser(), {"country": "KE"})
    assert shown["type"] == {"project": 3, "organisation": 1}
