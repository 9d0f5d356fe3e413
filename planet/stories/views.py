"""Story pages: the list and a story's page, writing (editors) and sharing (members) a story,
sending it to the editors, their review queue and decisions, and the editor role.
Who may see or change what is decided in permissions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planet.lib.jsonld import json_ld_script
from planet.lib.languages import language_name
from planet.moderation.models import AuditLog
from planet.moderation.permissions import curator_required
from planet.stories import presenters, review
from planet.stories.forms import (
    DecisionForm,
    EditorRoleForm,
    StoryFilterForm,
    StoryForm,
    filter_stories,
)
from planet.stories.models import Story, StoryEditor, StoryKind, StoryStatus, is_story_editor
from planet.stories.permissions import editor_required, get_story_for_user

GET_POST = require_http_methods(["GET", "POST"])
STORIES_PER_PAGE = 12


# The list and a story's page ---------------------------------------------------------------


def story_list(request: HttpRequest) -> HttpResponse:
    form = StoryFilterForm(request.GET)
    filters = form.filters()
    stories = Story.objects.visible_to(request.user).published().not_hidden()
    stories = filter_stories(stories, filters).for_cards().newest_first()
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    kind = StoryKind(filters["kind"]) if "kind" in filters else None
    context = {
        "form": form,
        "page": page,
        "stories": list(page),
        "feeds": feeds_of(kind, filters.get("goal")),
        "is_editor": is_story_editor(request.user),
    }
    return render(request, "stories/list.html", context)


def story_detail(request: HttpRequest, slug: str) -> HttpResponse:
    story = get_story_for_user(request, slug)
    structured = presenters.json_ld(story)
    is_editor = is_story_editor(request.user)
    is_author = story.is_author(request.user)
    context = {
        "story": story,
        "goals": list(story.goals.all()),
        "authors": story.author_list,
        "language": language_name(story.content_language),
        "json_ld": json_ld_script(structured) if structured else "",
        "is_editor": is_editor,
        "is_author": is_author,
        "may_edit": story.may_edit(request.user),
        "may_send": is_author
        and story.status in (StoryStatus.DRAFT, StoryStatus.CHANGES_REQUESTED),
    }
    return render(request, "stories/detail.html", context)


# Writing and sharing -----------------------------------------------------------------------


def _form_page(request, form, story=None) -> HttpResponse:
    status = 400 if form.is_bound else 200
    context = {"form": form, "story": story, "as_editor": form.as_editor}
    return render(request, "stories/form.html", context, status=status)


def _after_save(request, story: Story, action: str) -> HttpResponse:
    """Carry out the button pressed: publish (editors), send to the editors, or just save."""
    if action == "publish" and is_story_editor(request.user):
        story.publish(by=request.user)
        messages.success(request, _("The story is published."))
    elif action == "send" and story.submit():
        messages.success(
            request,
            _("Thank you! The editors will read your story and answer by e-mail."),
        )
    else:
        messages.success(request, _("The story is saved."))
    return redirect(story)


@editor_required
@GET_POST
def story_create(request: HttpRequest) -> HttpResponse:
    form = StoryForm(request.POST or None, request.FILES or None, user=request.user, as_editor=True)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form)
    story = form.save_story()
    return _after_save(request, story, request.POST.get("action", ""))


@login_required
@GET_POST
def story_share(request: HttpRequest) -> HttpResponse:
    """Any signed-in member shares a guest story with the editors."""
    data = request.POST if request.method == "POST" else None
    form = StoryForm(data, request.FILES or None, user=request.user, as_editor=False)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form)
    story = form.save_story()
    return _after_save(request, story, request.POST.get("action", ""))


@login_required
@GET_POST
def story_edit(request: HttpRequest, slug: str) -> HttpResponse:
    story = get_story_for_user(request, slug, edit=True)
    data = request.POST if request.method == "POST" else None
    as_editor = is_story_editor(request.user)
    form = StoryForm(
        data, request.FILES or None, instance=story, user=request.user, as_editor=as_editor
    )
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form, story)
    story = form.save_story()
    return _after_save(request, story, request.POST.get("action", ""))


@login_required
@require_POST
def story_send(request: HttpRequest, slug: str) -> HttpResponse:
    """The author sends a draft, or a story the editors sent back, to the editors."""
    story = get_story_for_user(request, slug)
    if not story.is_author(request.user):
        raise PermissionDenied
    if story.submit():
        messages.success(
            request, _("Thank you! The editors will read your story and answer by e-mail.")
        )
    else:
        messages.error(request, _("This story is not waiting to be sent to the editors."))
    return redirect(story)


@editor_required
@require_POST
def story_publication(request: HttpRequest, slug: str) -> HttpResponse:
    """Editors publish a draft of theirs, or take a published story back to draft."""
    story = get_story_for_user(request, slug)
    action = request.POST.get("action")
    if action == "publish" and story.status == StoryStatus.DRAFT:
        story.publish(by=request.user)
        messages.success(request, _("The story is published."))
    elif action == "unpublish" and story.status == StoryStatus.PUBLISHED:
        story.unpublish(by=request.user)
        messages.success(
            request, _("The story is back to draft: only editors and its authors see it.")
        )
    else:
        messages.error(request, _("This cannot be done to the story as it is now."))
    return redirect(story)


# The editors' review -----------------------------------------------------------------------


@editor_required
def review_queue(request: HttpRequest) -> HttpResponse:
    visible = Story.objects.visible_to(request.user).not_hidden()
    context = {
        "queue": visible.awaiting_review().for_cards(),
        "decided": visible.exclude(reviewed_at=None)
        .select_related("reviewed_by__profile")
        .order_by("-reviewed_at")[:20],
    }
    return render(request, "stories/review_queue.html", context)


@editor_required
@require_POST
def decide(request: HttpRequest, slug: str) -> HttpResponse:
    story = get_story_for_user(request, slug)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        errors = " ".join(error for errors in form.errors.values() for error in errors)
        messages.error(request, _("Nothing was saved. %(errors)s") % {"errors": errors})
        return redirect("stories:review")
    decision = form.cleaned_data["decision"]
    if not review.decide(story, decision, by=request.user, note=form.cleaned_data["note"]):
        messages.info(request, _("This story is not waiting for a decision."))
        return redirect("stories:review")
    done = {
        "accept": _("“%(title)s” is published; its author is told by e-mail."),
        "changes": _("The author of “%(title)s” is asked for changes by e-mail."),
        "decline": _("“%(title)s” is declined; its author is told by e-mail."),
    }
    messages.success(request, done[decision] % {"title": story.title})
    return redirect("stories:review")


# Authors' own stories ----------------------------------------------------------------------


@login_required
def my_stories(request: HttpRequest) -> HttpResponse:
    stories = Story.objects.authored_by(request.user).order_by("-updated_at", "-pk")
    return render(request, "stories/mine.html", {"stories": stories.prefetch_related("goals")})


# The editor role ---------------------------------------------------------------------------


@curator_required
@GET_POST
def editors(request: HttpRequest) -> HttpResponse:
    grant = request.POST.get("change") != "revoke"
    form = EditorRoleForm(request.POST or None, grant=grant)
    if request.method == "POST" and form.is_valid():
        person = form.user
        with transaction.atomic():
            if grant:
                StoryEditor.objects.create(user=person, granted_by=request.user)
                AuditLog.record(request.user, "story_editor.granted", person)
                messages.success(request, _("%(name)s is now a story editor.") % {"name": person})
            else:
                StoryEditor.objects.filter(user=person).delete()
                AuditLog.record(request.user, "story_editor.revoked", person)
                messages.success(
                    request, _("%(name)s is no longer a story editor.") % {"name": person}
                )
        return redirect("stories:editors")
    current = StoryEditor.objects.select_related("user__profile", "granted_by__profile").order_by(
        "user__profile__display_name"
    )
    context = {"form": form, "editors": current, "grant": grant}
    return render(request, "stories/editors.html", context, status=400 if form.is_bound else 200)


def feeds_of(kind=None, goal=None) -> list[dict]:
    """The feeds the list links to with <link rel="alternate">: all stories, and the kind's
    and the SDG's feeds when the list is filtered by them."""
    links = [
        (_("All stories"), "stories:feed_rss", "stories:feed_atom", []),
    ]
    if kind is not None:
        links.append((kind.label, "stories:kind_feed_rss", "stories:kind_feed_atom", [kind.value]))
    if goal is not None:
        name = _("Stories on SDG %(number)s") % {"number": goal.number}
        links.append((name, "stories:sdg_feed_rss", "stories:sdg_feed_atom", [goal.number]))
    return [
        feed
        for title, rss, atom, args in links
        for feed in (
            {
                "title": f"{title} (RSS)",
                "type": "application/rss+xml",
                "url": reverse(rss, args=args),
            },
            {
                "title": f"{title} (Atom)",
                "type": "application/atom+xml",
                "url": reverse(atom, args=args),
            },
        )
    ]
