"""Placeholder until written: every view answers 404."""

from django.http import Http404


def finalise(request, *args, **kwargs):
    raise Http404


def results_page(request, *args, **kwargs):
    raise Http404


def gallery(request, *args, **kwargs):
    raise Http404
