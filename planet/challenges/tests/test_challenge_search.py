"""Published challenges are found by everybody; drafts by nobody. The index follows the
challenge through creation, publication, edits, its goals, its organiser and deletion."""

import pytest

from conftest import client_for
from planet.challenges.models import Challenge
from planet.challenges.tests.factories import add_question, make_challenge
from planet.sdgs.models import Goal
from planet.search.models import SearchDocument
from planet.search.tests.helpers import facet, search, suggestions, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(org_admin, organisation):
    challenge = make_challenge(
        org_admin,
        organisation=organisation,
        title="Stories from the asteroid",
        summary="Write the return of a small prince to a planet in trouble.",
        description="Send **one story** about baobabs, roses and volcanoes.",
    )
    challenge.goals.set(Goal.objects.filter(number__in=[4, 16]))
    return challenge


@pytest.fixture
def draft(org_admin, organisation):
    return make_challenge(
        org_admin,
        organisation=organisation,
        title="Secret asteroid contest",
        status="draft",
    )


@pytest.mark.parametrize(
    "viewer", ["anonymous", "outsider", "member", "editor", "org_admin", "curator"]
)
def test_published_challenges_are_found_by_everybody_and_drafts_by_nobody(
    published, draft, cast, viewer
):
    user = cast[viewer]
    response = search(user, q="asteroid")
    assert titles(response) == ["Stories from the asteroid"]
    assert facet(response, "type") == {"challenge": 1}
    assert facet(response, "goal") == {"4": 1, "16": 1}
    assert "Challenge" in response.context["found"].page[0].badges
    assert titles(search(user, q="baobabs volcanoes")) == ["Stories from the asteroid"]
    assert titles(search(user, q="Lycée Planète", type="challenge")) == [
        "Stories from the asteroid"
    ]
    assert "Secret" not in suggestions(user, "secret")
    assert titles(search(user, q="secret")) == []


def test_a_challenge_is_found_once_published_through_its_page(draft, org_admin):
    add_question(draft, "Your story")
    assert titles(search(None, q="secret")) == []
    response = client_for(org_admin).post(f"/challenges/{draft.slug}/publish/")
    assert response.status_code == 302
    assert titles(search(None, q="secret")) == ["Secret asteroid contest"]


def test_the_index_follows_edits_goals_the_organiser_and_deletion(published, organisation):
    published.title = "Tales from the asteroid"
    published.save()
    assert titles(search(None, q="asteroid")) == ["Tales from the asteroid"]
    published.goals.set(Goal.objects.filter(number=13))
    assert facet(search(None, q="asteroid"), "goal") == {"13": 1}
    organisation.name = "Collège des Volcans"
    organisation.save()
    assert titles(search(None, q="volcans", type="challenge")) == ["Tales from the asteroid"]
    published.status = "draft"
    published.save()
    assert titles(search(None, q="asteroid")) == []
    published.status = "published"
    published.save()
    Challenge.objects.filter(pk=published.pk).delete()
    assert not SearchDocument.objects.filter(type="challenge").exists()


def test_reindex_keeps_published_challenges_only(published, draft):
    from django.core.management import call_command

    call_command("reindex", verbosity=0)
    indexed = SearchDocument.objects.filter(type="challenge").values_list("title", flat=True)
    assert list(indexed) == ["Stories from the asteroid"]
