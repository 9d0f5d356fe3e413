"""Entering a challenge through the JSON API: the entry page's form and rules (word limits,
choices, files checked by content, deadline, entries per person, team and eligibility rules)
and its receipt, for a caller with a read-write token or a signed-in browser sending its CSRF
token; nobody reaches another person's entry."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import make_user, session_client, token_client
from planet.apikeys.models import Scope
from planet.challenges.models import ChallengeStatus, Participation, Submission, SubmissionStatus
from planet.challenges.tests.entry_helpers import contest_form, pdf_upload
from planet.challenges.tests.factories import add_question, make_challenge, make_entry
from planet.projects.models import Status
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db
STORY = "The little prince lands on a warming planet."


def refused_clients(user) -> dict:
    return {
        "anonymous": (Client(), 401),
        "read_only_token": (token_client(user, Scope.READ), 403),
        "session_without_csrf": (session_client(user, csrf=False), 403),
    }


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.content
    return response.json()["error"]


def entries_url(challenge) -> str:
    return f"/api/v1/challenges/{challenge.slug}/entries"


def entry_url(entry, action: str = "") -> str:
    return f"{entries_url(entry.challenge)}/{entry.pk}" + (f"/{action}" if action else "")


def answers(questions, **values) -> dict:
    """Answers keyed by question id, as the API takes them, from keys of `contest_form`."""
    return {str(questions[key].pk): value for key, value in values.items()}


def complete(questions, **extra) -> dict:
    return {
        "title": "A rose on Mars",
        "consent_to_publish": True,
        "answers": answers(questions, story=STORY, age="13-17"),
        **extra,
    }


def stored(entry) -> dict:
    """{question_id: the stored answer's text, choices or url}."""
    return {a.question_id: a.text or a.choices or a.url for a in entry.answers.all()}


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the receipts) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def challenge(org_admin, organisation):
    return make_challenge(org_admin, organisation=organisation)


@pytest.fixture
def questions(challenge):
    return contest_form(challenge)


@pytest.fixture
def entrant(db):
    return make_user("lea@example.org", "Léa Entrant")


@pytest.fixture
def draft(challenge, questions, entrant):
    return make_entry(challenge, entrant, title="My draft", submitted=False)


# The form a client fills in ----------------------------------------------------------------


def test_the_challenge_shows_its_questions_and_their_limits(challenge, questions):
    data = Client().get(f"/api/v1/challenges/{challenge.slug}").json()
    by_label = {question["label"]: question for question in data["questions"]}
    assert list(by_label) == ["Your story", "Your age", "An illustration", "Your blog"]
    story = by_label["Your story"]
    assert story["id"] == questions["story"].pk
    assert story["kind"] == "long_text" and story["required"] is True
    assert story["word_limit"] == 10 and story["max_length"] == 200_000
    assert by_label["Your age"]["choices"] == ["8-12", "13-17", "18-25"]
    illustration = by_label["An illustration"]
    assert illustration["required"] is False
    assert illustration["file_types"] == ["pdf", "picture"]
    assert illustration["max_file_mb"] == 1
    assert by_label["Your blog"]["max_length"] == 500


# Starting an entry -------------------------------------------------------------------------


def test_a_token_starts_a_draft_with_its_answers_and_no_receipt(
    challenge, questions, entrant, committing
):
    payload = {"title": "First try", "answers": answers(questions, story="Half a story")}
    with committing():
        response = token_client(entrant).post(
            entries_url(challenge), payload, content_type="application/json"
        )

    assert response.status_code == 201, response.content
    data = response.json()
    entry = Submission.objects.get(entrant=entrant)
    assert data["id"] == entry.pk and data["status"] == "draft" and data["editable"] is True
    assert data["title"] == "First try"
    assert data["answers"] == {str(questions["story"].pk): "Half a story"}
    assert stored(entry) == {questions["story"].pk: "Half a story"}
    assert mail.outbox == []


def test_a_signed_in_browser_with_its_csrf_token_starts_an_entry(challenge, entrant):
    response = session_client(entrant).post(entries_url(challenge), {}, "application/json")
    assert response.status_code == 201, response.content
    assert Submission.objects.get().title == "My entry to “The Little Prince is back”"


@pytest.mark.parametrize("caller", ["anonymous", "read_only_token", "session_without_csrf"])
def test_who_may_not_write_cannot_start_an_entry(challenge, entrant, caller):
    client, status = refused_clients(entrant)[caller]
    error_of(client.post(entries_url(challenge), {}, "application/json"), status)
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("one two three four five six seven eight nine ten eleven", "the limit is 10 words"),
        (["a", "list"], "Send one value, not a list."),
    ],
    ids=["over-the-word-limit", "a-list-for-a-text"],
)
def test_an_invalid_answer_is_a_422_naming_the_question_and_saves_nothing(
    challenge, questions, entrant, answer, message
):
    payload = {"answers": answers(questions, story=answer)}
    response = token_client(entrant).post(entries_url(challenge), payload, "application/json")
    (problem,) = error_of(response, 422)["fields"][f"answers.{questions['story'].pk}"]
    assert message in problem
    assert not Submission.objects.exists()


def test_each_bad_answer_is_named(challenge, questions, entrant):
    payload = {
        "answers": {
            **answers(questions, age="99-100", link="not a link", illustration="drawing.pdf"),
            "999999": "To a question that does not exist",
        }
    }
    error = error_of(
        token_client(entrant).post(entries_url(challenge), payload, "application/json"), 422
    )
    assert set(error["fields"]) == {"answers.999999", f"answers.{questions['illustration'].pk}"}
    assert "multipart" in error["fields"][f"answers.{questions['illustration'].pk}"][0]

    del payload["answers"]["999999"], payload["answers"][str(questions["illustration"].pk)]
    error = error_of(
        token_client(entrant).post(entries_url(challenge), payload, "application/json"), 422
    )
    assert set(error["fields"]) == {
        f"answers.{questions['age'].pk}",
        f"answers.{questions['link'].pk}",
    }
    assert "Select a valid choice" in error["fields"][f"answers.{questions['age'].pk}"][0]
    assert error["fields"][f"answers.{questions['link'].pk}"] == ["Enter a valid URL."]
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ({"closes_at_minutes": -1}, "closed on"),
        ({"opens_at_minutes": 60}, "does not accept entries yet"),
    ],
    ids=["after-the-deadline", "before-it-opens"],
)
def test_outside_the_submission_period_starting_is_a_409(org_admin, entrant, dates, message):
    now = timezone.now()
    challenge = make_challenge(
        org_admin,
        opens_at=now + timedelta(minutes=dates.get("opens_at_minutes", -60 * 24)),
        closes_at=now + timedelta(minutes=dates.get("closes_at_minutes", 60 * 24)),
    )
    error = error_of(
        token_client(entrant).post(entries_url(challenge), {}, "application/json"), 409
    )
    assert message in error["message"]
    assert not Submission.objects.exists()


def test_one_entry_per_person_is_kept(challenge, entrant):
    make_entry(challenge, entrant)
    response = token_client(entrant).post(entries_url(challenge), {}, "application/json")
    assert "only one" in error_of(response, 409)["message"]
    assert Submission.objects.count() == 1


def test_a_draft_challenge_cannot_be_entered(org_admin, entrant):
    hidden = make_challenge(org_admin, title="Secret", status=ChallengeStatus.DRAFT)
    error_of(token_client(entrant).post(entries_url(hidden), {}, "application/json"), 404)
    assert not Submission.objects.exists()


# Changing a draft --------------------------------------------------------------------------


def test_patch_changes_only_what_it_names(draft, questions, entrant):
    client = token_client(entrant)
    client.patch(entry_url(draft), {"answers": answers(questions, age="8-12")}, "application/json")
    response = client.patch(
        entry_url(draft),
        {"title": "Better title", "answers": answers(questions, link="https://lea.example.org")},
        "application/json",
    )

    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.title == "Better title" and draft.status == SubmissionStatus.DRAFT
    assert stored(draft) == {
        questions["story"].pk: "Once upon My draft.",
        questions["age"].pk: ["8-12"],
        questions["link"].pk: "https://lea.example.org",
    }
    assert response.json()["answers"][str(questions["age"].pk)] == "8-12"


def test_null_empties_an_answer(draft, questions, entrant):
    response = token_client(entrant).patch(
        entry_url(draft), {"answers": answers(questions, story=None)}, "application/json"
    )
    assert response.status_code == 200, response.content
    assert stored(draft) == {}


def test_a_bad_answer_in_a_patch_changes_nothing(draft, questions, entrant):
    payload = {"title": "Changed", "answers": answers(questions, link="nope", story="Fine")}
    error = error_of(
        token_client(entrant).patch(entry_url(draft), payload, "application/json"), 422
    )
    assert list(error["fields"]) == [f"answers.{questions['link'].pk}"]
    draft.refresh_from_db()
    assert draft.title == "My draft"
    assert stored(draft) == {questions["story"].pk: "Once upon My draft."}


@pytest.mark.parametrize("caller", ["anonymous", "read_only_token", "session_without_csrf"])
def test_who_may_not_write_cannot_change_an_entry(draft, entrant, caller):
    client, status = refused_clients(entrant)[caller]
    error_of(client.patch(entry_url(draft), {"title": "Changed"}, "application/json"), status)
    draft.refresh_from_db()
    assert draft.title == "My draft"


@pytest.mark.parametrize("action", ["patch", "submit", "withdraw", "read"])
def test_another_persons_entry_is_a_404(draft, outsider, action):
    client = token_client(outsider)
    response = {
        "patch": lambda: client.patch(entry_url(draft), {"title": "Mine"}, "application/json"),
        "submit": lambda: client.post(entry_url(draft, "submit"), {}, "application/json"),
        "withdraw": lambda: client.post(entry_url(draft, "withdraw")),
        "read": lambda: client.get(entry_url(draft)),
    }[action]()
    error_of(response, 404)
    draft.refresh_from_db()
    assert draft.title == "My draft" and draft.status == SubmissionStatus.DRAFT


def test_after_the_deadline_nothing_changes(draft, questions, entrant):
    challenge = draft.challenge
    challenge.closes_at = timezone.now() - timedelta(minutes=1)
    challenge.save()
    client = token_client(entrant)
    for response in (
        client.patch(entry_url(draft), {"title": "Late"}, "application/json"),
        client.post(entry_url(draft, "submit"), complete(questions), "application/json"),
        client.post(entry_url(draft, "withdraw")),
    ):
        assert "closed on" in error_of(response, 409)["message"]
    draft.refresh_from_db()
    assert draft.title == "My draft" and draft.status == SubmissionStatus.DRAFT


# Submitting --------------------------------------------------------------------------------


def test_submitting_checks_the_required_answers_and_the_consent(draft, questions, entrant):
    payload = {"consent_to_publish": False, "answers": answers(questions, story="", age=None)}
    response = token_client(entrant).post(entry_url(draft, "submit"), payload, "application/json")
    fields = error_of(response, 422)["fields"]
    assert set(fields) == {
        f"answers.{questions['story'].pk}",
        f"answers.{questions['age'].pk}",
        "consent_to_publish",
    }
    assert fields[f"answers.{questions['story'].pk}"] == [
        "Answer this question to submit your entry."
    ]
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT
    assert stored(draft) == {questions["story"].pk: "Once upon My draft."}
    assert mail.outbox == []


def test_submitting_saves_the_entry_and_sends_the_receipt(draft, questions, entrant, committing):
    with committing():
        response = token_client(entrant).post(
            entry_url(draft, "submit"), complete(questions), "application/json"
        )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.SUBMITTED and draft.submitted_at is not None
    (receipt,) = mail.outbox
    assert receipt.to == ["lea@example.org"]
    assert "is received" in receipt.subject and STORY in receipt.body


def test_a_draft_filled_in_before_is_submitted_without_a_body(draft, questions, entrant):
    client = token_client(entrant)
    client.patch(entry_url(draft), complete(questions), "application/json")
    response = client.generic("POST", entry_url(draft, "submit"))  # no body at all
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"


def test_submitting_twice_is_a_409(challenge, questions, entrant, committing):
    entry = make_entry(challenge, entrant)
    with committing():
        response = token_client(entrant).post(entry_url(entry, "submit"), {}, "application/json")
    assert "already submitted" in error_of(response, 409)["message"]
    assert mail.outbox == []


def test_a_required_file_must_be_uploaded_before_submitting(
    challenge, questions, entrant, committing
):
    scan = add_question(challenge, "Signed form", "file", file_kinds=["pdf"])
    entry = make_entry(challenge, entrant, submitted=False)
    client = token_client(entrant)

    refused = client.post(entry_url(entry, "submit"), complete(questions), "application/json")
    assert error_of(refused, 422)["fields"] == {
        f"answers.{scan.pk}": ["Answer this question to submit your entry."]
    }
    uploaded = client.post(entry_url(entry, f"files/{scan.pk}"), {"file": pdf_upload("Form.pdf")})
    assert uploaded.status_code == 200, uploaded.content
    assert uploaded.json()["files"] == {str(scan.pk): {"name": "form.pdf", "type": "pdf"}}
    with committing():
        submitted = client.post(entry_url(entry, "submit"), complete(questions), "application/json")

    assert submitted.status_code == 200, submitted.content
    (receipt,) = mail.outbox
    assert "form.pdf" in receipt.body


def test_a_file_of_a_type_the_question_refuses_is_a_422_and_is_not_kept(draft, questions, entrant):
    illustration = questions["illustration"]
    upload = pdf_upload("notes.txt", b"Plain words.")
    response = token_client(entrant).post(
        entry_url(draft, f"files/{illustration.pk}"), {"file": upload}
    )
    fields = error_of(response, 422)["fields"]
    assert "does not accept" in fields[f"answers.{illustration.pk}"][0]
    assert not draft.answers.filter(question=illustration).exists()


def test_files_go_only_to_file_questions_of_the_challenge(draft, questions, entrant):
    client = token_client(entrant)
    story = questions["story"]
    error_of(client.post(entry_url(draft, f"files/{story.pk}"), {"file": pdf_upload()}), 404)
    error_of(client.post(entry_url(draft, "files/999999"), {"file": pdf_upload()}), 404)


@pytest.mark.parametrize("caller", ["anonymous", "read_only_token", "session_without_csrf"])
def test_who_may_not_write_cannot_upload(draft, questions, entrant, caller):
    client, status = refused_clients(entrant)[caller]
    url = entry_url(draft, f"files/{questions['illustration'].pk}")
    error_of(client.post(url, {"file": pdf_upload()}), status)
    assert not draft.answers.filter(question=questions["illustration"]).exists()


def test_only_teams_enter_a_team_challenge(org_admin, entrant):
    teams = make_challenge(org_admin, title="Team call", participation=Participation.TEAM)
    questions = contest_form(teams)
    entry = make_entry(teams, entrant, submitted=False)
    client = token_client(entrant)
    response = client.post(entry_url(entry, "submit"), complete(questions), "application/json")
    assert error_of(response, 422)["fields"] == {
        "team_name": ["Only teams may enter: give your team's name."]
    }
    named = complete(questions, team_name="The Roses")
    assert client.post(entry_url(entry, "submit"), named, "application/json").status_code == 200


def test_an_individual_challenge_takes_no_team_name(org_admin, entrant):
    solo = make_challenge(org_admin, title="Solo", participation=Participation.INDIVIDUAL)
    response = token_client(entrant).post(
        entries_url(solo), {"team_name": "The Roses"}, "application/json"
    )
    assert "team_name" in error_of(response, 422)["fields"]
    assert not Submission.objects.exists()


def test_eligibility_is_confirmed_and_the_country_checked(org_admin, entrant):
    french = make_challenge(org_admin, title="French call", countries=["FR"], min_age=12)
    questions = contest_form(french)
    entry = make_entry(french, entrant, submitted=False)
    entrant.profile.country = "DE"
    entrant.profile.save()
    client = token_client(entrant)

    fields = error_of(
        client.post(entry_url(entry, "submit"), complete(questions), "application/json"), 422
    )["fields"]
    assert set(fields) == {"eligible", "__all__"}
    assert "open to entrants living in: France" in fields["__all__"][0]

    entrant.profile.country = "FR"
    entrant.profile.save()
    confirmed = complete(questions, eligible=True)
    response = client.post(entry_url(entry, "submit"), confirmed, "application/json")
    assert response.status_code == 200, response.content


def test_a_project_answer_is_one_of_my_published_projects_by_slug(challenge, entrant, outsider):
    question = add_question(challenge, "Your project", "project")
    mine = make_project(entrant, title="Lea's river project")
    unfinished = make_project(entrant, title="Unfinished", status=Status.DRAFT)
    theirs = make_project(outsider, title="Someone else's")
    entry = make_entry(challenge, entrant, submitted=False)
    client = token_client(entrant)
    for slug in (theirs.slug, unfinished.slug, "no-such-project"):
        response = client.patch(
            entry_url(entry), {"answers": {str(question.pk): slug}}, "application/json"
        )
        assert f"answers.{question.pk}" in error_of(response, 422)["fields"]

    response = client.patch(
        entry_url(entry), {"answers": {str(question.pk): mine.slug}}, "application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["answers"][str(question.pk)] == mine.slug
    assert entry.answers.get(question=question).project == mine


# A submitted entry -------------------------------------------------------------------------


def test_changing_a_submitted_entry_checks_it_in_full_and_sends_a_new_receipt(
    challenge, questions, entrant, committing
):
    entry = make_entry(challenge, entrant)
    client = token_client(entrant)
    emptied = {"answers": answers(questions, age=None)}
    fields = error_of(client.patch(entry_url(entry), emptied, "application/json"), 422)["fields"]
    assert f"answers.{questions['age'].pk}" in fields

    with committing():
        response = client.patch(
            entry_url(entry), complete(questions, eligible=True), "application/json"
        )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    (receipt,) = mail.outbox
    assert "was updated" in receipt.subject


# Withdrawing -------------------------------------------------------------------------------


def test_withdrawing_frees_the_place_for_another_entry(challenge, questions, entrant):
    entry = make_entry(challenge, entrant)
    client = token_client(entrant)
    response = client.post(entry_url(entry, "withdraw"))

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn" and response.json()["editable"] is False
    again = client.post(entry_url(entry, "withdraw"))
    assert "withdrawn" in error_of(again, 409)["message"]
    later = client.patch(entry_url(entry), {"title": "Back"}, "application/json")
    assert "withdrawn" in error_of(later, 409)["message"]
    assert client.post(entries_url(challenge), {}, "application/json").status_code == 201


@pytest.mark.parametrize("caller", ["anonymous", "read_only_token", "session_without_csrf"])
def test_who_may_not_write_cannot_withdraw(challenge, entrant, caller):
    entry = make_entry(challenge, entrant)
    client, status = refused_clients(entrant)[caller]
    error_of(client.post(entry_url(entry, "withdraw")), status)
    entry.refresh_from_db()
    assert entry.status == SubmissionStatus.SUBMITTED


def test_a_browser_withdraws_with_its_csrf_token(challenge, entrant):
    entry = make_entry(challenge, entrant)
    assert session_client(entrant).post(entry_url(entry, "withdraw")).status_code == 200


# Reading my entries ------------------------------------------------------------------------


def test_my_entries_are_mine_in_this_challenge_only(challenge, questions, entrant, outsider):
    challenge.max_entries_per_person = 3
    challenge.save()
    mine = [make_entry(challenge, entrant, title=f"Mine {n}") for n in range(2)]
    make_entry(challenge, outsider, title="Not mine")
    other = make_challenge(title="Another contest")
    make_entry(other, entrant, title="Elsewhere")

    data = token_client(entrant, Scope.READ).get(entries_url(challenge)).json()

    assert data["count"] == 2
    assert {entry["id"] for entry in data["results"]} == {entry.pk for entry in mine}
    first = data["results"][0]
    assert first["challenge"] == challenge.slug
    assert first["answers"] == {str(questions["story"].pk): f"Once upon {first['title']}."}


def test_reading_my_entries_needs_a_caller(challenge, draft):
    error_of(Client().get(entries_url(challenge)), 401)
    error_of(Client().get(entry_url(draft)), 401)


def test_my_entries_cost_the_same_whatever_their_number(
    challenge, questions, entrant, django_assert_max_num_queries
):
    challenge.max_entries_per_person = 20
    challenge.save()
    client = token_client(entrant, Scope.READ)
    make_entry(challenge, entrant)
    with django_assert_max_num_queries(12) as few:
        client.get(entries_url(challenge))
    for n in range(10):
        make_entry(challenge, entrant, title=f"Entry {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(entries_url(challenge))
    assert response.json()["count"] == 11


def test_the_openapi_description_documents_the_entry_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    base = "/api/v1/challenges/{slug}/entries/"
    assert set(paths[base]) == {"get", "post"}
    assert set(paths[base + "{entry_id}/"]) == {"get", "patch"}
    for action in ("submit", "withdraw", "files/{question_id}"):
        responses = paths[f"{base}{{entry_id}}/{action}/"]["post"]["responses"]
        assert {"200", "401", "403", "404", "409", "422"} <= set(responses)
    upload = paths[base + "{entry_id}/files/{question_id}/"]["post"]["requestBody"]
    assert "multipart/form-data" in upload["content"]
