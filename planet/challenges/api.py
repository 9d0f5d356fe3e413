"""Challenges in the JSON API: published challenges with their phases, eligibility and prizes,
and, once the results are published, the gallery of selected entries.

Drafts, entries outside the gallery, scores and jurors never appear here, whoever calls.
"""

from datetime import datetime
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from planet.challenges.challenge_forms import filter_challenges
from planet.challenges.models import Challenge, ChallengeKind, Participation, Phase, Submission
from planet.challenges.publication import WINNERS_FIRST
from planet.lib.api import ERRORS, PageParams, page_schema, paginate
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


@router.get("/{slug}", response={200: ChallengeOut, **ERRORS})
def get_challenge(request, slug: str):
    return public_challenge(request.auth, slug)


@router.get("/{slug}/gallery", response={200: page_schema(GalleryEntryOut), **ERRORS})
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
