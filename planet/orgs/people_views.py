"""The people of an organisation: the admins' members page, roles, removals, invitations,
leaving, and the page where an invited person accepts or declines."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planet.orgs import people
from planet.orgs.forms import InviteForm, RoleForm
from planet.orgs.models import Invitation, Membership, Role
from planet.orgs.permissions import get_organisation_for_user


def _membership(organisation, pk: int) -> Membership:
    memberships = organisation.memberships.with_people()
    membership = get_object_or_404(memberships, pk=pk)
    membership.organisation = organisation
    return membership


@login_required
@require_http_methods(["GET", "POST"])
def members_manage(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request, slug, action="manage_people")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email, role = form.cleaned_data["email"], form.cleaned_data["role"]
        try:
            people.invite(organisation, email, role, by=request.user)
        except people.MembershipError as refused:
            form.add_error("email", str(refused))
        else:
            messages.success(request, _("The invitation is sent to %(email)s.") % {"email": email})
            return redirect("orgs:members", organisation.slug)
    context = {
        "organisation": organisation,
        "memberships": organisation.memberships.with_people().by_rank(),
        "invitations": organisation.invitations.pending().select_related("invited_by__profile"),
        "form": form,
        "roles": Role.choices,
    }
    status = 400 if form.errors else 200
    return render(request, "orgs/members.html", context, status=status)


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, slug, action="manage_people")
    membership = _membership(organisation, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pick one of the roles: admin, editor or member."))
        return redirect("orgs:members", organisation.slug)
    try:
        membership = people.change_role(membership, form.cleaned_data["role"], by=request.user)
    except people.MembershipError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("The role of %(name)s is now: %(role)s.")
            % {"name": membership.user.display_name, "role": membership.get_role_display()},
        )
    return redirect("orgs:members", organisation.slug)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, slug, action="manage_people")
    membership = _membership(organisation, pk)
    try:
        people.remove_member(membership, by=request.user)
    except people.MembershipError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("%(name)s is no longer a member.") % {"name": membership.user.display_name},
        )
    return redirect("orgs:members", organisation.slug)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, slug, action="manage_people")
    invitation = get_object_or_404(organisation.invitations, pk=pk)
    invitation.organisation = organisation
    try:
        people.revoke_invitation(invitation, by=request.user)
    except people.MembershipError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect("orgs:members", organisation.slug)


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request, slug, action="leave")
    membership = organisation.memberships.with_people().filter(user=request.user).first()
    if membership is None:
        raise PermissionDenied
    try:
        people.remove_member(membership, by=request.user)
    except people.MembershipError as refused:
        messages.error(request, str(refused))
        return redirect(organisation)
    messages.success(request, _("You left “%(name)s”.") % {"name": organisation.name})
    return redirect("orgs:mine")


def _gone(request, invitation, status: int) -> HttpResponse:
    context = {"invitation": invitation, "gone": True}
    return render(request, "orgs/invitation.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = (
        Invitation.objects.by_token(token)
        .select_related("organisation", "invited_by__profile")
        .first()
    )
    if found is None:
        return render(request, "orgs/invitation.html", {"unknown": True}, status=404)
    if found.is_used or found.is_expired:
        return _gone(request, found, status=410)
    if request.method == "GET" or request.POST.get("answer") not in ("accept", "decline"):
        return render(request, "orgs/invitation.html", {"invitation": found})
    organisation = found.organisation
    try:
        if request.POST["answer"] == "decline":
            people.decline_invitation(found)
            messages.info(request, _("You declined the invitation."))
            return redirect(organisation)
        membership, outcome = people.accept_invitation(found, request.user)
    except people.InvitationGone:
        found.refresh_from_db()
        return _gone(request, found, status=410)
    texts = {
        "joined": _("Welcome to “%(name)s”! Your role: %(role)s."),
        "promoted": _("Your role in “%(name)s” is now: %(role)s."),
        "already": _("You are already a member of “%(name)s” (role: %(role)s)."),
    }
    role = membership.get_role_display()
    messages.success(request, texts[outcome] % {"name": organisation.name, "role": role})
    return redirect(organisation)
