"""The jury page, invitations, removing a juror, and the rubric."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from planet.challenges.assignment import assign_reviewers
from planet.challenges.models import Criterion, Juror, JuryInvitation
from planet.challenges.tests.factories import make_challenge, make_entry, review
from planet.challenges.tests.jury_setup import ROLES, client_as, make_contest
from planet.moderation.models import AuditLog

pytestmark = pytest.mark.django_db

ORGANISERS = {"organiser", "curator"}
DENIED = {"anonymous": 302, "outsider": 403, "member": 403, "entrant": 403, "juror": 403}


@pytest.fixture
def contest(cast, organisation):
    return make_contest(cast, organisation)


def url(contest, suffix=""):
    return f"/challenges/{contest.challenge.slug}/{suffix}"


# The jury page


@pytest.mark.parametrize("role", ROLES)
def test_jury_page_is_for_organisers(contest, role):
    response = client_as(contest, role).get(url(contest, "jury/"))
    assert response.status_code == (200 if role in ORGANISERS else DENIED[role])
    if role in ORGANISERS:
        page = response.content.decode()
        assert "Juror Number1" in page and "juror2@example.org" in page
        assert "Reviews per entry" in page


def test_a_draft_challenge_is_hidden_from_outsiders(contest):
    contest.challenge.status = "draft"
    contest.challenge.save()
    assert client_as(contest, "outsider").get(url(contest, "jury/")).status_code == 404
    assert client_as(contest, "organiser").get(url(contest, "jury/")).status_code == 200


def test_jury_page_shows_progress_per_juror_and_entry(contest):
    assign_reviewers(contest.challenge)
    first = contest.entries[0].assignments.first()
    review(first.juror, contest.entries[0], [5, 5, 5])
    page = client_as(contest, "organiser").get(url(contest, "jury/")).content.decode()
    assert "Story 1" in page and "Ella Entrant" in page  # not blind: organisers see names


def test_jury_page_hides_names_from_an_organiser_who_sits_on_a_blind_jury(contest):
    contest.challenge.blind_review = True
    contest.challenge.save()
    Juror.objects.create(challenge=contest.challenge, user=contest.users["organiser"])
    page = client_as(contest, "organiser").get(url(contest, "jury/")).content.decode()
    assert "Story 1" in page and "Ella Entrant" not in page


def test_jury_page_costs_a_fixed_number_of_queries(cast, organisation):
    contest = make_contest(cast, organisation, entries=2, jurors=2)
    client = client_as(contest, "organiser")
    assign_reviewers(contest.challenge)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(contest, "jury/")).status_code == 200
    for n in range(8):
        make_entry(contest.challenge, make_user(f"many{n}@example.org"), title=f"More {n}")
    for n in range(3):
        Juror.objects.create(challenge=contest.challenge, user=make_user(f"j{n}@example.org"))
    JuryInvitation.create_with_token(email="x@example.org", invited_by=None,
                                     challenge=contest.challenge)  # fmt: skip
    assign_reviewers(contest.challenge)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url(contest, "jury/")).status_code == 200
    assert len(large) == len(small)


# Invitations


def test_organisers_invite_by_email(contest, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(contest, "organiser").post(
            url(contest, "jury/invite/"), {"email": "New.Juror@Example.org"}
        )
    assert response.status_code == 302
    invitation = JuryInvitation.objects.get()
    assert invitation.email == "new.juror@example.org"
    (message,) = mail.outbox
    assert message.to == ["new.juror@example.org"]
    assert "/challenges/jury/accept/" in message.body
    assert contest.challenge.title in message.subject


@pytest.mark.parametrize("role", sorted(DENIED))
def test_others_may_not_invite(contest, role):
    response = client_as(contest, role).post(url(contest, "jury/invite/"), {"email": "a@b.org"})
    assert response.status_code == DENIED[role]
    assert not JuryInvitation.objects.exists()


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("juror1@example.org", "already on the jury"),
        ("waiting@example.org", "already waiting"),
        ("not-an-address", "Enter a valid email address"),
    ],
)
def test_invitations_refused_with_a_message(contest, email, error):
    JuryInvitation.create_with_token(email="waiting@example.org", invited_by=None,
                                     challenge=contest.challenge)  # fmt: skip
    response = client_as(contest, "organiser").post(url(contest, "jury/invite/"), {"email": email})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert JuryInvitation.objects.count() == 1


def invitation(contest, email="guest@example.org"):
    return JuryInvitation.create_with_token(
        email=email, invited_by=contest.users["organiser"], challenge=contest.challenge
    )


def test_accepting_seats_the_signed_in_user(contest):
    _invitation, token = invitation(contest)
    guest = make_user("another.address@example.org", "Gus Guest")  # the e-mail need not match
    client = client_for(guest)
    page = client.get(f"/challenges/jury/accept/{token}/")
    assert page.status_code == 200 and "Join the jury" in page.content.decode()
    assert not Juror.objects.filter(user=guest).exists()
    response = client.post(f"/challenges/jury/accept/{token}/", {"answer": "accept"})
    assert response.status_code == 302
    assert response.url == url(contest, "reviews/")
    assert Juror.objects.filter(challenge=contest.challenge, user=guest).exists()
    assert AuditLog.objects.filter(action="challenge.jury.joined").exists()
    # Used: the link works once.
    again = client_for(make_user("third@example.org")).get(f"/challenges/jury/accept/{token}/")
    assert again.status_code == 410 and "no longer valid" in again.content.decode()


def test_accepting_needs_a_signed_in_user(contest):
    _invitation, token = invitation(contest)
    response = client_for(None).post(f"/challenges/jury/accept/{token}/", {"answer": "accept"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not JuryInvitation.objects.get().is_used


def test_declining_and_unknown_and_expired_tokens(contest):
    guest = client_for(make_user("guest@example.org"))
    assert guest.get("/challenges/jury/accept/not-a-token/").status_code == 404
    _invitation, token = invitation(contest)
    guest.post(f"/challenges/jury/accept/{token}/", {"answer": "decline"})
    assert JuryInvitation.objects.get().declined_at is not None
    assert not Juror.objects.filter(user__email="guest@example.org").exists()
    late, token = invitation(contest, "late@example.org")
    late.expires_at = timezone.now() - timedelta(minutes=1)
    late.save()
    response = guest.post(f"/challenges/jury/accept/{token}/", {"answer": "accept"})
    assert response.status_code == 410
    assert not Juror.objects.filter(user__email="guest@example.org").exists()


# Removing a juror


def test_removing_a_juror_without_completed_reviews(contest):
    assign_reviewers(contest.challenge)
    juror = contest.jurors[0]
    response = client_as(contest, "organiser").post(
        url(contest, f"jury/{juror.pk}/remove/"), follow=True
    )
    assert "is no longer on the jury" in response.content.decode()
    assert "need another juror" in response.content.decode()
    assert not Juror.objects.filter(pk=juror.pk).exists()
    assert AuditLog.objects.filter(action="challenge.jury.removed").exists()


def test_a_juror_with_completed_reviews_stays(contest):
    juror = contest.jurors[0]
    review(juror, contest.entries[0], [4, 4, 4])
    response = client_as(contest, "organiser").post(
        url(contest, f"jury/{juror.pk}/remove/"), follow=True
    )
    assert "already completed reviews" in response.content.decode()
    assert Juror.objects.filter(pk=juror.pk).exists()


@pytest.mark.parametrize("role", sorted(DENIED))
def test_others_may_not_remove_jurors(contest, role):
    juror = contest.jurors[1]
    response = client_as(contest, role).post(url(contest, f"jury/{juror.pk}/remove/"))
    assert response.status_code == DENIED[role]
    assert Juror.objects.filter(pk=juror.pk).exists()


# The rubric


@pytest.mark.parametrize("role", ROLES)
def test_rubric_is_for_organisers(contest, role):
    response = client_as(contest, role).get(url(contest, "rubric/"))
    assert response.status_code == (200 if role in ORGANISERS else DENIED[role])
    if role in ORGANISERS:
        assert "Criterion 1" in response.content.decode()
        assert "60 %" in response.content.decode()  # weight 3 of 5


def test_adding_editing_and_deleting_criteria(contest):
    client = client_as(contest, "organiser")
    first = contest.criteria[0]
    page = client.get(url(contest, f"rubric/{first.pk}/"))
    assert page.status_code == 200 and 'value="Criterion 1"' in page.content.decode()
    response = client.post(url(contest, "rubric/"), {"name": "Originality", "weight": "4"})
    assert response.status_code == 302
    added = Criterion.objects.get(name="Originality")
    assert added.weight == 4 and added.position == 3
    response = client.post(
        url(contest, f"rubric/{added.pk}/"), {"name": "Originality", "weight": "7"}
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.weight == 7
    client.post(url(contest, f"rubric/{added.pk}/delete/"))
    assert not Criterion.objects.filter(pk=added.pk).exists()


@pytest.mark.parametrize("weight", ["0", "101", "-2", "two"])
def test_a_weight_outside_one_to_a_hundred_is_refused(contest, weight):
    client = client_as(contest, "organiser")
    response = client.post(url(contest, "rubric/"), {"name": "Style", "weight": weight})
    assert response.status_code == 400
    assert "The weight is a whole number from 1 to 100." in response.content.decode()
    assert not Criterion.objects.filter(name="Style").exists()
    first = contest.criteria[0]
    response = client.post(url(contest, f"rubric/{first.pk}/"), {"name": "X", "weight": weight})
    assert response.status_code == 400
    first.refresh_from_db()
    assert first.weight == 3 and first.name == "Criterion 1"


@pytest.mark.parametrize("role", sorted(DENIED))
def test_others_may_not_change_the_rubric(contest, role):
    client = client_as(contest, role)
    first = contest.criteria[0]
    assert (
        client.post(url(contest, "rubric/"), {"name": "X", "weight": "1"}).status_code
        == (DENIED[role])
    )
    edit = client.post(url(contest, f"rubric/{first.pk}/"), {"name": "X", "weight": "1"})
    assert edit.status_code == DENIED[role]
    assert client.post(url(contest, f"rubric/{first.pk}/delete/")).status_code == DENIED[role]
    assert Criterion.objects.count() == 3
    assert Criterion.objects.get(pk=first.pk).name == "Criterion 1"


def test_the_rubric_is_locked_once_a_review_is_completed(contest):
    client = client_as(contest, "organiser")
    review(contest.jurors[0], contest.entries[0], [1, 2, 3], complete=False)
    added = client.post(url(contest, "rubric/"), {"name": "Draft-time", "weight": "1"})
    assert added.status_code == 302  # a draft review does not lock the rubric
    review(contest.jurors[0], contest.entries[0], [1, 2, 3])
    first = contest.criteria[0]
    for response in [
        client.post(url(contest, "rubric/"), {"name": "Late", "weight": "1"}, follow=True),
        client.post(url(contest, f"rubric/{first.pk}/"), {"name": "X", "weight": "9"}, follow=True),
        client.post(url(contest, f"rubric/{first.pk}/delete/"), follow=True),
    ]:
        assert "change what their scores mean" in response.content.decode()
    assert Criterion.objects.count() == 4
    first.refresh_from_db()
    assert (first.name, first.weight) == ("Criterion 1", 3)
    assert "Add a criterion" not in client.get(url(contest, "rubric/")).content.decode()


def test_another_challenges_criterion_is_not_found(contest):
    foreign = Criterion.objects.create(challenge=make_challenge(title="Other"), name="Foreign")
    client = client_as(contest, "organiser")
    assert client.post(url(contest, f"rubric/{foreign.pk}/delete/")).status_code == 404
    assert Criterion.objects.filter(pk=foreign.pk).exists()
