"""Entries: start a draft, save, submit, edit, withdraw; who sees which entry; the receipt."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_image, make_user
from planet.challenges.models import (
    Answer,
    Outcome,
    Participation,
    Submission,
    SubmissionStatus,
)
from planet.challenges.tests.entry_helpers import (
    contest_form,
    detail_url,
    edit_url,
    entry_data,
    messages_of,
    pdf_upload,
)
from planet.challenges.tests.factories import (
    add_criteria,
    add_question,
    make_challenge,
    make_entry,
    review,
    seat_juror,
)
from planet.projects.models import Status
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


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


def enter(user, challenge):
    return client_for(user).post(f"/challenges/{challenge.slug}/enter/")


def saved_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "entries"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# Starting an entry -------------------------------------------------------------------------


def test_entering_makes_a_draft_and_opens_its_form(challenge, questions, entrant):
    response = enter(entrant, challenge)
    entry = Submission.objects.get(challenge=challenge, entrant=entrant)
    assert entry.status == SubmissionStatus.DRAFT
    assert response.status_code == 302 and response.url == edit_url(entry)
    page = client_for(entrant).get(edit_url(entry))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Your story" in body and "Save draft" in body and 'data-word-limit="10"' in body


def test_entering_needs_an_account_and_a_post(challenge, entrant):
    response = client_for(None).post(f"/challenges/{challenge.slug}/enter/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client_for(entrant).get(f"/challenges/{challenge.slug}/enter/").status_code == 405
    assert not Submission.objects.exists()


def test_a_draft_challenge_cannot_be_entered(org_admin, organisation, entrant):
    hidden = make_challenge(org_admin, organisation=organisation, status="draft")
    assert enter(entrant, hidden).status_code == 404
    assert not Submission.objects.exists()


@pytest.mark.parametrize("when", ["upcoming", "closed"])
def test_entering_outside_the_submission_period_is_refused(org_admin, entrant, when):
    now = timezone.now()
    dates = (
        {
            "opens_at": now + timezone.timedelta(days=1),
            "closes_at": now + timezone.timedelta(days=9),
        }
        if when == "upcoming"
        else {
            "opens_at": now - timezone.timedelta(days=9),
            "closes_at": now - timezone.timedelta(minutes=1),
        }
    )
    challenge = make_challenge(org_admin, **dates)
    response = enter(entrant, challenge)
    assert response.status_code == 302
    expected = "does not accept entries yet" if when == "upcoming" else "closed on"
    assert any(expected in message for message in messages_of(response))
    assert not Submission.objects.exists()


def test_one_person_makes_at_most_the_allowed_number_of_entries(challenge, entrant):
    assert enter(entrant, challenge).status_code == 302
    response = enter(entrant, challenge)
    assert any("only one" in message for message in messages_of(response))
    assert Submission.objects.filter(entrant=entrant).count() == 1

    challenge.max_entries_per_person = 2
    challenge.save()
    enter(entrant, challenge)
    refused = enter(entrant, challenge)
    assert any("already have 2 entries" in message for message in messages_of(refused))
    assert Submission.objects.filter(entrant=entrant).count() == 2


def test_a_withdrawn_entry_no_longer_counts_toward_the_limit(challenge, entrant):
    enter(entrant, challenge)
    first = Submission.objects.get(entrant=entrant)
    response = client_for(entrant).post(
        f"/challenges/{challenge.slug}/entries/{first.pk}/withdraw/"
    )
    assert response.status_code == 302 and response.url == "/challenges/mine/"
    first.refresh_from_db()
    assert first.status == SubmissionStatus.WITHDRAWN and first.withdrawn_at is not None
    enter(entrant, challenge)
    assert Submission.objects.filter(entrant=entrant).count() == 2


# Saving and submitting ---------------------------------------------------------------------


def test_a_draft_is_saved_without_its_required_answers(draft, questions, entrant):
    data = entry_data(questions, submit=False, story="Half a story", age=None)
    response = client_for(entrant).post(edit_url(draft), data)
    assert response.status_code == 302 and response.url == edit_url(draft)
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT and draft.submitted_at is None
    assert draft.answers.get(question=questions["story"]).text == "Half a story"
    assert not draft.answers.filter(question=questions["age"]).exists()
    assert mail.outbox == []


def test_submitting_needs_every_required_answer_and_the_consent(draft, questions, entrant):
    data = entry_data(questions, story="", consent_to_publish=None)
    del data["consent_to_publish"]
    response = client_for(entrant).post(edit_url(draft), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert f"q{questions['story'].pk}" in form.errors
    assert "consent_to_publish" in form.errors
    assert "Answer this question to submit your entry." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT and draft.title == "My draft"


def test_submitting_saves_everything_and_sends_a_receipt(
    draft, questions, entrant, django_capture_on_commit_callbacks
):
    data = entry_data(questions, link="https://lea.example.org/rose")
    data[f"q{questions['illustration'].pk}"] = pdf_upload("Rose drawing.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(entrant).post(edit_url(draft), data)
    assert response.status_code == 302 and response.url == detail_url(draft)
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.SUBMITTED and draft.submitted_at is not None
    assert draft.title == "A rose on Mars" and draft.consent_to_publish
    answers = {answer.question_id: answer for answer in draft.answers.all()}
    assert answers[questions["age"].pk].choices == ["13-17"]
    assert answers[questions["link"].pk].url == "https://lea.example.org/rose"
    illustration = answers[questions["illustration"].pk]
    assert illustration.file_type == "pdf" and illustration.original_name == "rose-drawing.pdf"

    (receipt,) = mail.outbox
    assert receipt.to == ["lea@example.org"]
    assert "is received" in receipt.subject and "The Little Prince is back" in receipt.subject
    for text in (
        "A rose on Mars",
        "Your story:",
        "The little prince lands on a warming planet.",
        "Your age:",
        "13-17",
        "rose-drawing.pdf",
        "https://lea.example.org/rose",
        detail_url(draft),
    ):
        assert text in receipt.body


def test_a_submitted_entry_stays_submitted_when_edited_and_is_checked_in_full(
    challenge, questions, entrant, django_capture_on_commit_callbacks
):
    entry = make_entry(challenge, entrant)
    submitted_at = entry.submitted_at
    client = client_for(entrant)
    refused = client.post(edit_url(entry), entry_data(questions, age=None, submit=False))
    assert refused.status_code == 400  # even "save draft" checks a submitted entry in full
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(entry), entry_data(questions, story="A new ending."))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == SubmissionStatus.SUBMITTED and entry.submitted_at == submitted_at
    assert entry.answers.get(question=questions["story"]).text == "A new ending."
    (receipt,) = mail.outbox
    assert "was updated" in receipt.subject and "A new ending." in receipt.body


def test_a_bad_field_saves_nothing_not_even_the_good_ones(draft, questions, entrant):
    data = entry_data(questions, submit=False, link="not a link at all", story="Fine words.")
    data["title"] = "A better title"
    response = client_for(entrant).post(edit_url(draft), data)
    assert response.status_code == 400
    assert "Enter a valid URL." in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "My draft"
    assert draft.answers.get(question=questions["story"]).text != "Fine words."


def test_a_long_text_over_its_word_limit_is_refused(draft, questions, entrant):
    eleven = "one two three four five six seven eight nine ten eleven"
    response = client_for(entrant).post(edit_url(draft), entry_data(questions, story=eleven))
    assert response.status_code == 400
    assert "This text has 11 words; the limit is 10 words." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT
    assert draft.answers.get(question=questions["story"]).text != eleven

    ten = "one two three four five six seven eight nine ten"
    assert (
        client_for(entrant).post(edit_url(draft), entry_data(questions, story=ten)).status_code
        == 302
    )
    assert draft.answers.get(question=questions["story"]).text == ten


def test_a_short_text_is_at_most_300_characters(challenge, entrant):
    motto = add_question(challenge, "Your motto", "short_text")
    entry = make_entry(challenge, entrant, submitted=False)
    data = {"title": "T", "consent_to_publish": "on", f"q{motto.pk}": "x" * 301, "submit": "1"}
    response = client_for(entrant).post(edit_url(entry), data)
    assert response.status_code == 400 and not entry.answers.exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (pdf_upload("story.pdf", b"<html><script>alert(1)</script></html>"), "not of a type"),
        (pdf_upload("huge.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024)), "too large"),
        (pdf_upload("notes.txt", b"Plain words."), "does not accept"),
    ],
    ids=["html-renamed-pdf", "over-1-mb", "text-not-allowed"],
)
def test_a_refused_file_saves_nothing(draft, questions, entrant, upload, message):
    data = entry_data(questions, submit=False, story="Words that should not be kept.")
    data[f"q{questions['illustration'].pk}"] = upload
    response = client_for(entrant).post(edit_url(draft), data)
    assert response.status_code == 400
    errors = response.context["form"].errors[f"q{questions['illustration'].pk}"]
    assert message in errors[0]
    assert not Answer.objects.filter(submission=draft).exclude(text="Once upon My draft.").exists()
    assert saved_files() == []


def test_a_picture_is_accepted_and_a_file_is_kept_until_replaced(draft, questions, entrant):
    client = client_for(entrant)
    field = f"q{questions['illustration'].pk}"
    first = entry_data(questions, submit=False)
    first[field] = pdf_upload("first.png", make_image())
    assert client.post(edit_url(draft), first).status_code == 302
    answer = draft.answers.get(question=questions["illustration"])
    assert answer.file_type == "png" and answer.original_name == "first.png"

    assert client.post(edit_url(draft), entry_data(questions, submit=False)).status_code == 302
    answer.refresh_from_db()
    assert answer.original_name == "first.png"  # kept: no new file uploaded
    assert "Current file: “first.png”" in client.get(edit_url(draft)).content.decode()

    replaced = entry_data(questions, submit=False)
    replaced[field] = pdf_upload("second.pdf")
    assert client.post(edit_url(draft), replaced).status_code == 302
    answer.refresh_from_db()
    assert answer.original_name == "second.pdf" and answer.file_type == "pdf"


def test_a_required_file_is_satisfied_by_the_one_already_uploaded(challenge, entrant):
    scan = add_question(challenge, "Scan", "file", file_kinds=["pdf"])
    entry = make_entry(challenge, entrant, submitted=False)
    client = client_for(entrant)
    data = {"title": "T", "consent_to_publish": "on", "submit": "1"}
    assert client.post(edit_url(entry), data).status_code == 400
    assert client.post(edit_url(entry), {**data, f"q{scan.pk}": pdf_upload()}).status_code == 302
    entry.refresh_from_db()
    assert entry.status == SubmissionStatus.SUBMITTED
    assert client.post(edit_url(entry), data).status_code == 302  # the file stays


def test_choices_and_projects_are_limited_to_what_is_offered(challenge, entrant, outsider):
    themes = add_question(challenge, "Themes", "multiple_choice", choices=["Water", "Air"])
    project_question = add_question(challenge, "Your project", "project", required=False)
    mine = make_project(entrant, title="Lea's river project")
    my_draft = make_project(entrant, title="Unfinished", status=Status.DRAFT)
    theirs = make_project(outsider, title="Someone else's")
    entry = make_entry(challenge, entrant, submitted=False)
    client = client_for(entrant)
    page = client.get(edit_url(entry)).content.decode()
    assert "Lea&#x27;s river project" in page
    assert "Unfinished" not in page and "Someone else" not in page
    base = {"title": "T", "consent_to_publish": "on", "submit": "1"}
    for bad in ({f"q{themes.pk}": ["Fire"]}, {f"q{project_question.pk}": theirs.pk},
                {f"q{project_question.pk}": my_draft.pk}):  # fmt: skip
        assert (
            client.post(edit_url(entry), {**base, f"q{themes.pk}": ["Air"], **bad}).status_code
            == 400
        )
    assert not entry.answers.exists()
    data = {**base, f"q{themes.pk}": ["Water", "Air"], f"q{project_question.pk}": mine.pk}
    assert client.post(edit_url(entry), data).status_code == 302
    assert entry.answers.get(question=themes).choices == ["Water", "Air"]
    assert entry.answers.get(question=project_question).project == mine


def test_teams_give_their_name_when_only_teams_may_enter(org_admin, entrant):
    challenge = make_challenge(org_admin, participation=Participation.TEAM)
    entry = make_entry(challenge, entrant, submitted=False)
    data = {"title": "T", "consent_to_publish": "on", "submit": "1"}
    response = client_for(entrant).post(edit_url(entry), data)
    assert response.status_code == 400 and "team_name" in response.context["form"].errors
    assert (
        client_for(entrant).post(edit_url(entry), {**data, "team_name": "Roses"}).status_code == 302
    )
    individual = make_challenge(org_admin, title="Solo", participation=Participation.INDIVIDUAL)
    solo = make_entry(individual, entrant, submitted=False)
    assert "team_name" not in client_for(entrant).get(edit_url(solo)).context["form"].fields


def test_the_organisers_help_text_is_shown_escaped(challenge, entrant):
    add_question(challenge, "Bio", "short_text", help_text="<b>bold</b> <script>x()</script>")
    entry = make_entry(challenge, entrant, submitted=False)
    page = client_for(entrant).get(edit_url(entry)).content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt;" in page and "<script>x()" not in page


# Who may see and change an entry -----------------------------------------------------------


def test_drafts_are_seen_by_their_entrant_only(challenge, draft, entrant, org_admin, curator,
                                               outsider, member):  # fmt: skip
    juror = make_user("juror@example.org", "Jules Juror")
    seat_juror(challenge, juror)
    assert client_for(entrant).get(detail_url(draft)).status_code == 200
    for user in (org_admin, curator, juror, outsider, member, None):
        assert client_for(user).get(detail_url(draft)).status_code == 404
        if user is not None:
            assert client_for(user).get(edit_url(draft)).status_code == 404


def test_a_submitted_entry_is_seen_by_organisers_and_its_jurors(challenge, questions, entrant,
                                                                org_admin, outsider):  # fmt: skip
    entry = make_entry(challenge, entrant)
    juror, other_juror = make_user("j1@example.org"), make_user("j2@example.org")
    add_criteria(challenge, 1)
    review(seat_juror(challenge, juror), entry, [5], complete=False)
    seat_juror(challenge, other_juror)
    for user, status in ((org_admin, 200), (juror, 200), (other_juror, 404), (outsider, 404),
                         (None, 404)):  # fmt: skip
        assert client_for(user).get(detail_url(entry)).status_code == status
    assert client_for(org_admin).get(edit_url(entry)).status_code == 403
    assert client_for(juror).get(edit_url(entry)).status_code == 403
    assert client_for(org_admin).post(f"{detail_url(entry)}withdraw/").status_code == 403
    entry.refresh_from_db()
    assert entry.status == SubmissionStatus.SUBMITTED


def test_blind_review_hides_the_entrant_from_jurors(challenge, questions, entrant, org_admin):
    challenge.blind_review = True
    challenge.save()
    entry = make_entry(challenge, entrant, team_name="The Roses")
    juror = make_user("juror@example.org", "Jules Juror")
    add_criteria(challenge, 1)
    review(seat_juror(challenge, juror), entry, [5], complete=False)
    juror_page = client_for(juror).get(detail_url(entry)).content.decode()
    assert "Léa Entrant" not in juror_page and "The Roses" not in juror_page
    assert f"Entry {entry.pk}" in juror_page
    assert "Léa Entrant" in client_for(org_admin).get(detail_url(entry)).content.decode()
    assert "Léa Entrant" in client_for(entrant).get(detail_url(entry)).content.decode()


def test_long_texts_are_shown_as_escaped_paragraphs(challenge, questions, entrant, org_admin):
    entry = make_entry(challenge, entrant)
    entry.answers.filter(question=questions["story"]).update(
        text="First part <script>alert(1)</script>\n\nSecond part **not bold**"
    )
    page = client_for(org_admin).get(detail_url(entry)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "<p>Second part **not bold**</p>" in page


def test_withdrawing_needs_the_entrant_and_stops_editing(challenge, questions, entrant, outsider):
    entry = make_entry(challenge, entrant)
    withdraw = f"{detail_url(entry)}withdraw/"
    assert client_for(outsider).post(withdraw).status_code == 404
    assert client_for(entrant).get(withdraw).status_code == 405
    assert client_for(entrant).post(withdraw).status_code == 302
    entry.refresh_from_db()
    assert entry.status == SubmissionStatus.WITHDRAWN
    response = client_for(entrant).post(edit_url(entry), entry_data(questions))
    assert response.status_code == 403 and "was withdrawn" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == SubmissionStatus.WITHDRAWN
    assert client_for(entrant).post(withdraw).status_code == 403


# Outcome and the jury's comments -----------------------------------------------------------


def _published_with_review(challenge, entry, *, share_comments):
    criteria = add_criteria(challenge, 2, 1)
    juror = make_user("juror@example.org", "Jules Juror")
    assignment = review(seat_juror(challenge, juror), entry, [7, 9], comment="A moving story.")
    assignment.scores.filter(criterion=criteria[0]).update(comment="Strong images.")
    entry.outcome = Outcome.SELECTED
    entry.save()
    challenge.share_comments = share_comments
    challenge.results_published_at = timezone.now()
    challenge.save()


@pytest.mark.parametrize("share_comments", [True, False])
def test_the_entrant_reads_their_outcome_and_shared_comments(challenge, questions, entrant,
                                                             share_comments):  # fmt: skip
    entry = make_entry(challenge, entrant)
    _published_with_review(challenge, entry, share_comments=share_comments)
    page = client_for(entrant).get(detail_url(entry)).content.decode()
    assert "Outcome" in page and "Selected" in page
    assert ("A moving story." in page) is share_comments
    assert ("Strong images." in page) is share_comments
    assert "Jules Juror" not in page and "data-score" not in page


def test_others_do_not_see_the_outcome_section(challenge, questions, entrant, outsider):
    entry = make_entry(challenge, entrant)
    _published_with_review(challenge, entry, share_comments=True)
    page = client_for(outsider).get(detail_url(entry)).content.decode()  # in the gallery
    assert "A moving story." not in page and "The jury&#x27;s comments" not in page


# My entries --------------------------------------------------------------------------------


def test_my_entries_lists_only_mine(challenge, entrant, outsider):
    make_entry(challenge, entrant, title="Lea's rose")
    make_entry(challenge, outsider, title="Olu's fox")
    page = client_for(entrant).get("/challenges/mine/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Lea&#x27;s rose" in body and "Olu" not in body
    assert client_for(None).get("/challenges/mine/").status_code == 302


def test_my_entries_costs_the_same_for_2_or_12_entries(org_admin, entrant,
                                                      django_assert_num_queries):  # fmt: skip
    client = client_for(entrant)
    for n in range(2):
        make_entry(make_challenge(org_admin, title=f"Few {n}"), entrant, submitted=bool(n % 2))
    client.get("/challenges/mine/")
    with CaptureQueriesContext(connection) as baseline:
        assert client.get("/challenges/mine/").status_code == 200
    for n in range(10):
        make_entry(make_challenge(org_admin, title=f"Many {n}"), entrant, submitted=bool(n % 2))
    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client.get("/challenges/mine/")
    assert len(response.context["entries"]) == 12
