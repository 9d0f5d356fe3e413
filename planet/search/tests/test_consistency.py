"""The index follows every change in the same transaction, without a rebuild."""

import pytest
from django.core.management import call_command
from django.db import transaction

from planet.orgs.models import Organisation
from planet.projects.models import ProjectLanguage, Status
from planet.projects.tests.factories import add_location, make_project
from planet.search.models import SearchDocument
from planet.search.tests.helpers import facet, search, titles

pytestmark = pytest.mark.django_db


def test_create_update_delete(anonymous):
    project = make_project(title="Kelp forest school")
    assert titles(search(anonymous, q="kelp")) == ["Kelp forest school"]
    project.rename("Seaweed forest school")
    project.save()
    assert titles(search(anonymous, q="kelp")) == []
    assert titles(search(anonymous, q="seaweed")) == ["Seaweed forest school"]
    assert search(anonymous, q="seaweed").context["found"].page[0].url == (
        project.get_absolute_url()
    )
    project.delete()
    assert titles(search(anonymous, q="seaweed")) == []
    assert not SearchDocument.objects.filter(type="project").exists()


def test_the_life_of_a_project_shows_in_search(org_admin, curator, anonymous):
    project = make_project(org_admin, title="Tidal pools", status=Status.DRAFT)
    assert titles(search(anonymous, q="tidal")) == []
    project.transition("submit", by=org_admin)
    assert titles(search(anonymous, q="tidal")) == []
    project.transition("return", by=curator, note="More detail please")
    assert titles(search(anonymous, q="tidal")) == []
    project.transition("submit", by=org_admin)
    project.transition("publish", by=curator)
    assert titles(search(anonymous, q="tidal")) == ["Tidal pools"]
    project.transition("feature", by=curator)
    assert search(anonymous, q="tidal").context["found"].page[0].featured
    project.transition("archive", by=curator)
    hit = search(anonymous, q="tidal").context["found"].page[0]
    assert not hit.featured and "Archived" in hit.badges


def test_a_failed_change_leaves_the_index_as_it_was(anonymous):
    project = make_project(title="Coral nursery")
    with pytest.raises(RuntimeError), transaction.atomic():
        project.title = "Renamed nursery"
        project.save()
        raise RuntimeError
    assert titles(search(anonymous, q="coral")) == ["Coral nursery"]


def test_related_rows_update_the_facets(anonymous, organisation):
    project = make_project(title="Dune keepers")
    add_location(project, country="SN", place="Saint-Louis")
    ProjectLanguage.objects.create(project=project, code="wo")
    project.organisations.add(organisation)
    response = search(anonymous, q="dune")
    assert facet(response, "country") == {"SN": 1}
    assert facet(response, "language") == {"wo": 1}
    assert facet(response, "organisation_kind") == {"school": 1}
    assert titles(search(anonymous, q="saint louis")) == ["Dune keepers"]

    organisation.kind = "ngo"
    organisation.name = "Dune Alliance"
    organisation.save()
    assert facet(search(anonymous, q="dune", type="project"), "organisation_kind") == {"ngo": 1}
    organisation.delete()
    assert facet(search(anonymous, q="dune"), "organisation_kind") == {}

    project.locations.all().delete()
    project.goals.clear()
    response = search(anonymous, q="dune")
    assert facet(response, "country") == {}
    assert facet(response, "goal") == {}


def test_organisations_are_indexed(anonymous):
    Organisation.objects.create(name="Mangrove Network", kind="network", country="ID")
    response = search(anonymous, q="mangrove")
    assert titles(response) == ["Mangrove Network"]
    assert facet(response, "country") == {"ID": 1}


def test_reindex_rebuilds_everything_with_a_progress_bar(capsys, anonymous):
    make_project(title="Glacier watch")
    SearchDocument.objects.filter(type="project").update(title="stale")
    call_command("reindex")
    out = capsys.readouterr().out
    assert "[##############################] 100%" in out
    assert "Search index rebuilt" in out
    assert titles(search(anonymous, q="glacier")) == ["Glacier watch"]
    assert SearchDocument.objects.filter(type="goal").count() == 17
