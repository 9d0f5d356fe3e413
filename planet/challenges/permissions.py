"""One place decides who may see and do what in a challenge.

Roles are read from the data: the organiser (the creator, an admin or editor of the
organising organisation, or any curator), jurors (a `Juror` row) and entrants (their own
entries). Those who may not see a challenge or an entry get 404; those who may see it but
not act get 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from planet.challenges.models import (
    Challenge,
    ChallengeStatus,
    Juror,
    Submission,
)
from planet.orgs.models import Membership, Organisation, Role

RUNNING_ROLES = (Role.ADMIN, Role.EDITOR)  # organisation roles that may run challenges


def is_organiser(user, challenge) -> bool:
    return Challenge.objects.organised_by(user).filter(pk=challenge.pk).exists()


def runnable_organisations(user):
    """Organisations under whose name `user` may run a challenge: any for curators, otherwise
    those they administer or edit."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_curator:
        return Organisation.objects.all()
    runs = Membership.objects.filter(user=user, role__in=RUNNING_ROLES)
    return Organisation.objects.filter(pk__in=runs.values("organisation"))


def may_create_challenges(user) -> bool:
    """Curators, and admins or editors of at least one organisation."""
    if not user.is_authenticated:
        return False
    if user.is_curator:
        return True
    return Membership.objects.filter(user=user, role__in=RUNNING_ROLES).exists()


def juror_of(user, challenge) -> Juror | None:
    if not user.is_authenticated:
        return None
    return Juror.objects.filter(challenge=challenge, user=user).first()


def may_enter(user, challenge) -> bool:
    return (
        user.is_authenticated
        and challenge.status == ChallengeStatus.PUBLISHED
        and challenge.accepts_submissions()
    )


ACTIONS = {
    "organise": lambda user, challenge, roles: "organiser" in roles,
    "review": lambda user, challenge, roles: "juror" in roles,
    "enter": lambda user, challenge, roles: may_enter(user, challenge),
}


def roles_of(user, challenge) -> set[str]:
    roles = set()
    if is_organiser(user, challenge):
        roles.add("organiser")
    if juror_of(user, challenge):
        roles.add("juror")
    return roles


def get_challenge_for_user(request, slug: str, *, action: str | None = None):
    """The challenge at `slug` if the user may see it (404 otherwise) and, when `action` is
    given ("organise", "review", "enter"), may do it (403 otherwise). The challenge carries
    `viewer_roles`, the set of the user's roles in it."""
    challenge = Challenge.objects.visible_to(request.user).filter(slug=slug).first()
    if challenge is None:
        raise Http404
    challenge.viewer_roles = roles_of(request.user, challenge)
    if action is not None and not ACTIONS[action](request.user, challenge, challenge.viewer_roles):
        raise PermissionDenied
    return challenge


def visible_submissions(user, challenge, now=None):
    """The entries of `challenge` that `user` may open (see `SubmissionQuerySet.visible_to`):
    their own, the organiser's view of all entries, a juror's assigned ones, and for everybody
    the gallery and the entries offered to public voting, less those the moderators hid."""
    return Submission.objects.filter(challenge=challenge).visible_to(user, now)


def get_submission_for_user(request, challenge, pk: int) -> Submission:
    entry = visible_submissions(request.user, challenge).filter(pk=pk).distinct().first()
    if entry is None:
        raise Http404
    return entry


def shows_identity(user, challenge, entry=None) -> bool:
    """Whether entrants' names may be shown to `user`. Under blind review, until results are
    published, only the entrant and organisers who do not sit on the jury see them: jurors
    do not, nor does the public voting page (which jurors can read too)."""
    if not challenge.blind_review or challenge.results_published_at:
        return True
    if entry is not None and user.is_authenticated and entry.entrant_id == user.pk:
        return True
    return is_organiser(user, challenge) and juror_of(user, challenge) is None


def may_see_all_scores(user, challenge, now=None) -> bool:
    """The organiser always; jurors once the review phase has ended; nobody else."""
    if is_organiser(user, challenge):
        return True
    return juror_of(user, challenge) is not None and challenge.review_is_over(now)


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied
