"""Published consultations are found by everybody; drafts and hidden ones by nobody."""

import pytest

from conftest import client_for
from planet.consultations.models import ConsultationStatus
from planet.consultations.tests.factories import make_consultation
from planet.sdgs.models import Goal
from planet.search.tests.helpers import facet, search, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(curator, organisation):
    consultation = make_consultation(
        curator,
        title="Which green jobs for the young?",
        context="Tell us about **wind turbines** and apprenticeships.",
        organisation=organisation,
    )
    consultation.goals.set(Goal.objects.filter(number__in=[8, 13]))
    return consultation


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "member", "curator"])
def test_published_consultations_are_found_and_drafts_are_not(published, curator, cast, viewer):
    make_consultation(curator, title="Secret green draft", status=ConsultationStatus.DRAFT)
    response = search(cast[viewer], q="green", type="consultation")
    assert titles(response) == ["Which green jobs for the young?"]
    assert facet(search(cast[viewer], q="apprenticeships"), "type") == {"consultation": 1}
    assert facet(search(cast[viewer], q="apprenticeships"), "goal") == {"8": 1, "13": 1}
    assert titles(search(cast[viewer], q="turbines")) == ["Which green jobs for the young?"]
    assert titles(search(cast[viewer], q="Lycée", type="consultation")) == [
        "Which green jobs for the young?"
    ]


def test_a_draft_is_found_once_published(curator):
    drafted = make_consultation(curator, title="Green draft", status=ConsultationStatus.DRAFT)
    assert titles(search(None, q="green", type="consultation")) == []
    client_for(curator).post(f"/consultations/{drafted.slug}/publish/")
    assert titles(search(None, q="green", type="consultation")) == ["Green draft"]
