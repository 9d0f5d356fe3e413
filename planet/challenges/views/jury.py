"""Placeholder until written: every view answers 404."""

from django.http import Http404


def invitation_accept(request, *args, **kwargs):
    raise Http404


def jury(request, *args, **kwargs):
    raise Http404


def invite(request, *args, **kwargs):
    raise Http404


def juror_remove(request, *args, **kwargs):
    raise Http404


def assign(request, *args, **kwargs):
    raise Http404


def rubric(request, *args, **kwargs):
    raise Http404


def criterion_edit(request, *args, **kwargs):
    raise Http404


def criterion_delete(request, *args, **kwargs):
    raise Http404


def my_reviews(request, *args, **kwargs):
    raise Http404


def review(request, *args, **kwargs):
    raise Http404


def conflict(request, *args, **kwargs):
    raise Http404


def ranking_page(request, *args, **kwargs):
    raise Http404


def shortlist(request, *args, **kwargs):
    raise Http404


def outcome(request, *args, **kwargs):
    raise Http404


def export_csv(request, *args, **kwargs):
    raise Http404
