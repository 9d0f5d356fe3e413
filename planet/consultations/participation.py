"""The rules of taking part: declaring one's age and country on the first contribution,
proposals, supports and comments while the consultation is open, and the organiser's answers
and summary once it is closed.

Each change runs in one transaction and checks the server's clock inside it: a refused change
raises `Refused` (its message is for the person) and leaves the database as it was.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from planet.consultations.models import (
    Consultation,
    ConsultationStatus,
    Participant,
    Phase,
    Proposal,
    ProposalComment,
    Support,
)
from planet.moderation.models import AuditLog


class Refused(Exception):
    """A contribution or an answer that is refused; the message is for the person."""


class NotYetOpen(Refused):
    pass


class Closed(Refused):
    def __init__(self, consultation):
        closes = timezone.localtime(consultation.closes_at, consultation.zone)
        super().__init__(
            _(
                "This consultation closed on %(date)s (%(zone)s): it is read-only. "
                "Nothing was saved."
            )
            % {"date": date_format(closes, "DATETIME_FORMAT"), "zone": consultation.timezone}
        )


class DeclarationNeeded(Refused):
    def __init__(self):
        super().__init__(
            _("Tell us your age and country first: they are asked once per consultation.")
        )


def check_open(consultation) -> None:
    """Raise unless contributions are accepted now, by the server's clock."""
    now = timezone.now()
    if consultation.status != ConsultationStatus.PUBLISHED:
        raise NotYetOpen(_("This consultation is not published yet. Nothing was saved."))
    phase = consultation.phase(now)
    if phase == Phase.UPCOMING:
        raise NotYetOpen(_("This consultation is not open yet. Nothing was saved."))
    if phase == Phase.CLOSED:
        raise Closed(consultation)


def participant_of(user, consultation) -> Participant | None:
    if not user.is_authenticated:
        return None
    return Participant.objects.filter(consultation=consultation, user=user).first()


def _participant(consultation, user, declaration: dict | None) -> Participant:
    """The user's participant row, created from `declaration` ({"age", "country"}) on the
    first contribution after checking eligibility."""
    participant = participant_of(user, consultation)
    if participant is not None:
        return participant
    if not declaration:
        raise DeclarationNeeded()
    reasons = consultation.refusal(declaration["age"], str(declaration["country"]))
    if reasons:
        raise Refused(" ".join(str(reason) for reason in reasons.values()))
    try:
        with transaction.atomic():
            return Participant.objects.create(
                consultation=consultation,
                user=user,
                age=declaration["age"],
                country=declaration["country"],
            )
    except IntegrityError:  # declared in another tab meanwhile
        return Participant.objects.get(consultation=consultation, user=user)


def _locked(consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


@transaction.atomic
def propose(consultation, user, *, title: str, body: str, declaration=None) -> Proposal:
    locked = _locked(consultation)
    check_open(locked)
    participant = _participant(locked, user, declaration)
    return Proposal.objects.create(
        consultation=locked, participant=participant, title=title, body=body
    )


@transaction.atomic
def support(proposal, user, *, declaration=None) -> Support:
    check_open(_locked(proposal.consultation))
    if proposal.participant.user_id == user.pk:
        raise Refused(_("This is your own proposal: you cannot support it. Nothing was saved."))
    if proposal.is_hidden:
        raise Refused(_("This proposal was hidden by the moderators. Nothing was saved."))
    if Support.objects.filter(proposal=proposal, user=user).exists():
        raise Refused(_("You already support this proposal: one support per person."))
    _participant(proposal.consultation, user, declaration)
    try:
        with transaction.atomic():
            return Support.objects.create(proposal=proposal, user=user)
    except IntegrityError:  # a second click raced the first
        raise Refused(_("You already support this proposal: one support per person.")) from None


@transaction.atomic
def withdraw_support(proposal, user) -> None:
    check_open(_locked(proposal.consultation))
    deleted, _rows = Support.objects.filter(proposal=proposal, user=user).delete()
    if not deleted:
        raise Refused(_("You did not support this proposal."))


@transaction.atomic
def comment(proposal, user, *, body: str, declaration=None) -> ProposalComment:
    check_open(_locked(proposal.consultation))
    _participant(proposal.consultation, user, declaration)
    return ProposalComment.objects.create(proposal=proposal, author=user, body=body)


def _check_closed(consultation) -> None:
    if not consultation.is_closed(timezone.now()):
        raise Refused(
            _("Proposals are answered once the consultation has closed. Nothing was saved.")
        )


@transaction.atomic
def answer(proposal, user, *, retained: bool, text: str) -> Proposal:
    """The organiser retains (or not) a proposal and answers it; only after closing."""
    _check_closed(proposal.consultation)
    if retained and not text:
        raise Refused(_("A retained proposal needs an official answer."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.retained = retained
    proposal.answer = text if retained else ""
    proposal.answered_at = timezone.now() if retained else None
    proposal.save(update_fields=["retained", "answer", "answered_at"])
    AuditLog.record(user, "consultation.answer" if retained else "consultation.unretain", proposal)
    return proposal


@transaction.atomic
def publish_summary(consultation, user, *, text: str) -> Consultation:
    _check_closed(consultation)
    locked = _locked(consultation)
    locked.summary = text
    locked.summary_published_at = timezone.now() if text else None
    locked.save(update_fields=["summary", "summary_published_at", "updated_at"])
    AuditLog.record(user, "consultation.summary", locked)
    return locked
