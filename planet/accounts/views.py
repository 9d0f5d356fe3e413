from http import HTTPStatus

from allauth.account.views import LoginView as AllauthLoginView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planet.accounts.forms import DeleteAccountForm, ProfileForm
from planet.accounts.models import Profile
from planet.lib.languages import language_name
from planet.projects.presenters import published_projects_for


class LoginView(AllauthLoginView):
    """allauth's login, answering 429 (not 200) while an account is locked after failed logins."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, code="too_many_login_attempts"):
            response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        return response


login = LoginView.as_view()


@login_required
@require_http_methods(["GET", "POST"])
def profile_settings(request: HttpRequest) -> HttpResponse:
    # A copy, not request.user.profile: a refused form must not show its values as if saved.
    profile = Profile.objects.get(user=request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:settings")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/settings.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.user.delete_account()
        logout(request)
        messages.success(request, _("Your account is deleted. Thank you for taking part."))
        return redirect("core:home")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)


def profile_detail(request: HttpRequest, handle: str) -> HttpResponse:
    profile = get_object_or_404(
        Profile.objects.visible_to(request.user).select_related("user").prefetch_related("sdgs"),
        handle=handle,
    )
    groups = profile.visible_groups(request.user)
    memberships = profile.user.memberships.select_related("organisation").order_by(
        "organisation__name"
    )
    context = {
        "profile": profile,
        "groups": groups,
        "languages": [language_name(code) for code in profile.languages],
        "memberships": memberships,
        "is_own": request.user.is_authenticated and request.user.pk == profile.user_id,
        **published_projects_for(request.user, team__user=profile.user),
    }
    return render(request, "accounts/profile_detail.html", context)
