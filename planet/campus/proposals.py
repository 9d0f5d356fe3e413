"""The proposal flow shared by resources and learning opportunities: save a proposal (or
publish at once when the author may), the curators' decision, written to the audit log and
e-mailed to the proposer once the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from planet.campus.models import Proposal, Status
from planet.challenges.outcomes import interface_language_of
from planet.moderation.models import AuditLog


def audit_name(entry: Proposal) -> str:
    return type(entry)._meta.model_name  # "resource" or "learningopportunity"


def save_proposal(form, *, by, publish: bool = False) -> Proposal:
    """Save a valid proposal form in one transaction; published at once with `publish`."""
    with transaction.atomic():
        entry = form.save(commit=False)
        entry.proposed_by = by
        if publish:
            entry.status = Status.PUBLISHED
            entry.published_at = timezone.now()
            entry.decided_by, entry.decided_at = by, entry.published_at
        entry.save()
        form.save_m2m()
        if publish:
            AuditLog.record(by, f"campus.{audit_name(entry)}.published", entry, direct=True)
    return entry


def decide(entry: Proposal, *, publish: bool, by, note: str) -> bool:
    """A curator publishes or declines a proposal: False if it was decided already."""
    with transaction.atomic():
        if not entry.decide(publish=publish, by=by, note=note):
            return False
        action = "published" if publish else "declined"
        AuditLog.record(by, f"campus.{audit_name(entry)}.{action}", entry, reason=note)
        _tell_proposer(entry)
    return True


def _tell_proposer(entry: Proposal) -> None:
    proposer = entry.proposed_by
    if proposer is None or not proposer.is_active:
        return
    context = {
        "entry": entry,
        "published": entry.status == Status.PUBLISHED,
        "kind": entry._meta.verbose_name,
        "url": settings.SITE_URL + entry.get_absolute_url(),
    }
    with override(interface_language_of(proposer)):
        subject = render_to_string("campus/email/decision_subject.txt", context).strip()
        body = render_to_string("campus/email/decision.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    transaction.on_commit(lambda: send_mail(subject, body, None, [proposer.email]))
