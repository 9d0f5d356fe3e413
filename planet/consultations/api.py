"""Consultations in the JSON API: published consultations with their figures, their proposals
with support counts (hidden ones left out), and the organiser's official answers and summary
once they are published."""

from datetime import datetime
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from planet.consultations.models import Consultation, Phase, Proposal
from planet.lib.api import ERRORS, PageParams, page_schema, paginate, renamed_choices
from planet.lib.api_refs import OrganiserRef, SdgGoalRef, ZonedTime, absolute_url, zoned

router = Router(tags=["consultations"])

ConsultationPhase = renamed_choices(Phase, "ConsultationPhase")
PROPOSAL_ORDERS = {"supports": ("-support_total", "created_at"), "newest": ("-created_at",)}


class ConsultationOut(Schema):
    slug: str
    url: str
    title: str = Field(description="The question put to the community.")
    context: str = Field(description="Markdown source.")
    content_language: str
    goals: list[SdgGoalRef]
    organiser: OrganiserRef | None
    timezone: str = Field(description="The organiser's zone.")
    opens_at: ZonedTime
    closes_at: ZonedTime
    phase: ConsultationPhase
    max_age: int | None
    countries: list[str] = Field(description="ISO 3166 codes; empty means every country.")
    proposal_count: int = Field(description="Proposals, less those the moderators hid.")
    participant_count: int
    summary: str | None = Field(description="The organiser's summary, once published.")
    summary_published_at: datetime | None

    @staticmethod
    def resolve_url(consultation) -> str:
        return absolute_url(consultation.get_absolute_url())

    @staticmethod
    def resolve_goals(consultation) -> list:
        return list(consultation.goals.all())

    @staticmethod
    def resolve_organiser(consultation):
        return consultation.organisation

    @staticmethod
    def resolve_opens_at(consultation) -> dict:
        return zoned(consultation.opens_at, consultation.timezone)

    @staticmethod
    def resolve_closes_at(consultation) -> dict:
        return zoned(consultation.closes_at, consultation.timezone)

    @staticmethod
    def resolve_phase(consultation) -> str:
        return consultation.phase(timezone.now())

    @staticmethod
    def resolve_proposal_count(consultation) -> int:
        return consultation.proposal_total

    @staticmethod
    def resolve_participant_count(consultation) -> int:
        return consultation.participant_total

    @staticmethod
    def resolve_summary(consultation) -> str | None:
        return consultation.summary if consultation.summary_published_at else None


class ProposalOut(Schema):
    id: int
    title: str
    body: str
    author: str = Field(description="The participant's display name.")
    created_at: datetime
    support_count: int
    retained: bool
    answer: str | None = Field(description="The official answer, once given.")
    answered_at: datetime | None

    @staticmethod
    def resolve_author(proposal) -> str:
        return proposal.participant.user.display_name

    @staticmethod
    def resolve_support_count(proposal) -> int:
        return proposal.support_total

    @staticmethod
    def resolve_answer(proposal) -> str | None:
        return proposal.answer if proposal.answered_at else None


class ProposalFilters(Schema):
    sort: Literal["supports", "newest"] = Field(
        "supports", description="Most supported first, or newest first."
    )


def public_consultations(user):
    """Published consultations not hidden: an organiser's drafts are not open data."""
    return (
        Consultation.objects.visible_to(user)
        .published()
        .not_hidden()
        .with_figures()
        .select_related("organisation")
        .prefetch_related("goals")
    )


def public_consultation(user, slug: str) -> Consultation:
    consultation = public_consultations(user).filter(slug=slug).first()
    if consultation is None:
        raise Http404
    return consultation


@router.get("/", response={200: page_schema(ConsultationOut), **ERRORS})
def list_consultations(request, page: Query[PageParams]):
    """Published consultations, the latest to open first."""
    consultations = public_consultations(request.auth)
    return paginate(request, consultations, page, ordering=("-opens_at",))


@router.get("/{slug}/", response={200: ConsultationOut, **ERRORS})
def get_consultation(request, slug: str):
    return public_consultation(request.auth, slug)


@router.get("/{slug}/proposals/", response={200: page_schema(ProposalOut), **ERRORS})
def consultation_proposals(
    request, slug: str, filters: Query[ProposalFilters], page: Query[PageParams]
):
    """The consultation's proposals with their supports, hidden ones left out."""
    consultation = public_consultation(request.auth, slug)
    proposals = (
        Proposal.objects.visible_to(request.auth)
        .not_hidden()
        .filter(consultation=consultation)
        .with_supports()
        .select_related("participant__user__profile")
    )
    return paginate(request, proposals, page, ordering=PROPOSAL_ORDERS[filters.sort])
