"""The team of a project: the owners' page, invitations, join requests, leaving."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from planet.projects import team as team_rules
from planet.projects.models import (
    JoinRequest,
    Project,
    ProjectInvitation,
    ProjectMember,
    TeamRole,
)
from planet.projects.permissions import get_project_for_user


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=254)
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=TeamRole.choices, initial=TeamRole.MEMBER
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if self.project.team.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already on the team."))
        if self.project.invitations.pending().filter(email=email).exists():
            raise forms.ValidationError(
                _("An invitation to this address is already waiting; revoke it to send a new one.")
            )
        return email


class RoleForm(forms.Form):
    member = forms.IntegerField()
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=TeamRole.choices)


class JoinForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("A word to the team (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _posted_id(request, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise Http404 from None


def _seat(project, pk: int) -> ProjectMember:
    seats = ProjectMember.objects.select_related("user__profile", "project")
    return get_object_or_404(seats, project=project, pk=pk)


def _invite(request, project):
    form = InviteForm(request.POST, project=project)
    if not form.is_valid():
        return form
    team_rules.invite(project, form.cleaned_data["email"], form.cleaned_data["role"],
                      by=request.user)  # fmt: skip
    messages.success(request, _("The invitation is sent to %(email)s.") % form.cleaned_data)
    return None


def _change_role(request, project):
    form = RoleForm(request.POST)
    if not form.is_valid():
        raise team_rules.TeamError(_("Pick one of the roles: owner, editor or member."))
    seat = _seat(project, form.cleaned_data["member"])
    seat = team_rules.change_role(seat, form.cleaned_data["role"], by=request.user)
    messages.success(
        request,
        _("%(name)s is now %(role)s.")
        % {"name": seat.user.display_name, "role": seat.get_role_display().lower()},
    )


def _remove(request, project):
    seat = _seat(project, _posted_id(request, "member"))
    team_rules.remove_member(seat, by=request.user)
    messages.success(
        request, _("%(name)s is no longer on the team.") % {"name": seat.user.display_name}
    )


def _revoke(request, project):
    pk = _posted_id(request, "invitation")
    invitation = get_object_or_404(project.invitations.pending(), pk=pk)
    team_rules.decline_invitation(invitation)
    messages.success(
        request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
    )


def _answer(request, project, accept: bool):
    requests = project.join_requests.select_related("user__profile")
    join_request = get_object_or_404(requests, pk=_posted_id(request, "join_request"))
    team_rules.answer_join_request(join_request, accept=accept, by=request.user)
    name = join_request.user.display_name
    if accept:
        messages.success(request, _("%(name)s joined the team.") % {"name": name})
    else:
        messages.success(request, _("The request of %(name)s is declined.") % {"name": name})


OPERATIONS = {
    "role": _change_role,
    "remove": _remove,
    "revoke": _revoke,
    "accept": lambda request, project: _answer(request, project, accept=True),
    "decline": lambda request, project: _answer(request, project, accept=False),
}


@login_required
@require_http_methods(["GET", "POST"])
def team_manage(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug, action="team")
    invite_form = InviteForm(project=project)
    operation = request.POST.get("operation")
    if request.method == "POST" and operation == "invite":
        invite_form = _invite(request, project)
        if invite_form is None:
            return redirect("projects:team", project.slug)
    elif request.method == "POST":
        if operation not in OPERATIONS:
            raise Http404
        try:
            OPERATIONS[operation](request, project)
        except team_rules.TeamError as refused:
            messages.error(request, str(refused))
        return redirect("projects:team", project.slug)
    context = {
        "project": project,
        "team": project.team.select_related("user__profile"),
        "invitations": project.invitations.pending().select_related("invited_by__profile"),
        "join_requests": project.join_requests.filter(
            state=JoinRequest.State.PENDING
        ).select_related("user__profile"),
        "invite_form": invite_form,
        "roles": TeamRole.choices,
    }
    return render(request, "projects/team.html", context, status=400 if invite_form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = (
        ProjectInvitation.objects.by_token(token)
        .select_related("project", "invited_by__profile")
        .first()
    )
    if found is None:
        raise Http404
    if found.is_used or found.is_expired:
        return render(request, "projects/invitation.html", {"invitation": found, "gone": True},
                      status=410)  # fmt: skip
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "accept":
                team_rules.accept_invitation(found, request.user)
                messages.success(request, _("Welcome to the team of “%(title)s”.")
                                 % {"title": found.project.title})  # fmt: skip
                return redirect(found.project)
            team_rules.decline_invitation(found)
        except team_rules.TeamError:
            return render(request, "projects/invitation.html", {"invitation": found, "gone": True},
                          status=410)  # fmt: skip
        messages.info(request, _("You declined the invitation."))
        return redirect("core:home")
    return render(request, "projects/invitation.html", {"invitation": found})


@login_required
@require_POST
def join_request(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug, action="take_part")
    form = JoinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your message is too long (1000 characters at most)."))
        return redirect(project)
    try:
        team_rules.request_to_join(project, request.user, form.cleaned_data["message"])
    except team_rules.TeamError as refused:
        messages.info(request, str(refused))
    else:
        messages.success(request, _("Your request is sent to the project's owners."))
    return redirect(project)


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    seat = project.team.filter(user=request.user).select_related("user__profile").first()
    if seat is None:
        raise PermissionDenied
    try:
        team_rules.remove_member(seat, by=request.user)
    except team_rules.TeamError as refused:
        messages.error(request, str(refused))
        return redirect(project)
    messages.success(request, _("You left the team of “%(title)s”.") % {"title": project.title})
    if Project.objects.visible_to(request.user).filter(pk=project.pk).exists():
        return redirect(project)
    return redirect("projects:list")
