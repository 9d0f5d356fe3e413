"""The results page: proposals by supports, participation by country and by age band, equal to
a hand computation; hidden proposals (and their supports) are neither listed nor counted.

Results are public for as long as the consultation is, with live counts while it is open."""

import pytest
from django.utils import timezone

from conftest import client_for, make_user
from planet.consultations.models import AgeBand, age_band_of
from planet.consultations.tests.factories import (
    make_consultation,
    make_participant,
    make_proposal,
    support,
)

pytestmark = pytest.mark.django_db

# (age, country) of eight participants: a hand computation of the figures follows.
PEOPLE = {
    "a": (12, "FR"),
    "b": (15, "FR"),
    "c": (19, "SN"),
    "d": (20, "SN"),
    "e": (24, "FR"),
    "f": (25, "BR"),
    "g": (30, "FR"),
    "h": (31, "BR"),
}


@pytest.fixture
def consultation(curator):
    return make_consultation(curator)


@pytest.fixture
def people(consultation):
    users = {}
    for key, (age, country) in PEOPLE.items():
        users[key] = make_user(f"{key}@example.org", key.upper())
        make_participant(consultation, users[key], age=age, country=country)
    return users


@pytest.fixture
def proposals(consultation, people):
    first = make_proposal(consultation, people["a"], title="First")
    second = make_proposal(consultation, people["b"], title="Second")
    third = make_proposal(consultation, people["c"], title="Third")
    hidden = make_proposal(consultation, people["d"], title="Hidden", hidden_at=timezone.now())
    for key in "bcd":
        support(first, people[key])
    support(second, people["a"])
    for key in "abcef":  # the most supported, but hidden: neither shown nor counted
        support(hidden, people[key])
    return {"first": first, "second": second, "third": third, "hidden": hidden}


def results(user, consultation):
    response = client_for(user).get(f"/consultations/{consultation.slug}/results/")
    assert response.status_code == 200
    return response


def test_age_bands_have_their_bounds():
    assert [age_band_of(age) for age in (5, 14, 15, 19, 20, 24, 25, 30, 31, 120)] == [
        AgeBand.UNDER_15,
        AgeBand.UNDER_15,
        AgeBand.FROM_15,
        AgeBand.FROM_15,
        AgeBand.FROM_20,
        AgeBand.FROM_20,
        AgeBand.FROM_25,
        AgeBand.FROM_25,
        AgeBand.OVER_30,
        AgeBand.OVER_30,
    ]


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "curator"])
def test_the_figures_equal_a_hand_computation(consultation, proposals, cast, viewer):
    context = results(cast[viewer], consultation).context
    assert [(p.title, p.support_total) for p in context["proposals"]] == [
        ("First", 3),
        ("Second", 1),
        ("Third", 0),
    ]
    assert context["support_total"] == 4
    assert context["participant_total"] == 8
    assert [(s.key, s.count, s.percent) for s in context["by_country"]] == [
        ("FR", 4, 50),
        ("BR", 2, 25),
        ("SN", 2, 25),
    ]
    assert [(s.key, s.count) for s in context["by_age_band"]] == [
        ("under-15", 1),
        ("15-19", 2),
        ("20-24", 2),
        ("25-30", 2),
        ("over-30", 1),
    ]
    assert [s.label for s in context["by_country"]] == ["France", "Brazil", "Senegal"]


def test_the_page_shows_the_figures_and_not_the_hidden_proposal(consultation, proposals):
    html = results(None, consultation).content.decode()
    assert "8 participants" in html and "4 supports in all." in html
    assert "First" in html and "3 supports" in html
    assert "Hidden" not in html and "5 supports" not in html


def test_results_are_live_while_open(consultation, proposals, people):
    support(proposals["third"], people["h"])
    context = results(None, consultation).context
    assert [(p.title, p.support_total) for p in context["proposals"]][-1] == ("Third", 1)
    assert "still open" in results(None, consultation).content.decode()


def test_results_of_an_empty_consultation(consultation):
    context = results(None, consultation).context
    assert context["participant_total"] == 0 and context["proposals"] == []
    assert all(share.percent == 0 for share in context["by_age_band"])


def test_results_cost_a_fixed_number_of_queries(
    consultation, proposals, people, django_assert_max_num_queries
):
    client = client_for(people["a"])
    url = f"/consultations/{consultation.slug}/results/"
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for index in range(10):
        user = make_user(f"more{index}@example.org")
        make_participant(consultation, user, age=10 + 5 * index, country="KE")
        support(make_proposal(consultation, user, title=f"More {index}"), people["a"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["proposals"]) == 13


# Hidden proposals leave the page, the results and the counts --------------------------------


def test_hidden_proposals_leave_the_consultation_page(consultation, proposals, outsider):
    for user in (None, outsider):
        page = client_for(user).get(consultation.get_absolute_url())
        assert [p.title for p in page.context["page"]] == ["First", "Second", "Third"]
        assert "Hidden" not in page.content.decode()
        assert client_for(user).get(proposals["hidden"].get_absolute_url()).status_code == 404


def test_the_author_sees_their_hidden_proposal_with_the_note_but_no_count(
    consultation, proposals, people
):
    hidden = proposals["hidden"]
    hidden.hidden_note = "Please remove the phone numbers."
    hidden.save()
    response = client_for(people["d"]).get(hidden.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hidden by the moderators." in html and "Please remove the phone numbers." in html
    assert "5 supports" not in html


def test_curators_still_see_hidden_proposals(consultation, proposals, curator):
    page = client_for(curator).get(consultation.get_absolute_url())
    assert "Hidden" in [p.title for p in page.context["page"]]
    # but the results leave them out for everybody, curators included
    assert "Hidden" not in [p.title for p in results(curator, consultation).context["proposals"]]


def test_a_hidden_proposal_cannot_be_supported(consultation, proposals, people, curator):
    hidden = proposals["hidden"]
    url = f"/consultations/{consultation.slug}/proposals/{hidden.pk}/support/"
    assert client_for(people["g"]).post(url).status_code == 404
    make_participant(consultation, curator, age=40, country="FR")
    client_for(curator).post(url)
    assert hidden.supports.count() == 5
