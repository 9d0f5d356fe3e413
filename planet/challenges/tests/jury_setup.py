"""Shared set-up of the jury's tests: a contest whose submissions are closed, with a rubric
(weights 3, 1, 1 on the scale 0-10), two jurors and entries by two entrants.

Roles: the organiser is `org_admin` (admin of the organising organisation), `member` is another
member of that organisation, `outsider` has no tie to the contest.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from conftest import client_for, make_user
from planet.challenges.tests.factories import (
    add_criteria,
    add_question,
    make_challenge,
    make_entry,
    seat_juror,
)

ROLES = ["anonymous", "outsider", "member", "entrant", "juror", "organiser", "curator"]


def closed_challenge(organisation, **extra):
    """A contest whose submissions closed yesterday; the review phase runs ten more days."""
    now = timezone.now()
    extra.setdefault("opens_at", now - timedelta(days=20))
    extra.setdefault("closes_at", now - timedelta(days=1))
    extra.setdefault("review_ends_at", now + timedelta(days=10))
    return make_challenge(organisation=organisation, **extra)


def make_contest(cast, organisation, *, entries=2, jurors=2, **extra) -> SimpleNamespace:
    challenge = closed_challenge(organisation, **extra)
    add_question(challenge, "Your story", word_limit=2000)
    criteria = add_criteria(challenge, 3, 1, 1)
    juror_users = [
        make_user(f"juror{n + 1}@example.org", f"Juror Number{n + 1}") for n in range(jurors)
    ]
    seats = [seat_juror(challenge, user) for user in juror_users]
    entrant = make_user("entrant@example.org", "Ella Entrant")
    other_entrant = make_user("writer@example.org", "Wanda Writer")
    made = [
        make_entry(challenge, entrant if n % 2 == 0 else other_entrant, title=f"Story {n + 1}")
        for n in range(entries)
    ]
    return SimpleNamespace(
        challenge=challenge,
        criteria=criteria,
        juror_users=juror_users,
        jurors=seats,
        entrant=entrant,
        other_entrant=other_entrant,
        entries=made,
        users={
            "anonymous": None,
            "outsider": cast["outsider"],
            "member": cast["member"],
            "entrant": entrant,
            "juror": juror_users[0] if juror_users else None,
            "organiser": cast["org_admin"],
            "curator": cast["curator"],
        },
    )


@pytest.fixture
def contest(cast, organisation):
    return make_contest(cast, organisation)


def client_as(contest, role: str):
    return client_for(contest.users[role])
