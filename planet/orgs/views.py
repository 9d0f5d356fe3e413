"""Organisation pages: the directory, your organisations, create, detail, edit, delete.

The people of an organisation (members, invitations, leaving) are in `people_views`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planet.orgs import people
from planet.orgs.forms import (
    DeleteOrganisationForm,
    OrganisationFilterForm,
    OrganisationForm,
    filter_organisations,
)
from planet.orgs.models import Membership, Organisation
from planet.orgs.permissions import allowed_actions, get_organisation_for_user
from planet.projects.presenters import published_projects_for

ORGANISATIONS_PER_PAGE = 24
MEMBERS_PER_PAGE = 60


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    organisations = filter_organisations(
        Organisation.objects.visible_to(request.user), form.filters()
    )
    organisations = organisations.annotate(member_total=Count("memberships")).order_by("name", "pk")
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "organisations": page.object_list}
    template = "orgs/list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    return render(request, "orgs/mine.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = people.create_organisation(form.save(commit=False), by=request.user)
        messages.success(request, _("Your organisation is created; you are its admin."))
        return redirect(organisation)
    status = 400 if form.is_bound else 200
    return render(request, "orgs/form.html", {"form": form}, status=status)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request, slug)
    memberships = organisation.memberships.filter(user__is_active=True).with_people().by_rank()
    page = Paginator(memberships, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "organisation": organisation,
        "page": page,
        "memberships": people.with_visible_avatars(page.object_list, request.user),
        "actions": allowed_actions(request.user, organisation),
        **published_projects_for(request.user, organisations=organisation),
    }
    return render(request, "orgs/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request, slug, action="edit")
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Your changes are saved."))
        return redirect(organisation)
    if form.is_bound:
        organisation.refresh_from_db()  # the page shows what is stored, not the refused input
    status = 400 if form.is_bound else 200
    context = {"form": form, "organisation": organisation}
    return render(request, "orgs/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_delete(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request, slug, action="delete")
    form = DeleteOrganisationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        name = organisation.name
        people.delete_organisation(organisation, by=request.user)
        messages.success(request, _("“%(name)s” is deleted.") % {"name": name})
        return redirect("orgs:mine")
    status = 400 if form.is_bound else 200
    context = {"organisation": organisation, "form": form}
    return render(request, "orgs/delete.html", context, status=status)
