"""Challenges in the JSON API: published challenges with their phases, eligibility, prizes and
submission form, and, once the results are published, the gallery of selected entries.

Drafts, other people's entries outside the gallery, scores and jurors never appear here,
whoever calls. A signed-in caller enters a challenge under the rules of the web pages: they
start, answer, submit and withdraw their own entries (planet.challenges.entries) through the
very form the entry page uses (planet.challenges.entry_forms.EntryForm).
"""

import re
from datetime import datetime
from typing import Annotated, Literal

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from ninja import Field, File, Path, Query, Router, Schema, Status, UploadedFile
from ninja.errors import AuthenticationError

from planet.apikeys.auth import WRITE
from planet.challenges import entries as rules
from planet.challenges.challenge_forms import filter_challenges
from planet.challenges.entry_forms import (
    LONG_TEXT_MAX,
    MB,
    SHORT_TEXT_MAX,
    EntryForm,
    question_field_name,
)
from planet.challenges.models import (
    Challenge,
    ChallengeKind,
    FileKind,
    Participation,
    Phase,
    QuestionKind,
    Submission,
    SubmissionStatus,
)
from planet.challenges.publication import WINNERS_FIRST
from planet.lib.api import (
    ERRORS,
    WRITE_ERRORS,
    ApiError,
    InputSchema,
    PageParams,
    current_form_data,
    form_error,
    page_schema,
    paginate,
)
from planet.lib.api_refs import (
    OrganiserRef,
    SdgGoalRef,
    ZonedTime,
    absolute_url,
    sortable,
    zoned,
)

router = Router(tags=["challenges"])


class ChallengeFilters(Schema):
    kind: ChallengeKind | None = None
    phase: Literal["open", "upcoming", "closed"] | None = Field(
        None, description="Open for submissions now, opening later, or closed."
    )


class Eligibility(Schema):
    min_age: int | None
    max_age: int | None
    countries: list[str] = Field(description="ISO 3166 codes; empty means every country.")
    participation: Participation
    text: str = Field(description="The rules in one sentence.")


class Phases(Schema):
    opens_at: ZonedTime
    closes_at: ZonedTime
    review_ends_at: ZonedTime
    results_at: ZonedTime
    voting_opens_at: ZonedTime | None
    voting_closes_at: ZonedTime | None


class ChallengeOut(Schema):
    slug: str
    url: str
    kind: ChallengeKind
    title: str
    summary: str
    description: str = Field(description="Markdown source.")
    content_language: str
    phase: Phase = Field(description="Where the challenge stands now.")
    timezone: str = Field(description="The organiser's zone.")
    phases: Phases
    goals: list[SdgGoalRef]
    organiser: OrganiserRef | None
    eligibility: Eligibility
    prizes: str
    max_entries_per_person: int
    results_published_at: datetime | None

    @staticmethod
    def resolve_url(challenge) -> str:
        return absolute_url(challenge.get_absolute_url())

    @staticmethod
    def resolve_phase(challenge) -> str:
        return challenge.phase()

    @staticmethod
    def resolve_phases(challenge) -> dict:
        names = ("opens_at", "closes_at", "review_ends_at", "results_at")
        names += ("voting_opens_at", "voting_closes_at")
        return {name: zoned(getattr(challenge, name), challenge.timezone) for name in names}

    @staticmethod
    def resolve_goals(challenge) -> list:
        return list(challenge.goals.all())

    @staticmethod
    def resolve_organiser(challenge):
        return challenge.organisation

    @staticmethod
    def resolve_eligibility(challenge) -> dict:
        return {
            "min_age": challenge.min_age,
            "max_age": challenge.max_age,
            "countries": challenge.countries,
            "participation": challenge.participation,
            "text": challenge.eligibility_text(),
        }


LINK_MAX = 500  # the entry form's URLField
MAX_LENGTHS = {
    QuestionKind.SHORT_TEXT: SHORT_TEXT_MAX,
    QuestionKind.LONG_TEXT: LONG_TEXT_MAX,
    QuestionKind.LINK: LINK_MAX,
}


class ChallengeQuestionOut(Schema):
    id: int = Field(description="The key of this question's answer in an entry's `answers`.")
    kind: QuestionKind
    label: str
    help_text: str
    required: bool = Field(description="Needed to submit; a draft may leave it empty.")
    choices: list[str] = Field(
        description="The allowed answers of a single_choice or multiple_choice question."
    )
    word_limit: int | None = Field(description="Most words of a long_text answer.")
    max_length: int | None = Field(description="Most characters of a text or link answer.")
    file_types: list[FileKind] = Field(
        description="What a file question accepts (each file is checked by its content)."
    )
    max_file_mb: int | None = Field(description="Largest file of a file question, in MB.")

    @staticmethod
    def resolve_word_limit(question) -> int | None:
        return question.word_limit if question.kind == QuestionKind.LONG_TEXT else None

    @staticmethod
    def resolve_max_length(question) -> int | None:
        return MAX_LENGTHS.get(question.kind)

    @staticmethod
    def resolve_file_types(question) -> list[str]:
        if question.kind != QuestionKind.FILE:
            return []
        return [kind for kind in question.file_kinds if kind in FileKind.values]

    @staticmethod
    def resolve_max_file_mb(question) -> int | None:
        if question.kind != QuestionKind.FILE:
            return None
        return question.max_file_mb or settings.MAX_MATERIAL_UPLOAD_BYTES // MB


class ChallengeDetailOut(ChallengeOut):
    questions: list[ChallengeQuestionOut] = Field(
        description="The submission form, in order: what an entry's `answers` may hold."
    )

    @staticmethod
    def resolve_questions(challenge) -> list:
        return list(challenge.questions.all())


class GalleryEntryOut(Schema):
    id: int
    title: str
    team_name: str
    author: str | None = Field(description="The entrant's display name, when they consented.")
    outcome: Literal["winner", "selected"]

    @staticmethod
    def resolve_author(entry) -> str | None:
        return entry.entrant.display_name if entry.consent_to_publish else None


def public_challenges(user):
    """Published challenges only: the drafts an organiser or a juror may open on the site
    are not open data."""
    return (
        Challenge.objects.visible_to(user)
        .published()
        .select_related("organisation")
        .prefetch_related("goals")
    )


def public_challenge(user, slug: str) -> Challenge:
    challenge = public_challenges(user).filter(slug=slug).first()
    if challenge is None:
        raise Http404
    return challenge


@router.get("/", response={200: page_schema(ChallengeOut), **ERRORS})
def list_challenges(request, filters: Query[ChallengeFilters], page: Query[PageParams]):
    """Published challenges, the most recently opened first; filters as on /challenges/."""
    values = filters.model_dump(exclude_none=True)
    challenges = filter_challenges(public_challenges(request.auth), values, timezone.now())
    return paginate(request, challenges, page, ordering=("-opens_at",))


@router.get("/{slug}/", response={200: ChallengeDetailOut, **ERRORS})
def get_challenge(request, slug: str):
    """The challenge with its submission form (`questions`)."""
    return public_challenge(request.auth, slug)


@router.get("/{slug}/gallery/", response={200: page_schema(GalleryEntryOut), **ERRORS})
def challenge_gallery(request, slug: str, page: Query[PageParams]):
    """Winning and selected entries whose entrants agreed to publication, once the results
    are published (an empty list before)."""
    challenge = public_challenge(request.auth, slug)
    entries = (
        Submission.objects.visible_to(request.auth)
        .in_gallery()
        .filter(challenge=challenge)
        .select_related("entrant__profile")
    )
    entries, ordering = sortable(entries.order_by(WINNERS_FIRST, "title"))
    return paginate(request, entries, page, ordering=ordering)


# The caller's entries -----------------------------------------------------------------------

AnswerValue = str | list[str] | None
MAX_ID = 2**63 - 1  # the largest BigAutoField
EntryId = Annotated[int, Path(ge=1, le=MAX_ID, description="The entry's id.")]
QuestionId = Annotated[int, Path(ge=1, le=MAX_ID, description="The question's id.")]
SLUG_PATTERN = re.compile(r"[-\w]+")
ANSWERS_DOC = (
    "Answers by question id (the challenge's `questions`): text for short_text, long_text and "
    "link questions, one of the choices for single_choice, a list of choices for "
    "multiple_choice, the slug of one of your published projects for project; null empties "
    "an answer. Files are uploaded with POST .../entries/{id}/files/{question_id}."
)


class ChallengeEntryIn(InputSchema):
    """What an entrant writes; every field may be left out (a PATCH changes only those sent)."""

    title: str | None = Field(None, description="The entry's title, at most 200 characters.")
    team_name: str | None = Field(
        None,
        description="Your team's name: required to submit when only teams may enter; "
        "refused when only individuals may.",
    )
    consent_to_publish: bool | None = Field(
        None, description="You agree that the entry is published if selected; needed to submit."
    )
    eligible: bool | None = Field(
        None,
        description="You confirm that you (and your team) meet the eligibility rules; needed "
        "to submit when the challenge has any. Send it with the submission: it is not stored.",
    )
    answers: dict[int, AnswerValue] | None = Field(None, description=ANSWERS_DOC)


class ChallengeEntryFileOut(Schema):
    name: str = Field(description="The name you gave the file.")
    type: str = Field(description="Its type, as read from its content (pdf, png, ...).")


class ChallengeEntryOut(Schema):
    id: int
    url: str
    challenge: str = Field(description="Slug of the challenge.")
    title: str
    team_name: str
    status: SubmissionStatus
    consent_to_publish: bool
    editable: bool = Field(description="Whether you may still change it: before the deadline.")
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    withdrawn_at: datetime | None
    answers: dict[int, str | list[str]] = Field(
        description="Your answers by question id, in the shape you send them."
    )
    files: dict[int, ChallengeEntryFileOut] = Field(description="Your files, by question id.")

    @staticmethod
    def resolve_url(entry) -> str:
        return absolute_url(entry.get_absolute_url())

    @staticmethod
    def resolve_challenge(entry) -> str:
        return entry.challenge.slug

    @staticmethod
    def resolve_editable(entry) -> bool:
        return entry.is_editable()

    @staticmethod
    def resolve_answers(entry) -> dict:
        values = {answer.question_id: _answer_value(answer) for answer in entry.answers.all()}
        return {question: value for question, value in values.items() if value}

    @staticmethod
    def resolve_files(entry) -> dict:
        return {
            answer.question_id: {"name": rules.file_name(answer), "type": answer.file_type}
            for answer in entry.answers.all()
            if answer.question.kind == QuestionKind.FILE and answer.file
        }


def _answer_value(answer) -> str | list[str] | None:
    match answer.question.kind:
        case QuestionKind.SINGLE_CHOICE:
            return answer.choices[0] if answer.choices else None
        case QuestionKind.MULTIPLE_CHOICE:
            return list(answer.choices)
        case QuestionKind.LINK:
            return answer.url
        case QuestionKind.PROJECT:
            return answer.project.slug if answer.project else None
        case QuestionKind.FILE:
            return None
    return answer.text


def _signed_in(request):
    if not request.auth.is_authenticated:
        raise AuthenticationError(message="Sign in or send a token to read your entries.")
    return request.auth


def _entries_of(user, challenge):
    return (
        Submission.objects.filter(challenge=challenge, entrant=user)
        .select_related("challenge")
        .prefetch_related(rules.answers_prefetch())
    )


def _own_entry(user, challenge, entry_id: int) -> Submission:
    """The caller's own entry; 404 for anyone else's, as if it did not exist."""
    entry = Submission.objects.filter(challenge=challenge, entrant=user, pk=entry_id).first()
    if entry is None:
        raise Http404
    entry.challenge = challenge
    return entry


def _entry_out(entry) -> Submission:
    return _entries_of(entry.entrant_id, entry.challenge).get(pk=entry.pk)


def _refuse_unless_editable(entry) -> None:
    if refusal := rules.why_not_editable(entry):
        raise ApiError(409, refusal)


# From JSON to the entry form ----------------------------------------------------------------


def _answer_problem(question, value) -> str:
    """Why `value` cannot be the answer to `question` ("" when it has the right shape; the
    form then checks it as it checks the web page's)."""
    if question is None:
        return "This challenge has no question with this id."
    if question.kind == QuestionKind.FILE:
        return "Upload the file with POST .../files/{question_id} (multipart, field 'file')."
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return "Send a list of choices." if isinstance(value, str) else ""
    return "Send one value, not a list." if isinstance(value, list) else ""


def _project_choice(field, value: str):
    """A project question takes the project's slug; the form's field takes its id."""
    if SLUG_PATTERN.fullmatch(value):
        found = field.queryset.filter(slug=value).values_list("pk", flat=True).first()
        if found is not None:
            return found
    return value  # the form answers that it is not one of the choices


def _form_value(form, question, value):
    name = question_field_name(question)
    if value is None:
        return [] if question.kind == QuestionKind.MULTIPLE_CHOICE else ""
    if question.kind == QuestionKind.PROJECT:
        return _project_choice(form.fields[name], value)
    return value


def _form_changes(form, changes: dict) -> dict:
    """The form data for the fields and answers in `changes` (a payload's fields that were
    sent), or a 422 naming each one the form cannot take."""
    values, errors = {}, {}
    for name in ("title", "team_name", "consent_to_publish", "eligible"):
        if name not in changes:
            continue
        if name in form.fields:
            values[name] = changes[name]
        elif name == "team_name" and changes[name]:
            errors[name] = ["Only individuals may enter this challenge: send no team name."]
    questions = {question.pk: question for question in form.questions}
    for question_id, value in (changes.get("answers") or {}).items():
        question = questions.get(question_id)
        if problem := _answer_problem(question, value):
            errors[f"answers.{question_id}"] = [problem]
        else:
            values[question_field_name(question)] = _form_value(form, question, value)
    if errors:
        raise ApiError(422, "Some fields are not valid; nothing was saved.", errors)
    return values


def _entry_form(entry, changes: dict, files=None, *, submitting: bool) -> EntryForm:
    """The entry page's form, bound to the entry as it stands with `changes` on top."""
    answers = {answer.question_id: answer for answer in entry.answers.select_related("question")}
    context = {"entry": entry, "questions": list(entry.challenge.questions.all())}
    unbound = EntryForm(answers=answers, **context)
    data = current_form_data(unbound) | _form_changes(unbound, changes)
    return EntryForm(data, files, answers=answers, submitting=submitting, **context)


def _answers_error(form) -> ApiError:
    """The form's errors, each question's under `answers.<id>` as the caller sent it."""
    error = form_error(form, "Some answers need your attention; nothing was saved.")
    names = {question_field_name(question): f"answers.{question.pk}" for question in form.questions}
    error.fields = {names.get(name, name): messages for name, messages in error.fields.items()}
    return error


def _save(entry, changes: dict, files=None, *, submit: bool) -> str:
    """Validate and write, as the entry page does: a submitted entry is checked in full and
    its entrant gets a new receipt. Returns "draft", "submitted" or "updated"."""
    _refuse_unless_editable(entry)
    form = _entry_form(entry, changes, files, submitting=submit)
    if not form.is_valid():
        raise _answers_error(form)
    try:
        return rules.save_entry(entry, form, submit=submit)
    except rules.EntryRefused as refused:
        raise ApiError(409, str(refused)) from None


def _is_submitted(entry) -> bool:
    return entry.status == SubmissionStatus.SUBMITTED


# Endpoints -----------------------------------------------------------------------------------


@router.get("/{slug}/entries/", response={200: page_schema(ChallengeEntryOut), **ERRORS})
def my_entries(request, slug: str, page: Query[PageParams]):
    """Your own entries in the challenge (drafts, submitted and withdrawn), the most recently
    changed first."""
    user = _signed_in(request)
    entries = _entries_of(user, public_challenge(user, slug))
    return paginate(request, entries, page, ordering=("-updated_at", "-pk"))


@router.post("/{slug}/entries/", response={201: ChallengeEntryOut, **WRITE_ERRORS}, auth=WRITE)
def start_entry(request, slug: str, payload: ChallengeEntryIn):
    """Start a draft entry, with the answers sent (each checked as on the entry page: types,
    lengths, word limits, choices). 409 when the challenge does not accept entries (before it
    opens, after the deadline) or you already have as many entries as one person may."""
    challenge = public_challenge(request.auth, slug)
    with transaction.atomic():
        try:
            entry = rules.start_entry(challenge, request.auth)
        except rules.EntryRefused as refused:
            raise ApiError(409, str(refused)) from None
        _save(entry, payload.model_dump(exclude_unset=True), submit=False)
    return Status(201, _entry_out(entry))


@router.get("/{slug}/entries/{entry_id}/", response={200: ChallengeEntryOut, **ERRORS})
def my_entry(request, slug: str, entry_id: EntryId):
    user = _signed_in(request)
    return _entry_out(_own_entry(user, public_challenge(user, slug), entry_id))


@router.patch(
    "/{slug}/entries/{entry_id}/", response={200: ChallengeEntryOut, **WRITE_ERRORS}, auth=WRITE
)
def update_entry(request, slug: str, entry_id: EntryId, payload: ChallengeEntryIn):
    """Change the fields and answers sent, until the deadline. A submitted entry stays
    submitted: it is checked in full again (as when submitting) and you get a new receipt."""
    entry = _own_entry(request.auth, public_challenge(request.auth, slug), entry_id)
    _save(entry, payload.model_dump(exclude_unset=True), submit=_is_submitted(entry))
    return _entry_out(entry)


@router.post(
    "/{slug}/entries/{entry_id}/submit/",
    response={200: ChallengeEntryOut, **WRITE_ERRORS},
    auth=WRITE,
)
def submit_entry(request, slug: str, entry_id: EntryId, payload: ChallengeEntryIn | None = None):
    """Submit a draft, with the fields and answers sent (if any) on top, after the checks of
    the entry page's Submit: every required question answered (file questions too, whose
    files are uploaded beforehand), the team name when only teams may enter, the consent to
    publication, the eligibility confirmation (`eligible`, when there are rules) and the
    country of your profile. You get a receipt by e-mail. 409 after the deadline or when
    the entry is already submitted (PATCH it to change it) or withdrawn."""
    entry = _own_entry(request.auth, public_challenge(request.auth, slug), entry_id)
    _refuse_unless_editable(entry)
    if _is_submitted(entry):
        raise ApiError(409, "This entry is already submitted; send changes with PATCH.")
    changes = payload.model_dump(exclude_unset=True) if payload else {}
    _save(entry, changes, submit=True)
    return _entry_out(entry)


@router.post(
    "/{slug}/entries/{entry_id}/files/{question_id}/",
    response={200: ChallengeEntryOut, **WRITE_ERRORS},
    auth=WRITE,
)
def upload_answer_file(
    request, slug: str, entry_id: EntryId, question_id: QuestionId, file: File[UploadedFile]
):
    """Answer a file question with a multipart upload (field `file`), replacing the file
    before, if any. The file is checked by its content against the types and size the
    question allows, as on the entry page; a submitted entry gets a new receipt."""
    entry = _own_entry(request.auth, public_challenge(request.auth, slug), entry_id)
    questions = entry.challenge.questions.filter(kind=QuestionKind.FILE)
    question = next((q for q in questions if q.pk == question_id), None)
    if question is None:
        raise ApiError(404, "This challenge has no file question with this id.")
    files = {question_field_name(question): file}
    _save(entry, {}, files, submit=_is_submitted(entry))
    return _entry_out(entry)


@router.post(
    "/{slug}/entries/{entry_id}/withdraw/",
    response={200: ChallengeEntryOut, **WRITE_ERRORS},
    auth=WRITE,
)
def withdraw_entry(request, slug: str, entry_id: EntryId):
    """Withdraw the entry: it will not be reviewed, and no longer counts toward the entries
    one person may make. 409 after the deadline or when it is already withdrawn."""
    entry = _own_entry(request.auth, public_challenge(request.auth, slug), entry_id)
    try:
        rules.withdraw_entry(entry)
    except rules.EntryRefused as refused:
        raise ApiError(409, str(refused)) from None
    return _entry_out(entry)
