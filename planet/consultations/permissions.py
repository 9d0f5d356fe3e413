"""One place decides who may see and do what in a consultation.

* curators create, edit and publish consultations, and may act as organiser of any;
* the organiser (curators, the creator, admins and editors of the organiser organisation)
  retains proposals, answers them and publishes the summary once the consultation is closed;
* signed-in members take part while it is open (their eligibility is checked on their
  declaration, see planet.consultations.participation).

Those who may not see a consultation or a proposal get 404; those who may see it but not act
get 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from planet.consultations.models import Consultation, Proposal


def may_create(user) -> bool:
    return user.is_authenticated and user.is_curator


def is_organiser(user, consultation) -> bool:
    return Consultation.objects.organised_by(user).filter(pk=consultation.pk).exists()


ACTIONS = {
    "edit": lambda user, consultation: may_create(user),
    "answer": lambda user, consultation: consultation.viewer_is_organiser,
}


def get_consultation_for_user(request, slug: str, *, action: str | None = None):
    """The consultation at `slug` if the user may see it (404 otherwise) and, when `action`
    is given ("edit", "answer"), may do it (403 otherwise). It carries `viewer_is_organiser`."""
    consultation = (
        Consultation.objects.visible_to(request.user)
        .select_related("organisation")
        .filter(slug=slug)
        .first()
    )
    if consultation is None:
        raise Http404
    consultation.viewer_is_organiser = is_organiser(request.user, consultation)
    if action is not None and not ACTIONS[action](request.user, consultation):
        raise PermissionDenied
    return consultation


def get_proposal_for_user(request, consultation, pk: int) -> Proposal:
    proposal = (
        Proposal.objects.visible_to(request.user)
        .filter(consultation=consultation, pk=pk)
        .select_related("participant__user__profile")
        .first()
    )
    if proposal is None:
        raise Http404
    proposal.consultation = consultation
    return proposal
