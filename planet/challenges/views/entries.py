"""Entries (start, edit, submit, withdraw, read), the entrant's list, and public voting.

Who sees what is decided by planet.challenges.permissions; the rules of entries (limit per
person, deadline, receipt, one vote per verified account) live in planet.challenges.entries.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from planet.challenges import entries as rules
from planet.challenges.entry_forms import EntryForm
from planet.challenges.models import Challenge, Submission, SubmissionStatus, Vote
from planet.challenges.permissions import (
    get_challenge_for_user,
    get_submission_for_user,
    shows_identity,
)

GET_POST = require_http_methods(["GET", "POST"])
MY_ENTRIES_PER_PAGE = 50
VOTING_ENTRIES_PER_PAGE = 48
SAVED = {
    "draft": gettext_lazy("Your draft is saved. It is not submitted yet."),
    "submitted": gettext_lazy("Your entry is submitted. A receipt is on its way to your e-mail."),
    "updated": gettext_lazy("Your entry is updated. A new receipt is on its way to your e-mail."),
}


def _own_entry(request, challenge, pk: int) -> Submission:
    """The entry if it is the user's own: 404 to those who may not see it, 403 to others."""
    entry = get_submission_for_user(request, challenge, pk)
    if entry.entrant_id != request.user.pk:
        raise PermissionDenied
    entry.challenge = challenge
    return entry


def _detail_response(request, challenge, entry, *, status: int = 200) -> HttpResponse:
    entry.challenge = challenge
    is_entrant = request.user.is_authenticated and entry.entrant_id == request.user.pk
    answers = entry.answers.select_related("question", "project")
    results_out = bool(challenge.results_published_at)
    show_identity = shows_identity(request.user, challenge, entry)
    context = {
        "challenge": challenge,
        "entry": entry,
        "answers": rules.answers_for_display(answers, anonymous=not show_identity),
        "show_identity": show_identity,
        "is_entrant": is_entrant,
        "editable": is_entrant and entry.is_editable(),
        "show_outcome": is_entrant and results_out and entry.status == SubmissionStatus.SUBMITTED,
    }
    if context["show_outcome"] and challenge.share_comments:
        context["feedback"] = rules.jury_feedback(entry)
    return render(request, "challenges/entry_detail.html", context, status=status)


@login_required
@require_POST
def entry_create(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug)
    try:
        entry = rules.start_entry(challenge, request.user)
    except rules.EntryRefused as refused:
        messages.error(request, str(refused))
        return redirect(challenge)
    messages.info(request, _("Your draft entry is started: fill it in, then submit it."))
    return redirect("challenges:entry_edit", challenge.slug, entry.pk)


def entry_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug)
    entry = get_submission_for_user(request, challenge, pk)
    return _detail_response(request, challenge, entry)


def _refused(request, challenge, entry, message: str) -> HttpResponse:
    """A refused change: the message, and the entry as it stands, read-only."""
    messages.error(request, message)
    entry = Submission.objects.get(pk=entry.pk)
    return _detail_response(request, challenge, entry, status=403)


def _entry_form(request, entry) -> EntryForm:
    answers = {answer.question_id: answer for answer in entry.answers.select_related("question")}
    submitting = request.method == "POST" and (
        "submit" in request.POST or entry.status == SubmissionStatus.SUBMITTED
    )
    return EntryForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        entry=entry,
        questions=entry.challenge.questions.all(),
        answers=answers,
        submitting=submitting,
    )


@login_required
@GET_POST
def entry_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug)
    entry = _own_entry(request, challenge, pk)
    if not entry.is_editable():
        if request.method == "POST":
            return _refused(request, challenge, entry, rules.why_not_editable(entry))
        return redirect(entry)
    form = _entry_form(request, entry)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = rules.save_entry(entry, form, submit=form.submitting)
        except rules.EntryRefused as refused:
            return _refused(request, challenge, entry, str(refused))
        messages.success(request, SAVED[outcome])
        if outcome == "draft":
            return redirect("challenges:entry_edit", challenge.slug, entry.pk)
        return redirect(entry)
    if form.is_bound:
        messages.error(request, _("Some answers need your attention; nothing was saved."))
    context = {"challenge": challenge, "entry": entry, "form": form}
    return render(
        request, "challenges/entry_form.html", context, status=400 if form.is_bound else 200
    )


@login_required
@require_POST
def entry_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug)
    entry = _own_entry(request, challenge, pk)
    try:
        rules.withdraw_entry(entry)
    except rules.EntryRefused as refused:
        return _refused(request, challenge, entry, str(refused))
    messages.success(
        request, _("“%(title)s” is withdrawn: it will not be reviewed.") % {"title": entry.title}
    )
    return redirect("challenges:mine")


@login_required
def my_entries(request: HttpRequest) -> HttpResponse:
    challenges = Challenge.objects.visible_to(request.user)
    mine = (
        Submission.objects.of_entrant(request.user)
        .filter(challenge__in=challenges)
        .select_related("challenge")
        .order_by("-updated_at", "-pk")
    )
    page = Paginator(mine, MY_ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    now = timezone.now()
    for entry in page:
        entry.editable = entry.is_editable(now)
    return render(request, "challenges/my_entries.html", {"page": page, "entries": page})


def _voting_entries(challenge, counts_public: bool):
    entries = (
        Submission.objects.filter(challenge=challenge)
        .votable()
        .select_related("entrant__profile")
        .prefetch_related(rules.answers_prefetch(rules.TEXT_KINDS))
    )
    if counts_public:
        return entries.annotate(vote_count=Count("votes")).order_by("-vote_count", "pk")
    return entries.order_by("pk")


def voting(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug)
    if not challenge.has_voting():
        raise Http404
    now = timezone.now()
    started = now >= challenge.voting_opens_at
    counts_public = challenge.vote_counts_are_public(now)
    entries = _voting_entries(challenge, counts_public) if started else Submission.objects.none()
    page = Paginator(entries, VOTING_ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    user = request.user
    my_votes = set()
    if user.is_authenticated and started:
        votes = Vote.objects.filter(voter=user, submission__challenge=challenge)
        my_votes = set(votes.values_list("submission_id", flat=True))
    names_shown = shows_identity(user, challenge)
    for entry in page:
        entry.show_identity = names_shown or entry.entrant_id == user.pk
        texts = rules.answers_for_display(entry.answers.all())
        entry.excerpt = texts[0].text if texts else ""
        entry.voted = entry.pk in my_votes
        entry.is_mine = entry.entrant_id == user.pk
    context = {
        "challenge": challenge,
        "page": page,
        "entries": page,
        "started": started,
        "voting_open": challenge.voting_is_open(now),
        "counts_public": counts_public,
    }
    return render(request, "challenges/voting.html", context)


@login_required
@require_POST
def vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug)
    entry = get_object_or_404(Submission.objects.filter(challenge=challenge).votable(), pk=pk)
    entry.challenge = challenge
    try:
        rules.cast_vote(entry, request.user)
    except rules.EntryRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("Your vote for “%(title)s” is counted.") % {"title": entry.title}
        )
    return redirect(reverse("challenges:voting", args=[challenge.slug]) + f"#entry-{entry.pk}")
