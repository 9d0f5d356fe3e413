"""The list (open first), the consultation page, and creating, editing and publishing
consultations (curators only)."""

import datetime

import pytest
from django.utils import timezone

from conftest import client_for, make_user
from planet.consultations.models import Consultation, ConsultationStatus
from planet.consultations.tests.factories import (
    make_comment,
    make_consultation,
    make_proposal,
    support,
)
from planet.moderation.models import AuditLog
from planet.sdgs.models import Goal

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def titles(response) -> list[str]:
    return [consultation.title for consultation in response.context["page"]]


@pytest.fixture
def drafted(curator):
    return make_consultation(curator, title="Secret draft", status=ConsultationStatus.DRAFT)


def test_the_list_shows_open_ones_first_then_upcoming_then_closed(curator):
    now = timezone.now()
    make_consultation(curator, title="Closed", opens_at=now - 9 * DAY, closes_at=now - DAY)
    make_consultation(curator, title="Upcoming", opens_at=now + DAY, closes_at=now + 9 * DAY)
    make_consultation(curator, title="Open late", opens_at=now - DAY, closes_at=now + 8 * DAY)
    make_consultation(curator, title="Open soon over", opens_at=now - DAY, closes_at=now + DAY)
    response = client_for(None).get("/consultations/")
    assert response.status_code == 200
    assert titles(response) == ["Open soon over", "Open late", "Upcoming", "Closed"]


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "member", "org_admin"])
def test_drafts_are_neither_listed_nor_shown_to_others_than_curators(drafted, cast, viewer):
    client = client_for(cast[viewer])
    assert "Secret draft" not in titles(client.get("/consultations/"))
    assert client.get(drafted.get_absolute_url()).status_code == 404
    assert client.get(f"/consultations/{drafted.slug}/results/").status_code == 404


def test_curators_see_drafts(drafted, curator):
    client = client_for(curator)
    assert titles(client.get("/consultations/")) == ["Secret draft"]
    response = client.get(drafted.get_absolute_url())
    assert response.status_code == 200
    assert "Publish the consultation" in response.content.decode()


def test_the_list_shows_figures_without_hidden_proposals(curator, outsider, member):
    consultation = make_consultation(curator)
    make_proposal(consultation, outsider, title="Shown")
    make_proposal(consultation, member, title="Hidden", hidden_at=timezone.now())
    [card] = client_for(None).get("/consultations/").context["page"]
    assert (card.proposal_total, card.participant_total) == (1, 2)


def test_the_list_costs_a_fixed_number_of_queries(curator, outsider, django_assert_max_num_queries):
    def add(count):
        for index in range(count):
            consultation = make_consultation(curator, title=f"Question {index}")
            consultation.goals.set(Goal.objects.filter(number__in=[4, 13]))
            make_proposal(consultation, outsider)

    client = client_for(outsider)
    add(2)
    with django_assert_max_num_queries(10) as few:
        client.get("/consultations/")
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/consultations/")
    assert len(response.context["page"]) == 12


def test_proposals_sort_by_supports_or_newest(curator, outsider, member, editor):
    consultation = make_consultation(curator)
    older = make_proposal(consultation, outsider, title="Older, more supported")
    newer = make_proposal(consultation, member, title="Newer")
    support(older, member)
    support(older, editor)
    support(newer, editor)
    client = client_for(None)
    by_supports = client.get(consultation.get_absolute_url()).context["page"]
    assert [(p.title, p.support_total) for p in by_supports] == [
        ("Older, more supported", 2),
        ("Newer", 1),
    ]
    newest = client.get(consultation.get_absolute_url(), {"sort": "newest"}).context["page"]
    assert [p.title for p in newest] == ["Newer", "Older, more supported"]


def test_the_consultation_page_costs_a_fixed_number_of_queries(
    curator, member, django_assert_max_num_queries
):
    consultation = make_consultation(curator)
    consultation.goals.set(Goal.objects.filter(number__in=[4, 13]))

    def add(count):
        for index in range(count):
            author = make_user(f"young-{count}-{index}@example.org")
            proposal = make_proposal(consultation, author, title=f"Idea {index}")
            support(proposal, member)
            make_comment(proposal, member)

    add(2)
    url = consultation.get_absolute_url()
    client = client_for(member)
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"]) == 12
    assert all(p.supported for p in response.context["page"])


# Creating, editing, publishing ------------------------------------------------------------


def form_data(**extra) -> dict:
    data = {
        "title": "  What should   change at school?  ",
        "context": "Tell us **everything**.",
        "content_language": "en",
        "organisation": "",
        "timezone": "Europe/Paris",
        "opens_at": "2026-03-01T09:00",
        "closes_at": "2026-03-31T23:59",
        "max_age": "30",
        "countries": ["FR", "SN"],
        "goals": ["4", "13"],
    }
    data.update(extra)
    return data


def test_a_curator_opens_a_consultation_with_dates_in_the_organisers_zone(curator):
    response = client_for(curator).post("/consultations/new/", form_data())
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == consultation.get_absolute_url()
    assert consultation.title == "What should change at school?"
    assert consultation.status == ConsultationStatus.DRAFT
    assert consultation.created_by == curator
    assert consultation.opens_at == datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.UTC)
    assert consultation.closes_at == datetime.datetime(2026, 3, 31, 21, 59, tzinfo=datetime.UTC)
    assert (consultation.max_age, consultation.countries) == (30, ["FR", "SN"])
    assert sorted(consultation.goals.values_list("number", flat=True)) == [4, 13]
    assert AuditLog.objects.for_target(consultation).get().action == "consultation.create"


@pytest.mark.parametrize("viewer", ["outsider", "member", "org_admin", "editor"])
def test_only_curators_open_consultations(cast, viewer):
    client = client_for(cast[viewer])
    assert client.get("/consultations/new/").status_code == 403
    assert client.post("/consultations/new/", form_data()).status_code == 403
    assert not Consultation.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in():
    response = client_for(None).post("/consultations/new/", form_data())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Consultation.objects.exists()


def test_closing_before_opening_is_refused_and_named(curator):
    data = form_data(closes_at="2026-02-01T10:00")
    response = client_for(curator).post("/consultations/new/", data)
    assert response.status_code == 400
    assert "must close after it opens" in str(response.context["form"].errors["closes_at"])
    assert not Consultation.objects.exists()


def test_a_time_the_clocks_skip_is_refused(curator):
    response = client_for(curator).post(
        "/consultations/new/", form_data(opens_at="2026-03-29T02:30")
    )
    assert response.status_code == 400
    assert "opens_at" in response.context["form"].errors
    assert not Consultation.objects.exists()


def test_a_curator_edits_and_the_form_shows_local_times(curator, organisation):
    consultation = make_consultation(
        curator,
        opens_at=datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2026, 3, 31, 21, 59, tzinfo=datetime.UTC),
    )
    url = f"/consultations/{consultation.slug}/edit/"
    client = client_for(curator)
    page = client.get(url)
    assert 'value="2026-03-01T09:00"' in page.content.decode()
    data = form_data(title="A new question", organisation=str(organisation.pk))
    assert client.post(url, data).status_code == 302
    consultation.refresh_from_db()
    assert (consultation.title, consultation.organisation) == ("A new question", organisation)
    assert AuditLog.objects.for_target(consultation).filter(action="consultation.edit").exists()


@pytest.mark.parametrize("viewer", ["outsider", "org_admin", "editor"])
def test_others_may_not_edit_even_the_organiser_organisation(cast, curator, organisation, viewer):
    consultation = make_consultation(curator, organisation=organisation)
    url = f"/consultations/{consultation.slug}/edit/"
    response = client_for(cast[viewer]).post(url, form_data(title="Hijacked"))
    assert response.status_code == 403
    consultation.refresh_from_db()
    assert consultation.title != "Hijacked"


def test_a_curator_publishes_a_draft(drafted, curator):
    response = client_for(curator).post(f"/consultations/{drafted.slug}/publish/")
    assert response.status_code == 302
    drafted.refresh_from_db()
    assert drafted.status == ConsultationStatus.PUBLISHED
    assert AuditLog.objects.for_target(drafted).get().action == "consultation.publish"
    assert client_for(None).get(drafted.get_absolute_url()).status_code == 200


def test_the_organiser_organisation_admin_sees_the_draft_but_may_not_publish(
    curator, organisation, org_admin, outsider
):
    drafted = make_consultation(curator, organisation=organisation, status=ConsultationStatus.DRAFT)
    url = f"/consultations/{drafted.slug}/publish/"
    assert client_for(org_admin).post(url).status_code == 403
    assert client_for(outsider).post(url).status_code == 404
    drafted.refresh_from_db()
    assert drafted.status == ConsultationStatus.DRAFT


def test_every_page_renders_for_its_audience(curator, organisation, org_admin, outsider):
    now = timezone.now()
    upcoming = make_consultation(curator, title="Soon", opens_at=now + DAY, closes_at=now + 9 * DAY)
    page = client_for(outsider).get(upcoming.get_absolute_url())
    assert "The consultation is not open yet." in page.content.decode()
    assert client_for(outsider).get(f"/consultations/{upcoming.slug}/propose/").status_code == 302
    open_one = make_consultation(curator, organisation=organisation, title="Open")
    form_page = client_for(outsider).get(f"/consultations/{open_one.slug}/propose/")
    assert form_page.status_code == 200 and form_page.context["declaration_form"] is not None
    assert client_for(org_admin).get(f"/consultations/{open_one.slug}/summary/").status_code == 200
    assert client_for(outsider).get(f"/consultations/{open_one.slug}/summary/").status_code == 403
    assert client_for(curator).get(f"/consultations/{open_one.slug}/edit/").status_code == 200
    assert client_for(curator).get("/consultations/new/").status_code == 200
