"""The catalogue of resources, a resource's page, proposing one, declaring that an
organisation uses it, and reviewing it. Who may see what is decided in permissions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planet.campus.forms import (
    ResourceFilterForm,
    ResourceForm,
    ReviewForm,
    UseForm,
    filter_resources,
)
from planet.campus.models import Resource, ResourceReview, ResourceUse, Status
from planet.campus.permissions import get_resource_for_user, member_organisations
from planet.campus.proposals import save_proposal
from planet.lib.languages import language_name

RESOURCES_PER_PAGE = 24


def catalogue(request: HttpRequest) -> HttpResponse:
    form = ResourceFilterForm(request.GET)
    resources = Resource.objects.visible_to(request.user).listed().with_figures()
    resources = filter_resources(resources, form.filters())
    resources = resources.select_related("organisation").prefetch_related("goals")
    page = Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
    template = "campus/catalogue.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, {"form": form, "page": page})
    patch_vary_headers(response, ["HX-Request"])
    return response


def resource_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _resource_page(request, get_resource_for_user(request, slug))


def _resource_page(request, resource, *, use_form=None, review_form=None) -> HttpResponse:
    """The resource's page; with a bound form that failed, shown again with its errors."""
    user = request.user
    reviews = (
        ResourceReview.objects.visible_to(user)
        .filter(resource=resource)
        .select_related("author__profile")
    )
    reviews = list(reviews)
    uses = ResourceUse.objects.filter(resource=resource).select_related("organisation")
    uses = list(uses.order_by("organisation__name"))
    context = {
        "resource": resource,
        "goals": list(resource.goals.all()),
        "uses": uses,
        "reviews": reviews,
        "language_names": [language_name(code) for code in resource.languages],
        "use_form": use_form,
        "review_form": review_form,
    }
    if resource.is_published and not resource.is_hidden and user.is_authenticated:
        using = {use.organisation_id for use in uses}
        choices = member_organisations(user).exclude(pk__in=using)
        if use_form is None and choices:
            context["use_form"] = UseForm(user=user, resource=resource)
            context["use_form"].fields["organisation"].queryset = choices
        has_reviewed = any(review.author_id == user.pk for review in reviews)
        if review_form is None and not has_reviewed:
            context["review_form"] = ReviewForm(author=user, resource=resource)
    status = 400 if (use_form or review_form) else 200
    return render(request, "campus/resource.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def resource_propose(request: HttpRequest) -> HttpResponse:
    form = ResourceForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "campus/propose.html", {"form": form}, status=status)
    resource = save_proposal(form, by=request.user)
    messages.success(
        request,
        _("Thank you: the curators will review your proposal. You will hear of it by e-mail."),
    )
    return redirect(resource)


def _open_resource(request, slug):
    """The resource if members may act on it (published, not hidden), else None."""
    resource = get_resource_for_user(request, slug)
    if resource.status != Status.PUBLISHED or resource.is_hidden:
        messages.error(request, _("Only published resources can be used and reviewed."))
        return resource, False
    return resource, True


@login_required
@require_POST
def declare_use(request: HttpRequest, slug: str) -> HttpResponse:
    resource, is_open = _open_resource(request, slug)
    if not is_open:
        return redirect(resource)
    form = UseForm(request.POST, user=request.user, resource=resource)
    if not form.is_valid():
        return _resource_page(request, resource, use_form=form)
    organisation = form.cleaned_data["organisation"]
    try:
        with transaction.atomic():
            ResourceUse.objects.create(
                resource=resource, organisation=organisation, declared_by=request.user
            )
    except IntegrityError:  # declared by someone else in the meantime
        messages.error(
            request,
            _("%(name)s already says it uses this resource.") % {"name": organisation.name},
        )
        return redirect(resource)
    messages.success(
        request, _("Noted: %(name)s uses this resource.") % {"name": organisation.name}
    )
    return redirect(resource)


@login_required
@require_POST
def write_review(request: HttpRequest, slug: str) -> HttpResponse:
    resource, is_open = _open_resource(request, slug)
    if not is_open:
        return redirect(resource)
    form = ReviewForm(request.POST, author=request.user, resource=resource)
    if not form.is_valid():
        return _resource_page(request, resource, review_form=form)
    review = form.save(commit=False)
    review.resource, review.author = resource, request.user
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:  # a second review sent at the same time
        messages.error(
            request, _("You have already reviewed this resource: one review per member.")
        )
        return redirect(resource)
    messages.success(request, _("Thank you for your review."))
    return redirect(review)


@login_required
def my_proposals(request: HttpRequest) -> HttpResponse:
    from planet.campus.models import LearningOpportunity

    resources = Resource.objects.filter(proposed_by=request.user).order_by("-created_at", "-pk")
    opportunities = LearningOpportunity.objects.filter(proposed_by=request.user).order_by(
        "-created_at", "-pk"
    )
    context = {"resources": resources, "opportunities": opportunities}
    return render(request, "campus/mine.html", context)
