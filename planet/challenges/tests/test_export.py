"""The organisers' CSV export: answers and scores, blind review respected, no CSV injection."""

import csv
import io

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from planet.challenges.export import safe_cell
from planet.challenges.models import Answer, Outcome, Submission
from planet.challenges.tests.factories import add_question, make_entry, review
from planet.challenges.tests.jury_setup import ROLES, client_as, make_contest

pytestmark = pytest.mark.django_db

ORGANISERS = {"organiser", "curator"}
DENIED = {"anonymous": 302, "outsider": 403, "member": 403, "entrant": 403, "juror": 403}


@pytest.fixture
def contest(cast, organisation):
    contest = make_contest(cast, organisation, entries=2)
    challenge = contest.challenge
    age = add_question(challenge, "Your age", kind="single_choice", choices=["8-12", "13-17"])
    link = add_question(challenge, "A link", kind="link", required=False)
    drawing = add_question(challenge, "A drawing", kind="file", file_kinds=["picture"])
    one, two = contest.entries
    Answer.objects.create(submission=one, question=age, choices=["13-17"])
    Answer.objects.create(submission=one, question=link, url="https://example.org/rose")
    picture = Answer(submission=one, question=drawing, file_type="png")
    picture.file.save("rose.png", ContentFile(b"png"), save=True)
    Answer.objects.create(submission=two, question=age, choices=["8-12"])
    Submission.objects.filter(pk=two.pk).update(title='=HYPERLINK("http://evil")')
    j1, j2 = contest.jurors
    review(j1, one, [8, 6, 4])
    review(j2, one, [6, 10, 10])
    review(j1, two, [5, 5, 5])
    make_entry(challenge, make_user("draft@example.org", "Drafty"), title="Unsent", submitted=False)
    return contest


def export(contest, role="organiser"):
    response = client_as(contest, role).get(f"/challenges/{contest.challenge.slug}/export.csv")
    assert response.status_code == 200
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return response, list(csv.reader(io.StringIO(content[1:])))


@pytest.mark.parametrize("role", ROLES)
def test_export_is_for_organisers(contest, role):
    response = client_as(contest, role).get(f"/challenges/{contest.challenge.slug}/export.csv")
    assert response.status_code == (200 if role in ORGANISERS else DENIED[role])


def test_export_rows(contest):
    one, two = contest.entries
    one.outcome = Outcome.WINNER
    one.shortlisted = True
    one.save()
    response, rows = export(contest)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'attachment; filename="the-little-prince-is-back-entries-'
        in response["Content-Disposition"]
    )
    header, first, second = rows  # the draft is not exported
    assert header == [
        "Reference", "Title", "Entrant", "E-mail", "Team", "Submitted at (UTC)",
        "Your story", "Your age", "A link", "A drawing",
        "Shortlisted", "Outcome", "Weighted mean", "Reviews done",
        "Mean: Criterion 1", "Mean: Criterion 2", "Mean: Criterion 3",
    ]  # fmt: skip
    row = dict(zip(header, first, strict=True))
    assert row["Reference"] == f"Entry {one.pk}" and row["Title"] == "Story 1"
    assert row["Entrant"] == "Ella Entrant" and row["E-mail"] == "entrant@example.org"
    assert row["Submitted at (UTC)"].endswith("+00:00")
    assert row["Your story"] == "Once upon Story 1."
    assert row["Your age"] == "13-17" and row["A link"] == "https://example.org/rose"
    assert row["A drawing"].startswith("http://testserver/media/entries/")
    assert row["A drawing"].endswith(".png")
    assert (row["Shortlisted"], row["Outcome"]) == ("yes", "Winner")
    assert (row["Weighted mean"], row["Reviews done"]) == ("7.20", "2")  # (6.8 + 7.6) / 2
    assert (row["Mean: Criterion 1"], row["Mean: Criterion 2"]) == ("7.00", "8.00")
    row = dict(zip(header, second, strict=True))
    assert row["Weighted mean"] == "5.00" and row["Reviews done"] == "1"


def test_cells_that_look_like_formulas_are_quoted(contest):
    _response, rows = export(contest)
    assert rows[2][1] == '\'=HYPERLINK("http://evil")'
    assert [safe_cell(v) for v in ["+1", "-1", "@SUM(A1)", "plain", None, 3]] == [
        "'+1", "'-1", "'@SUM(A1)", "plain", "", "3",
    ]  # fmt: skip


def test_blind_export_has_no_names_nor_addresses(contest):
    contest.challenge.blind_review = True
    contest.challenge.save()
    _response, rows = export(contest)
    text = "\n".join(",".join(row) for row in rows)
    assert "Entrant" not in rows[0] and "E-mail" not in rows[0]
    for hidden in ["Ella Entrant", "entrant@example.org", "Wanda Writer", "writer@example.org"]:
        assert hidden not in text
    assert "Story 1" in text
    # Once results are published, names are no longer secret.
    contest.challenge.results_published_at = timezone.now()
    contest.challenge.save()
    _response, rows = export(contest)
    assert "Ella Entrant" in "\n".join(",".join(row) for row in rows)


def test_export_costs_a_fixed_number_of_queries(contest):
    client = client_as(contest, "organiser")
    url = f"/challenges/{contest.challenge.slug}/export.csv"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6):
        entry = make_entry(contest.challenge, make_user(f"x{n}@example.org"), title=f"More {n}")
        review(contest.jurors[0], entry, [n, n, n])
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.content.decode().splitlines()) == 9
    assert len(many) == len(few)
