"""Entries: start a draft, save it, submit it, withdraw it; the receipt e-mail; public votes.

The deadline is the server's clock against `Challenge.closes_at`, to the minute, checked inside
the transaction that writes. Every write runs in one transaction: a refused change leaves the
database as it was.
"""

import os
import zoneinfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from planet.challenges.models import (
    Answer,
    Assignment,
    Challenge,
    QuestionKind,
    Score,
    Submission,
    SubmissionStatus,
    Vote,
)
from planet.projects.models import PUBLIC_STATUSES

TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


class EntryRefused(Exception):
    """A change to an entry or a vote that is refused; the message is for the person."""


class DeadlinePassed(EntryRefused):
    def __init__(self, challenge):
        closes = timezone.localtime(challenge.closes_at, challenge.zone)
        super().__init__(
            _("Submissions to this challenge closed on %(date)s (%(zone)s). Nothing was changed.")
            % {"date": date_format(closes, "DATETIME_FORMAT"), "zone": challenge.timezone}
        )


def live_entries(challenge, user):
    """The user's entries that count toward the limit: all but the withdrawn ones."""
    return Submission.objects.filter(challenge=challenge, entrant=user).exclude(
        status=SubmissionStatus.WITHDRAWN
    )


@transaction.atomic
def start_entry(challenge, user) -> Submission:
    """A new draft entry of `user`, within the challenge's limit of entries per person. The
    challenge row is locked while the entries are counted, so two clicks cannot both pass."""
    locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if not locked.accepts_submissions():
        raise (
            DeadlinePassed(locked)
            if timezone.now() >= locked.closes_at
            else EntryRefused(_("This challenge does not accept entries yet."))
        )
    limit = locked.max_entries_per_person
    if live_entries(locked, user).count() >= limit:
        raise EntryRefused(
            _(
                "You already have %(count)s entries in this challenge, the most one person may "
                "make. Withdraw one to start another."
            )
            % {"count": limit}
            if limit > 1
            else _(
                "You already have an entry in this challenge, and one person may make only one. "
                "Open it from “My entries”."
            )
        )
    title = _("My entry to “%(title)s”") % {"title": locked.title}
    return Submission.objects.create(challenge=locked, entrant=user, title=title[:200])


def why_not_editable(entry) -> str:
    """Why `entry` can no longer change, in the person's words ("" while it can)."""
    if entry.status == SubmissionStatus.WITHDRAWN:
        return _("This entry was withdrawn; it can no longer be changed.")
    if not entry.challenge.accepts_submissions():
        return str(DeadlinePassed(entry.challenge))
    return ""


def _locked_entry(entry) -> Submission:
    locked = Submission.objects.select_for_update().select_related("challenge").get(pk=entry.pk)
    if refusal := why_not_editable(locked):
        raise EntryRefused(refusal)
    return locked


def _store_answer(entry, question, value, answers: dict) -> None:
    """Write one answer. An emptied answer is removed; a file is kept until replaced."""
    answer = answers.get(question.pk) or Answer(submission=entry, question=question)
    if value in (None, "", []) and question.kind != QuestionKind.FILE:
        if answer.pk is not None:
            answer.delete()
        return
    match question.kind:
        case QuestionKind.SINGLE_CHOICE:
            answer.choices = [value] if value else []
        case QuestionKind.MULTIPLE_CHOICE:
            answer.choices = list(value or [])
        case QuestionKind.LINK:
            answer.url = value or ""
        case QuestionKind.PROJECT:
            answer.project = value
        case QuestionKind.FILE:
            if value is None:
                return  # no new file: the one before (if any) is kept
            old_file = answer.file.name
            answer.file_type = value.file_type
            answer.original_name = value.name[:200]
            answer.file.save(value.name, value, save=False)
            if old_file:
                storage = answer.file.storage
                transaction.on_commit(lambda: storage.delete(old_file))
        case _:
            answer.text = value or ""
    answer.save()


def save_entry(entry, form, *, submit: bool) -> str:
    """Write the valid `form` to `entry` and its answers, in one transaction. A submitted entry
    stays submitted. Returns what happened: "draft", "submitted" or "updated" (a submitted entry
    changed); the entrant gets a receipt for the last two."""
    with transaction.atomic():
        locked = _locked_entry(entry)
        was_submitted = locked.status == SubmissionStatus.SUBMITTED
        for field in ("title", "team_name", "consent_to_publish"):
            if field in form.cleaned_data:
                setattr(locked, field, form.cleaned_data[field])
        if submit and not was_submitted:
            locked.status = SubmissionStatus.SUBMITTED
            locked.submitted_at = timezone.now()
        locked.save()
        for question, value in form.answer_values().items():
            _store_answer(locked, question, value, form.answers)
        outcome = "updated" if was_submitted else ("submitted" if submit else "draft")
        if outcome != "draft":
            send_receipt(locked, updated=was_submitted)
    return outcome


@transaction.atomic
def withdraw_entry(entry) -> Submission:
    locked = _locked_entry(entry)
    locked.status = SubmissionStatus.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return locked


# Showing answers ---------------------------------------------------------------------------


def file_name(answer) -> str:
    """The name the entrant gave the file (its stored name is random)."""
    return answer.original_name or os.path.basename(answer.file.name)


def answers_for_display(answers, *, anonymous: bool = False) -> list[Answer]:
    """Answers (with their question and project) in the order of the form, each carrying
    `file_name` and `shown_project` (the project only while it is public), for _answers.html.
    `anonymous` (blind review) replaces the names entrants gave their files, which often
    carry their own name, by a neutral one."""
    shown = []
    for answer in sorted(answers, key=lambda a: (a.question.position, a.question.pk)):
        answer.file_name = file_name(answer) if answer.file else ""
        if answer.file and anonymous:
            answer.file_name = _("attachment-%(number)s.%(type)s") % {
                "number": answer.question.position + 1,
                "type": answer.file_type or "bin",
            }
        project = answer.project
        answer.shown_project = project if project and project.status in PUBLIC_STATUSES else None
        if answer.text or answer.choices or answer.url or answer.file or answer.shown_project:
            shown.append(answer)
    return shown


def answers_prefetch(kinds=None) -> Prefetch:
    answers = Answer.objects.select_related("question", "project")
    if kinds:
        answers = answers.filter(question__kind__in=kinds)
    return Prefetch("answers", queryset=answers)


def answer_as_text(answer) -> str:
    match answer.question.kind:
        case QuestionKind.SINGLE_CHOICE | QuestionKind.MULTIPLE_CHOICE:
            return ", ".join(answer.choices)
        case QuestionKind.LINK:
            return answer.url
        case QuestionKind.PROJECT:
            return answer.project.title if answer.project else ""
        case QuestionKind.FILE:
            return _("file “%(name)s”") % {"name": file_name(answer)} if answer.file else ""
    return answer.text


def jury_feedback(entry) -> list[dict]:
    """The jurors' comments for the entrant, without the jurors' names or their scores."""
    scores = Score.objects.select_related("criterion").exclude(comment="")
    reviews = (
        Assignment.objects.done()
        .filter(submission=entry)
        .prefetch_related(Prefetch("scores", queryset=scores))
        .order_by("round", "pk")
    )
    feedback = []
    for review in reviews:
        notes = [(score.criterion.name, score.comment) for score in review.scores.all()]
        if review.comment or notes:
            feedback.append({"comment": review.comment, "notes": notes})
    return feedback


# The receipt -------------------------------------------------------------------------------


def _zone_of(user, challenge) -> zoneinfo.ZoneInfo:
    name = getattr(getattr(user, "profile", None), "timezone", "") or challenge.timezone
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return challenge.zone


def send_receipt(entry, *, updated: bool) -> None:
    """E-mail the entrant what they submitted, once the transaction commits."""
    challenge, entrant = entry.challenge, entry.entrant
    zone = _zone_of(entrant, challenge)
    answers = Answer.objects.filter(submission=entry).select_related("question", "project")
    answers = [(a.question.label, answer_as_text(a)) for a in answers_for_display(answers)]
    context = {
        "entry": entry,
        "challenge": challenge,
        "updated": updated,
        "answers": answers,
        "when": timezone.now(),
        "deadline": challenge.closes_at,
        "zone": zone.key,
        "url": settings.SITE_URL + reverse("challenges:entry", args=[challenge.slug, entry.pk]),
    }
    subject = render_to_string("challenges/email/receipt_subject.txt", context).strip()
    body = render_to_string("challenges/email/receipt.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    transaction.on_commit(lambda: send_mail(subject, body, None, [entrant.email]))


# Public voting -----------------------------------------------------------------------------


def has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def cast_vote(entry, user) -> Vote:
    """One vote per verified account per entry, while voting is open, never for one's own."""
    challenge = entry.challenge
    if not challenge.voting_is_open():
        raise EntryRefused(_("Public voting is not open; your vote was not counted."))
    if entry.entrant_id == user.pk:
        raise EntryRefused(_("You cannot vote for your own entry."))
    if not has_verified_email(user):
        raise EntryRefused(
            _("Verify your e-mail address before voting: open the link we sent you, then vote.")
        )
    try:
        with transaction.atomic():
            return Vote.objects.create(submission=entry, voter=user)
    except IntegrityError:
        raise EntryRefused(
            _("You have already voted for “%(title)s”: one vote per person per entry.")
            % {"title": entry.title}
        ) from None
