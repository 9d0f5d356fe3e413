"""One place decides who may see and act on Open Campus entries.

Those who may not see an entry get 404. Members propose; curators decide. A member declares a
use of a resource for an organisation they belong to (any role). Learning opportunities are
published directly by curators and by the admins and editors of the organisation offering them.
"""

from django.http import Http404

from planet.campus.models import LearningOpportunity, Resource
from planet.challenges.permissions import runnable_organisations
from planet.orgs.models import Organisation


def get_resource_for_user(request, slug: str) -> Resource:
    resource = (
        Resource.objects.visible_to(request.user)
        .with_figures()
        .select_related("organisation", "proposed_by__profile")
        .filter(slug=slug)
        .first()
    )
    if resource is None:
        raise Http404
    return resource


def get_opportunity_for_user(request, slug: str) -> LearningOpportunity:
    opportunity = (
        LearningOpportunity.objects.visible_to(request.user)
        .select_related("organisation", "proposed_by__profile")
        .filter(slug=slug)
        .first()
    )
    if opportunity is None:
        raise Http404
    return opportunity


def member_organisations(user):
    """Organisations `user` belongs to, whatever the role: those they may declare uses for."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct().order_by("name")


def publishes_directly(user, organisation) -> bool:
    """Whether a learning opportunity `user` enters is published without review."""
    if not user.is_authenticated:
        return False
    if user.is_curator:
        return True
    return (
        organisation is not None
        and runnable_organisations(user).filter(pk=organisation.pk).exists()
    )
