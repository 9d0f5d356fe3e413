"""The ranking equals a hand computation: weights 3, 1, 1 on the scale 0-10, two reviews per
entry, one review missing, one tie, a review set aside for a conflict, an unscored entry."""

from fractions import Fraction

import pytest
from django.utils import timezone

from conftest import make_user
from planet.challenges.models import Submission
from planet.challenges.scoring import as_decimal_text, ranking, review_score
from planet.challenges.tests.factories import make_entry, review, seat_juror
from planet.challenges.tests.jury_setup import make_contest

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(cast, organisation):
    """Entries A to E reviewed by J1 and J2 (J3 declared a conflict on A).

    Review score = (3·c1 + c2 + c3) / 5:
      A: J1 (8,6,4) → 34/5 = 6.8   J2 (6,10,10) → 38/5 = 7.6   mean 7.2, spread 0.8
      B: J1 (9,3,3) → 33/5 = 6.6   J2 draft, not completed    mean 6.6, one review missing
      C: J1 (7,7,5) → 33/5 = 6.6   J2 (5,9,9) → 33/5 = 6.6    mean 6.6, spread 0 (tie with B)
      D: no review                                           unranked, last
      E: J1 (0,0,10) → 10/5 = 2    J2 (2,2,2) → 2             mean 2, rank 4 (after the tie)
    """
    contest = make_contest(cast, organisation, entries=0, jurors=3)
    challenge = contest.challenge
    j1, j2, j3 = contest.jurors
    a, b, c, d, e = (
        make_entry(challenge, make_user(f"author{n}@example.org"), title=f"Entry {n}")
        for n in "ABCDE"
    )
    review(j1, a, [8, 6, 4])
    review(j2, a, [6, 10, 10])
    conflicted = review(j3, a, [0, 0, 0])
    conflicted.conflict_declared_at = timezone.now()
    conflicted.save()
    review(j1, b, [9, 3, 3])
    review(j2, b, [10, 10, 10], complete=False)
    review(j1, c, [7, 7, 5])
    review(j2, c, [5, 9, 9])
    review(j1, e, [0, 0, 10])
    review(j2, e, [2, 2, 2])
    # Neither a draft nor a withdrawn entry is ranked, even when scored.
    draft = make_entry(challenge, make_user("drafter@example.org"), submitted=False)
    withdrawn = make_entry(challenge, make_user("leaver@example.org"))
    Submission.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    review(j1, draft, [10, 10, 10])
    review(j1, withdrawn, [10, 10, 10])
    return challenge, {"A": a, "B": b, "C": c, "D": d, "E": e}


def test_ranking_matches_the_hand_computation(scored):
    challenge, entries = scored
    rows = ranking(challenge)
    by_title = {row.submission.title: row for row in rows}
    assert [row.submission.pk for row in rows] == [
        entries[name].pk for name in ["A", "B", "C", "E", "D"]
    ]
    assert by_title["Entry A"].mean == Fraction(36, 5)
    assert by_title["Entry A"].spread == Fraction(4, 5)
    assert by_title["Entry B"].mean == Fraction(33, 5)
    assert by_title["Entry C"].mean == Fraction(33, 5)
    assert by_title["Entry C"].spread == 0
    assert by_title["Entry E"].mean == 2
    assert by_title["Entry D"].mean is None
    assert [row.rank for row in rows] == [1, 2, 2, 4, None]
    assert [row.tied for row in rows] == [False, True, True, False, False]
    assert [row.reviews_done for row in rows] == [2, 1, 2, 2, 0]
    assert [row.missing_reviews for row in rows] == [0, 1, 0, 0, 2]
    assert by_title["Entry B"].spread is None  # one review: no spread
    assert [as_decimal_text(row.mean) for row in rows] == ["7.20", "6.60", "6.60", "2.00", ""]


def test_a_review_missing_a_criterion_does_not_count(scored):
    challenge, entries = scored
    j1 = challenge.jurors.first()
    partial = review(j1, entries["D"], [10, 10])  # completed, but the third criterion unscored
    assert (
        review_score(partial.scores.all(), {c.pk: c.weight for c in challenge.criteria.all()})
        is None
    )
    row = next(r for r in ranking(challenge) if r.submission.pk == entries["D"].pk)
    assert row.mean is None and row.rank is None


def test_round_two_ranks_the_shortlist_only(scored):
    challenge, entries = scored
    Submission.objects.filter(pk__in=[entries["B"].pk, entries["C"].pk]).update(shortlisted=True)
    challenge.review_round = 2
    challenge.save()
    j1, j2 = challenge.jurors.all()[:2]
    review(j1, entries["B"], [5, 5, 5], round=2)
    review(j2, entries["C"], [6, 6, 6], round=2)
    rows = ranking(challenge)
    assert [(row.submission.title, row.mean, row.rank) for row in rows] == [
        ("Entry C", 6, 1),
        ("Entry B", 5, 2),
    ]
    # Round one's ranking stays readable.
    assert [row.rank for row in ranking(challenge, round=1)] == [1, 2, 2, 4, None]


def test_ranking_costs_four_queries_whatever_the_size(
    scored, django_assert_num_queries, cast, organisation
):
    challenge, _entries = scored
    with django_assert_num_queries(4):
        rows = ranking(challenge)
        names = [row.submission.entrant.display_name for row in rows]
    assert len(names) == 5
    juror = seat_juror(challenge, make_user("juror9@example.org"))
    for n in range(10):
        review(juror, make_entry(challenge, make_user(f"more{n}@example.org")), [n, n, n])
    with django_assert_num_queries(4):
        rows = ranking(challenge)
        names = [row.submission.entrant.display_name for row in rows]
    assert len(names) == 15
