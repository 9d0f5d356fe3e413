"""One place decides who may change an organisation and its people.

Organisation pages are public, so an unknown slug, or one hidden by the moderators (see
`OrganisationQuerySet.visible_to`), is the only 404; those who may see an organisation but
not act on it get 403. Admins of the organisation and site admins may do
everything; editors edit the details; any member may leave. Curators have no extra rights
here: they work in the Django admin.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, OuterRef, Subquery, Value
from django.http import Http404

from planet.orgs.models import Membership, Organisation, Role

EDIT_ROLES = {Role.ADMIN, Role.EDITOR}


def _is_site_admin(user) -> bool:
    return user.is_authenticated and user.is_site_admin


def may_edit(user, role) -> bool:
    return role in EDIT_ROLES or _is_site_admin(user)


def may_manage_people(user, role) -> bool:
    return role == Role.ADMIN or _is_site_admin(user)


def may_leave(user, role) -> bool:
    return role is not None


ACTION_RULES = {
    "edit": may_edit,
    "manage_people": may_manage_people,
    "delete": may_manage_people,
    "leave": may_leave,
}


def with_viewer_role(queryset, user):
    """Annotate each organisation with `viewer_role`: the user's role in it, or None."""
    if not user.is_authenticated:
        return queryset.annotate(viewer_role=Value(None, output_field=CharField()))
    role = Membership.objects.filter(organisation=OuterRef("pk"), user=user.pk).values("role")
    return queryset.annotate(viewer_role=Subquery(role[:1]))


def get_organisation_for_user(request, slug: str, *, action: str | None = None):
    """The organisation at `slug` (404 if there is none) with `viewer_role` set; when `action`
    is given, PermissionDenied (403) unless the user may do it."""
    # A member may still leave an organisation the moderators hid.
    organisations = (
        Organisation.objects.all()
        if action == "leave"
        else Organisation.objects.visible_to(request.user)
    )
    organisation = with_viewer_role(organisations.filter(slug=slug), request.user).first()
    if organisation is None:
        raise Http404
    if action is not None and not ACTION_RULES[action](request.user, organisation.viewer_role):
        raise PermissionDenied
    return organisation


def _role(user, organisation):
    if hasattr(organisation, "viewer_role"):
        return organisation.viewer_role
    return organisation.role_of(user)


def can_edit(user, organisation) -> bool:
    return may_edit(user, _role(user, organisation))


def can_manage_people(user, organisation) -> bool:
    return may_manage_people(user, _role(user, organisation))


def allowed_actions(user, organisation) -> set[str]:
    role = _role(user, organisation)
    return {name for name, rule in ACTION_RULES.items() if rule(user, role)}
