"""Small helpers to make consultations, participants, proposals, supports and comments.

Dates are relative to `now` (the real or the travelled clock) unless given; the organiser's
zone is Europe/Paris, so that tests exercise a zone other than UTC."""

from datetime import timedelta

from django.utils import timezone

from planet.consultations.models import (
    Consultation,
    ConsultationStatus,
    Participant,
    Proposal,
    ProposalComment,
    Support,
)


def make_consultation(
    creator=None, *, title="How should your school act for the climate?", **extra
) -> Consultation:
    now = timezone.now()
    extra.setdefault("status", ConsultationStatus.PUBLISHED)
    extra.setdefault("timezone", "Europe/Paris")
    extra.setdefault("opens_at", now - timedelta(days=5))
    extra.setdefault("closes_at", now + timedelta(days=5))
    extra.setdefault("context", "Young people **decide** with us.")
    return Consultation.objects.create(title=title, created_by=creator, **extra)


def make_participant(consultation, user, *, age=17, country="FR") -> Participant:
    return Participant.objects.create(
        consultation=consultation, user=user, age=age, country=country
    )


def make_proposal(consultation, user, *, title="Plant trees", body="In every yard.", **extra):
    participant = Participant.objects.filter(
        consultation=consultation, user=user
    ).first() or make_participant(consultation, user)
    return Proposal.objects.create(
        consultation=consultation, participant=participant, title=title, body=body, **extra
    )


def support(proposal, user) -> Support:
    return Support.objects.create(proposal=proposal, user=user)


def make_comment(proposal, user, body="Good idea") -> ProposalComment:
    return ProposalComment.objects.create(proposal=proposal, author=user, body=body)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]
