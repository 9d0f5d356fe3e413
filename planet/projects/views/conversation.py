"""Updates, comments, follows, needs and offers of help on a project."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from planet.lib import once
from planet.projects.conversation_forms import (
    CommentEditForm,
    CommentForm,
    HelpOfferForm,
    NeedForm,
    UpdateForm,
)
from planet.projects.models import Comment, Follow, HelpOffer, Need
from planet.projects.notifications import notify_team
from planet.projects.permissions import allowed_actions, get_project_for_user

GET_POST = require_http_methods(["GET", "POST"])
ALREADY_OFFERED = gettext_lazy("You already offered help for this need; the team has your message.")


def _post_data(request):
    return request.POST if request.method == "POST" else None


@login_required
@GET_POST
def update_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug, action="update")
    form = UpdateForm(_post_data(request))
    if request.method == "POST":
        token = request.POST.get("form_token", "")
        earlier = once.already_used(request, token)
        if earlier is not None:
            messages.info(request, _("This update was already posted; here it is."))
            return redirect(earlier or project)
        if form.is_valid():
            with transaction.atomic():
                update = form.save(commit=False)
                update.project, update.author = project, request.user
                update.save()
            where = f"{project.get_absolute_url()}#update-{update.pk}"
            once.mark_used(request, token, where)
            messages.success(request, _("Your update is posted."))
            return redirect(where)
    else:
        form.initial["form_token"] = once.issue_token(request)
    status = 400 if form.is_bound else 200
    return render(
        request, "projects/update_form.html", {"project": project, "form": form}, status=status
    )


# Comments


def _comments_fragment(request, project, form=None) -> HttpResponse:
    """The conversation section alone, for HTMX to swap in place."""
    context = {
        "project": project,
        "comments": Comment.objects.filter(project=project)
        .visible_to(request.user)
        .threads(request.user),
        "actions": allowed_actions(request.user, project),
        "comment_token": once.issue_token(request),
        "comment_form": form,
    }
    return render(request, "projects/_comments.html", context)


def _comment_page(request, project, form, *, comment=None, parent=None, status=200):
    context = {"project": project, "form": form, "comment": comment, "parent": parent}
    return render(request, "projects/comment_form.html", context, status=status)


@login_required
@GET_POST
def comment_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug, action="take_part")
    if request.method == "GET":
        parent_id = request.GET.get("parent", "")
        live = project.comments.live()
        parent = live.filter(pk=parent_id).first() if parent_id.isdigit() else None
        initial = {"form_token": once.issue_token(request), "parent": parent}
        return _comment_page(request, project, CommentForm(initial=initial, project=project),
                             parent=parent)  # fmt: skip
    token = request.POST.get("form_token", "")
    earlier = once.already_used(request, token)
    if earlier is not None:
        if request.htmx:
            return _comments_fragment(request, project)
        messages.info(request, _("This comment was already sent; here it is."))
        return redirect(earlier or project)
    form = CommentForm(request.POST, project=project)
    if not form.is_valid():
        if request.htmx:
            return _comments_fragment(request, project, form)
        return _comment_page(request, project, form, parent=form.cleaned_data.get("parent"),
                             status=400)  # fmt: skip
    with transaction.atomic():
        comment = form.save(request.user)
    once.mark_used(request, token, comment.get_absolute_url())
    if request.htmx:
        return _comments_fragment(request, project)
    messages.success(request, _("Your comment is posted."))
    return redirect(comment.get_absolute_url())


@login_required
@GET_POST
def comment_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_user(request, slug, action="take_part")
    comment = get_object_or_404(project.comments.live(), pk=pk)
    if not comment.may_edit(request.user):
        raise PermissionDenied
    form = CommentEditForm(_post_data(request), initial={"body": comment.body})
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            comment.edit(form.cleaned_data["body"])
        messages.success(request, _("Your comment is saved."))
        return redirect(comment.get_absolute_url())
    return _comment_page(request, project, form, comment=comment,
                         status=400 if form.is_bound else 200)  # fmt: skip


@login_required
@require_POST
def comment_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_user(request, slug)
    comment = get_object_or_404(project.comments.all(), pk=pk)
    if not comment.may_delete(request.user):
        raise PermissionDenied
    comment.remove(by=request.user, reason=request.POST.get("reason", "")[:1000])
    messages.success(request, _("The comment is deleted."))
    return redirect(f"{project.get_absolute_url()}#comments")


# Following


@login_required
@require_POST
def follow(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug, action="take_part")
    wanted = request.POST.get("operation", "")
    with transaction.atomic():
        mine = Follow.objects.filter(project=project, user=request.user)
        if wanted == "unfollow" or (wanted != "follow" and mine.exists()):
            mine.delete()
        else:
            Follow.objects.get_or_create(project=project, user=request.user)
    if not request.htmx:
        return redirect(project)
    context = {
        "project": project,
        "actions": allowed_actions(request.user, project),
        "is_following": mine.exists(),
        "follower_count": project.follows.count(),
    }
    return render(request, "projects/_updates.html#follow", context)


# Needs and offers of help


def _posted_need(request, project) -> Need:
    pk = request.POST.get("need", "")
    if not pk.isdigit():
        raise Http404
    return get_object_or_404(project.needs, pk=pk)


def _change_need(request, project, operation: str) -> None:
    need = _posted_need(request, project)
    with transaction.atomic():
        if operation == "delete":
            need.delete()
            messages.success(request, _("The need is deleted."))
        else:
            need.is_open = operation == "reopen"
            need.save(update_fields=["is_open"])
            messages.success(request, _("The need is updated."))


@login_required
@GET_POST
def needs_manage(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug, action="needs")
    operation = request.POST.get("operation", "")
    form = NeedForm(request.POST if operation == "add" else None)
    if operation in ("close", "reopen", "delete"):
        _change_need(request, project, operation)
        return redirect("projects:needs", project.slug)
    if operation == "add" and form.is_valid():
        with transaction.atomic():
            form.instance.project = project
            form.save()
        messages.success(request, _("The need is listed on the project page."))
        return redirect("projects:needs", project.slug)
    offers = HelpOffer.objects.select_related("user__profile")
    needs = project.needs.prefetch_related(Prefetch("offers", queryset=offers))
    context = {"project": project, "needs": needs, "form": form}
    return render(request, "projects/needs.html", context, status=400 if form.is_bound else 200)


def _tell_team_of_offer(offer) -> None:
    project = offer.need.project
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(name)s offers help to “%(title)s”") % {
            "name": offer.user.display_name,
            "title": project.title,
        }
        needs_url = settings.SITE_URL + reverse("projects:needs", args=[project.slug])
        context = {"offer": offer, "need": offer.need, "helper": offer.user, "needs_url": needs_url}
        notify_team(project, subject, "projects/email/help_offer.txt", context)


@login_required
@require_POST
def offer_help(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_user(request, slug, action="take_part")
    if project.role_of(request.user):
        raise PermissionDenied  # the team does not offer help to itself
    need = get_object_or_404(project.needs, pk=pk)
    form = HelpOfferForm(request.POST, need=need, user=request.user)
    offer = None
    if form.is_valid():
        with transaction.atomic():
            offer = form.save()
            if offer is not None:
                transaction.on_commit(lambda: _tell_team_of_offer(offer))
    if offer is not None:
        messages.success(request, _("Thank you! The team has your offer and will answer you."))
    elif form.errors:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        messages.info(request, ALREADY_OFFERED)
    return redirect(f"{project.get_absolute_url()}#need-{need.pk}")
